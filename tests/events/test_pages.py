"""Event page, calendars, feeds, availability, JSON-LD, caching and query counts."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from events.enums import EventFormat
from tests.factories.events import VenueFactory, make_event

pytestmark = pytest.mark.django_db


def _ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_event_page_shows_facts_and_json_ld(client, index):
    venue = VenueFactory(city="Chennai")
    event = make_event(
        index,
        title="Speech day",
        slug="speech-day",
        format=EventFormat.HYBRID,
        venue=venue,
        price_paise=10000000,
        online_url="https://meet.example.in/secret-room",
    )
    response = client.get("/events/speech-day/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "₹1,00,000" in html
    assert "IST" in html
    assert "secret-room" not in html, "the joining link is never public"
    assert 'property="og:title"' in html
    data = _ld(html)
    assert data["@type"] == "Event"
    assert data["startDate"].endswith("+05:30")
    assert data["eventAttendanceMode"].endswith("MixedEventAttendanceMode")
    types = {place["@type"] for place in data["location"]}
    assert types == {"Place", "VirtualLocation"}
    assert data["offers"]["priceCurrency"] == "INR"
    assert data["offers"]["price"] == "100000.00"
    assert event.get_url() == "/events/speech-day/"


def test_event_calendar_ics_parses(client, index):
    make_event(index, slug="ics-day", title="ICS day", days=3)
    response = client.get("/events/ics-day/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    for prop in ("UID", "DTSTART", "DTEND", "LOCATION", "URL", "DESCRIPTION"):
        assert vevent.get(prop), prop
    assert vevent.decoded("DTSTART").utcoffset().total_seconds() == 0


def test_feeds_list_upcoming_events_only(client, index):
    make_event(index, slug="soon", title="Soon", days=2)
    make_event(index, slug="later", title="Later", days=20)
    make_event(index, slug="gone", title="Gone", days=-5)
    calendar = Calendar.from_ical(client.get("/events/feed.ics").content)
    titles = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert titles == ["Later", "Soon"]
    rss = ET.fromstring(client.get("/events/feed.rss").content)  # noqa: S314 -- our own feed
    assert sorted(i.findtext("title") for i in rss.iter("item")) == ["Later", "Soon"]


def test_availability_json_shape_and_page_agree(client, index):
    make_event(index, slug="seats", capacity=25)
    response = client.get("/events/seats/availability.json")
    data = response.json()
    assert set(data) >= {
        "capacity",
        "confirmed",
        "seats_left",
        "waitlist",
        "registration_open",
        "status",
    }
    # The numbers themselves, not the function that made them.
    expected = {
        "capacity": 25,
        "confirmed": 0,
        "seats_left": 25,
        "waitlist": 0,
        "registration_open": True,
        "status": "scheduled",
        "state": "open",
    }
    assert {key: data[key] for key in expected} == expected
    assert (
        "no-cache" in response["Cache-Control"]
        or "max-age=0" in response["Cache-Control"]
    )
    html = client.get("/events/seats/").content.decode()
    assert "<strong data-seats-left>25</strong>" in html


def test_cached_page_changes_after_publish_and_unpublish(client, index):
    event = make_event(index, slug="cached", title="Old title")
    first = client.get("/events/cached/")
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/events/cached/")
    assert second["X-Page-Cache"] == "hit"
    listing = client.get("/events/")
    assert "Old title" in listing.content.decode()

    event.title = "New title"
    event.save_revision().publish()
    assert "New title" in client.get("/events/cached/").content.decode()
    assert "New title" in client.get("/events/").content.decode()

    event.unpublish()
    assert client.get("/events/cached/").status_code == 404
    assert "New title" not in client.get("/events/").content.decode()


def test_signed_in_users_get_fresh_pages(client, index, user):
    make_event(index, slug="fresh")
    client.force_login(user)
    client.get("/events/fresh/")
    assert client.get("/events/fresh/")["X-Page-Cache"] == "off"


def test_an_event_whose_image_file_is_gone_still_shows_without_a_preview_image(
    client, index
):
    """A database restored without its media (or a server without the shared
    folder) must not turn the event page into a 500: it loses its preview image."""
    from home.demo import demo_image

    image = demo_image("Image whose file is gone")
    make_event(index, title="Lost image", slug="lost-image", hero_image=image)
    image.file.storage.delete(image.file.name)

    response = client.get("/events/lost-image/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lost image" in html
    assert 'property="og:image"' not in html


def test_seeding_again_puts_back_a_demo_image_file_that_is_gone():
    from home.demo import demo_image

    image = demo_image("Seeded on another server")
    image.get_rendition("fill-120x80")
    image.file.storage.delete(image.file.name)

    again = demo_image("Seeded on another server")
    assert again.pk == image.pk
    assert again.file.storage.exists(again.file.name)
    assert again.get_rendition("fill-120x80").file.storage.exists(
        again.get_rendition("fill-120x80").file.name
    )
