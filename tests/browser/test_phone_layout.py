"""A 375 px phone: compact header, folded filters, results first (issue 12, items 8, 9)."""

import re

import pytest

from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
TARGET = 44  # px, WCAG 2.5.5's minimum target size


@pytest.fixture(autouse=True)
def patient_navigation(request):
    """The first visit renders image renditions: slow on a busy machine."""
    for name in ("page", "no_js_page"):
        if name in request.fixturenames:
            request.getfixturevalue(name).set_default_navigation_timeout(60_000)


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_phone_header_is_compact_with_large_targets(no_js_page, demo_site):
    page = no_js_page
    page.set_viewport_size(PHONE)
    page.goto("/events/")
    assert box(page, "header")["height"] <= 140
    assert box(page, ".language-switch a")["height"] >= TARGET
    menu_button = page.get_by_text("Menu", exact=True)
    assert box(page, ".site-menu__toggle")["height"] >= TARGET
    assert not page.get_by_role("link", name="Sign in").is_visible()

    menu_button.click()  # <details>: no JavaScript needed

    assert page.get_by_role("link", name="Sign in").is_visible()
    assert box(page, ".account-nav a")["height"] >= TARGET


def test_wide_screen_shows_the_menu_without_a_button(page, demo_site):
    page.goto("/events/")
    assert page.get_by_role("link", name="Sign in").is_visible()
    assert not page.locator(".site-menu__toggle").is_visible()
    assert page.locator("#id_type").is_visible()


def test_phone_listing_shows_results_before_the_filters(no_js_page, demo_site):
    page = no_js_page
    page.set_viewport_size(PHONE)
    page.goto("/events/?type=workshop")
    assert box(page, ".event-card")["y"] < PHONE["height"]
    toggle = page.locator(".event-filters__toggle")
    assert toggle.inner_text().strip().startswith("Filters (1)")
    assert not page.locator("#id_type").is_visible()

    toggle.click()
    page.select_option("#id_type", "webinar")
    page.click("button[type=submit] >> text=Show events")

    page.wait_for_url("**type=webinar**")
    assert page.url.endswith("#event-results")
    assert page.evaluate("window.scrollY") > 0  # landed on the results
    assert page.locator(".event-card").count() > 0


@pytest.mark.parametrize("prefix", ["", "/hi", "/ta"])
def test_phone_menu_and_filters_open_pass_axe(page, demo_site, prefix):
    page.set_viewport_size(PHONE)
    page.goto(f"{prefix}/events/?type=workshop")
    page.locator(".event-filters__toggle").click()
    page.locator(".site-menu__toggle").click()  # the menu drops over the page
    assert page.locator("#id_type").is_visible()
    assert_no_axe_violations(page)


def sign_in(page, email, prefix=""):
    from tests.factories.home import DEFAULT_PASSWORD

    page.goto(f"{prefix}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def open_cohort_slug():
    from cohorts.models import CohortPage

    return next(c.slug for c in CohortPage.objects.live() if c.is_open())


def test_phone_apply_enter_continues_and_add_founder_works_without_js(
    no_js_page, demo_site
):
    from tests.factories.home import VerifiedUserFactory

    page = no_js_page
    page.set_viewport_size(PHONE)
    founder = VerifiedUserFactory(first_name="Meera", last_name="Soren")
    sign_in(page, founder.email)
    page.goto(f"/cohorts/{open_cohort_slug()}/apply/")
    assert page.locator("#id_founders-0-name").input_value() == "Meera Soren"

    # "Add another founder" saves what is typed and opens a second row.
    page.locator("#id_startup-name").fill("Vaani Labs")
    page.get_by_role("button", name="Add another founder").click()
    page.wait_for_url("**/startup/#founder-2")
    assert page.locator("#id_startup-name").input_value() == "Vaani Labs"
    assert page.locator("#founder-2").is_visible()
    assert box(page, "button[name=add_founder]")["height"] >= TARGET

    # Enter in a field presses "Save and continue", not "Add another founder".
    page.locator("#id_startup-city").fill("Bhubaneswar")
    page.select_option("#id_startup-state", "OR")
    page.select_option("#id_startup-sector", index=1)
    page.select_option("#id_startup-stage", index=1)
    page.locator("#id_startup-description").fill("Speech for Odia and Santali.")
    page.locator("#id_startup-city").press("Enter")
    # (The browser keeps the #founder-2 fragment across the redirect.)
    page.wait_for_url(re.compile(r"/questions/(#.*)?$"))


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_phone_apply_step_one_passes_axe(page, demo_site, prefix):
    from tests.factories.home import VerifiedUserFactory

    page.set_viewport_size(PHONE)
    sign_in(page, VerifiedUserFactory().email, prefix=prefix)
    page.goto(f"{prefix}/cohorts/{open_cohort_slug()}/apply/")
    assert page.locator("button[name=add_founder]").is_visible()
    assert_no_axe_violations(page)
