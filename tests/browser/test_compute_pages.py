"""Compute's other pages in a real browser, at 375 px, in English and Hindi:
the public list of grants, the organisation form (which works without
JavaScript, and on bad input says why in the page's language and keeps what
was typed) and the staff's totals. Each passes axe-core and fits the phone."""

import pytest

from compute import services
from compute.models import ComputeApplication, Organisation
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_compute import (
    PHONE,
    phone,  # noqa: F401 -- fixture
    prefers,
    signed_in,
    viewer,  # noqa: F401 -- fixture
)
from tests.factories.compute import (
    CallManagerFactory,
    OrganisationFactory,
    SubmittedComputeApplicationFactory,
    accepted,
    create_call,
)
from tests.factories.home import VerifiedUserFactory

pytestmark = [pytest.mark.browser]

AISHE_ERROR = {
    "": "Enter the AISHE code as U-, C- or S- followed by digits, e.g. U-0123.",
    "/hi": "AISHE कोड U-, C- या S- के बाद अंकों के रूप में दर्ज करें, जैसे U-0123।",
}


@pytest.fixture
def grant(django_db_serialized_rollback, transactional_db):
    """A listed grant with a long title (it must wrap, not widen the page)."""
    call = create_call("indic-speech", total=1000, largest=400)
    application = accepted(
        SubmittedComputeApplicationFactory(
            call=call,
            organisation=OrganisationFactory(name="Santali Speech Laboratory"),
            kind="university_lab",
            project_title="Automaticspeechrecognitionforsantaliandhoandmundari",
        )
    )
    services.allocate_compute(application, gpu_hours=300, by=None)
    ComputeApplication.objects.filter(pk=application.pk).update(
        listed_publicly=True, public_summary="Open Santali speech models."
    )
    return application


def fits_and_passes(page):
    assert_no_axe_violations(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a phone"


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_the_grants_page_passes_axe_on_a_phone(viewer, grant, prefix):  # noqa: F811
    viewer.goto(f"{prefix}/compute/grants/")
    assert "Open Santali speech models." in viewer.content()
    assert "300" in viewer.locator("main").inner_text()
    # The long title wraps inside its card: not cut off.
    title = viewer.locator(".card__title").first
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth")
    fits_and_passes(viewer)


def fill_organisation(page, *, aishe):
    page.locator("input[name=name]").fill("Bodo Language Lab")
    page.locator("input[name=kind][value=university_lab]").check()
    page.locator("select[name=state]").select_option("AS")
    page.locator("input[name=city]").fill("Kokrajhar")
    page.locator("input[name=aishe_code]").fill(aishe)
    page.locator("form.apply-form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_the_organisation_form_works_without_javascript_and_passes_axe(
    phone,  # noqa: F811
    viewer,  # noqa: F811
    live_server,
    prefix,
    django_db_serialized_rollback,
    transactional_db,
):
    user = prefers(VerifiedUserFactory(), prefix.strip("/") or "en")
    url = f"{prefix}/compute/organisations/new/"

    # With JavaScript, for axe-core: the empty form, then a refusal.
    signed_in(viewer, live_server, user)
    viewer.goto(url)
    fits_and_passes(viewer)
    fill_organisation(viewer, aishe="0123")
    assert AISHE_ERROR[prefix] in viewer.content()
    fits_and_passes(viewer)

    # Without JavaScript: refused, what was typed kept, then saved.
    signed_in(phone, live_server, user)
    phone.goto(url)
    fill_organisation(phone, aishe="0123")
    assert AISHE_ERROR[prefix] in phone.content()
    assert phone.locator("input[name=name]").input_value() == "Bodo Language Lab"
    assert phone.locator("input[name=city]").input_value() == "Kokrajhar"
    assert not Organisation.objects.exists()
    phone.locator("input[name=aishe_code]").fill("U-0123")
    phone.locator("form.apply-form button[type=submit]").click()
    phone.wait_for_url(f"**{prefix}/dashboard/")
    organisation = Organisation.objects.get()
    assert (organisation.owner, organisation.aishe_code) == (user, "U-0123")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


@pytest.mark.parametrize("language", ["en", "hi"])
def test_the_totals_page_passes_axe_on_a_phone(viewer, live_server, grant, language):  # noqa: F811
    manager = prefers(CallManagerFactory(), language)
    signed_in(viewer, live_server, manager)
    viewer.goto("/admin/compute/totals/")
    assert viewer.locator("html").get_attribute("lang") == language
    assert "Santali Speech Laboratory" not in viewer.content()  # totals, no names
    assert "300" in viewer.locator("main").inner_text()
    fits_and_passes(viewer)
