"""The one page cache: what it serves, to whom, and when it lets go."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import SiteSettings, StandardPage
from tests.factories.cohorts import create_cohort
from tests.factories.events import make_event

pytestmark = pytest.mark.django_db


def _warm(client, url, **extra):
    """Views `url` until it comes from the cache (the first view may create
    site settings or renditions)."""
    for _ in range(3):
        if client.get(url, **extra)["X-Page-Cache"] == "hit":
            return
    pytest.fail(f"{url} never came from the cache")


def test_cached_event_page_shows_a_new_menu_page_at_once(client, index, home):
    make_event(index, slug="menu-test")
    _warm(client, "/events/menu-test/")
    page = StandardPage(title="Contact us", slug="contact", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/events/menu-test/").content.decode()
    assert '<a href="/contact/">Contact us</a>' in html


def test_cached_event_page_shows_changed_site_settings_at_once(client, index):
    make_event(index, slug="settings-test")
    _warm(client, "/events/settings-test/")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "Bharat AI Centre"
    settings.save()
    assert "Bharat AI Centre" in client.get("/events/settings-test/").content.decode()


@pytest.mark.parametrize(
    ("extra", "secure"),
    [
        ({"HTTP_HOST": "localhost:8201"}, False),
        ({"HTTP_X_FORWARDED_PROTO": "https"}, True),
        ({"HTTP_HOST": "localhost:8201"}, True),
    ],
)
def test_another_host_or_scheme_cannot_change_what_the_next_visitor_gets(
    client, index, settings, extra, secure
):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    make_event(index, slug="poison")
    first = client.get("/events/poison/", secure=secure, **extra).content.decode()
    assert "localhost:8201" in first or "https://" in first
    html = client.get("/events/poison/").content.decode()
    assert "localhost:8201" not in html
    assert "https://testserver" not in html
    assert 'content="http://testserver/events/poison/"' in html


def test_cache_hit_reads_nothing_from_the_database(client, index):
    make_event(index, slug="no-queries")
    _warm(client, "/events/no-queries/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/events/no-queries/")
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0


@pytest.mark.parametrize("url", ["/", "/hi/", "/events/", "/hi/events/"])
def test_home_and_listing_come_from_the_cache(client, index, url):
    make_event(index, slug="listed")
    _warm(client, url)


def test_cohort_pages_come_from_the_cache(client):
    create_cohort("cached-cohort")
    for url in ("/cohorts/", "/cohorts/cached-cohort/", "/hi/cohorts/cached-cohort/"):
        _warm(client, url)


def test_posts_skip_the_cache_and_signed_in_visitors_get_the_same_page(
    client, index, user
):
    """A signed-in visitor gets the page everybody gets (privately); their own
    parts come from /me.json (tests/test_me.py)."""
    make_event(index, slug="personal")
    _warm(client, "/events/personal/")
    assert client.post("/events/personal/").get("X-Page-Cache") != "hit"
    client.force_login(user)
    response = client.get("/events/personal/")
    assert response["X-Page-Cache"] == "hit"
    assert "private" in response["Cache-Control"]
    assert user.email not in response.content.decode()


def test_unknown_query_parameters_are_not_cached(client, index):
    make_event(index, slug="params")
    for _ in range(2):
        response = client.get("/events/?utm_source=x")
        assert response["X-Page-Cache"] == "off"
    _warm(client, "/events/?type=workshop")


def test_search_is_never_cached(client, index):
    make_event(index, slug="searched", title="Searchable")
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/search/?q=Searchable")


def test_listing_seats_come_from_availability_json(client, index):
    first = make_event(index, slug="seats-a", capacity=40)
    second = make_event(index, slug="seats-b", capacity=2)
    html = client.get("/events/").content.decode()
    assert 'data-availability-list="/events/availability.json"' in html
    assert f'data-seats-for="{first.pk}"' in html
    data = client.get(
        f"/events/availability.json?id={first.pk}&id={second.pk}&id=x"
    ).json()
    assert data[str(first.pk)]["seats_left"] == 40
    assert data[str(second.pk)]["label"] == "Only 2 seats left"
