"""What each process keeps of the page cache (home.caching): page bodies and
entries, least recently used out first, within their limits; small facts kept
until the site changes; all of it dropped by forget_local; and which answers
may be stored at all. Found by the mutation run of home/: the page tests only
ever filled these far below their limits."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from home import caching
from home.caching import Bodies, Entries, forget_local, new_generation, remembered


def test_bodies_keep_up_to_their_limit_in_bytes_least_recently_read_out_first():
    bodies = Bodies(8)
    bodies.put("a", b"aaaa")
    bodies.put("b", b"bbbb")
    assert (bodies.size, list(bodies.items)) == (8, ["a", "b"])  # exactly full
    bodies.put("a", b"aaaa")  # the same body again takes no more room
    assert bodies.size == 8
    assert bodies.get("a") == b"aaaa"  # read: now the most recent
    bodies.put("c", b"cccc")
    assert (bodies.size, list(bodies.items)) == (8, ["a", "c"])
    bodies.put("big", b"x" * 9)  # larger than the whole limit: never kept
    bodies.put("full", b"y" * 8)  # exactly the limit: kept alone
    assert (bodies.size, list(bodies.items)) == (8, ["full"])


def test_entries_keep_their_number_least_recently_used_out_first():
    entries = Entries(2)
    entries.put("a", (1,))
    entries.put("b", (2,))
    assert list(entries.items) == ["a", "b"]  # exactly full
    assert entries.get("a") == (1,)  # read: now the most recent
    entries.put("c", (3,))
    assert list(entries.items) == ["a", "c"]
    entries.put("a", (4,))  # stored again: the most recent too
    entries.put("d", (5,))
    assert entries.items == {"a": (4,), "d": (5,)}
    assert entries.get("missing") is None
    entries.clear()
    assert entries.get("a") is None


@pytest.fixture
def fresh_process():
    forget_local()
    yield
    forget_local()


def test_a_remembered_fact_is_computed_once_a_generation(fresh_process):
    computed = []

    def compute():
        computed.append(1)
        return f"value {len(computed)}"

    assert remembered("fact", compute) == "value 1"
    assert remembered("fact", compute) == "value 1"
    new_generation()
    assert remembered("fact", compute) == "value 2"
    assert len(computed) == 2


def test_forgetting_drops_every_copy_this_process_holds(fresh_process):
    caching.ENTRIES.put("page:x", ("g", "d", {}, 0))
    caching.REMEMBERED.put("fact", ("g", 1))
    caching.BODIES.put("d", b"body")
    forget_local()
    assert caching.ENTRIES.get("page:x") is None
    assert caching.REMEMBERED.get("fact") is None
    assert caching.BODIES.get("d") is None
    assert caching.BODIES.size == 0


class Session:
    def __init__(self, modified):
        self.modified = modified


def anonymous_page_request(**meta):
    request = RequestFactory().get("/", **meta)
    request.serves_wagtail_page = True
    request.LANGUAGE_CODE = "en"
    return request


def test_only_an_answer_made_for_nobody_in_particular_is_stored():
    """Mistakes: keeping a page that set this visitor's CSRF token or changed
    their session (the next visitor would get both)."""
    assert caching._storable(anonymous_page_request(), HttpResponse("page"))
    new_token = anonymous_page_request()
    new_token.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert not caching._storable(new_token, HttpResponse("page"))
    changed = anonymous_page_request()
    changed.session = Session(modified=True)
    assert not caching._storable(changed, HttpResponse("page"))
    untouched = anonymous_page_request()
    untouched.session = Session(modified=False)
    assert caching._storable(untouched, HttpResponse("page"))
