"""Reused event querysets: the listing, its filters, upcoming events."""

import datetime as dt

from django.db.models import Prefetch, Q
from django.utils import timezone
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Locale

from .enums import EventFormat
from .models import EventPage, EventType, Language, Venue

CARD_RENDITIONS = ("fill-480x270|format-webp", "fill-960x540|format-webp")


def card_queryset(locale: Locale | None = None):
    """Live, public events with everything a card shows, in a fixed few queries."""
    images = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
    qs = (
        EventPage.objects.live()
        .public()
        .select_related("event_type", "venue")
        .prefetch_related(Prefetch("hero_image", queryset=images))
    )
    if locale is not None:
        qs = qs.filter(locale=locale)
    return qs


def upcoming(qs, *, now=None):
    now = now or timezone.now()
    return qs.filter(end__gte=now).order_by("start", "pk")


def past(qs, *, now=None):
    now = now or timezone.now()
    return qs.filter(end__lt=now).order_by("-start", "-pk")


def filter_choices(index_page) -> dict:
    """Choices for the filter form, from the events under `index_page`."""
    events = EventPage.objects.live().child_of(index_page)
    types = [
        (t.slug, t.name)
        for t in EventType.objects.filter(locale_id=index_page.locale_id)
    ]
    cities = sorted(
        set(
            Venue.objects.filter(
                pk__in=events.exclude(venue=None).values("venue")
            ).values_list("city", flat=True)
        )
    )
    languages = [
        (lang.code, str(lang))
        for lang in Language.objects.filter(
            pk__in=EventPage.languages.through.objects.filter(
                eventpage__in=events
            ).values("language")
        )
    ]
    topics = [
        (tag.slug, tag.name)
        for tag in Tag.objects.filter(
            events_eventpagetag_items__content_object__in=events
        )
        .distinct()
        .order_by("name")
    ]
    return {
        "types": types,
        "cities": cities,
        "languages": languages,
        "topics": topics,
    }


def apply_filters(qs, filters: dict, *, now=None):
    """Narrow `qs` by the listing's filters (see EventFilterForm)."""
    now = now or timezone.now()
    qs = past(qs, now=now) if filters.get("when") == "past" else upcoming(qs, now=now)
    if "type" in filters:
        qs = qs.filter(event_type__slug=filters["type"])
    if "format" in filters and filters["format"] in EventFormat.values:
        qs = qs.filter(format=filters["format"])
    if "city" in filters:
        qs = qs.filter(venue__city=filters["city"])
    if "language" in filters:
        qs = qs.filter(languages__code=filters["language"])
    if "topic" in filters:
        qs = qs.filter(tags__slug=filters["topic"])
    if "month" in filters:
        year, month = (int(part) for part in filters["month"].split("-"))
        tz = timezone.get_current_timezone()
        first = dt.datetime(year, month, 1, tzinfo=tz)
        following = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
        # Events running at any time in that month.
        qs = qs.filter(start__lt=following, end__gte=first)
    if "q" in filters:
        q = filters["q"].strip()
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(summary__icontains=q)
            | Q(venue__city__icontains=q)
            | Q(venue__name__icontains=q)
            | Q(tags__name__icontains=q)
        )
    if "language" in filters or "topic" in filters or "q" in filters:
        qs = qs.distinct()
    return qs
