"""Reused event querysets: the listing, its filters, upcoming events."""

import datetime as dt

from django.conf import settings
from django.db.models import (
    CharField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from taggit.models import Tag
from wagtail.images import get_image_model

from home.privacy import public

# Shared with cohorts; events' views and tags call them as queries.*.
from home.translations import in_language, listed_under  # noqa: F401 -- re-export

from .enums import EventFormat
from .models import EventPage, EventType, Language, Topic, Venue

# The widths card.html's srcset offers (one per phone width and pixel density).
CARD_WIDTHS = ((360, 203), (480, 270), (720, 405), (960, 540))
CARD_RENDITIONS = tuple(f"fill-{w}x{h}|format-webp" for w, h in CARD_WIDTHS)


def card_queryset():
    """Live, public events with everything a card shows, in two queries."""
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=CARD_RENDITIONS)
    )
    return public(
        EventPage.objects.live()
        .select_related("event_type", "venue", "hero_image")
        .prefetch_related(
            Prefetch(
                "hero_image__renditions",
                queryset=renditions,
                to_attr="prefetched_renditions",
            )
        )
    )


def upcoming(qs, *, now=None):
    now = now or timezone.now()
    return qs.filter(end__gte=now).order_by("start", "pk")


def past(qs, *, now=None):
    now = now or timezone.now()
    return qs.filter(end__lt=now).order_by("-start", "-pk")


def topic_name(locale_id):
    """A tag's name in a language: its topic's, or the tag's own as typed."""
    names = Topic.objects.filter(tag=OuterRef("pk"), locale_id=locale_id)
    return Coalesce(Subquery(names.values("name")[:1]), F("name"))


def _choice_rows(queryset, kind: str, key: str, label, extra: str, order):
    """(kind, key, label, extra label, order) rows, so four lists share one query."""
    text = CharField()
    return queryset.order_by().values_list(
        Value(kind, output_field=text),
        Cast(key, text),
        Cast(label, text),
        Cast(extra, text) if extra else Value("", output_field=text),
        order if order else Value(0, output_field=IntegerField()),
    )


def filter_choices(index_page) -> dict:
    """Choices for the filter form, from the events under `index_page`, in one query."""
    events = EventPage.objects.live().child_of(index_page)
    rows = _choice_rows(
        EventType.objects.filter(locale_id=index_page.locale_id),
        "types",
        "slug",
        "name",
        "",
        "sort_order",
    ).union(
        _choice_rows(
            Venue.objects.filter(pk__in=events.exclude(venue=None).values("venue")),
            "cities",
            city_key(),
            city_name(index_page.locale_id),
            "",
            None,
        ),
        _choice_rows(
            Language.objects.filter(
                pk__in=EventPage.languages.through.objects.filter(
                    eventpage__in=events
                ).values("language")
            ),
            "languages",
            "code",
            "name",
            "native_name",
            "sort_order",
        ),
        _choice_rows(
            Tag.objects.filter(events_eventpagetag_items__content_object__in=events),
            "topics",
            "slug",
            topic_name(index_page.locale_id),
            "",
            None,
        ),
    )
    choices = {"types": [], "cities": [], "languages": [], "topics": []}
    cities = set()
    for kind, key, label, extra, _order in sorted(
        set(rows), key=lambda row: (row[4], row[2].casefold(), row[1])
    ):
        if kind == "languages":
            label = str(Language(name=label, native_name=extra))
        if kind == "cities":
            if key in cities:
                continue  # one entry per city, whatever its venues' languages
            cities.add(key)
        choices[kind].append((key, label))
    choices["months"] = event_months(events)
    return choices


def city_key():
    """A venue's city as the site's main language names it: the same in every
    language, so a filtered address works on the English and the Hindi page."""
    main = Venue.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=settings.LANGUAGE_CODE,
    )
    return Coalesce(Subquery(main.values("city")[:1]), F("city"))


def city_name(locale_id):
    """A venue's city as the listing's language names it (its translation's), so
    that a city is listed once even where an event points at another language's
    venue."""
    named = Venue.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=locale_id
    )
    return Coalesce(Subquery(named.values("city")[:1]), F("city"))


def event_months(events) -> set[str]:
    """'YYYY-MM' of every month (IST) in which one of `events` runs."""
    months = set()
    for start, end in events.values_list("start", "end"):
        day = timezone.localtime(start).date().replace(day=1)
        last = timezone.localtime(end).date()
        while day <= last:
            months.add(f"{day:%Y-%m}")
            day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def apply_filters(qs, filters: dict, *, now=None):
    """Narrow `qs` by the listing's filters (see EventFilterForm)."""
    now = now or timezone.now()
    qs = past(qs, now=now) if filters.get("when") == "past" else upcoming(qs, now=now)
    if "type" in filters:
        qs = qs.filter(event_type__slug=filters["type"])
    if "format" in filters and filters["format"] in EventFormat.values:
        qs = qs.filter(format=filters["format"])
    if "city" in filters:
        # The city as named in any language: keys and old addresses both work.
        venues = Venue.objects.filter(city__iexact=filters["city"])
        qs = qs.filter(venue__translation_key__in=venues.values("translation_key"))
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
            | Q(tags__topics__name__icontains=q)
        )
    if "language" in filters or "topic" in filters or "q" in filters:
        qs = qs.distinct()
    return qs


def registrations_for(user) -> list:
    """The user's registrations, newest event first, each with its event in the
    current language (`localized_event`)."""
    from .models import Registration

    registrations = list(
        Registration.objects.visible_to(user)
        .select_related("event")
        .prefetch_related("payments")
        .order_by("-event__start")
    )
    for registration in registrations:
        registration.localized_event = registration.event.localized
        registration.money_payment = money_payment(registration)
    return registrations


def money_payment(registration):
    """The registration's latest payment that took money (paid, refund pending or
    refunded), or None; uses prefetched payments when there are."""
    from .enums import PaymentStatus

    taken = {PaymentStatus.PAID, PaymentStatus.REFUND_PENDING, PaymentStatus.REFUNDED}
    payments = [p for p in registration.payments.all() if p.status in taken]
    return max(payments, key=lambda p: p.pk, default=None)


def waitlist_position(registration) -> int:
    """1 for the first in line: the order in which freed seats are offered."""
    from .enums import RegistrationStatus
    from .models import Registration

    ahead = Registration.objects.for_event(registration.event).filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, pk__lt=registration.pk),
        status=RegistrationStatus.WAITLISTED,
    )
    return ahead.count() + 1


def event_routed_at(request, path: str):
    """The live event that Wagtail routes `path` to (an address without the
    language prefix, such as "events/<slug>/register/"), in the active
    language on this request's site, or None when it is not an event's.

    Wagtail's routing finds it once per site generation in each process; after
    that one query by its id. Publishing, unpublishing, moving or renaming a
    page starts a new generation (home.signals), so the address always leads
    where Wagtail's routing would.
    """
    from django.utils import translation
    from wagtail.models import Page

    from home.caching import remembered

    def route() -> int:
        found = Page.route_for_request(request, path)
        page = found[0] if found is not None else None
        return page.pk if isinstance(page, EventPage) else 0

    key = f"event-at:{request.get_host()}:{translation.get_language()}:{path}"
    pk = remembered(key, route)
    return EventPage.objects.live().filter(pk=pk).first() if pk else None
