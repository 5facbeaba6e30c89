"""Spreadsheet exports that a spreadsheet program cannot run as formulas.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read
as a formula by Excel, LibreOffice and Google Sheets (CSV injection, OWASP).
Every admin export goes through `neutralise`, which puts a `'` in front of such
a cell: the program shows the text as typed and runs nothing.
"""

from wagtail.admin.views.generic.models import IndexView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value`, with a leading `'` when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class NeutralisedExportMixin:
    """For Wagtail index views with `list_export`: every cell goes through neutralise."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))


class SafeIndexView(NeutralisedExportMixin, IndexView):
    """The index view of a `ModelViewSet`, with neutralised exports."""


class SafeSnippetIndexView(NeutralisedExportMixin, SnippetIndexView):
    """The index view of a `SnippetViewSet`, with neutralised exports."""
