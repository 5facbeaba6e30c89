"""The resources library (issue 23, item 2): filters, the Tamil filter under
every language prefix, the JSON catalogue, JSON-LD, flat queries, the seed."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from resources.models import (
    ResourceIndexPage,
    ResourceLanguage,
    ResourceLink,
    ResourcePage,
)
from resources.seed import CATALOGUE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]


def add_resource(index, slug, *, languages=("hin",), **fields):
    values = {
        "title": slug.replace("-", " ").title(),
        "kind": "dataset",
        "modality": "text",
        "task": "translation",
        "licence": "CC-BY-4.0",
        "size": "1 million sentence pairs",
        "summary": f"About {slug}.",
        "maintainer": "Open Indic Models Lab",
        **fields,
    }
    page = ResourcePage(slug=slug, **values)
    page.resource_languages = [ResourceLanguage(code=code) for code in languages]
    page.links = [ResourceLink(kind="data", url=f"https://example.org/{slug}")]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


# --- with the demo ------------------------------------------------------------------


def test_the_seed_has_thirty_entries_in_ten_languages(seeded):
    pages = ResourcePage.objects.filter(locale__language_code="en", live=True)
    assert pages.count() >= 30
    assert len(CATALOGUE) >= 30
    languages = set(
        ResourceLanguage.objects.filter(page__in=pages).values_list("code", flat=True)
    )
    assert len(languages) >= 10
    kinds = set(pages.values_list("kind", flat=True))
    assert {"dataset", "model", "guide"} <= kinds


def test_the_old_plain_page_is_now_the_library(seeded):
    from home.models import StandardPage

    assert not StandardPage.objects.filter(slug="resources").exists()
    for prefix in ("", "/hi", "/ta"):
        response = seeded_get(prefix + "/resources/")
        assert response.status_code == 200
        assert isinstance(response.context["page"], ResourceIndexPage)
        assert response.context["page"].show_in_menus
        assert f'href="{prefix}/resources/"' in response.content.decode()


def seeded_get(url, data=None):
    from django.test import Client

    return Client().get(url, data or {})


@pytest.mark.parametrize("prefix", ["", "/hi", "/ta"])
def test_language_tam_lists_only_resources_in_tamil(client, seeded, prefix):
    response = client.get(f"{prefix}/resources/", {"language": "tam"})
    assert response.status_code == 200
    listed = response.context["paginator"].object_list
    assert listed.count() > 0
    all_entries = client.get(f"{prefix}/resources/").context["paginator"].count
    assert listed.count() < all_entries
    for page in listed:
        assert "tam" in page.language_codes, page.title
    tamil = {row[1] for row in CATALOGUE if "tam" in row[7].split()}
    assert {page.title for page in listed} == tamil
    html = response.content.decode()
    assert "Responsible AI for All" not in html  # English only


def test_the_language_switch_keeps_the_filters(client, seeded):
    html = client.get("/resources/", {"language": "tam", "licence": "MIT"}).content
    html = html.decode()
    assert 'href="/hi/resources/?language=tam&amp;licence=MIT"' in html
    assert 'href="/ta/resources/?language=tam&amp;licence=MIT"' in html


def test_filters_narrow_the_listing(client, seeded):
    speech = client.get("/resources/", {"modality": "speech"}).context
    assert speech["paginator"].count > 0
    assert all(page.modality == "speech" for page in speech["paginator"].object_list)
    mit = client.get("/resources/", {"licence": "MIT", "kind": "model"}).context
    assert {page.title for page in mit["paginator"].object_list} >= {
        "IndicTrans2",
        "Whisper",
    }
    found = client.get("/resources/", {"q": "samanantar"}).context
    assert [page.title for page in found["paginator"].object_list] == ["Samanantar"]
    guides = client.get("/resources/", {"task": "governance"}).context
    assert all(p.kind == "guide" for p in guides["paginator"].object_list)


def test_bad_filter_values_are_a_message_not_an_error(client, seeded):
    response = client.get("/resources/", {"language": "xx", "page": "zz"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    hindi = client.get("/hi/resources/", {"language": "xx"})
    assert hindi.status_code == 200
    assert "Select a valid choice" not in hindi.content.decode()


def test_with_one_bad_filter_the_good_ones_apply_and_stay_in_the_links(client, seeded):
    """As on the events listing (home.listing_pages): a bad value counts as not
    given; the rest narrows the list and is kept by the page's links."""
    context = client.get("/resources/", {"modality": "speech", "task": "nope"}).context
    assert context["filters"] == {"modality": "speech"}
    assert context["querystring"] == "modality=speech"
    assert all(page.modality == "speech" for page in context["paginator"].object_list)


