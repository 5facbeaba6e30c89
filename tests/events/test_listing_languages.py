"""Listings in a partly translated language (home.translations), with three
languages, two event indexes and pages that exist in some languages only, so
that a listing which forgot its language, its index or its 'once' shows.
Found by the mutation run of home/: each filter could be dropped unnoticed
while every test had one index and two languages."""

import pytest
from wagtail.models import Locale

from events.models import EventIndexPage, EventPage
from home.translations import in_language, listed_under
from tests.factories.events import make_event, translate

pytestmark = pytest.mark.django_db


def in_(page, language):
    return page.get_translation(Locale.objects.get(language_code=language))


def titles(qs):
    return sorted((page.title, page.listed_language) for page in qs)


@pytest.fixture
def pages(home, index):
    """Under `index`: one event in English and Hindi, one in English and Tamil,
    one only in Tamil. Under another index: one in English only."""
    both = make_event(index, title="Speech day", slug="speech")
    translate(both, "hi", "वाक् दिवस")
    tamil_too = make_event(index, title="Vision day", slug="vision")
    translate(tamil_too, "ta", "பார்வை நாள்")
    tamil_index = in_(index, "ta")  # made with the Tamil event's parents
    only_tamil = make_event(tamil_index, title="தமிழ் மட்டும்", slug="tamil-only")
    other_index = EventIndexPage(title="Archive", slug="archive")
    home.add_child(instance=other_index)
    other_index.save_revision().publish()
    make_event(other_index, title="Old meetup", slug="old")
    return {"index": index, "tamil_index": tamil_index, "only_tamil": only_tamil}


def test_a_language_lists_its_own_version_else_the_main_one_once(pages):
    """Mistake: the 'else' part in any language (the Tamil copy of an event not
    in Hindi listed beside its English one)."""
    listed = in_language(EventPage.objects.live(), "hi")
    assert titles(listed) == [
        ("Old meetup", "en"),
        ("Vision day", "en"),
        ("वाक् दिवस", "hi"),
    ]


def test_an_index_lists_its_own_children_each_once(pages):
    """Mistakes: children of every index (the archive's meetup under events);
    a page with no Hindi version listed in each language it has; a page in no
    main-language version left out."""
    hindi_index = in_(pages["index"], "hi")
    listed = listed_under(EventPage.objects.live(), hindi_index)
    assert titles(listed) == [
        ("Vision day", "en"),
        ("वाक् दिवस", "hi"),
        ("தமிழ் மட்டும்", "ta"),
    ]
    english = listed_under(EventPage.objects.live(), pages["index"])
    assert titles(english) == [
        ("Speech day", "en"),
        ("Vision day", "en"),
        ("தமிழ் மட்டும்", "ta"),
    ]
