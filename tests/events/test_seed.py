import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from events.models import EventPage

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_varied_events_and_is_idempotent(seeded):
    for code in ("en", "hi"):
        events = EventPage.objects.live().filter(locale__language_code=code)
        assert events.count() >= 12, code
    events = list(
        EventPage.objects.live()
        .filter(locale__language_code="en")
        .select_related("event_type", "venue")
    )
    now = timezone.now()
    assert any(e.end < now for e in events) and any(e.end >= now for e in events)
    assert {"workshop", "seminar", "conference", "webinar"} <= {
        e.event_type.slug for e in events
    }
    assert {"in_person", "online", "hybrid"} <= {e.format for e in events}
    assert any(e.price_paise == 0 for e in events)
    assert any(e.price_paise > 0 for e in events)
    assert any(e.waitlist_enabled and e.capacity and e.capacity <= 20 for e in events)
    assert any(e.needs_approval for e in events)
    assert len({e.venue.city for e in events if e.venue}) >= 5
    assert all(e.hero_image_id for e in events)

    revisions = Revision.objects.count()
    starts = {e.pk: e.start for e in events}
    call_command("seed_demo", stdout=io.StringIO())
    assert Revision.objects.count() == revisions, "a second run changes nothing"
    for event in EventPage.objects.filter(pk__in=starts):
        assert event.start == starts[event.pk]


def test_seed_demo_adds_benchmark_events(seeded):
    before = EventPage.objects.count()
    call_command("seed_demo", "--events", "3", stdout=io.StringIO())
    assert EventPage.objects.count() == before + 3
    call_command("seed_demo", "--events", "3", stdout=io.StringIO())
    assert EventPage.objects.count() == before + 3