@pytest.mark.parametrize("number", ["0", "-3", "abc"])
def test_a_page_number_below_one_or_not_a_number_is_the_first_page(
    client, seeded, number
):
    context = client.get("/resources/", {"page": number}).context
    assert context["page_obj"].number == 1


def test_the_catalogue_feed_lists_everything(client, seeded):
    response = client.get("/resources/catalogue.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["count"] == len(data["resources"]) >= 30
    trans = next(item for item in data["resources"] if item["title"] == "IndicTrans2")
    assert trans["licence"] == "MIT"
    assert trans["kind"] == "model"
    assert {"code": "tam", "name": "Tamil"} in trans["languages"]
    assert trans["links"][0]["url"].startswith("https://github.com/AI4Bharat/")
    assert trans["url"].endswith("/resources/indictrans2/")
    hindi = client.get("/hi/resources/catalogue.json").json()
    assert hindi["count"] == data["count"]
    assert {"code": "tam", "name": "तमिल"} in next(
        item for item in hindi["resources"] if item["title"] == "IndicTrans2"
    )["languages"]


def test_a_dataset_page_carries_json_ld(client, seeded):
    html = client.get("/resources/samanantar/").content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found
    data = json.loads(found.group(1))
    assert data["@type"] == "Dataset"
    assert data["name"] == "Samanantar"
    assert data["license"] == "https://spdx.org/licenses/CC-BY-NC-4.0.html"
    assert "tam" in data["inLanguage"]
    model_page = client.get("/resources/indictrans2/").content.decode()
    assert "application/ld+json" not in model_page


# --- without the demo ---------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_listing_costs_the_same_for_one_or_five_entries(client, seeded):
    index = ResourceIndexPage.objects.get(locale__language_code="en")
    ResourcePage.objects.child_of(index).delete()
    add_resource(index, "first", languages=("tam", "eng"))
    _queries(client, "/resources/")  # warm caches (site, settings)
    one = _queries(client, "/resources/?language=tam")
    for number in range(4):
        add_resource(index, f"more-{number}", languages=("tam", "hin", "ben"))
    _queries(client, "/resources/")  # publishing retired the caches: warm them again
    five = _queries(client, "/resources/?language=tam")
    assert one == five
    feed_one = _queries(client, "/resources/catalogue.json")
    add_resource(index, "sixth", languages=("tam",))
    _queries(client, "/resources/")
    assert _queries(client, "/resources/catalogue.json") == feed_one


def test_facts_are_shared_with_translations(seeded):
    page = ResourcePage.objects.get(slug="samanantar", locale__language_code="en")
    hindi = page.copy_for_translation(Locale.objects.get(language_code="hi"))
    hindi.save_revision().publish()
    page.licence = "CC0-1.0"
    page.resource_languages = [ResourceLanguage(code="mar")]
    page.save_revision().publish()
    hindi.refresh_from_db()
    assert hindi.licence == "CC0-1.0"
    assert hindi.language_codes == ["mar"]


def test_site_search_finds_a_resource_by_its_summary(client, seeded):
    html = client.get("/search/", {"q": "transliteration"}).content.decode()
    assert "Aksharantar" in html
