"""Template tags of events, also used by the home page (`{% upcoming_events 3 %}`)."""

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from .. import queries
from ..caching import marker
from ..formatting import format_inr
from ..services import availability_for

register = template.Library()


@register.filter
def inr(paise):
    """Paise shown as rupees with Indian grouping: ₹1,00,000."""
    if paise in (None, ""):
        return ""
    return format_inr(paise)


@register.simple_tag
def seats_marker(event):
    """Where the seats badge goes; filled in fresh on every response."""
    return mark_safe(marker("seats", event.pk))  # noqa: S308 -- a fixed comment


@register.simple_tag
def cta_marker(event):
    """Where the call to action goes; filled in fresh on every response."""
    return mark_safe(marker("cta", event.pk))  # noqa: S308 -- a fixed comment


@register.inclusion_tag("events/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, count=3):
    from ..models import EventIndexPage

    language = translation.get_language()
    events = list(queries.upcoming(queries.card_queryset(language))[: int(count)])
    index = (
        EventIndexPage.objects.live().filter(locale__language_code=language).first()
        if events
        else None
    )
    return {
        "request": context.get("request"),
        "events": events,
        "index_page": index,
        "availability": availability_for(events),
        "defer_seats": False,
    }


@register.filter
def availability_of(availability, event):
    return availability.get(event.pk) if availability else None


@register.simple_tag(takes_context=True)
def events_listing_url(context):
    """The events listing in the active language (e.g. for "Browse all events")."""
    from ..models import EventIndexPage

    index = (
        EventIndexPage.objects.live()
        .public()
        .filter(locale__language_code=translation.get_language())
        .first()
    )
    return index.get_url(request=context.get("request")) if index else ""
