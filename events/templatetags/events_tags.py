"""Template tags of events, also used by the home page (`{% upcoming_events 3 %}`)."""

from django import template
from django.utils import translation

from home.caching import generation

from .. import queries
from ..formatting import format_inr
from ..services import availability_for

register = template.Library()


@register.filter
def inr(paise):
    """Paise shown as rupees with Indian grouping: ₹1,00,000."""
    if paise in (None, ""):
        return ""
    return format_inr(paise)


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
        "generation": generation(),
    }


@register.filter
def availability_of(availability, event):
    return availability.get(event.pk) if availability else None
