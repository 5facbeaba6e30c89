"""Responsible AI in a real browser: fill in a checklist without JavaScript on a
375 px phone, save a draft, submit, attach it to an application; axe-core on
every page in English and Hindi."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from cohorts.models import Application, CohortPage
from responsible.models import ChecklistPage, SelfAssessment
from tests.browser.axe import assert_no_axe_violations
from tests.factories.cohorts import ApplicationFactory, StartupFactory
from tests.factories.home import VerifiedUserFactory
from tests.factories.responsible import (
    SelfAssessmentFactory,
    SubmittedAssessmentFactory,
    in_hindi,
    item_ids,
)

pytestmark = [pytest.mark.browser]

SLUG = "dataset-consent-and-provenance"
PHONE = {"width": 375, "height": 812}


def signed_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )
    return page


def fits_a_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 375px screen"


@pytest.fixture
def founder(demo_site):
    """A founder with a draft application to the demo's open cohort."""
    now = timezone.now()
    cohort = CohortPage.objects.filter(
        locale__language_code="en",
        applications_open_at__lte=now,
        applications_close_at__gt=now,
    ).first()
    user = VerifiedUserFactory()
    application = ApplicationFactory(
        cohort=cohort, startup=StartupFactory(owner=user, name="Vaani Labs")
    )
    return user, application


def test_fill_save_submit_and_attach_without_javascript(
    no_js_page, live_server, founder
):
    user, application = founder
    page = signed_in(no_js_page, live_server, user)
    page.set_viewport_size(PHONE)
    checklist = ChecklistPage.objects.get(slug=SLUG, locale__language_code="en")
    first, *rest = item_ids(checklist)

    page.goto(f"/responsible-ai/{SLUG}/")
    page.get_by_role("link", name="Fill in a self-assessment").first.click()
    page.locator("#id_subject").fill("Santali speech corpus")
    page.check(f"#id_answer-{first}_1")  # Partly
    page.locator(f"#id_note-{first}").fill("Written notices for 80% of speakers")
    page.get_by_role("button", name="Save draft").click()
    assert page.get_by_text("Draft saved.").is_visible()
    assessment = SelfAssessment.objects.get(owner=user)
    assert assessment.answers[first]["answer"] == "partly"

    # Submitting with items left unanswered keeps everything and says what is missing.
    page.get_by_role("button", name="Submit").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator(f"#id_note-{first}").input_value().startswith("Written")
    for item_id in rest:
        page.check(f"#id_answer-{item_id}_0")  # Yes
    page.get_by_role("button", name="Submit").click()
    assert page.get_by_text("Your self-assessment was submitted.").is_visible()
    assert page.get_by_text("Written notices for 80% of speakers").is_visible()

    page.goto(f"/applications/{application.uuid}/")
    page.select_option("#id_self_assessment", str(assessment.pk))
    page.get_by_role("button", name="Save the self-assessment choice").click()
    assert page.get_by_text("Your self-assessment is attached.").is_visible()
    assert Application.objects.get(pk=application.pk).self_assessment_id == (
        assessment.pk
    )


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_pages_pass_axe_on_a_phone(page, live_server, founder, prefix):
    """Every page of the flow, at 375 px, in English and Hindi (and the index in
    Tamil, where the checklists are listed in English until translated)."""
    user, application = founder
    draft = SelfAssessmentFactory(
        owner=user,
        checklist=ChecklistPage.objects.get(slug=SLUG, locale__language_code="en"),
    )
    submitted = SubmittedAssessmentFactory(owner=user, checklist=draft.checklist)
    hindi = in_hindi(draft.checklist)
    signed_in(page, live_server, user)
    page.set_viewport_size(PHONE)
    checklist_url = hindi.url if prefix else draft.checklist.url
    paths = [
        f"{prefix}/responsible-ai/",
        checklist_url,
        f"{prefix}/responsible-ai/assessments/",
        f"{prefix}/responsible-ai/assessments/new/{draft.checklist.pk}/",
        f"{prefix}/responsible-ai/assessments/{draft.uuid}/",
        f"{prefix}/responsible-ai/assessments/{submitted.uuid}/",
        f"{prefix}/applications/{application.uuid}/",
        f"{prefix}/dashboard/",
    ]
    if not prefix:
        paths.append("/ta/responsible-ai/")
    failures = []
    for path in paths:
        response = page.goto(path)
        try:
            assert response.status == 200, f"{path} answered {response.status}"
            assert page.locator("h1").count() == 1, f"{path}: not one h1"
            assert_no_axe_violations(page)
            fits_a_phone(page)
        except AssertionError as error:
            failures.append(f"{path}: {error}")
    # The form with its errors shown.
    page.goto(f"{prefix}/responsible-ai/assessments/{draft.uuid}/")
    page.locator("#id_subject").fill("")
    page.locator("button[name=submit]").click()
    try:
        assert page.locator(".error-summary").is_visible()
        assert_no_axe_violations(page)
    except AssertionError as error:
        failures.append(f"form with errors: {error}")
    assert not failures, "\n".join(failures)
