"""A view restriction covers every translation of a page, its files, listings,
feeds and the sitemap; aliases take their source's restrictions."""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, PageViewRestriction

from tests.factories.events import make_event

pytestmark = pytest.mark.django_db

KINDS = [
    (PageViewRestriction.LOGIN, {}),
    (PageViewRestriction.PASSWORD, {"password": "letmein"}),
    (PageViewRestriction.GROUPS, {}),
]


def _translate(page):
    hindi = Locale.objects.get_or_create(language_code="hi")[0]
    translated = page.copy_for_translation(hindi, copy_parents=True)
    translated.title = f"{page.title} (हिन्दी)"
    translated.save_revision().publish()
    return translated


def _restrict(page, kind, fields):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, **fields
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Board"))
    return restriction


def _shows(client, url, text):
    response = client.get(url)
    return response.status_code == 200 and text in response.content.decode()


def _hidden_everywhere(client, slug, titles):
    for prefix in ("", "/hi"):
        for url in (
            f"{prefix}/events/{slug}/",
            f"{prefix}/events/{slug}/calendar.ics",
            f"{prefix}/events/{slug}/availability.json",
        ):
            response = client.get(url)
            assert response.status_code in (302, 404) or (
                'name="password"' in response.content.decode()
            ), url
            assert "seats_left" not in response.content.decode(), url
        for url in (f"{prefix}/events/", f"{prefix}/events/feed.ics"):
            for title in titles:
                assert not _shows(client, url, title), (url, title)
    for title in titles:
        assert not _shows(client, "/sitemap.xml", f"/{slug}/"), title


@pytest.mark.parametrize(("kind", "fields"), KINDS)
def test_restricting_the_english_event_hides_its_hindi_translation(
    client, index, kind, fields
):
    event = make_event(index, slug="board", title="Board meeting")
    _translate(event)
    assert _shows(client, "/hi/events/board/", "Board meeting (हिन्दी)")
    _restrict(event, kind, fields)
    _hidden_everywhere(client, "board", ["Board meeting"])


@pytest.mark.parametrize(("kind", "fields"), KINDS)
def test_restricting_the_hindi_translation_hides_the_english_event(
    client, index, kind, fields
):
    event = make_event(index, slug="retreat", title="Staff retreat")
    _restrict(_translate(event), kind, fields)
    _hidden_everywhere(client, "retreat", ["Staff retreat"])


def test_restricting_the_english_index_hides_hindi_events(client, index):
    event = make_event(index, slug="inner", title="Inner event")
    _translate(event)
    _restrict(index, PageViewRestriction.LOGIN, {})
    _hidden_everywhere(client, "inner", ["Inner event"])


def test_signed_in_user_sees_the_hindi_translation_of_a_login_only_event(
    client, index, user
):
    event = make_event(index, slug="members", title="Members only")
    _translate(event)
    _restrict(event, PageViewRestriction.LOGIN, {})
    client.force_login(user)
    assert _shows(client, "/hi/events/members/", "Members only (हिन्दी)")


def test_an_alias_of_a_private_event_is_private_too(client, index, home):
    event = make_event(index, slug="aliased", title="Aliased event")
    _restrict(event, PageViewRestriction.LOGIN, {})
    event.create_alias(parent=home, update_slug="aliased-copy")
    assert client.get("/events/aliased/").status_code == 302
    assert client.get("/aliased-copy/").status_code == 302
    assert client.get("/aliased-copy/calendar.ics").status_code == 302


@pytest.mark.parametrize("file", ["calendar.ics", "availability.json"])
def test_files_of_a_password_protected_event_ask_for_the_password(client, index, file):
    event = make_event(index, slug="secret-files", title="Secret files")
    _restrict(event, PageViewRestriction.PASSWORD, {"password": "letmein"})
    response = client.get(f"/events/secret-files/{file}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="password"' in html
    assert "BEGIN:VCALENDAR" not in html
    assert "seats_left" not in html


def test_each_translation_with_its_own_password_opens_with_it(client, index):
    event = make_event(index, slug="two-passwords", title="Two passwords")
    hindi = _translate(event)
    _restrict(event, PageViewRestriction.PASSWORD, {"password": "english"})
    _restrict(hindi, PageViewRestriction.PASSWORD, {"password": "hindi"})
    form = client.get("/hi/events/two-passwords/").content.decode()
    action = re.search(r'<form action="([^"]+)"', form).group(1)
    client.post(action, {"password": "hindi", "return_url": "/hi/"})
    assert _shows(client, "/hi/events/two-passwords/", "Two passwords (हिन्दी)")
    assert not _shows(client, "/events/two-passwords/", "A short summary.")
