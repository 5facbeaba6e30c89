"""Site search finds events by type, city, topic and speaker (issue 12, item 6)."""

from wagtail.search.backends import get_search_backend

from events.models import EventSpeaker
from tests.factories.events import (
    EventTypeFactory,
    SpeakerFactory,
    VenueFactory,
    make_event,
)


def _indexed(event):
    get_search_backend().add(event)
    return event


def test_search_finds_events_by_type_city_and_speaker(client, index):
    event = make_event(
        index,
        title="Fine-tuning Indic LLMs",
        slug="fine-tuning",
        event_type=EventTypeFactory(name="Workshop", slug="workshop"),
        venue=VenueFactory(city="Bengaluru"),
    )
    EventSpeaker.objects.create(page=event, speaker=SpeakerFactory(name="Ananya Rao"))
    _indexed(event)
    for query in ("workshop", "bengaluru", "Ananya"):
        html = client.get("/search/", {"q": query}).content.decode()
        assert "Fine-tuning Indic LLMs" in html, query
    assert "search-results__meta" in html  # the date and type on the card
    assert "Workshop" in html


def test_search_with_no_results_suggests_the_events_listing(client, index):
    html = client.get("/search/", {"q": "zzzzqqq"}).content.decode()
    assert "Browse all events" in html
    assert 'href="/events/"' in html
