"""Absolute links come from SITE_URL (or, in development, the request), never
from a raw path or a Host header in production."""

import io
import json
import re

import pytest
from django.core import mail
from icalendar import Calendar
from wagtail.models import Site

from cohorts import services
from home.seed import ensure_home
from tests.factories.cohorts import ApplicationFactory, StartupFactory, create_cohort
from tests.factories.events import make_event

pytestmark = pytest.mark.django_db

SITE = "https://coe.example.in"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    return SITE


def test_event_page_links_use_site_url_whatever_the_host(client, index, site_url):
    make_event(index, slug="links")
    html = client.get("/events/links/", HTTP_HOST="localhost:8201").content.decode()
    assert f'<meta property="og:url" content="{SITE}/events/links/">' in html
    ld = json.loads(re.search(r"ld\+json\">(.*?)</script>", html, re.S).group(1))
    assert ld["url"] == f"{SITE}/events/links/"
    assert ld["organizer"]["url"] == f"{SITE}/"
    assert "coe.example.in%2Fevents%2Flinks%2F" in html  # share links
    assert f'hreflang="en" href="{SITE}/events/links/"' in html
    assert "localhost:8201" not in html


def test_feeds_calendars_sitemap_and_robots_use_site_url(client, index, site_url):
    make_event(index, slug="feed-item")
    extra = {"HTTP_HOST": "localhost:8201"}
    rss = client.get("/events/feed.rss", **extra).content.decode()
    assert f"<link>{SITE}/events/feed-item/</link>" in rss
    calendar = Calendar.from_ical(client.get("/events/feed.ics", **extra).content)
    (item,) = calendar.walk("VEVENT")
    assert str(item["url"]) == f"{SITE}/events/feed-item/"
    assert str(item["uid"]).endswith("@coe.example.in")
    sitemap = client.get("/sitemap.xml", **extra).content.decode()
    assert f"<loc>{SITE}/events/feed-item/</loc>" in sitemap
    assert f"Sitemap: {SITE}/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_development_links_follow_the_request(client, index, settings):
    settings.SITE_URL = ""
    make_event(index, slug="dev")
    html = client.get("/events/dev/", HTTP_HOST="127.0.0.1:8123").content.decode()
    assert 'content="http://127.0.0.1:8123/events/dev/"' in html


def test_emails_link_to_site_url(site_url, django_capture_on_commit_callbacks):
    startup = StartupFactory()
    application = ApplicationFactory(cohort=create_cohort(), startup=startup)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application, user=startup.owner, consent=True)
    assert f"{SITE}/" in mail.outbox[0].body
    assert "127.0.0.1:8000" not in mail.outbox[0].body


def test_seed_writes_site_url_into_the_wagtail_site(site_url):
    ensure_home(io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("coe.example.in", 443)


def test_not_found_language_links_stay_on_the_site(client, index):
    response = client.get("/", PATH_INFO="//evil.test/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'href="/hi/"' in html
    assert 'hreflang="hi" href="http://testserver/hi/"' in html
    assert "evil.test" not in html
