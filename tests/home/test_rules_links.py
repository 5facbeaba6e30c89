"""Absolute links: SITE_URL when set, never the Host header; the request in
development; the admin's base address without a request."""

import pytest
from django.test import RequestFactory

from home.links import absolute_url, local_path, site_address, site_url


@pytest.fixture
def production(settings):
    settings.SITE_URL = "https://coe.example.in"


@pytest.fixture
def development(settings):
    settings.SITE_URL = ""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000/"


def visitor(host="attacker.test:8080", secure=False):
    return RequestFactory().get("/events/", HTTP_HOST=host, secure=secure)


@pytest.mark.usefixtures("production")
def test_site_url_ignores_the_host_header():
    assert site_url(visitor()) == "https://coe.example.in"
    assert site_url() == "https://coe.example.in"
    assert absolute_url("/events/x/", visitor()) == "https://coe.example.in/events/x/"


@pytest.mark.usefixtures("development")
def test_development_links_follow_the_request():
    assert site_url(visitor("127.0.0.1:8123")) == "http://127.0.0.1:8123"
    assert site_url(visitor("localhost", secure=True)) == "https://localhost"
    assert (
        absolute_url("/hi/", visitor("127.0.0.1:8123")) == "http://127.0.0.1:8123/hi/"
    )


@pytest.mark.usefixtures("development")
def test_links_without_a_request_use_the_admin_base_address():
    assert site_url() == "http://127.0.0.1:8000"
    assert absolute_url("/sitemap.xml") == "http://127.0.0.1:8000/sitemap.xml"


@pytest.mark.usefixtures("production")
@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.example.net/logo.png",
        "http://partner.example.org/",
        "mailto:a@b.in",
    ],
)
def test_addresses_elsewhere_stay_as_they_are(url):
    assert absolute_url(url, visitor()) == url


@pytest.mark.usefixtures("production")
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("//evil.test/x", "https://coe.example.in/x"),
        ("events/?page=2#top", "https://coe.example.in/events/?page=2#top"),
    ],
)
def test_paths_never_name_another_host(url, expected):
    assert absolute_url(url) == expected
    assert local_path(url) == expected.removeprefix("https://coe.example.in")


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://coe.example.in", ("coe.example.in", 443)),
        ("http://coe.example.in", ("coe.example.in", 80)),
        ("https://coe.example.in:8443", ("coe.example.in", 8443)),
        ("http://coe.example.in:8080", ("coe.example.in", 8080)),
        ("", None),
    ],
)
def test_wagtail_site_address_follows_site_url(settings, address, expected):
    settings.SITE_URL = address
    assert site_address() == expected
