import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision

from events.models import EventPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]


def test_seed_demo_builds_varied_events(seeded):
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


def test_seed_demo_adds_benchmark_events_and_a_second_run_changes_nothing(
    seeded, django_user_model
):
    """The one test that runs seed_demo twice (each run takes seconds): a run
    on the demo adds the benchmark events, the next one changes nothing."""
    before = EventPage.objects.count()
    call_command("seed_demo", "--events", "3", stdout=io.StringIO())
    assert EventPage.objects.count() == before + 3
    pages, revisions = Page.objects.count(), Revision.objects.count()
    starts = dict(EventPage.objects.values_list("pk", "start"))
    call_command("seed_demo", "--events", "3", stdout=io.StringIO())
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions, "a second run changes nothing"
    assert dict(EventPage.objects.values_list("pk", "start")) == starts
    # Accounts only with --demo-users (tests/home/test_pages.py).
    assert not django_user_model.objects.exists()


def test_seeded_snippet_translations_are_recorded_in_the_translation_editor(seeded):
    """The Hindi event types, venues and speakers show every field translated in
    wagtail-localize, and a sync from English keeps their Hindi ("Workshop" stayed
    English on Hindi cards after one: 0/2 segments done)."""
    from wagtail_localize.models import Translation

    from events.models import EventType

    translations = Translation.objects.filter(target_locale__language_code="hi")
    assert (
        translations.count()
        >= EventType.objects.filter(locale__language_code="en").count()
    )
    for translation in translations:
        total, done = translation.get_progress()
        assert total and done == total, translation.source.object_repr
    workshop = EventType.objects.get(slug="workshop", locale__language_code="en")
    translation = translations.get(source__object_id=workshop.translation_key)
    translation.save_target(publish=True)
    hindi = EventType.objects.get(slug="workshop", locale__language_code="hi")
    assert hindi.name == "कार्यशाला"


def test_seeded_agendas_lie_inside_their_events(seeded):
    """seed_demo gave the 4–5 PM DPDP webinar an agenda to 7 PM."""
    events = EventPage.objects.filter(locale__language_code="en")
    assert events.exists()
    for event in events:
        assert event._agenda_outside_event() is None, event.slug


def test_seeded_policies_are_real_pages_in_every_language(seeded):
    """Privacy and terms were one placeholder sentence; there was no refund policy."""
    from home.models import StandardPage

    pages = {p.slug: p for p in StandardPage.objects.filter(locale__language_code="en")}
    privacy = str(pages["privacy"].body)
    for text in ("data fiduciary", "Grievance Officer", "Data Protection Board"):
        assert text in privacy, text
    assert "governed by the laws of India" in str(pages["terms"].body)
    refunds = pages["refunds"]
    assert "5 to 10 working days" in str(refunds.body)
    assert "refunded in full" in str(refunds.body)
    for code in ("hi", "ta"):
        assert refunds.get_translation(code_locale(code)).live, code


def code_locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)
