"""The resources library in a real browser: axe, no JavaScript, a 375 px phone."""

import pytest

from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser]

PATHS = [
    "/resources/",
    "/resources/?language=tam&modality=speech",
    "/resources/?language=xx",
    "/resources/samanantar/",
    "/hi/resources/?language=tam",
    "/hi/resources/?q=IndicTrans2",
    "/ta/resources/?language=tam",
]


def fits_a_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width}px wide on a 375px screen"


def test_library_pages_pass_axe_on_a_phone(page, demo_site):
    page.set_viewport_size({"width": 375, "height": 812})
    failures = []
    for path in PATHS:
        response = page.goto(path)
        try:
            assert response.status == 200, f"{path} answered {response.status}"
            assert page.locator("h1").count() == 1, f"{path}: not one h1"
            assert_no_axe_violations(page)
            fits_a_phone(page)
        except AssertionError as error:
            failures.append(f"{path}: {error}")
    assert not failures, "\n".join(failures)


def test_filters_work_without_javascript(no_js_page, demo_site):
    page = no_js_page
    page.goto("/ta/resources/")
    page.select_option("#id_language", "tam")
    page.get_by_role("button", name="வளங்களைக் காட்டு").click()
    assert "language=tam" in page.url
    titles = page.locator(".card__title").all_inner_texts()
    assert "IndicTrans2" in titles
    assert "Responsible AI for All, Part 1" not in titles
