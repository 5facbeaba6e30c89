import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cohorts.enums import ApplicationStatus
from cohorts.models import Application, Startup
from tests.factories.cohorts import (
    ApplicationFactory,
    StartupFactory,
    create_cohort,
    pdf_bytes,
    pdf_upload,
)
from tests.factories.home import VerifiedUserFactory
from tests.pages_once import made_once

cohort_once, cohort, _cohort_hidden = made_once("cohort", create_cohort)


def step_url(application, step, prefix=""):
    return (
        f"{prefix}/cohorts/{application.cohort.slug}/apply/{application.uuid}/{step}/"
    )


def application_urls(application):
    return {
        "detail": reverse("cohorts:application", kwargs={"uuid": application.uuid}),
        "withdraw": reverse("cohorts:withdraw", kwargs={"uuid": application.uuid}),
        "deck": reverse("cohorts:pitch_deck", kwargs={"uuid": application.uuid}),
        "step": step_url(application, "questions"),
        "review": step_url(application, "review"),
    }


STARTUP_POST = {
    "startup-name": "Vaani Labs",
    "startup-website": "vaani.example.in",
    "startup-dpiit_number": "DIPP4242",
    "startup-state": "OR",
    "startup-city": "Bhubaneswar",
    "startup-sector": "speech",
    "startup-stage": "prototype",
    "startup-team_size": "3",
    "startup-languages": ["or", "sat"],
    "startup-description": "Speech for Odia and Santali.",
    "founders-TOTAL_FORMS": "1",
    "founders-INITIAL_FORMS": "0",
    "founders-MIN_NUM_FORMS": "0",
    "founders-MAX_NUM_FORMS": "8",
    "founders-0-name": "Sita Hansda",
    "founders-0-email": "sita@vaani.example.in",
    "founders-0-role": "CTO",
}


# Permissions ------------------------------------------------------------------
@pytest.mark.parametrize("name", ["detail", "withdraw", "deck", "step", "review"])
def test_anonymous_is_sent_to_sign_in(client, application, name):
    url = application_urls(application)[name]
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("name", ["detail", "withdraw", "deck", "step", "review"])
def test_another_user_gets_404(client, application, name):
    client.force_login(VerifiedUserFactory())
    assert client.get(application_urls(application)[name]).status_code == 404


def test_another_user_cannot_withdraw_or_edit(client, application):
    client.force_login(VerifiedUserFactory())
    urls = application_urls(application)
    assert client.post(urls["withdraw"], {"note": "x"}).status_code == 404
    assert client.post(urls["step"], {"q_q-name": "hijack"}).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert application.answers["q-name"]["value"] == "VaaniAI"


# Withdrawing is the applicant's form: staff read only (tests/cohorts/test_access.py).
@pytest.mark.parametrize("name", ["detail", "deck"])
def test_staff_can_open_any_application(client, staff_user, application, name):
    client.force_login(staff_user)
    response = client.get(application_urls(application)[name])
    assert response.status_code == 200
    if name == "deck":
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    else:
        html = response.content.decode()
        assert application.startup.name in html
        # Staff read: the applicant's own actions are not offered to them.
        assert application_urls(application)["withdraw"] not in html


