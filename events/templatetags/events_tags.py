"""Template tags of events, also used by the home page (`{% upcoming_events 3 %}`)."""

from django import template
from django.template.loader import render_to_string
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


def cta_context(event, availability, *, registration=None) -> dict:
    """What the call to action (events/includes/cta.html) shows: one place.

    The page cache fills the anonymous version from here with `registration`
    None; a signed-in visitor's fresh page passes their registration.
    """
    from ..caching import register_url
    from ..payments import is_configured

    return {
        "event": event,
        "availability": availability,
        "register_url": register_url(event),
        "registration": registration,
        "payments_available": event.is_free or is_configured(),
    }


@register.simple_tag(takes_context=True)
def event_cta(context, event):
    """The call to action: a cache marker for anonymous visitors, else rendered
    with the visitor's own registration (their pages are never cached)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return cta_marker(event)
    from ..models import Registration
    from ..services import availability

    registration = (
        Registration.objects.for_event(event).filter(user=user).active().first()
    )
    return render_to_string(
        "events/includes/cta.html",
        cta_context(event, availability(event), registration=registration),
    )
