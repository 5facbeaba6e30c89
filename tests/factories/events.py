"""Factories for events: snippets with factory_boy, pages through the page tree."""

import datetime as dt

import factory
from django.utils import timezone
from wagtail.models import Locale

from events.enums import EventFormat
from events.models import EventIndexPage, EventPage, EventType, Speaker, Venue


def _locale():
    return Locale.get_default()


class EventTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventType
        django_get_or_create = ("slug", "locale")

    name = "Workshop"
    slug = "workshop"
    locale = factory.LazyFunction(_locale)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Hall {n}")
    address = "1 MG Road"
    city = "Bengaluru"
    state = "Karnataka"
    locale = factory.LazyFunction(_locale)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    role = "Researcher"
    organisation = "Open Indic Models Lab"
    locale = factory.LazyFunction(_locale)


def make_index(home, **fields) -> EventIndexPage:
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = EventIndexPage(title="Events", slug="events", **fields)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def make_event(index, *, publish=True, days=10, hours=3, **fields) -> EventPage:
    """A live event `days` from now (negative: in the past)."""
    start = fields.pop("start", None) or (
        timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    )
    defaults = {
        "title": "An event",
        "summary": "A short summary.",
        "format": EventFormat.ONLINE,
        "start": start,
        "end": start + dt.timedelta(hours=hours),
        "capacity": 100,
        "price_paise": 0,
    }
    defaults.update(fields)
    if "event_type" not in defaults:
        defaults["event_type"] = EventTypeFactory()
    if "slug" not in defaults:
        defaults["slug"] = f"event-{EventPage.objects.count() + 1}"
    event = EventPage(**defaults)
    index.add_child(instance=event)
    if publish:
        event.save_revision().publish()
        event.refresh_from_db()
    return event


def register(event, user=None, **fields):
    """A registration through the service (as the form makes it)."""
    from events.registration import register_attendee
    from tests.factories.home import VerifiedUserFactory

    user = user or VerifiedUserFactory()
    details = {"name": user.get_full_name() or "Asha Rao", "email": user.email}
    details.update(fields.pop("details", {}))
    return register_attendee(
        event,
        user=user,
        details=details,
        language=fields.pop("language", "en"),
        payments_available=fields.pop("payments_available", True),
        **fields,
    )


def translate(event, language="hi", title=None):
    """Publish a translation of `event` (same slug, same seats), with `title`."""
    locale = Locale.objects.get_or_create(language_code=language)[0]
    translated = event.copy_for_translation(locale, copy_parents=True)
    if title is not None:
        translated.title = title
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated
