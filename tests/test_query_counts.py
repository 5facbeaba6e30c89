"""Queries of an uncached render of the pages people browse, signed in or not.

Counted right after the site's generation changed (as after any publish): the
page, menu, footer and fragments are rendered again, Wagtail's table of site
root paths is warm. Each page stays within 20 queries, and the count is the
same with one and with three events and cohorts (pretalx's 1-and-3 way). A
signed-in visitor has a registration and an application, so that their own
parts are counted too.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events.models import EventSpeaker
from home.caching import new_generation
from home.models import HomePage
from tests.factories.cohorts import ApplicationFactory, StartupFactory, create_cohort
from tests.factories.events import (
    SpeakerFactory,
    VenueFactory,
    make_event,
    make_index,
    register,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def add_items(home, index, start, count):
    for n in range(start, start + count):
        event = make_event(
            index, slug=f"event-{n}", title=f"Event {n}", venue=VenueFactory()
        )
        for _ in range(2):
            EventSpeaker.objects.create(page=event, speaker=SpeakerFactory())
        if n:
            create_cohort(f"cohort-{n}")


URLS = ("/", "/events/", "/events/event-0/", "/cohorts/", "/cohorts/cohort-0/")


def counts(client) -> dict:
    result = {}
    for url in URLS:
        client.get(url)  # renditions and settings are made on the first view
        new_generation()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Page-Cache"] != "hit", url
        result[url] = len(queries)
    return result


def test_uncached_pages_take_few_queries_and_as_many_for_three_items(user):
    create_cohort("cohort-0")  # the home page and the cohorts index with it
    home = HomePage.objects.get(locale__language_code="en")
    index = make_index(home)
    add_items(home, index, 0, 1)
    event = index.get_children().get(slug="event-0").specific
    register(event, user)
    ApplicationFactory(
        cohort=home.get_descendants().get(slug="cohort-0").specific,
        startup=StartupFactory(owner=user),
    )
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(user)
    one = {"anonymous": counts(anonymous), "signed in": counts(signed_in)}
    add_items(home, index, 1, 2)
    three = {"anonymous": counts(anonymous), "signed in": counts(signed_in)}

    print("\nqueries per uncached view (one item / three items):")
    for who, pages in one.items():
        for url, value in pages.items():
            print(f"  {who:10} {url:22} {value:3} {three[who][url]:3}")
    assert one == three
    for who, pages in three.items():
        for url, value in pages.items():
            assert value <= MAX_QUERIES, (who, url, value)


def test_demo_pages_take_at_most_twenty_queries(seeded, user):
    """The demo's busiest event (image, speakers, agenda, topics, languages)
    and its open cohort, anonymous and signed in."""
    from cohorts.models import CohortPage
    from tests.events.test_queries import _busiest_event

    event = _busiest_event()
    cohort = CohortPage.objects.live().filter(locale__language_code="en").first()
    register(event, user)
    ApplicationFactory(cohort=cohort, startup=StartupFactory(owner=user))
    urls = ["/", "/events/", event.url, "/cohorts/", cohort.url, "/hi/"]
    signed_in = Client()
    signed_in.force_login(user)
    for client in (Client(), signed_in):
        for url in urls:
            client.get(url)
            new_generation()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            assert len(queries) <= MAX_QUERIES, (url, len(queries))
