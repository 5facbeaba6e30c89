"""An event published only in English still shows in the Hindi listing (item 3)."""

from django.core.cache import cache
from wagtail.models import Locale

from tests.factories.events import make_event


def _hindi_index(index):
    hindi = index.copy_for_translation(
        Locale.objects.get_or_create(language_code="hi")[0], copy_parents=True
    )
    hindi.save_revision().publish()
    return hindi


def test_english_only_event_is_listed_in_hindi_marked_as_english(client, index):
    _hindi_index(index)
    make_event(index, title="Fresh English workshop", slug="fresh")
    cache.clear()
    response = client.get("/hi/events/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fresh English workshop" in html
    assert '<li class="card event-card" lang="en">' in html
    assert "अभी इस भाषा में उपलब्ध नहीं है।" in html
    assert 'href="/events/fresh/"' in html


def test_translated_event_is_listed_once_in_its_own_language(client, index):
    _hindi_index(index)
    event = make_event(index, title="Translated workshop", slug="translated")
    hindi = event.copy_for_translation(Locale.objects.get(language_code="hi"))
    hindi.title = "अनूदित कार्यशाला"
    hindi.save_revision().publish()
    cache.clear()
    listed = client.get("/hi/events/").context["paginator"].object_list
    assert [e.title for e in listed] == ["अनूदित कार्यशाला"]
    listed = client.get("/events/").context["paginator"].object_list
    assert [e.title for e in listed] == ["Translated workshop"]
