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


def _csv_rows(response) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))


def _xlsx_rows(response) -> list[list]:
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_board_downloads_neutralise_every_text_cell(fmt):
    """The selection boards' downloads (home.exports.spreadsheet_response):
    the header and every row, as a CSV or as an XLSX file."""
    from home.exports import spreadsheet_response

    rows = [["Startup", "Pitch"], ["=cmd|' /C calc'!A0", "@SUM(A1:A2)"], ["Ok", 7]]
    response = spreadsheet_response(rows, name="board", fmt=fmt)
    assert response["Content-Disposition"] == f'attachment; filename="board.{fmt}"'
    read = _csv_rows(response) if fmt == "csv" else _xlsx_rows(response)
    assert read == [
        ["Startup", "Pitch"],
        ["'=cmd|' /C calc'!A0", "'@SUM(A1:A2)"],
        ["Ok", "7" if fmt == "csv" else 7],
    ]


def test_index_exports_write_times_in_ist_and_dates_by_name():
    """CSV cells read as everywhere else on the site (IST, the month named); an
    XLSX cell is a real date-time in IST (Wagtail's own writes naive UTC)."""
    import datetime as dt

    from django.utils import translation

    from home.exports import SafeIndexView

    view = SafeIndexView()
    moment = dt.datetime(2026, 12, 5, 16, 30, tzinfo=dt.UTC)  # 10:00 PM in India
    with translation.override("en"):
        assert view.preprocess_field_value(None, moment, "csv") == (
            "5 December 2026, 10:00 PM IST"
        )
        assert view.preprocess_field_value(None, dt.date(2026, 12, 5), "csv") == (
            "5 December 2026"
        )
        assert view.preprocess_field_value(None, dt.date(2026, 12, 5), "xlsx") == (
            "5 December 2026"
        )
    ist_cell = dt.datetime(2026, 12, 5, 22, 0)  # noqa: DTZ001 -- a naive cell, in IST
    assert view.preprocess_field_value(None, moment, "xlsx") == ist_cell
    assert view.preprocess_field_value(None, "=1+1", "csv") == "'=1+1"
