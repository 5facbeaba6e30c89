"""Many languages, not two by hand: Tamil end to end, and a fourth language
switched on in settings alone (issue 19, item 5)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core import mail
from wagtail.models import Locale

pytestmark = pytest.mark.django_db

TAMIL_PAGES = {
    "/ta/": "ஒவ்வொரு இந்திய மொழிக்குமான செயற்கை நுண்ணறிவு",
    "/ta/about/": "எங்கள் முன்னுரிமைகள்",
    "/ta/resources/": "திறந்த மாதிரிகளும் தரவுத்தொகுப்புகளும்",
    "/ta/events/": "இந்தியா முழுவதும், இணையவழியிலும்",
    "/ta/events/bhasha-datasets-hackathon/": "தரமணி ஆராய்ச்சிப் பூங்கா",
    "/ta/cohorts/": "ஆறு மாதத் தொகுதிகள்",
    "/ta/accounts/login/": "உள்நுழை",
}


@pytest.mark.parametrize(("url", "text"), TAMIL_PAGES.items())
def test_tamil_pages_are_in_tamil_text_and_interface(client, seeded, url, text):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ta"' in html
    assert text in html
    assert "Skip to main content" not in html
    assert "முதன்மை உள்ளடக்கத்துக்குச் செல்லவும்" in html


def test_tamil_event_page_keeps_the_english_facts(client, seeded):
    english = client.get("/events/bhasha-datasets-hackathon/").content.decode()
    tamil = client.get("/ta/events/bhasha-datasets-hackathon/").content.decode()
    times = re.compile(r"\d{1,2}:\d{2}")
    assert times.findall(tamil) and times.findall(tamil) == times.findall(english)
    assert "பிற்பகல்" in tamil or "முற்பகல்" in tamil
    assert "இந்திய நேரம்" in tamil


def test_tamil_listings_show_what_is_not_translated_yet_in_english(client, seeded):
    events = client.get("/ta/events/").content.decode()
    assert "Fine-tuning Indic language models" in events
    # Once, in English: not its Hindi translation beside it.
    assert 'href="/events/fine-tuning-indic-llms/"' in events
    assert 'class="card__title"><a href="/hi/' not in events
    assert "இந்த மொழியில் இன்னும் கிடைக்கவில்லை." in events
    held_in_tamil = client.get("/ta/events/", {"language": "ta"}).content.decode()
    assert "பாஷா தரவுத்தொகுப்புகள் ஹேக்கத்தான்" in held_in_tamil
    assert "Bhasha datasets hackathon" not in held_in_tamil  # translated: not twice
    cohorts = client.get("/ta/cohorts/").content.decode()
    assert 'class="card cohort-card" lang="en"' in cohorts
    assert "Cohort 3: Indic-language LLMs" in cohorts
    home = client.get("/ta/").content.decode()
    assert "Cohort 3: Indic-language LLMs" in home  # open cohorts on the home page
    # Where everything is translated, nothing is listed twice.
    hindi = client.get("/hi/cohorts/").content.decode()
    assert "Cohort 3: Indic-language LLMs" not in hindi


def test_alternates_and_switch_name_every_language(client, seeded):
    html = client.get("/about/").content.decode()
    for code, path in (("en", "/about/"), ("hi", "/hi/about/"), ("ta", "/ta/about/")):
        assert f'hreflang="{code}" href="http://testserver{path}"' in html
    switch = re.search(r'<nav class="language-switch".*?</nav>', html, re.S).group(0)
    assert '<a href="/ta/about/" hreflang="ta" lang="ta">' in switch
    # In its own words; on phones (CSS) by its name.
    assert ">தமிழில் படிக்க</span>" in switch and ">தமிழ்</span>" in switch
    tamil = client.get("/ta/about/").content.decode()
    switch = re.search(r'<nav class="language-switch".*?</nav>', tamil, re.S).group(0)
    assert 'href="/about/"' in switch and 'href="/hi/about/"' in switch
    assert "/ta/" not in switch  # not a link to the page itself


def test_sitemap_lists_the_tamil_pages(client, seeded):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/ta/", "/ta/about/", "/ta/events/bhasha-datasets-hackathon/"):
        assert f"<loc>http://testserver{path}</loc>" in xml


def test_search_in_tamil_finds_tamil_pages(client, seeded):
    html = client.get("/ta/search/", {"q": "முன்னுரிமைகள்"}).content.decode()
    assert "மையத்தைப் பற்றி" in html
    assert "About the Centre" not in html


def test_robots_keeps_crawlers_out_of_private_paths_in_every_language(client, db):
    text = client.get("/robots.txt").content.decode()
    for prefix in ("", "/hi", "/ta"):
        assert f"Disallow: {prefix}/dashboard/" in text


def test_signup_in_tamil_sends_the_verification_email_in_tamil(client, db):
    password = "a-fresh-and-long-passphrase"
    client.post(
        "/ta/accounts/signup/",
        {"email": "kavya@example.in", "password1": password, "password2": password},
    )
    message = mail.outbox[-1]
    assert message.subject == "[AI CoE] உங்கள் மின்னஞ்சல் முகவரியை உறுதிப்படுத்தவும்"
    assert "/ta/accounts/confirm-email/" in message.body
    user = get_user_model().objects.get(email="kavya@example.in")
    assert user.preferred_language == "ta"


# Fonts: each script's own, only where the page is in it.


def _preloads(html):
    return re.findall(r'<link rel="preload" href="([^"]+)" as="font"', html)


def test_pages_preload_only_their_own_scripts_font(client, seeded):
    assert _preloads(client.get("/").content.decode()) == []
    tamil = _preloads(client.get("/ta/").content.decode())
    hindi = _preloads(client.get("/hi/").content.decode())
    assert tamil and all("noto-sans-tamil" in font for font in tamil)
    assert hindi and all("noto-sans-devanagari" in font for font in hindi)


def test_tamil_font_is_declared_by_unicode_range_with_swap():
    css = Path(finders.find("css/fonts.css")).read_text(encoding="utf-8")
    faces = re.findall(r"@font-face \{(.*?)\}", css, re.S)
    tamil = [face for face in faces if "Noto Sans Tamil Web" in face]
    assert len(tamil) == 2
    for face in tamil:
        assert "font-display: swap" in face
        assert "unicode-range: U+0B80-0BFF" in face
        url = re.search(r'url\("\.\./([^"]+)"\)', face).group(1)
        assert finders.find(url)


def test_tamil_font_has_every_tamil_letter_the_site_writes():
    ttlib = pytest.importorskip("fontTools.ttLib", reason="fonttools (dev) reads fonts")
    root = Path(settings.BASE_DIR)
    text = "".join(
        path.read_text(encoding="utf-8")
        for path in [*root.glob("*/locale/ta/LC_MESSAGES/django.po")]
        + [root / "locale/ta/LC_MESSAGES/django.po"]
    )
    used = {ord(c) for c in text if 0x0B80 <= ord(c) <= 0x0BFF}
    assert used
    for weight in (400, 700):
        font = finders.find(f"fonts/noto-sans-tamil-tamil-{weight}-normal.woff2")
        covered = set(ttlib.TTFont(font).getBestCmap())
        assert used <= covered, sorted(hex(c) for c in used - covered)


# A fourth language, switched on in settings and nowhere else.

FOURTH = [*settings.LANGUAGES, ("bn", "বাংলা")]


@pytest.fixture
def bengali(settings, seeded):
    settings.LANGUAGES = FOURTH
    settings.WAGTAIL_CONTENT_LANGUAGES = FOURTH
    Locale.objects.get_or_create(language_code="bn")


@pytest.mark.parametrize(
    "url",
    [
        "/bn/",
        "/bn/about/",
        "/bn/events/",
        "/bn/events/fine-tuning-indic-llms/",
        "/bn/cohorts/",
        "/bn/cohorts/indic-llm-cohort-3/",
        "/bn/search/?q=AI",
        "/bn/accounts/login/",
    ],
)
def test_a_fourth_language_in_settings_works_falling_back_to_english(
    client, bengali, url
):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="bn"' in html
    # Nothing is translated into it: the English text and interface.
    assert "Skip to main content" in html


def test_a_fourth_language_shows_english_content_and_is_offered(client, bengali):
    html = client.get("/bn/").content.decode()
    assert "Building AI for every Indian language" in html
    english = client.get("/").content.decode()
    switch = re.search(r'<nav class="language-switch".*?</nav>', english, re.S)
    assert '<a href="/bn/" hreflang="bn" lang="bn">' in switch.group(0)
    assert ">বাংলা</span>" in switch.group(0)
    assert client.get("/sitemap.xml").status_code == 200
    assert "Disallow: /bn/dashboard/" in client.get("/robots.txt").content.decode()


def test_a_fourth_language_can_be_chosen_for_emails(client, bengali, user):
    client.force_login(user)
    response = client.post("/bn/dashboard/language/", {"preferred_language": "bn"})
    assert response.status_code in (200, 302)
    user.refresh_from_db()
    assert user.preferred_language == "bn"


def test_registering_in_tamil_is_in_tamil_and_emails_in_tamil(
    client, seeded, user, django_capture_on_commit_callbacks
):
    from events.models import Registration

    client.force_login(user)
    form = {"name": "Kavya Raman", "email": user.email, "phone": "98765 43210"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ta/events/bhasha-datasets-hackathon/register/", form)
    registration = Registration.objects.get(user=user)
    assert registration.language == "ta"
    assert response["Location"] == f"/ta/registrations/{registration.uuid}/"
    page = client.get(response["Location"]).content.decode()
    assert "பாஷா தரவுத்தொகுப்புகள் ஹேக்கத்தான்" in page
    message = mail.outbox[-1]
    assert "பாஷா தரவுத்தொகுப்புகள் ஹேக்கத்தான்" in message.subject
    assert "/ta/" in message.body
    assert "Hello" not in message.body
