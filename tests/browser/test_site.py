"""The public site in a real browser: accessibility and the language switch."""

import pytest

from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser]


PUBLIC_PAGES = ["/", "/about/", "/search/?q=ai"]


def assert_pages_pass_axe(page, paths):
    """Visit each page (one seeding for all) and report every failure at once."""
    failures = []
    for path in paths:
        response = page.goto(path)
        try:
            assert response.status == 200, f"{path} answered {response.status}"
            assert page.locator("h1").count() == 1, f"{path}: not one h1"
            assert_no_axe_violations(page)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("prefix", ["", "/hi", "/ta"])
def test_public_pages_have_no_axe_violations(page, demo_site, prefix):
    paths = [prefix + path for path in PUBLIC_PAGES]
    if prefix:
        paths[-1] = f"{prefix}/search/?q=AI"
    assert_pages_pass_axe(page, paths)


# Every page type of the demo in Tamil: a script of its own, a listing that
# mixes translated and untranslated items, a translated event.
TAMIL_PAGES = [
    "/ta/",
    "/ta/resources/",
    "/ta/events/",
    "/ta/events/?language=ta",
    "/ta/events/bhasha-datasets-hackathon/",
    "/ta/cohorts/",
    "/ta/search/?q=முன்னுரிமைகள்",
    "/ta/accounts/signup/",
    "/ta/privacy/",
]


def test_tamil_page_types_have_no_axe_violations(page, demo_site):
    assert_pages_pass_axe(page, TAMIL_PAGES)
    assert page.locator("html").get_attribute("lang") == "ta"


def test_an_english_page_downloads_no_web_font_and_a_tamil_page_its_own(
    page, demo_site
):
    fonts = []
    page.on(
        "request",
        lambda request: fonts.append(request.url) if ".woff2" in request.url else None,
    )
    fonts_loaded = "() => document.fonts.ready.then(() => document.fonts.size)"
    page.goto("/events/", wait_until="domcontentloaded", timeout=60_000)
    page.evaluate(fonts_loaded)
    assert fonts == []
    page.goto("/ta/events/", wait_until="domcontentloaded", timeout=60_000)
    page.evaluate(fonts_loaded)
    assert fonts and all("noto-sans-tamil" in url for url in fonts)


def test_search_finds_a_page_in_the_active_language(page, demo_site):
    page.goto("/hi/search/?q=AI")

    assert page.locator("html").get_attribute("lang") == "hi"
    assert page.locator(".search-results a").count() >= 1
    for href in page.locator(".search-results a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    ):
        assert href.startswith("/hi/")


def test_language_switch_leads_to_the_same_page_in_hindi(no_js_page, demo_site):
    page = no_js_page
    for path in ["/about/", "/accounts/login/"]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "en"
        english_heading = page.locator("h1").inner_text()

        page.get_by_role("link", name="हिन्दी में पढ़ें").click()

        page.wait_for_url(f"**/hi{path}")
        assert page.locator("html").get_attribute("lang") == "hi"
        assert page.get_by_role("link", name="मुख्य सामग्री पर जाएँ").count() == 1
        assert page.get_by_role("button", name="खोजें").count() >= 1
        assert page.locator("h1").inner_text() != english_heading
        # And back again.
        page.get_by_role("link", name="Read in English").click()
        page.wait_for_url(f"**{path}")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h1").inner_text() == english_heading


def test_keyboard_user_can_skip_to_main_content(page, demo_site):
    page.goto("/about/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
