"""Admin listings and inspect views of our models show times as pages do.

Wagtail renders a datetime field with Django's DATETIME_FORMAT and no zone; these
go through home.timefmt instead (IST, named, 12-hour clock in every language).
"""

import datetime as dt

from django.utils.text import capfirst
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView

from . import timefmt


def ist_column(model, name: str, **kwargs) -> Column:
    """A listing column for the datetime field `name`, sortable by it."""
    label = kwargs.pop("label", None) or capfirst(
        model._meta.get_field(name).verbose_name
    )
    return Column(
        name,
        label=label,
        accessor=lambda obj: timefmt.format_datetime(getattr(obj, name)),
        sort_key=name,
        **kwargs,
    )


class IstInspectView(InspectView):
    """An inspect view whose dates and times read as on the site."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, dt.datetime):
            return timefmt.format_datetime(value) or "-"
        if isinstance(value, dt.date):
            return timefmt.format_date(value)
        return value
