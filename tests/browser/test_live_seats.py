"""Seats stay live on pages served from the page cache (availability.json + JS)."""

import io

import pytest
from playwright.sync_api import expect

from events.models import EventPage
from home.seed import ensure_home
from tests.factories.events import make_event, make_index

pytestmark = pytest.mark.browser


def test_cached_listing_and_event_page_show_live_seats(
    page, django_db_serialized_rollback, transactional_db
):
    home, _hindi = ensure_home(io.StringIO())
    event = make_event(make_index(home), slug="live-seats", capacity=40)
    for url in ("/events/", "/events/live-seats/"):
        page.goto(url)
    # A change that renders nothing again: the cached pages still say 40.
    EventPage.objects.filter(pk=event.pk).update(capacity=2)

    response = page.goto("/events/")
    assert response.headers["x-page-cache"] == "hit"
    assert "40 seats left" in response.text()
    expect(page.locator(f'[data-seats-for="{event.pk}"]')).to_have_text(
        "Only 2 seats left"
    )

    response = page.goto("/events/live-seats/")
    assert response.headers["x-page-cache"] == "hit"
    expect(page.locator("[data-seats-left]")).to_have_text("2")
