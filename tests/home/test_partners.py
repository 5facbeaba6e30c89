"""The Hindi home page shows the partners too (issue 12, item 4)."""

import io

from wagtail.models import Locale

from home.models import Partner
from home.seed import ensure_home


def test_hindi_home_page_shows_partners_not_yet_translated(client, db):
    ensure_home(io.StringIO())
    english = Locale.objects.get(language_code="en")
    Partner.objects.create(name="Open Indic Models Lab", locale=english)
    translated = Partner.objects.create(name="Bharat Compute", locale=english)
    hindi = translated.copy_for_translation(Locale.objects.get(language_code="hi"))
    hindi.name = "भारत कंप्यूट"
    hindi.save()

    html = client.get("/hi/").content.decode()

    assert "Open Indic Models Lab" in html
    assert "भारत कंप्यूट" in html
    assert "Bharat Compute" not in html
    english_html = client.get("/").content.decode()
    assert "Bharat Compute" in english_html and "भारत कंप्यूट" not in english_html