def test_owner_downloads_the_deck_as_an_attachment(client, user, application):
    client.force_login(user)
    response = client.get(application_urls(application)["deck"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_deck_is_not_under_a_public_url(client, application, settings):
    from pathlib import Path

    path = application.pitch_deck.path
    assert path.startswith(settings.PRIVATE_MEDIA_ROOT)
    assert not path.startswith(str(Path(settings.MEDIA_ROOT)))
    # Whatever URL the storage would make up, nothing serves it.
    assert client.get(application.pitch_deck.url).status_code == 404
    assert client.get(f"/media/{application.pitch_deck.name}").status_code == 404


def test_cofounder_can_open_the_application(client, application, user):
    from cohorts import services

    cofounder = VerifiedUserFactory()
    membership = services.invite_cofounder(
        application.startup, invited_by=user, email=cofounder.email
    )
    services.accept_invitation(membership, user=cofounder)
    client.force_login(cofounder)
    deck = client.get(application_urls(application)["deck"])
    assert deck.status_code == 200
    assert b"".join(deck.streaming_content).startswith(b"%PDF")
    assert deck["Content-Disposition"].startswith("attachment")
    page = client.get(f"/applications/{application.uuid}/").content.decode()
    assert application.startup.name in page


# Apply flow -----------------------------------------------------------------
def test_apply_requires_sign_in(client, cohort):
    response = client.get(f"/cohorts/{cohort.slug}/apply/")
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_apply_creates_startup_and_draft(client, user, cohort):
    client.force_login(user)
    response = client.post(
        f"/cohorts/{cohort.slug}/apply/", {**STARTUP_POST, "continue": "1"}
    )
    application = Application.objects.get()
    assert response["Location"] == step_url(application, "questions")
    startup = application.startup
    assert (startup.owner, startup.name, startup.languages) == (
        user,
        "Vaani Labs",
        ["or", "sat"],
    )
    assert startup.website == "https://vaani.example.in"
    assert startup.founders.get().email == "sita@vaani.example.in"
    # Coming back continues the same application.
    again = client.get(f"/cohorts/{cohort.slug}/apply/")
    assert again.status_code == 302
    assert str(application.uuid) in again["Location"]


def test_invalid_startup_keeps_everything_typed(client, user, cohort):
    client.force_login(user)
    data = {**STARTUP_POST, "startup-dpiit_number": "12345", "continue": "1"}
    response = client.post(f"/cohorts/{cohort.slug}/apply/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "DIPP followed by digits" in html
    assert 'value="Vaani Labs"' in html
    assert "Speech for Odia and Santali." in html
    assert 'value="sita@vaani.example.in"' in html
    assert not Startup.objects.exists()


def test_apply_to_closed_cohort_is_refused_clearly(client, user):
    closed = create_cohort("closed", opens_in_days=-30, closes_in_days=-1)
    client.force_login(user)
    page = client.get(f"/cohorts/{closed.slug}/apply/")
    assert page.status_code == 200
    assert "closed" in page.content.decode()
    response = client.post(
        f"/cohorts/{closed.slug}/apply/", {**STARTUP_POST, "continue": "1"}
    )
    assert response.status_code == 302
    assert not Application.objects.exists()


def test_missing_required_answer_is_shown_next_to_its_field(client, user, application):
    client.force_login(user)
    response = client.post(
        step_url(application, "questions"),
        {
            "q_q-name": "",
            "q_q-problem": "Speech for Santali",
            "q_q-model": "c-own",
            "q_q-funding": "yes",
            "q_q-users": "12",
            "continue": "1",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    field = html[html.index('id="field-id_q_q-name"') :]
    field = field[: field.index('id="field-id_q_q-problem"')]
    assert "This field is required." in field
    assert "Speech for Santali</textarea>" in html
    assert 'value="c-own" required aria-invalid' not in html
    assert 'value="c-own"' in html and "checked" in html
    assert 'value="12"' in html


def test_save_draft_accepts_unanswered_required_questions(client, user, application):
    client.force_login(user)
    response = client.post(
        step_url(application, "questions"),
        {"q_q-name": "", "q_q-problem": "Half an answer", "save_draft": "1"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.answers["q-problem"]["value"] == "Half an answer"
    assert application.answers["q-problem"]["label"] == "What problem do you solve?"
    assert application.answers["q-problem"]["type"] == "long_text"


def test_word_limit_is_enforced(client, user, application):
    client.force_login(user)
    response = client.post(
        step_url(application, "questions"),
        {"q_q-problem": "one two three four five six seven eight nine ten eleven"},
    )
    assert response.status_code == 400
    assert "at most 10 words" in response.content.decode()


def test_answers_keep_their_question_after_it_changes(client, user, application):
    cohort = application.cohort
    questions = list(cohort.questions.raw_data)
    questions[0]["value"]["label"] = "Renamed question"
    cohort.questions = questions
    cohort.save_revision().publish()
    client.force_login(user)
    response = client.get(application_urls(application)["detail"])
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.answers["q-name"]["label"] == "Product name"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: __import__(
                "django.core.files.uploadedfile"
            ).core.files.uploadedfile.SimpleUploadedFile(
                "deck.pdf", b"PK\x03\x04 this is a zip", content_type="application/pdf"
            ),
            "not a PDF",
        ),
        (lambda: pdf_upload(size=11 * 1024 * 1024), "larger than 10 MB"),
        (
            lambda: __import__(
                "django.core.files.uploadedfile"
            ).core.files.uploadedfile.SimpleUploadedFile(
                "deck.pdf", b"", content_type="application/pdf"
            ),
            "empty",
        ),
    ],
    ids=["renamed-non-pdf", "11mb-pdf", "empty"],
)
def test_bad_decks_are_refused_with_a_clear_message(
    client, user, cohort, upload, message
):
    application = ApplicationFactory(
        cohort=cohort, startup=StartupFactory(owner=user), pitch_deck=""
    )
    client.force_login(user)
    response = client.post(
        step_url(application, "deck"),
        {
            "pitch_deck": upload(),
            "compute_gpu_hours": "1500",
            "compute_purpose": "Training Odia ASR",
            "continue": "1",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="1500"' in html and "Training Odia ASR" in html
    application.refresh_from_db()
    assert not application.pitch_deck


def test_good_deck_is_stored_privately(client, user, cohort, settings):
    application = ApplicationFactory(
        cohort=cohort, startup=StartupFactory(owner=user), pitch_deck=""
    )
    client.force_login(user)
    response = client.post(
        step_url(application, "deck"),
        {
            "pitch_deck": pdf_upload("My Deck.pdf"),
            "compute_gpu_hours": "1500",
            "compute_purpose": "Training",
            "continue": "1",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.pitch_deck_name == "My Deck.pdf"
    assert application.pitch_deck.path.startswith(settings.PRIVATE_MEDIA_ROOT)
    assert "My Deck" not in application.pitch_deck.name
    with application.pitch_deck.open("rb") as handle:
        assert handle.read() == pdf_bytes()


def test_submit_through_the_review_page(client, user, application):
    client.force_login(user)
    response = client.post(step_url(application, "review"), {"consent": "on"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    # Read-only afterwards.
    after = client.get(step_url(application, "questions"))
    assert after.status_code == 302
    assert after["Location"] == application_urls(application)["detail"]


def test_submit_without_consent_is_refused(client, user, application):
    client.force_login(user)
    response = client.post(step_url(application, "review"), {})
    assert response.status_code == 400
    assert "privacy notice" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_submit_after_the_deadline_is_refused_with_a_message(client, user, application):
    client.force_login(user)
    deadline = application.cohort.applications_close_at
    with time_machine.travel(deadline + dt.timedelta(seconds=30), tick=False):
        response = client.post(step_url(application, "review"), {"consent": "on"})
    assert response.status_code == 400
    assert "closed on" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_withdraw_through_the_page(client, user, application):
    from cohorts import services

    services.submit_application(application, user=user, consent=True)
    client.force_login(user)
    response = client.post(application_urls(application)["withdraw"], {"note": "later"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_hindi_apply_pages_render(client, user, application):
    client.force_login(user)
    for step in ["startup", "questions", "deck", "review"]:
        response = client.get(step_url(application, step, prefix="/hi"))
        assert response.status_code == 200, step
        assert 'lang="hi"' in response.content.decode()


def test_unknown_step_and_uuid_are_404(client, user, application):
    client.force_login(user)
    assert client.get(step_url(application, "nope")).status_code == 404
    assert client.get("/applications/not-a-uuid/").status_code == 404


# Pages ------------------------------------------------------------------------
def test_cohort_page_shows_deadline_countdown_and_current_phase(client, cohort):
    response = client.get(cohort.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "closes in 9 days" in html or "closes in 10 days" in html
    assert 'aria-current="step"' in html
    assert "IST" in html
    assert reverse("cohorts:apply", kwargs={"slug": cohort.slug}) in html


def test_index_lists_open_cohorts_first(client, db):
    create_cohort("past-one", opens_in_days=-400, closes_in_days=-380)
    create_cohort("open-one")
    create_cohort("soon-one", opens_in_days=5, closes_in_days=30)
    html = client.get("/cohorts/").content.decode()
    assert html.index("open-one") < html.index("soon-one") < html.index("past-one")


def test_closed_cohort_says_closed(client, db):
    closed = create_cohort("closed", opens_in_days=-30, closes_in_days=-1)
    html = client.get(closed.url).content.decode()
    assert "Applications are closed." in html
    assert "/apply/" not in html


def test_home_page_shows_open_cohorts(client, cohort):
    html = client.get("/").content.decode()
    assert cohort.title in html


def test_dashboard_lists_applications_with_status(client, user, application):
    client.force_login(user)
    html = client.get("/dashboard/").content.decode()
    assert application.startup.name in html
    assert "Draft" in html
    assert client.get("/hi/dashboard/").status_code == 200


def test_admin_lists_and_exports_applications(client, staff_user, application):
    client.force_login(staff_user)
    import csv
    import io

    from cohorts.wagtail_hooks import ApplicationViewSet, StartupViewSet

    other = ApplicationFactory(cohort=application.cohort)
    names = {application.startup.name, other.startup.name}
    for viewset in (ApplicationViewSet, StartupViewSet):
        url = reverse(f"{viewset().get_url_name('index')}")
        listing = client.get(url).content.decode()
        assert all(name in listing for name in names)
        export = client.get(url, {"export": "csv"})
        text = b"".join(export.streaming_content).decode()
        rows = list(csv.reader(io.StringIO(text)))
        # A header and one row per startup or application, naming the startup.
        assert len(rows) == 3
        assert {cell for row in rows[1:] for cell in row} >= names
