"""Spreadsheet exports that a spreadsheet program cannot run as formulas.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read
as a formula by Excel, LibreOffice and Google Sheets (CSV injection, OWASP).
Every admin export goes through `neutralise`, which puts a `'` in front of such
a cell: the program shows the text as typed and runs nothing.

Dates and times are written as everywhere else (home.timefmt: IST, named, in the
staff member's language) in CSV, and as date cells in IST shown day first in XLSX,
not as UTC: Wagtail's XLSX export writes naive UTC times that a spreadsheet shows
as if they were local.
"""

import datetime as dt

from django.utils import timezone, translation
from wagtail.admin.views.generic.models import IndexView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

from . import timefmt

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Spreadsheet cells: IST, day first (the Indian order), to the minute.
XLSX_DATETIME = "dd-mm-yyyy hh:mm"


def neutralise(value):
    """`value`, with a leading `'` when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_response(rows, *, name: str, fmt: str):
    """`rows` (a header first) as a CSV or XLSX download called `name`, every
    text cell neutralised; any other `fmt` is a 404."""
    import csv
    import io

    from django.http import Http404, HttpResponse

    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = [[neutralise(value) for value in row] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        # A byte order mark so that spreadsheet programs read UTF-8 (Hindi).
        buffer.write("\ufeff")
        csv.writer(buffer).writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv")
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append(row)
        output = io.BytesIO()
        workbook.save(output)
        response = HttpResponse(
            output.getvalue(),
            content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ),
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _in_language(language, rows):
    while True:
        with translation.override(language):
            row = next(rows, None)
        if row is None:
            return
        yield row


class NeutralisedExportMixin:
    """For Wagtail index views with `list_export`: every cell goes through neutralise."""

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        return super().generate_xlsx_row(worksheet, row_dict, XLSX_DATETIME)

    def stream_csv(self, queryset):
        # The CSV is written after the view returns, when the request's language
        # is no longer active: each row is written in the language of the request.
        return _in_language(translation.get_language(), super().stream_csv(queryset))

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, dt.datetime):
            if export_format == self.FORMAT_XLSX:
                # A real date cell (sortable), in IST, shown day first.
                return timezone.localtime(value).replace(tzinfo=None)
            return timefmt.format_datetime(value)
        if isinstance(value, dt.date):
            return timefmt.format_date(value)
        return neutralise(super().preprocess_field_value(field, value, export_format))


class SafeIndexView(NeutralisedExportMixin, IndexView):
    """The index view of a `ModelViewSet`, with neutralised exports."""

    results_template_name = "home/admin/index_results.html"


class SafeSnippetIndexView(NeutralisedExportMixin, SnippetIndexView):
    """The index view of a `SnippetViewSet`, with neutralised exports."""

    results_template_name = "home/admin/snippet_index_results.html"
