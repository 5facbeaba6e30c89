"""The front cache (Varnish, a CDN): which answers it may keep, and what a change purges.

The purges go to a fake Varnish (pytest-httpserver) through Wagtail's own HTTP
backend, after the transaction commits."""

import pytest
from django.db import transaction

from events.models import EventIndexPage, EventPage
from home.caching import generation
from home.models import Partner
from tests.factories.events import make_event, make_index
from tests.factories.events import translate as translate_event
from tests.factories.home import VerifiedUserFactory
from tests.home.rules_site import add_page, make_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def varnish(httpserver, settings):
    """A fake front cache taking Wagtail's PURGE requests."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": httpserver.url_for("/"),
        }
    }
    httpserver.expect_request("", method="PURGE").respond_with_data("Purged")
    httpserver.no_handler_status_code = 200
    return httpserver


def purged(server) -> set[str]:
    return {
        request.path for request, _response in server.log if request.method == "PURGE"
    }


def test_anonymous_page_is_public_for_shared_caches_and_fresh_for_browsers(
    client, home
):
    response = client.get("/")
    control = response["Cache-Control"]
    assert "public" in control and "max-age=0" in control and "s-maxage=" in control
    assert not response.cookies


def test_page_for_a_signed_in_visitor_is_private(client, home):
    client.force_login(VerifiedUserFactory())
    control = client.get("/")["Cache-Control"]
    assert "private" in control and "public" not in control


def test_page_with_a_form_is_not_public(client, home):
    control = client.get("/accounts/login/").get("Cache-Control", "")
    assert "public" not in control


def test_published_event_purges_it_in_both_languages_with_listings_and_homes(
    home, varnish, django_capture_on_commit_callbacks
):
    event = make_event(make_index(home), slug="gpu-day")
    translate_event(event)
    varnish.clear_log()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            event.save_revision().publish()
        assert purged(varnish) == set()  # nothing before the commit
    assert purged(varnish) == {
        "/events/gpu-day/",
        "/hi/events/gpu-day/",
        "/events/",
        "/hi/events/",
        "/",
        "/hi/",
    }


def test_unpublished_event_is_purged(home, varnish, django_capture_on_commit_callbacks):
    event = make_event(make_index(home), slug="gpu-day")
    varnish.clear_log()
    with django_capture_on_commit_callbacks(execute=True):
        event.unpublish()
    assert {"/events/gpu-day/", "/events/", "/"} <= purged(varnish)


@pytest.mark.parametrize("change", ["menu page", "partner"])
def test_what_shows_on_every_page_purges_everything(
    home, varnish, django_capture_on_commit_callbacks, change
):
    varnish.clear_log()
    with django_capture_on_commit_callbacks(execute=True):
        if change == "menu page":
            add_page(home, "about", "About us", show_in_menus=True)
        else:
            Partner.objects.create(name="Open Indic Lab", url="https://oil.example.in")
    assert purged(varnish) == {"/*"}


def test_nothing_is_purged_without_a_front_cache(
    home, httpserver, django_capture_on_commit_callbacks
):
    event = make_event(make_index(home), slug="gpu-day")
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert not httpserver.log


# --- found by the mutation run of home/: what a change retires, after its commit ----


def test_publishing_a_page_of_the_site_frame_purges_everything(
    home, varnish, django_capture_on_commit_callbacks
):
    """A standard page may be in the menu or footer: every page shows it."""
    about = add_page(home, "about", "About us")
    varnish.clear_log()
    with django_capture_on_commit_callbacks(execute=True):
        about.title = "About the centre"
        about.save_revision().publish()
    assert purged(varnish) == {"/*"}


def test_a_change_starts_one_more_generation_after_its_commit(
    home, django_capture_on_commit_callbacks
):
    """A page rendered from the old rows between the change and its commit is
    not kept: the commit retires what was cached meanwhile."""
    event = make_event(make_index(home), slug="gpu-day")
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
        during = generation()
    assert generation() != during


def test_moving_a_page_purges_everything_and_retires_the_generation_after_commit(
    home, varnish, django_capture_on_commit_callbacks
):
    """The old address is not the page's any more, wherever it was listed."""
    event = make_event(make_index(home), slug="gpu-day")
    archive = EventIndexPage(title="Archive", slug="archive")
    home.add_child(instance=archive)
    archive.save_revision().publish()
    varnish.clear_log()
    with django_capture_on_commit_callbacks(execute=True):
        event.move(archive, pos="last-child")
        during = generation()
    assert purged(varnish) == {"/*"}
    assert generation() != during


@pytest.mark.parametrize("change", ["saved", "deleted"])
def test_a_snippet_change_retires_the_generation_again_after_its_commit(
    home, django_capture_on_commit_callbacks, change
):
    partner = Partner.objects.create(
        name="Open Indic Lab", url="https://oil.example.in"
    )
    with django_capture_on_commit_callbacks(execute=True):
        if change == "saved":
            partner.name = "Open Indic Labs"
            partner.save()
        else:
            partner.delete()
        during = generation()
    assert generation() != during


def test_deleting_an_event_purges_its_pages_and_retires_the_generation(
    home, varnish, django_capture_on_commit_callbacks
):
    event = make_event(make_index(home), slug="gpu-day")
    before = generation()
    varnish.clear_log()
    with django_capture_on_commit_callbacks(execute=True):
        event.delete()
    assert {"/events/gpu-day/", "/events/"} <= purged(varnish)
    assert generation() != before


def test_deleting_what_shows_on_pages_purges_everything_and_nothing_else_does(
    home, varnish, django_capture_on_commit_callbacks
):
    partner = Partner.objects.create(
        name="Open Indic Lab", url="https://oil.example.in"
    )
    person = VerifiedUserFactory()
    varnish.clear_log()
    with django_capture_on_commit_callbacks(execute=True):
        person.delete()  # an account shows on no public page
    assert purged(varnish) == set()
    with django_capture_on_commit_callbacks(execute=True):
        partner.delete()
    assert purged(varnish) == {"/*"}


def test_a_live_event_deleted_with_a_queryset_is_purged_in_every_language(
    home, varnish, django_capture_on_commit_callbacks
):
    """Deleting never skips the purge: Wagtail unpublishes a live page before it
    deletes it, also in a bulk delete, and the unpublish purges its addresses."""
    event = make_event(make_index(home), slug="gpu-day")
    translate_event(event)
    varnish.clear_log()
    with django_capture_on_commit_callbacks(execute=True):
        EventPage.objects.filter(translation_key=event.translation_key).delete()
    assert {
        "/events/gpu-day/",
        "/events/",
        "/hi/events/gpu-day/",
        "/hi/events/",
    } <= purged(varnish)
