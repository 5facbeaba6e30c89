"""Signed-in visitors get the cached pages, and their own parts from /me.json."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory
from wagtail.models import PageViewRestriction

from tests.factories.cohorts import ApplicationFactory, StartupFactory, create_cohort
from tests.factories.events import make_event, make_index, register
from tests.factories.home import VerifiedUserFactory
from tests.home.rules_site import make_home, restrict

pytestmark = pytest.mark.django_db

STATE = "X-Page-Cache"


@pytest.fixture
def event(db):
    return make_event(make_index(make_home()), slug="workshop", title="Workshop")


def warm(url):
    """An anonymous visitor views `url` until it is kept."""
    for _ in range(3):
        if Client().get(url)[STATE] == "hit":
            return
    pytest.fail(f"{url} never came from the cache")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def me(client, page):
    response = client.get(f"/me.json?page={page.pk}")
    assert response.status_code == 200
    return response


def test_signed_in_visitor_gets_the_cached_page_and_their_own_state(event, user):
    registration = register(event, user)
    warm("/events/workshop/")
    client = signed_in(user)
    page = client.get("/events/workshop/")
    assert page[STATE] == "hit"
    assert "You are registered." not in page.content.decode()
    assert "Sign out" not in page.content.decode()
    data = me(client, event).json()
    assert data["signed_in"] is True
    assert "Sign out" in data["account"]
    assert user.email in data["account"] or user.get_full_name() in data["account"]
    assert "You are registered." in data["parts"]["event-cta"]
    assert f"/registrations/{registration.uuid}/" in data["parts"]["event-cta"]


def test_cached_page_has_slots_for_the_personal_parts(event, user):
    warm("/events/workshop/")
    html = signed_in(user).get("/events/workshop/").content.decode()
    assert 'data-personal="event-cta"' in html
    assert f'data-me-url="/me.json?page={event.pk}"' in html
    assert "js/me.js" in html


def test_one_visitors_state_never_reaches_another(event, user):
    registration = register(event, user)
    other = VerifiedUserFactory()
    warm("/events/workshop/")
    client = signed_in(other)
    page = client.get("/events/workshop/")
    data = me(client, event).json()
    assert data["parts"] == {}
    for text in (page.content.decode(), data["account"]):
        assert str(registration.uuid) not in text
        assert "You are registered." not in text
        assert user.email not in text
    assert other.email in data["account"] or other.get_full_name() in data["account"]


def test_cohort_page_gives_a_draft_back_through_me_json(user):
    cohort = create_cohort()
    ApplicationFactory(cohort=cohort, startup=StartupFactory(owner=user))
    warm(cohort.url)
    client = signed_in(user)
    page = client.get(cohort.url)
    assert page[STATE] == "hit"
    assert "Apply now" in page.content.decode()
    parts = me(client, cohort).json()["parts"]
    assert "Continue your application" in parts["apply-box"]
    assert "Apply now" not in parts["apply-box"]


def test_signed_in_visitor_with_a_pending_message_gets_a_fresh_page(event, user):
    warm("/events/workshop/")
    client = signed_in(user)
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.SUCCESS, "Your registration has been cancelled.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    page = client.get("/events/workshop/")
    assert page[STATE] == "off"
    assert "Your registration has been cancelled." in page.content.decode()
    # Shown once: the next view is the cached page again.
    assert client.get("/events/workshop/")[STATE] == "hit"


def test_hit_for_a_session_is_private(event, user):
    warm("/events/workshop/")
    page = signed_in(user).get("/events/workshop/")
    assert page[STATE] == "hit"
    control = [word.strip() for word in page["Cache-Control"].split(",")]
    assert "private" in control
    assert "public" not in control
    assert not any(word.startswith("s-maxage") for word in control)


def test_me_json_is_private_and_never_kept(event, user):
    for client in (Client(), signed_in(user)):
        response = me(client, event)
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert STATE not in response
    assert me(Client(), event).json() == {"signed_in": False}


def test_me_json_tells_nothing_of_a_page_the_visitor_may_not_see(event, user):
    register(event, user)
    restrict(event, PageViewRestriction.PASSWORD, password="letmein")
    data = me(signed_in(user), event).json()
    assert data["signed_in"] is True
    assert data["parts"] == {}


@pytest.mark.parametrize("page", ["", "abc", "99999999", "1" * 40])
def test_me_json_with_a_strange_page_gives_the_account_alone(event, user, page):
    response = signed_in(user).get(f"/me.json?page={page}")
    assert response.status_code == 200
    assert response.json()["parts"] == {}


def test_me_json_speaks_the_pages_language(event, user):
    data = signed_in(user).get("/hi/me.json").json()
    assert "साइन आउट" in data["account"]


def test_sign_in_link_works_without_javascript_when_signed_in(event, user):
    """Without JavaScript a signed-in visitor keeps the cached page's "Sign in"
    link: it leads them to their dashboard."""
    warm("/events/workshop/")
    client = signed_in(user)
    html = client.get("/events/workshop/").content.decode()
    assert 'href="/accounts/login/?next=/dashboard/" data-sign-in' in html
    response = client.get("/accounts/login/?next=/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_register_link_shows_a_signed_in_visitor_their_registration(event, user):
    """Without JavaScript the cached page's register link leads to the
    registration page, which tells the visitor their state."""
    registration = register(event, user)
    warm("/events/workshop/")
    client = signed_in(user)
    html = client.get("/events/workshop/").content.decode()
    assert 'href="/events/workshop/register/"' in html
    response = client.get("/events/workshop/register/", follow=True)
    assert response.redirect_chain[-1][0] == f"/registrations/{registration.uuid}/"


def test_uncached_page_is_the_same_for_a_signed_in_visitor(event, user):
    """A signed-in visitor's page, even rendered afresh, holds nothing of theirs."""
    register(event, user)
    client = signed_in(user)
    page = client.get("/events/workshop/")
    assert page[STATE] == "off"
    html = page.content.decode()
    for text in ("You are registered.", "Sign out", user.email):
        assert text not in html


def test_editor_gets_a_link_to_edit_the_page(event, user):
    from tests.factories.home import StaffUserFactory

    editor = StaffUserFactory()
    account = me(signed_in(editor), event).json()["account"]
    assert f'href="/admin/pages/{event.pk}/edit/"' in account
    assert "Edit this page" not in me(signed_in(user), event).json()["account"]
