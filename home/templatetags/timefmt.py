"""`{% load timefmt %}`: the filters over home.timefmt for every app's templates."""

from django import template

from .. import timefmt

register = template.Library()


@register.filter
def ist(value):
    """5 December 2026, 10:00 PM IST."""
    return timefmt.format_datetime(value)


@register.filter
def ist_datetime(value):
    """5 December 2026, 10:00 PM (where the template names the zone itself)."""
    return timefmt.format_datetime(value, zone=False)


@register.filter
def ist_date(value):
    return timefmt.format_date(value)


@register.filter
def ist_time(value):
    return timefmt.format_time(value)


@register.filter
def ist_month(value):
    return timefmt.format_month(value)


@register.filter
def ist_range(start, end):
    """`{{ event.start|ist_range:event.end }}`: 5 December 2026, 10:00 AM – 5:00 PM IST."""
    return timefmt.format_range(start, end)
