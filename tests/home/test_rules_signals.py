"""What retires the cached pages: every change a visitor can see, and nothing else."""

import pytest
from wagtail.models import Site

from home.models import Partner, SiteSettings
from tests.factories.home import VerifiedUserFactory
from tests.home.rules_site import add_page, make_home, restrict

pytestmark = pytest.mark.django_db

STATE = "X-Page-Cache"


@pytest.fixture
def home(db):
    return make_home()


def warm(client, url):
    for _ in range(3):
        if client.get(url).get(STATE) == "hit":
            return
    pytest.fail(f"{url} never came from the cache")


def test_published_menu_page_shows_on_cached_pages_at_once(client, home):
    about = add_page(home, "about", "About us", show_in_menus=True)
    warm(client, "/about/")
    add_page(home, "contact", "Contact us", show_in_menus=True)
    assert (
        '<a href="/contact/">Contact us</a>' in client.get("/about/").content.decode()
    )
    assert about.title in client.get("/").content.decode()


def test_unpublished_page_is_gone_at_once(client, home):
    about = add_page(home, "about", "About us")
    warm(client, "/about/")
    about.unpublish()
    assert client.get("/about/").status_code == 404


def test_moved_page_leaves_its_old_address_at_once(client, home):
    about = add_page(home, "about", "About us")
    team = add_page(home, "team", "Team")
    warm(client, "/about/")
    about.move(team, pos="last-child")
    old = client.get("/about/")
    assert (old.status_code, old["Location"]) == (301, "/team/about/")
    assert "About us" in client.get("/team/about/").content.decode()


def test_deleted_menu_page_leaves_the_cached_menu_at_once(client, home):
    add_page(home, "about", "About us", show_in_menus=True)
    contact = add_page(home, "contact", "Contact us", show_in_menus=True)
    warm(client, "/about/")
    contact.delete()
    assert "Contact us" not in client.get("/about/").content.decode()


def test_live_alias_joins_the_cached_menu_at_once(client, home):
    about = add_page(home, "about", "About us")
    source = add_page(about, "team", "Our team", show_in_menus=True)
    warm(client, "/about/")
    source.create_alias(parent=home, update_slug="our-team")
    assert '<a href="/our-team/">Our team</a>' in client.get("/about/").content.decode()


def test_partner_saved_or_deleted_shows_on_the_cached_home_page(client, home):
    warm(client, "/")
    partner = Partner.objects.create(
        name="Open Indic Lab", url="https://oil.example.in"
    )
    assert "Open Indic Lab" in client.get("/").content.decode()
    partner.delete()
    assert "Open Indic Lab" not in client.get("/").content.decode()


def test_changed_site_settings_show_at_once(client, home):
    add_page(home, "about", "About us")
    warm(client, "/about/")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "Bharat AI Centre"
    settings.save()
    assert "Bharat AI Centre" in client.get("/about/").content.decode()


def test_first_visit_creating_the_settings_keeps_its_page_cached(client, home):
    add_page(home, "about", "About us")
    SiteSettings.objects.all().delete()
    assert client.get("/about/")[STATE] == "miss"
    assert client.get("/about/")[STATE] == "hit"


def test_restricting_a_page_hides_it_from_the_cached_menu_at_once(client, home):
    add_page(home, "about", "About us", show_in_menus=True)
    contact = add_page(home, "contact", "Contact us", show_in_menus=True)
    warm(client, "/about/")
    restriction = restrict(contact)
    assert "Contact us" not in client.get("/about/").content.decode()
    restriction.delete()
    assert "Contact us" in client.get("/about/").content.decode()


def test_draft_changes_keep_the_cached_pages(client, home):
    about = add_page(home, "about", "About us")
    warm(client, "/about/")
    about.title = "About the draft"
    about.save_revision()
    response = client.get("/about/")
    assert response[STATE] == "hit"
    assert "About the draft" not in response.content.decode()


def test_a_signup_or_an_account_deletion_keeps_the_cached_pages(client, home):
    add_page(home, "about", "About us")
    warm(client, "/about/")
    person = VerifiedUserFactory()
    assert client.get("/about/")[STATE] == "hit"
    person.delete()
    assert client.get("/about/")[STATE] == "hit"


def test_connecting_at_start_up_wires_publish_save_and_delete(client, home):
    """What the app does when it starts: with the handlers connected afresh,
    a publish, a snippet save and a snippet delete each retire cached pages."""
    from django.db.models.signals import post_delete, post_save
    from wagtail import signals as wagtail_signals

    from home import signals

    page_signals = (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.page_slug_changed,
        wagtail_signals.post_page_move,
    )
    for signal in page_signals:
        signal.disconnect(dispatch_uid=f"site-generation-{id(signal)}")
    post_save.disconnect(dispatch_uid="site-generation-save")
    post_delete.disconnect(dispatch_uid="site-generation-delete")
    try:
        signals.connect()
        warm(client, "/")
        contact = add_page(home, "contact", "Contact us", show_in_menus=True)
        assert "Contact us" in client.get("/").content.decode()
        contact.title = "Reach us"
        contact.save_revision().publish()
        assert "Reach us" in client.get("/").content.decode()
        partner = Partner.objects.create(name="Open Indic Lab")
        assert "Open Indic Lab" in client.get("/").content.decode()
        partner.delete()
        assert "Open Indic Lab" not in client.get("/").content.decode()
        archive = add_page(home, "archive", "Archive")
        warm(client, "/contact/")
        contact.move(archive, pos="last-child")
        moved = client.get("/contact/")  # not the cached page: the redirect
        assert (moved.status_code, moved["Location"]) == (301, "/archive/contact/")
        assert "Reach us" in client.get("/archive/contact/").content.decode()
    finally:
        signals.connect()
