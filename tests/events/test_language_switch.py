"""The language switch never leads to a 404 and keeps the listing's filters (issue 12)."""

import re

from django.core.cache import cache
from wagtail.models import Locale

from tests.factories.events import make_event, translate


def _hindi_index(index):
    hindi = index.copy_for_translation(
        Locale.objects.get_or_create(language_code="hi")[0], copy_parents=True
    )
    hindi.save_revision().publish()
    return hindi


def _switch_links(html):
    return {
        code: url.replace("&amp;", "&")
        for url, code in re.findall(r'<a href="([^"]*)" hreflang="([^"]*)"', html)
    }


def _alternates(html):
    return re.findall(r'<link rel="alternate" hreflang="([^"]*)"', html)


def test_english_only_event_hindi_link_leads_to_the_hindi_listing(client, index):
    _hindi_index(index)
    make_event(index, title="Fresh English workshop", slug="fresh")
    cache.clear()
    html = client.get("/events/fresh/").content.decode()
    hindi = _switch_links(html)["hi"]
    assert hindi == "/hi/events/"
    landing = client.get(hindi)
    assert landing.status_code == 200
    assert landing.context["page"].locale.language_code == "hi"
    # The listing is not this event in Hindi: no hreflang alternate points to it.
    assert _alternates(html) == ["en"]


def test_hindi_only_event_english_link_is_not_a_404(client, index):
    hindi_index = _hindi_index(index)
    make_event(hindi_index, title="केवल हिन्दी", slug="only-hindi")
    cache.clear()
    response = client.get("/hi/events/only-hindi/")
    assert response.status_code == 200
    english = _switch_links(response.content.decode())["en"]
    assert english == "/events/"
    landing = client.get(english)
    assert landing.status_code == 200
    assert landing.context["page"].locale.language_code == "en"


def test_translated_event_switch_leads_to_its_translation(client, index):
    _hindi_index(index)
    event = make_event(index, slug="both")
    translate(event)
    cache.clear()
    html = client.get("/events/both/").content.decode()
    assert _switch_links(html)["hi"] == "/hi/events/both/"
    assert _alternates(html) == ["en", "hi"]


def test_listing_switch_keeps_filters_and_drops_unknown_parameters(client, index):
    _hindi_index(index)
    cache.clear()
    response = client.get(
        "/events/?type=workshop&city=bengaluru&utm_source=mail&next=//evil.test/&page=2"
    )
    hindi = _switch_links(response.content.decode())["hi"]
    assert hindi == "/hi/events/?type=workshop&city=bengaluru"
    landing = client.get(hindi)
    assert landing.status_code == 200
    assert landing.context["page"].locale.language_code == "hi"
