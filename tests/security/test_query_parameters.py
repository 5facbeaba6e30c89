"""Control characters in query parameters (issue 22, security round 3).

`GET /events/?city=%00` answered 500 on PostgreSQL, which refuses NUL in text.
NUL and the other control characters are dropped from every query parameter
before any view reads it, so every public URL answers as if they were not
there: never a server error, and nothing of them echoed back.
"""

import pytest

from cohorts.models import CohortPage
from events.models import EventPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]

# C0 controls, DEL and a C1 control (NEL): Unicode category Cc. A value of one
# NUL is empty once it is dropped (a filter that is not there); the other holds
# every other kind around text that stays, so each is looked for in the answer.
CONTROLS = ["\x00", "a\x00b\x01\x1b[2J\x7f\x85\t\r\n"]
# Every parameter the events listing reads, and one nobody reads.
LISTING = [
    "type",
    "format",
    "city",
    "language",
    "topic",
    "month",
    "q",
    "when",
    "page",
    "utm_source",
]
# What the other public URLs read (search, pages, availability), the same one.
OTHERS = ["q", "page", "id", "utm_source"]


def public_urls(prefix: str) -> list[str]:
    language = "hi" if prefix else "en"
    event = EventPage.objects.live().filter(locale__language_code=language).first()
    cohort = CohortPage.objects.live().filter(locale__language_code=language).first()
    return [
        f"{prefix}/",
        f"{prefix}/events/",
        event.url,
        f"{event.url}calendar.ics",
        f"{event.url}availability.json",
        f"{prefix}/events/availability.json",
        f"{prefix}/events/feed.ics",
        f"{prefix}/events/feed.rss",
        f"{prefix}/cohorts/",
        cohort.url,
        f"{prefix}/search/",
        f"{prefix}/resources/",
        f"{prefix}/about/",
        "/sitemap.xml",
        "/robots.txt",
    ]


def sweep(client, prefix: str) -> list:
    """Every (url, parameter, value) whose answer is wrong, in one report."""
    wrong = []
    for url in public_urls(prefix):
        plain = client.get(url).status_code
        assert plain in (200, 302), (url, plain)
        for name in LISTING if url.endswith("/events/") else OTHERS:
            for value in CONTROLS:
                response = client.get(url, {name: value})
                body = b"" if response.streaming else response.content
                # Tabs and line ends are in every page anyway.
                shown = [c for c in value if c in "\x00\x01\x1b\x7f\x85"]
                echoed = any(c in body.decode(errors="replace") for c in shown)
                location = response.get("Location", "")
                if (
                    response.status_code not in (plain, 301, 302)
                    or echoed
                    or any(c in location for c in shown)
                ):
                    wrong.append((url, name, repr(value), response.status_code))
        # A parameter whose name holds one.
        response = client.get(f"{url}?ci%00ty=x&q%1b=y")
        if response.status_code not in (plain, 301, 302):
            wrong.append((url, "ci%00ty", "x", response.status_code))
    return wrong


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_control_characters_in_any_query_parameter_are_dropped(client, seeded, prefix):
    """On both databases: CI runs it on PostgreSQL (where NUL was the 500) and
    on SQLite."""
    assert sweep(client, prefix) == []


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_events_listing_ignores_a_city_of_nul_and_keeps_other_filters(
    client, seeded, prefix
):
    response = client.get(f"{prefix}/events/", {"city": "\x00", "when": "past"})
    # The empty filter is dropped from the address to share; `when` is kept.
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/events/?when=past"
