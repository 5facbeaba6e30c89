"""Listing filters that travel between languages and stay short (issue 12, item 7)."""

import datetime as dt

from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Locale

from events import queries
from tests.factories.events import VenueFactory, make_event


def _venues():
    bengaluru = VenueFactory(city="Bengaluru")
    hindi = bengaluru.copy_for_translation(
        Locale.objects.get_or_create(language_code="hi")[0]
    )
    hindi.city = "बेंगलुरु"
    hindi.save()
    return bengaluru, VenueFactory(city="Pune")


def test_city_filter_value_is_the_same_in_every_language(index):
    bengaluru, pune = _venues()
    make_event(index, title="In Bengaluru", slug="blr", venue=bengaluru)
    make_event(index, title="In Pune", slug="pune", venue=pune)
    choices = queries.filter_choices(index)
    assert ("Bengaluru", "Bengaluru") in choices["cities"]
    for name in ("Bengaluru", "बेंगलुरु", "bengaluru"):
        events = queries.apply_filters(queries.card_queryset(), {"city": name})
        assert [e.title for e in events] == ["In Bengaluru"], name


def test_a_city_is_listed_once_in_the_listing_language(index):
    """A Hindi event that points at the English venue and one that points at its
    Hindi translation: one Bengaluru, named in Hindi (issue 19)."""
    from tests.factories.events import translate

    bengaluru, _pune = _venues()
    hindi_venue = bengaluru.get_translation(Locale.objects.get(language_code="hi"))
    first = translate(make_event(index, title="A", slug="a", venue=bengaluru))
    second = translate(make_event(index, title="B", slug="b", venue=bengaluru))
    first.venue = bengaluru
    first.save_revision().publish()
    second.venue = hindi_venue
    second.save_revision().publish()
    hindi_index = first.get_parent().specific
    assert hindi_index.locale.language_code == "hi"
    cities = queries.filter_choices(hindi_index)["cities"]
    assert cities == [("Bengaluru", "बेंगलुरु")]


def test_hindi_city_name_on_the_english_page_still_filters(client, index):
    bengaluru, pune = _venues()
    make_event(index, title="In Bengaluru", slug="blr", venue=bengaluru)
    make_event(index, title="In Pune", slug="pune", venue=pune)
    cache.clear()
    response = client.get("/events/", {"city": "बेंगलुरु"})
    titles = [e.title for e in response.context["paginator"].object_list]
    assert titles == ["In Bengaluru"]


def test_empty_parameters_are_dropped_from_the_address(client, index):
    response = client.get("/events/?q=&when=&type=workshop&city=")
    assert response.status_code == 302
    assert response["Location"] == "/events/?type=workshop"
    response = client.get("/events/?q=&month=")
    assert response["Location"] == "/events/"


def test_month_filter_offers_only_months_with_events(client, index):
    start = timezone.now() + dt.timedelta(days=70)
    make_event(index, slug="later", start=start)
    cache.clear()
    months = dict(client.get("/events/").context["filter_form"].fields["month"].choices)
    assert timezone.localtime(start).strftime("%Y-%m") in months
    assert len(months) == 2  # "Any month" and the event's month
