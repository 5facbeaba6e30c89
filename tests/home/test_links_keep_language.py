"""Links keep the language the person is reading in (issue 19, item 4)."""

import re

import pytest
from django.conf import settings

from tests.home.rules_site import add_page, make_home, translate

pytestmark = pytest.mark.django_db

OTHER = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def brand_href(html: str) -> str:
    return re.search(r'<a class="brand" href="([^"]*)"', html).group(1)


def crumb_hrefs(html: str) -> list[str]:
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    return re.findall(r'href="([^"]*)"', nav)


@pytest.fixture
def pages(db):
    home = make_home()
    about = add_page(home, "about", "About")
    team = add_page(about, "team", "Team")
    hindi = [translate(page) for page in (home, about, team)]
    return home, about, team, hindi


def test_logo_and_home_crumb_lead_home_in_english(client, pages):
    html = client.get("/about/team/").content.decode()
    assert brand_href(html) == "/"
    assert crumb_hrefs(html) == ["/", "/about/"]


def test_logo_and_home_crumb_lead_home_in_hindi(client, pages):
    html = client.get("/hi/about/team/").content.decode()
    assert brand_href(html) == "/hi/"
    assert crumb_hrefs(html) == ["/hi/", "/hi/about/"]


def test_logo_on_a_hindi_view_that_is_not_a_page(client, pages):
    html = client.get("/hi/accounts/login/").content.decode()
    assert brand_href(html) == "/hi/"


# --- redirects -------------------------------------------------------------------


@pytest.mark.parametrize("language", OTHER)
def test_deleting_an_account_lands_on_the_home_page_of_its_language(
    client, pages, language
):
    from tests.factories.home import VerifiedUserFactory

    client.force_login(VerifiedUserFactory())
    response = client.post(f"/{language}/dashboard/delete-account/", {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"


def test_deleting_an_account_in_english_lands_on_the_english_home_page(client, pages):
    from tests.factories.home import VerifiedUserFactory

    client.force_login(VerifiedUserFactory())
    response = client.post("/dashboard/delete-account/", {"confirm": "on"})
    assert response["Location"] == "/"


@pytest.mark.parametrize("language", OTHER)
def test_signing_in_and_out_keeps_the_language(client, pages, language):
    from tests.factories.home import DEFAULT_PASSWORD, VerifiedUserFactory

    user = VerifiedUserFactory()
    response = client.post(
        f"/{language}/accounts/login/",
        {"login": user.email, "password": DEFAULT_PASSWORD},
    )
    assert response["Location"] == f"/{language}/"
    assert client.post(f"/{language}/accounts/logout/")["Location"] == f"/{language}/"


@pytest.mark.parametrize("language", OTHER)
def test_sign_in_goes_back_to_the_page_in_its_language(client, pages, language):
    from tests.factories.home import DEFAULT_PASSWORD, VerifiedUserFactory

    user = VerifiedUserFactory()
    login = client.get(f"/{language}/dashboard/")
    assert login["Location"].startswith(f"/{language}/accounts/login/")
    response = client.post(
        login["Location"], {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response["Location"] == f"/{language}/dashboard/"


# --- emails ----------------------------------------------------------------------

LINK = re.compile(r"https?://[^\s\"<>]+")


@pytest.mark.parametrize("language", OTHER)
def test_every_link_in_a_registration_email_is_in_its_language(
    settings, pages, language, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.factories.events import make_event, make_index, register
    from tests.factories.events import translate as translate_event

    settings.SITE_URL = "https://coe.example.in"
    index = make_index(pages[0])
    event = make_event(index, slug="talk", format="online")
    translate_event(event, language)
    with django_capture_on_commit_callbacks(execute=True):
        register(event, language=language)
    message = mailoutbox[-1]
    html = message.alternatives[0][0]
    links = set(LINK.findall(message.body)) | set(LINK.findall(html))
    assert links
    for link in links:
        assert link.startswith(f"https://coe.example.in/{language}/"), link


@pytest.mark.parametrize("language", OTHER)
def test_every_link_in_an_account_email_is_in_its_language(
    settings, client, pages, language, mailoutbox
):
    from tests.factories.home import VerifiedUserFactory

    settings.SITE_URL = "https://coe.example.in"
    user = VerifiedUserFactory()
    client.post(f"/{language}/accounts/password/reset/", {"email": user.email})
    message = mailoutbox[-1]
    links = LINK.findall(message.body)
    assert links
    for link in links:
        assert f"/{language}/" in link, link
    # It signs off with the site's address: the home page in that language.
    assert message.body.rstrip().endswith(f"https://coe.example.in/{language}/")
