"""A view restriction covers every translation and alias of a page, in page views,
the menu and the sitemap; every other page stays public."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from home.privacy import public
from tests.home.rules_site import add_page, make_home, restrict, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    """Public pages beside the ones a test restricts, in English and Hindi, so
    that a restriction leaking onto other pages shows."""
    home = make_home()
    pages = {
        slug: add_page(home, slug, title, show_in_menus=True)
        for slug, title in (
            ("about", "About us"),
            ("board", "Board papers"),
            ("programme", "Programme"),
        )
    }
    pages["minutes"] = add_page(pages["board"], "minutes", "Minutes")
    pages["faq"] = add_page(pages["programme"], "faq", "Questions")
    for slug in list(pages):
        pages[f"hi-{slug}"] = translate(pages[slug])
    return pages


def shows(client, url, text):
    response = client.get(url)
    return response.status_code == 200 and text in response.content.decode()


def private(client, url):
    response = client.get(url)
    return response.status_code == 302 or 'name="password"' in response.content.decode()


def loc(page):
    return f"<loc>http://testserver{page.url}</loc>"


def sitemap(client):
    return client.get("/sitemap.xml").content.decode()


def assert_public(client, site, *slugs):
    """The other pages stay in the menu, the sitemap and open to anyone."""
    for slug in slugs:
        page = site[slug]
        assert shows(client, page.url, page.title), page.url
        assert loc(page) in sitemap(client), loc(page)
    assert shows(client, "/hi/", site["hi-about"].title)


def test_restricting_an_english_page_hides_every_language(client, site):
    restrict(site["board"])
    for url in ("/board/", "/hi/board/", "/board/minutes/", "/hi/board/minutes/"):
        assert private(client, url), url
    assert not shows(client, "/", "Board papers")
    assert not shows(client, "/hi/", "Board papers (हिन्दी)")
    for slug in ("board", "minutes"):
        assert loc(site[f"hi-{slug}"]) not in sitemap(client)
        assert loc(site[slug]) not in sitemap(client)
    assert_public(client, site, "about", "programme", "faq", "hi-faq")


def test_restricting_the_hindi_translation_hides_the_english_page(client, site):
    restrict(site["hi-board"], PageViewRestriction.PASSWORD, password="kholo")
    for url in ("/board/", "/board/minutes/", "/hi/board/minutes/"):
        assert private(client, url), url
    assert not shows(client, "/", "Board papers")
    assert loc(site["minutes"]) not in sitemap(client)
    assert_public(client, site, "about", "programme", "hi-programme", "faq")


def test_an_alias_of_a_private_page_is_private_too(client, site):
    restrict(site["hi-board"])
    alias = site["board"].create_alias(parent=site["programme"], update_slug="papers")
    assert private(client, "/programme/papers/")
    assert loc(alias) not in sitemap(client)
    assert_public(client, site, "programme", "faq")


def test_password_opens_only_the_page_it_belongs_to(client, site):
    """Another page's restriction never applies here: with this page's
    password, it opens, though another page needs signing in."""
    restrict(site["programme"])
    restrict(site["board"], PageViewRestriction.PASSWORD, password="kholo")
    html = client.get("/hi/board/").content.decode()
    action = re.search(r'<form action="([^"]+)"', html).group(1)
    client.post(action, {"password": "kholo", "return_url": "/hi/board/"})
    assert shows(client, "/hi/board/", "Board papers (हिन्दी)")
    assert shows(client, "/board/minutes/", "Minutes")
    assert private(client, "/hi/programme/faq/")


def test_public_page_asks_the_database_nothing_about_restrictions(site):
    restrict(site["board"])
    page = StandardPage.objects.get(pk=site["faq"].pk)
    list(page.get_view_restrictions())  # keeps the restricted roots
    with CaptureQueriesContext(connection) as queries:
        assert list(page.get_view_restrictions()) == []
    assert len(queries) == 0


def test_listing_without_restrictions_keeps_every_page(site):
    pages = StandardPage.objects.live()
    assert set(public(pages)) == set(pages)
