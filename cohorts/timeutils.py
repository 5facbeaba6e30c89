"""Time helpers: deadlines in IST and countdowns that read well without JavaScript."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def humanize_remaining(delta: dt.timedelta) -> str:
    """'3 days 4 hours', '5 hours 10 minutes', '12 minutes'; two units at most."""
    seconds = max(int(delta.total_seconds()), 0)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(ngettext("%(n)d day", "%(n)d days", days) % {"n": days})
    if hours and len(parts) < 2:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if not days and (minutes or not parts):
        parts.append(
            ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
        )
    return " ".join(parts)


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight IST (the current time zone) at the start of `day`."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def end_of_day(day: dt.date) -> dt.datetime:
    return start_of_day(day + dt.timedelta(days=1))


def closes_in(deadline: dt.datetime, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    return _("closes in %(time)s") % {"time": humanize_remaining(deadline - now)}
