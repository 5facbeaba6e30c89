"""`next=`, `return_url` and the language switch never send anyone off-site (issue 9)."""

import re
from urllib.parse import urlsplit

import pytest
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from tests.factories.home import DEFAULT_PASSWORD, VerifiedUserFactory

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "https://evil.test/",
    "//evil.test/",
    "/\\evil.test/",
    "\\\\evil.test/",
    "https:evil.test",
    "http://testserver.evil.test/",
    " //evil.test/",
    "/%2F%2Fevil.test/",
]


def on_site(location: str) -> bool:
    parts = urlsplit(location)
    return (
        parts.netloc in ("", "testserver")
        and "evil.test" not in parts.netloc
        and not location.lstrip().startswith(("//", "/\\", "\\"))
    )


@pytest.mark.parametrize("target", OFF_SITE)
def test_sign_in_next_stays_on_site(client, target):
    user = VerifiedUserFactory()
    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": DEFAULT_PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_sign_out_next_stays_on_site(client, user, target):
    client.force_login(user)
    response = client.post("/hi/accounts/logout/", {"next": target})
    assert response.status_code == 302
    assert on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("form", ["/admin/login/", "/_util/login/"])
def test_wagtail_sign_in_redirect_keeps_next_for_the_site_sign_in(client, form):
    """The redirect passes next= along; the site's sign-in then checks it."""
    response = client.get(f"{form}?next=//evil.test/")
    assert on_site(response["Location"])
    user = VerifiedUserFactory()
    response = client.post(
        response["Location"], {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_private_page_password_return_url_stays_on_site(client, home, target):
    page = home.add_child(instance=StandardPage(title="Minutes", slug="minutes"))
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "pw", "return_url": target},
    )
    assert response.status_code == 302
    assert on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_language_switch_links_stay_on_site(client, home, prefix):
    html = client.get(f"{prefix}/search/?q=%2F%2Fevil.test").content.decode()
    links = re.findall(r'<a href="([^"]*)" hreflang=', html)
    assert links
    assert all(on_site(link) for link in links), links


@pytest.mark.parametrize("path", ["//evil.test/", "//evil.test/hi/"])
def test_language_switch_on_a_404_for_an_off_site_path_stays_on_site(
    client, home, path
):
    # As a browser sends it: the path itself starts with two slashes.
    response = client.get("/", PATH_INFO=path)
    html = response.content.decode()
    links = re.findall(r'<a href="([^"]*)" hreflang=', html)
    links += re.findall(r'<link rel="alternate" hreflang="[^"]*" href="([^"]*)"', html)
    assert response.status_code == 404
    assert links
    assert all(on_site(link) for link in links), links
