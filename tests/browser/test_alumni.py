"""The public alumni directory: no JavaScript, a 375 px phone, axe in every language."""

import pytest

from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def opt_in():
    from cohorts import selection
    from cohorts.enums import ApplicationStatus
    from cohorts.models import Application
    from tests.factories.cohorts import ApplicationFactory, CohortPage

    application = Application.objects.filter(status=ApplicationStatus.ACCEPTED).first()
    if application is None:
        cohort = CohortPage.objects.live().filter(locale__language_code="en").first()
        application = ApplicationFactory(
            cohort=cohort, status=ApplicationStatus.ACCEPTED
        )
    selection.set_alumni_listing(
        application, user=application.startup.owner, listed=True, line="Speech for all"
    )
    return application.startup


@pytest.mark.parametrize("prefix", ["", "/hi", "/ta"])
def test_directory_filters_without_javascript_on_a_phone(no_js_page, demo_site, prefix):
    startup = opt_in()
    page = no_js_page
    page.set_default_navigation_timeout(60_000)
    page.set_viewport_size(PHONE)
    page.goto(f"{prefix}/cohorts/alumni/")
    assert page.get_by_text(startup.name).first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)
    page.select_option("#id_sector", startup.sector)
    page.locator("#alumni-filters-heading ~ .event-filters__actions button").click()
    page.wait_for_url(f"**sector={startup.sector}**")
    assert page.get_by_text(startup.name).first.is_visible()
    assert_no_axe_violations(page)
