"""Admin spreadsheet exports never hand a spreadsheet program a formula (CSV injection)."""

import pytest

from home.exports import neutralise
from home.models import Partner

pytestmark = pytest.mark.django_db

ATTACKS = [
    '=HYPERLINK("http://evil.test","click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTAB",
    "\rCR",
]


@pytest.mark.parametrize("value", ATTACKS)
def test_neutralise_prefixes_formula_starts(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Sarvam", "", "a=b", "1-2", 42, None])
def test_neutralise_leaves_plain_values(value):
    assert neutralise(value) == value


def test_snippet_csv_export_neutralises_cells(client, staff_user):
    Partner.objects.create(name="@SUM(A1:A9)", url="https://example.in")
    client.force_login(staff_user)
    response = client.get("/admin/snippets/home/partner/", {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert "'@SUM(A1:A9)" in body
