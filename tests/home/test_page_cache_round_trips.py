"""What a page-cache hit costs in round trips to the shared cache (home.caching).

With the generation trusted for a window (as in production), a page this
process served lately is answered from its memory with no round trip; a page
another app server rendered costs one for its entry and one for its body, and
is then kept here; a generation read with the entry is trusted for the window.
Each of these was a surviving mutant of the mutation run of home/: the answers
were the same, only the round trips (the cost of every hit in a rush) grew.
Also here: the entry's own clock and old entry format (`_current`), and the
Cache-Control of pages the cache never keeps.
"""

import pytest
from django.test import Client

from home import caching
from home.caching import BODIES, ENTRIES, GENERATION, TTL, _current, forget_local
from tests.home.rules_site import add_page, make_home

pytestmark = pytest.mark.django_db

STATE = "X-Page-Cache"
COUNTED = ("get", "get_many", "set", "set_many", "add", "get_or_set", "delete")


class Counting:
    """The shared cache, with each call that goes to it written down."""

    def __init__(self, real):
        self.real = real
        self.calls = []

    def __getattr__(self, name):
        attribute = getattr(self.real, name)
        if name not in COUNTED:
            return attribute

        def counted(*args, **kwargs):
            self.calls.append(name)
            return attribute(*args, **kwargs)

        return counted


@pytest.fixture
def shared(monkeypatch, settings):
    """The shared cache as this process sees it, counted; the generation is
    trusted for a minute, as production trusts it for a moment."""
    settings.PAGE_CACHE_GENERATION_SECONDS = 60
    forget_local()
    counting = Counting(caching.cache)
    monkeypatch.setattr(caching, "cache", counting)
    yield counting
    forget_local()


@pytest.fixture
def pages(db):
    home = make_home()
    return add_page(home, "about", "About us"), add_page(home, "team", "Our team")


def rendered(client, url):
    """`url` rendered and kept (its first view may create site settings, which
    starts a new generation: another page is viewed first for that)."""
    client.get("/about/")
    client.get("/about/")
    response = client.get(url)
    assert response[STATE] == "miss"
    return response


def test_a_page_this_process_rendered_is_answered_with_no_round_trip(shared, pages):
    client = Client()
    miss = rendered(client, "/team/")
    shared.calls.clear()
    hit = client.get("/team/")
    assert (hit[STATE], hit.content) == ("hit", miss.content)
    assert shared.calls == []


def test_a_page_another_server_rendered_costs_two_round_trips_once(shared, pages):
    """Its entry and its body come from the shared cache, then stay here."""
    client = Client()
    miss = rendered(client, "/team/")
    ENTRIES.clear()  # as if another app server had rendered it
    BODIES.clear()
    shared.calls.clear()
    first = client.get("/team/")
    assert (first[STATE], first.content) == ("hit", miss.content)
    assert shared.calls == ["get", "get"]
    second = client.get("/team/")
    assert (second[STATE], second.content) == ("hit", miss.content)
    assert shared.calls == ["get", "get"]


def test_the_generation_read_with_the_entry_is_trusted_for_the_window(shared, pages):
    client = Client()
    rendered(client, "/team/")
    GENERATION.forget()  # the window ran out
    shared.calls.clear()
    assert client.get("/team/")[STATE] == "hit"
    assert shared.calls == ["get_many"]  # the generation and the entry in one
    assert client.get("/team/")[STATE] == "hit"
    assert shared.calls == ["get_many"]


def test_a_cache_that_lost_everything_keeps_the_next_page_again(pages):
    """A restarted Redis has no generation: the page rendered next is kept
    under a new one, and the visit after it is a hit."""
    client = Client()
    rendered(client, "/team/")
    caching.cache.clear()
    forget_local()
    assert client.get("/team/")[STATE] == "miss"
    assert client.get("/team/")[STATE] == "hit"


def test_an_entry_is_current_in_its_generation_until_its_ttl(monkeypatch):
    now = 1_800_000_000.0
    monkeypatch.setattr(caching.time, "time", lambda: now)
    assert _current(("g1", "digest", {}, now - TTL + 1), "g1")
    assert not _current(("g1", "digest", {}, now - TTL), "g1")  # exactly TTL old
    assert not _current(("g1", "digest", {}, now - TTL - 1), "g1")
    assert not _current(("g1", "digest", {}, now), "g2")
    assert not _current(("g1", "digest", {}, now), None)
    assert not _current(None, "g1")


def test_an_entry_of_the_earlier_format_is_current_in_its_generation(monkeypatch):
    """Entries written before they carried their time (three items, still in
    Redis for up to TTL after an upgrade) are judged by their generation alone,
    whatever the clock says."""
    monkeypatch.setattr(caching.time, "time", lambda: 4_000_000_000.0)  # the year 2096
    assert _current(("g1", "digest", {}), "g1")
    assert not _current(("g1", "digest", {}), "g2")


def test_a_page_the_cache_never_keeps_is_private(pages):
    """A page asked for with a query parameter pages do not read is never
    answered from the cache, and no shared cache (Varnish, a CDN) may keep it."""
    for _ in range(2):
        response = Client().get("/about/?utm_source=newsletter")
        assert response.status_code == 200
        assert response[STATE] == "off"
        assert response["Cache-Control"] == "private"
