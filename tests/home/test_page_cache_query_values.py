"""The page cache keys the values of query parameters, not only their names
(issue 22, item 6): `?type=workshop` and `?type=seminar` are different pages."""

import pytest
from django.test import Client

from tests.factories.events import EventTypeFactory, make_event, make_index
from tests.home.rules_site import make_home

pytestmark = pytest.mark.django_db


def test_listings_filtered_by_different_values_are_different_pages():
    index = make_index(make_home())
    workshop = EventTypeFactory(name="Workshop", slug="workshop")
    seminar = EventTypeFactory(name="Seminar", slug="seminar")
    make_event(index, title="Tokeniser clinic", slug="clinic", event_type=workshop)
    make_event(index, title="Speech data talk", slug="talk", event_type=seminar)
    # Each visit by a new anonymous visitor, as a shared cache sees them; each
    # query twice, so the second answer of each may well come from the cache.
    pages = {}
    for value in ("workshop", "seminar", "workshop", "seminar"):
        response = Client().get("/events/", {"type": value})
        assert response.status_code == 200
        html = response.content.decode()
        pages.setdefault(value, []).append(
            ("Tokeniser clinic" in html, "Speech data talk" in html)
        )
    assert pages["workshop"] == [(True, False), (True, False)]
    assert pages["seminar"] == [(False, True), (False, True)]
