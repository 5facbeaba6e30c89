"""Events are routed in one query, with Wagtail's rules: privacy, languages, 404s."""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from tests.factories.events import make_event

pytestmark = pytest.mark.django_db


def _restrict(page, kind=PageViewRestriction.LOGIN, **fields):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=kind, **fields
    )


def test_private_event_needs_sign_in_for_page_and_files(client, index, user):
    open_event = make_event(index, slug="open", title="Open day")
    private = make_event(index, slug="private", title="Board meeting")
    _restrict(private)

    assert client.get("/events/open/").status_code == 200
    for url in (
        "/events/private/",
        "/events/private/calendar.ics",
        "/events/private/availability.json",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"], url
    for url in ("/events/", "/events/feed.ics", "/events/feed.rss"):
        content = client.get(url).content.decode()
        assert "Open day" in content, url
        assert "Board meeting" not in content, url

    client.force_login(user)
    assert client.get("/events/private/").status_code == 200
    assert client.get("/events/private/calendar.ics").status_code == 200
    assert open_event.pk != private.pk


def test_restriction_on_the_index_covers_its_events(client, index, user):
    make_event(index, slug="inner")
    group = Group.objects.create(name="Staff only")
    restriction = _restrict(index, PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    assert client.get("/events/").status_code == 302
    assert client.get("/events/inner/").status_code == 302
    client.force_login(user)
    # Signed in but not in the group: Wagtail sends them to sign in as someone else.
    assert client.get("/events/inner/").status_code == 302
    assert "/accounts/login/" in client.get("/events/inner/")["Location"]
    user.groups.add(group)
    page = client.get("/events/inner/")
    assert page.status_code == 200
    assert page.context["page"].slug == "inner"


def test_password_restriction_asks_for_the_password(client, index):
    event = make_event(index, slug="secret")
    _restrict(event, PageViewRestriction.PASSWORD, password="letmein")
    response = client.get("/events/secret/")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert "A short summary." not in response.content.decode()


def test_wrong_password_is_told_in_the_page_language(client, index):
    from wagtail.models import Locale

    hindi = Locale.objects.get_or_create(language_code="hi")[0]
    event = make_event(index, slug="secret-hi")
    translated = event.copy_for_translation(hindi, copy_parents=True)
    translated.save_revision().publish()
    _restrict(translated, PageViewRestriction.PASSWORD, password="ok")
    form = client.get("/hi/events/secret-hi/").content.decode()
    action = re.search(r'<form action="([^"]+)"', form).group(1)
    assert action.startswith("/hi/")
    response = client.post(action, {"password": "wrong", "return_url": "/hi/"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "पासवर्ड सही नहीं है" in html
    assert 'aria-invalid="true"' in html


def test_making_a_cached_event_private_takes_effect_at_once(client, index):
    event = make_event(index, slug="soon-private")
    client.get("/events/soon-private/")
    assert client.get("/events/soon-private/")["X-Page-Cache"] == "hit"
    restriction = _restrict(event)
    assert client.get("/events/soon-private/").status_code == 302
    assert "soon-private" not in client.get("/events/").content.decode()
    restriction.delete()
    assert client.get("/events/soon-private/").status_code == 200


def test_unknown_unpublished_and_nested_paths_are_404(client, index):
    make_event(index, slug="draft", publish=False, live=False)
    make_event(index, slug="live")
    assert client.get("/events/draft/").status_code == 404
    assert client.get("/events/nothing/").status_code == 404
    assert client.get("/events/live/nothing/").status_code == 404
    assert client.get("/events/nothing/calendar.ics").status_code == 404
    live = client.get("/events/live/")
    assert live.status_code == 200
    assert live.context["page"].slug == "live"


def test_other_pages_with_two_levels_still_route(client, home):
    about = StandardPage(title="About", slug="about")
    home.add_child(instance=about)
    about.save_revision().publish()
    team = StandardPage(title="Our team", slug="team")
    about.add_child(instance=team)
    team.save_revision().publish()
    response = client.get("/about/team/")
    assert response.status_code == 200
    assert "Our team" in response.content.decode()


def test_event_breadcrumbs_name_the_listing(client, index):
    make_event(index, slug="crumbs", title="Crumbs")
    html = client.get("/events/crumbs/").content.decode()
    assert '<a href="/events/">Events</a>' in html
    assert '<span aria-current="page">Crumbs</span>' in html


def test_publishing_a_menu_page_shows_on_cached_event_pages(client, index, home):
    make_event(index, slug="frame")
    client.get("/events/frame/")
    assert client.get("/events/frame/")["X-Page-Cache"] == "hit"
    page = StandardPage(title="Contact", slug="contact", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    assert (
        '<a href="/contact/">Contact</a>'
        in client.get("/events/frame/").content.decode()
    )


def test_other_pages_are_not_looked_up_as_events(client, index, home):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    about = StandardPage(title="About", slug="about")
    home.add_child(instance=about)
    about.save_revision().publish()
    client.get("/about/")  # creates the site settings, which starts a new frame
    client.get("/about/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/about/").status_code == 200
    assert not any("events_event" in query["sql"] for query in queries)


def test_register_form_keeps_the_events_privacy(client, index, user):
    """The form has its own URL pattern, but Wagtail's hooks still guard it."""
    group = Group.objects.create(name="Board")
    restriction = _restrict(make_event(index, slug="board"), PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    _restrict(
        make_event(index, slug="secret"), PageViewRestriction.PASSWORD, password="x"
    )
    client.force_login(user)
    response = client.get("/events/board/register/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.post("/events/board/register/", {"name": "A"}).status_code == 302
    assert 'name="password"' in client.get("/events/secret/register/").content.decode()
    user.groups.add(group)
    assert client.get("/events/board/register/").status_code == 200


def test_register_path_of_another_page_is_served_by_wagtail(client, home):
    about = StandardPage(title="About", slug="about")
    home.add_child(instance=about)
    about.save_revision().publish()
    signup = StandardPage(title="Sign up for news", slug="register")
    about.add_child(instance=signup)
    signup.save_revision().publish()
    response = client.get("/about/register/")
    assert response.status_code == 200
    assert "Sign up for news" in response.content.decode()
    assert client.get("/nothing/register/").status_code == 404


def test_register_form_follows_a_renamed_or_unpublished_event(client, index, user):
    event = make_event(index, slug="before")
    client.force_login(user)
    assert client.get("/events/before/register/").status_code == 200
    event.slug = "after"
    event.save_revision().publish()
    assert client.get("/events/before/register/").status_code == 404
    assert client.get("/events/after/register/").status_code == 200
    event.unpublish()
    assert client.get("/events/after/register/").status_code == 404


def test_register_form_in_hindi_is_the_hindi_event(client, index, user):
    from tests.factories.events import translate

    translated = translate(make_event(index, slug="bilingual", title="Open day"))
    translated.title = "खुला दिन"
    translated.save_revision().publish()
    client.force_login(user)
    html = client.get("/hi/events/bilingual/register/").content.decode()
    assert "खुला दिन" in html
    assert 'href="/hi/events/bilingual/"' in html


@pytest.mark.parametrize("events", [1, 3])
def test_register_form_queries_do_not_grow(client, index, user, events):
    """A signed-in person's form: the event, the person, their registration,
    the seats and their address; no routing through the page tree."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(events):
        make_event(index, slug=f"e{number}")
    client.force_login(user)
    client.get("/events/e0/register/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/events/e0/register/").status_code == 200
    # + the session, which production keeps in Redis.
    assert len(queries) <= 6, [q["sql"][:80] for q in queries]
