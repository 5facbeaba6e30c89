"""Database queries per page, the pretalx way: the same for few and many events.

Two situations are counted for the events listing and an event page, in both
languages, anonymous:

- a fresh render: the site's generation has just changed (publishing an event
  does that), so the page, menu and footer are rendered again, while Wagtail's
  table of site root paths is warm. This is the first view after every change,
  and must stay within 25 queries (Wagtail's routing takes 6 to 8 of them);
- everything cold (`cache.clear()`), as after a deploy with an empty cache.

A cached view (every other anonymous view) takes none: seats come from
`availability.json`.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventIndexPage, EventPage
from home.caching import new_generation
from tests.factories.events import make_event

pytestmark = pytest.mark.django_db

MAX_QUERIES = 25


def _queries(client, url, *, status):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Page-Cache"] == status, url
    return len(queries)


def _counts(client, urls) -> dict:
    counts = {}
    for url in urls:
        client.get(url)  # renditions are made once, on the first view
        new_generation()
        counts[url, "fresh"] = _queries(client, url, status="miss")
        counts[url, "cached"] = _queries(client, url, status="hit")
        cache.clear()
        counts[url, "cold"] = _queries(client, url, status="miss")
    return counts


def _busiest_event():
    """The upcoming demo event with the most on its page: image, speakers, Hindi."""
    events = EventPage.objects.live().filter(
        locale__language_code="en", end__gte=timezone.now(), hero_image__isnull=False
    )
    return max(events, key=lambda e: (e.event_speakers.count(), e.languages.count()))


def test_query_counts_same_for_few_and_many_events(client, seeded):
    event = _busiest_event()
    assert event.event_speakers.filter(speaker__photo__isnull=False).exists()
    urls = [
        "/events/",
        "/events/?type=workshop&format=in_person",
        "/events/?when=past",
        f"/events/{event.slug}/",
        "/hi/events/",
        f"/hi/events/{event.slug}/",
    ]
    few = _counts(client, urls)

    index = EventIndexPage.objects.get(locale__language_code="en")
    template = EventPage.objects.filter(locale__language_code="en").first()
    for i in range(60):
        make_event(
            index,
            slug=f"bulk-{i}",
            days=1 + i % 60,
            event_type=template.event_type,
            venue=template.venue,
            hero_image=template.hero_image,
            publish=False,
            live=True,
        )
    assert EventPage.objects.live().count() > 60
    many = _counts(client, urls)

    print("\nqueries per view (few events / many events):")
    for key, value in few.items():
        print(f"  {key[0]:45} {key[1]:6} {value:3} {many[key]:3}")
    # Never more for many events. A listing page that holds no translation
    # (here the 60 English events fill /hi/'s first page) is one query fewer:
    # pages in the default language own their facts (home.facts.sources_of).
    for key, value in few.items():
        assert value - 1 <= many[key] <= value, (key, value, many[key])
    for (url, kind), value in many.items():
        if kind == "fresh":
            assert value <= MAX_QUERIES, (url, kind, value)
        if kind == "cached":
            assert value == 0, (url, kind, value)
