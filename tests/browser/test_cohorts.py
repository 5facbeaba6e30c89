"""Applying to a cohort in a real browser: the whole journey, axe on every step in
English and Hindi, and one step done with the keyboard alone.

The live server runs in the test process, so emails land in mail.outbox.
"""

import re

import pytest
from django.core import mail

from cohorts.enums import ApplicationStatus
from cohorts.models import Application
from tests.browser.axe import assert_no_axe_violations
from tests.factories.cohorts import (
    ApplicationFactory,
    StartupFactory,
    create_cohort,
    pdf_bytes,
)
from tests.factories.home import DEFAULT_PASSWORD, VerifiedUserFactory

pytestmark = [pytest.mark.browser]

PASSWORD = "a-fresh-and-long-passphrase"


@pytest.fixture
def cohort(django_db_serialized_rollback, transactional_db):
    # The live server needs committed data; serialized rollback restores the rows
    # migrations made (Wagtail's root page, locales) after each flush.
    return create_cohort("indic-llm")


def path_of_link_in(message):
    url = re.search(r"https?://\S+", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def sign_in(page, email, password=DEFAULT_PASSWORD, prefix=""):
    page.goto(f"{prefix}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)",
            selector,
        ):
            return
    raise AssertionError(f"could not reach {selector} with Tab")


def test_apply_journey_from_sign_up_to_submitted(page, cohort):
    # Sign up and verify the email address.
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("meera@example.in")
    page.get_by_label("Password", exact=False).first.fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    page.goto(path_of_link_in(mail.outbox[0]))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("/")

    # The cohort page, then Apply.
    page.goto(cohort.url)
    assert "closes in" in page.locator(".apply-box").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Apply now")).click()
    page.wait_for_url(f"**/cohorts/{cohort.slug}/apply/")
    assert_no_axe_violations(page)

    # Step 1: the startup profile; save a draft.
    page.locator("#id_startup-name").fill("Vaani Labs")
    page.locator("#id_startup-website").fill("https://vaani.example.in")
    page.locator("#id_startup-state").select_option("OR")
    page.locator("#id_startup-city").fill("Bhubaneswar")
    page.locator("#id_startup-sector").select_option("speech")
    page.locator("#id_startup-stage").select_option("prototype")
    page.locator("#id_startup-team_size").fill("3")
    page.locator("input[name='startup-languages'][value='sat']").check()
    page.locator("#id_startup-description").fill("Speech for Santali.")
    page.locator("#id_founders-0-name").fill("Meera Soren")
    page.locator("#id_founders-0-email").fill("meera@example.in")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/startup/")
    assert "Draft saved" in page.get_by_role("status").inner_text()
    application = Application.objects.get()
    assert application.status == ApplicationStatus.DRAFT

    # Leave, and come back from the dashboard.
    page.goto("/")
    page.get_by_role("link", name="Dashboard").click()
    page.wait_for_url("**/dashboard/")
    row = page.locator("tr", has_text="Vaani Labs")
    assert "Draft" in row.inner_text()
    assert_no_axe_violations(page)
    row.get_by_role("link", name=re.compile("Continue")).click()
    page.wait_for_url("**/questions/")

    # Step 2, with the keyboard alone.
    tab_to(page, "#id_q_q-name")
    page.keyboard.type("VaaniAI")
    page.keyboard.press("Tab")
    page.keyboard.type("Speech recognition for Santali speakers")
    page.keyboard.press("Tab")  # first radio of "Model family"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # first radio of "Funded before?"
    page.keyboard.press("ArrowDown")  # "No"
    page.keyboard.press("Tab")
    page.keyboard.type("120")
    tab_to(page, "button[name=continue]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/deck/")
    application.refresh_from_db()
    assert application.answers["q-model"]["value"] == "c-open"
    assert application.answers["q-funding"]["value"] == "no"

    # Step 3: the pitch deck and compute.
    assert_no_axe_violations(page)
    page.locator("#id_pitch_deck").set_input_files(
        {"name": "deck.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.locator("#id_compute_gpu_hours").fill("2500")
    page.locator("#id_compute_purpose").fill("Fine-tuning an ASR model.")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/review/")

    # Step 4: review, consent, submit.
    assert "Fine-tuning an ASR model." in page.locator("main").inner_text()
    assert page.get_by_role("heading", name="Privacy notice").count() == 1
    assert_no_axe_violations(page)
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    page.get_by_role("button", name="Submit application").click()
    page.wait_for_url(f"**/applications/{application.uuid}/")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Dashboard").first.click()
    page.wait_for_url("**/dashboard/")
    assert "Submitted" in page.locator("tr", has_text="Vaani Labs").inner_text()
    assert any("submitted" in m.subject.lower() for m in mail.outbox)


@pytest.mark.parametrize("prefix", ["", "/hi", "/ta"])
def test_every_cohort_page_passes_axe(page, cohort, prefix):
    language = prefix[1:] or "en"
    user = VerifiedUserFactory()
    application = ApplicationFactory(cohort=cohort, startup=StartupFactory(owner=user))
    newcomer = VerifiedUserFactory()
    sign_in(page, newcomer.email, prefix=prefix)
    slug = cohort.slug
    failures = []

    def check(path):
        response = page.goto(path)
        try:
            assert response.status == 200, f"{path} answered {response.status}"
            assert page.locator("html").get_attribute("lang") == language
            assert page.locator("h1").count() == 1, f"{path}: not one h1"
            assert_no_axe_violations(page)
        except AssertionError as error:
            failures.append(str(error))

    for path in ["/cohorts/", f"/cohorts/{slug}/", f"/cohorts/{slug}/apply/"]:
        check(prefix + path)
    # The start page showing errors.
    page.get_by_role(
        "button", name=re.compile("Save and continue|सहेजें और|சேமித்துத் தொடரவும்")
    ).click()
    try:
        assert page.locator(".error-summary").count() == 1
        assert_no_axe_violations(page)
    except AssertionError as error:
        failures.append(f"start page with errors: {error}")

    page.context.clear_cookies()
    sign_in(page, user.email, prefix=prefix)
    base = f"{prefix}/cohorts/{slug}/apply/{application.uuid}"
    for step in ["startup", "questions", "deck", "review"]:
        check(f"{base}/{step}/")
    for path in [
        "/dashboard/",
        "/dashboard/delete-account/",
        f"/applications/{application.uuid}/",
        f"/applications/{application.uuid}/withdraw/",
        f"/startups/{application.startup.uuid}/",
        "/startups/new/",
    ]:
        check(prefix + path)
    # The questions step showing an error next to its field.
    page.goto(f"{base}/questions/")
    page.locator("#id_q_q-name").fill("")
    page.locator("button[name=continue]").click()
    try:
        assert page.locator("#field-id_q_q-name .field-error").count() == 1
        assert_no_axe_violations(page)
    except AssertionError as error:
        failures.append(f"questions with errors: {error}")
    assert not failures, "\n".join(failures)


def test_deck_url_is_not_reachable_without_permission(page, cohort):
    owner = VerifiedUserFactory()
    application = ApplicationFactory(cohort=cohort, startup=StartupFactory(owner=owner))
    deck = f"/applications/{application.uuid}/pitch-deck/"
    response = page.goto(deck)
    assert "/accounts/login/" in page.url  # anonymous: sign in first
    stranger = VerifiedUserFactory()
    sign_in(page, stranger.email)
    response = page.request.get(deck)
    assert response.status == 404
