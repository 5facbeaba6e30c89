"""Dates and times in IST, written one way on pages, in emails and in calendars.

12-hour clock with AM/PM ("पूर्वाह्न"/"अपराह्न" in Hindi) and Django's standalone
month names ("दिसंबर"), whatever the active language.
"""

import datetime as dt

from django.utils import dateformat, timezone
from django.utils.translation import gettext, gettext_lazy, pgettext

# Staff type dates in the admin as IST (TIME_ZONE); date fields say so.
IST_HINT = gettext_lazy("India Standard Time (IST, UTC+5:30).")


def _local(value):
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(value) -> str:
    """5 December 2026 / 5 दिसंबर 2026 (`E` is the standalone month name)."""
    return dateformat.format(_local(value), "j E Y") if value else ""


def format_month(value) -> str:
    """December 2026 / दिसंबर 2026."""
    return dateformat.format(_local(value), "E Y") if value else ""


def format_time(value) -> str:
    """10:00 PM / 10:00 अपराह्न, for a datetime (shown in IST) or a time of day."""
    if value is None:
        return ""
    value = _local(value)
    if value.hour < 12:
        meridiem = pgettext("time of day", "AM")
    else:
        meridiem = pgettext("time of day", "PM")
    return f"{value.hour % 12 or 12}:{value.minute:02d} {meridiem}"


def zone_name() -> str:
    return gettext("IST")


def format_datetime(value, *, zone: bool = True) -> str:
    """5 December 2026, 10:00 PM IST."""
    if not value:
        return ""
    text = f"{format_date(value)}, {format_time(value)}"
    return f"{text} {zone_name()}" if zone else text


def format_range(start, end, *, zone: bool = True) -> str:
    """5 December 2026, 10:00 AM – 5:00 PM IST; both dates when the days differ."""
    if not end:
        return format_datetime(start, zone=zone)
    if format_date(start) == format_date(end):
        text = f"{format_datetime(start, zone=False)} – {format_time(end)}"
    else:
        text = (
            f"{format_datetime(start, zone=False)} – {format_datetime(end, zone=False)}"
        )
    return f"{text} {zone_name()}" if zone else text
