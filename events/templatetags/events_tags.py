"""Template tags of events, also used by the home page (`{% upcoming_events 3 %}`)."""

from django import template
from django.template.loader import render_to_string
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
    # Events not translated yet come in the main language (the card says so).
    events = list(
        queries.upcoming(queries.in_language(queries.card_queryset(), language))[
            : int(count)
        ]
    )
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


def cta_context(event, availability, *, registration=None, register_url=None) -> dict:
    """What the call to action (events/includes/cta.html) shows: one place.

    Event pages carry it with `registration` None, the same for everybody
    (they may be cached; seats are refreshed from availability.json); /me.json
    gives a signed-in visitor theirs (`events.views.personal_parts`).
    """
    from ..payments import is_configured
    from ..views import register_url as url_of

    return {
        "event": event,
        "availability": availability,
        "register_url": register_url or url_of(event, event.get_url() or ""),
        "registration": registration,
        "payments_available": event.is_free or is_configured(),
    }


@register.simple_tag(takes_context=True)
def event_cta(context, event):
    """The call to action as everybody sees it (no visitor's registration)."""
    from ..services import availability

    return render_to_string(
        "events/includes/cta.html",
        cta_context(
            event,
            context.get("event_availability") or availability(event),
            register_url=context.get("register_url"),
        ),
    )


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
