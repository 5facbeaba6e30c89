"""Startup and application exports neutralise formula cells (CSV injection)."""

import csv
import io

import openpyxl
import pytest

pytestmark = pytest.mark.django_db

ATTACKS = ['=HYPERLINK("http://evil.test","click")', "=cmd|' /C calc'!A0"]


def test_startup_csv_export_neutralises_cells(client, staff_user, application):
    startup = application.startup
    startup.name = ATTACKS[0]
    startup.city = ATTACKS[1]
    startup.save()
    client.force_login(staff_user)
    response = client.get("/admin/startup/", {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = {cell for row in rows[1:] for cell in row}
    assert "'" + ATTACKS[0] in cells
    assert "'" + ATTACKS[1] in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_application_xlsx_export_neutralises_cells(client, staff_user, application):
    application.compute_purpose = "=cmd|' /C calc'!A0"
    application.save()
    client.force_login(staff_user)
    response = client.get("/admin/application/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content))
    ).active
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "'=cmd|' /C calc'!A0" in values
