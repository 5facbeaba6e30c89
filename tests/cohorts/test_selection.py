"""Selection: answers by value, status changes, assignment, decisions."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.utils import translation

from cohorts import selection, services
from cohorts.enums import ApplicationStatus
from cohorts.models import Application, CohortPage, DecisionEmail, DecisionTemplate
from cohorts.questions import QuestionsForm, display_value, readable_answers
from tests.factories.cohorts import ApplicationFactory, create_cohort
from tests.factories.selection import ManagerFactory

pytestmark = pytest.mark.django_db


def hindi_labels(cohort):
    """Give the Hindi translation Hindi choice labels, keeping the choice ids."""
    hindi = cohort.get_translations().get(locale__language_code="hi").specific
    raw = list(hindi.questions.raw_data)
    for block in raw:
        if block["id"] == "q-model":
            block["value"]["choices"] = [
                {"type": "item", "value": "खुला LLM", "id": "c-open"},
                {"type": "item", "value": "अपना मॉडल", "id": "c-own"},
            ]
    hindi.questions = raw
    hindi.save_revision().publish()
    return CohortPage.objects.get(pk=hindi.pk)


def test_choice_answer_given_in_hindi_reads_in_english():
    cohort = create_cohort()
    hindi = hindi_labels(cohort)
    form = QuestionsForm(
        {"q_q-model": "c-own"}, questions=hindi.question_list, draft=True
    )
    assert form.is_valid(), form.errors
    answers = form.updated_answers(owner_uuid="x")
    assert answers["q-model"]["value"] == "c-own"
    english = {q["id"]: q for q in cohort.question_list}
    assert display_value(answers["q-model"], english["q-model"]) == "Own model"
    hindi_question = {q["id"]: q for q in hindi.question_list}["q-model"]
    assert display_value(answers["q-model"], hindi_question) == "अपना मॉडल"
    # The same form in English shows the Hindi answer as selected.
    english_form = QuestionsForm(questions=cohort.question_list, answers=answers)
    assert english_form.initial["q_q-model"] == "c-own"


def test_removed_question_still_reads_under_its_old_label():
    answers = {"gone": {"label": "Old question", "type": "short_text", "value": "Kept"}}
    rows = readable_answers(answers, [])
    assert rows == [
        {"id": "gone", "label": "Old question", "type": "short_text", "value": "Kept"}
    ]


def test_migration_turns_hindi_labels_into_choice_ids():
    cohort = create_cohort()
    hindi_labels(cohort)
    application = ApplicationFactory(cohort=cohort)
    application.answers = {
        "q-model": {
            "label": "मॉडल परिवार",
            "type": "single_choice",
            "value": "अपना मॉडल",
        }
    }
    application.save()
    migration = importlib.import_module(
        "cohorts.migrations.0002_answers_store_choice_ids"
    )
    migration.forwards(django_apps, None)
    answer = Application.objects.get(pk=application.pk).answers["q-model"]
    assert answer["value"] == "c-own"
    assert answer["choice_labels"] == {"c-own": "अपना मॉडल"}
    with translation.override("en"):
        english = {q["id"]: q for q in cohort.question_list}
        assert display_value(answer, english["q-model"]) == "Own model"


# Decisions ---------------------------------------------------------------------
S = ApplicationStatus


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_status_changes_only_through_the_table(staff_user):
    application = ApplicationFactory(status=S.SUBMITTED)
    with pytest.raises(services.ApplicationError):
        services.change_application_status(application, to=S.ACCEPTED, by=staff_user)
    services.change_application_status(
        application, to=S.IN_REVIEW, by=staff_user, note="first look"
    )
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    assert application.status_changes.get().note == "first look"


def test_bulk_decisions_email_each_applicant_once_in_their_language(commit):
    manager = ManagerFactory()
    cohort = create_cohort()
    english = ApplicationFactory(cohort=cohort, status=S.SHORTLISTED)
    hindi = ApplicationFactory(cohort=cohort, status=S.SHORTLISTED)
    hindi.startup.owner.preferred_language = "hi"
    hindi.startup.owner.save()
    DecisionTemplate.objects.create(
        cohort=cohort,
        decision=S.ACCEPTED,
        subject_en="Welcome, {startup}",
        body_en="{startup} joins {cohort}. {unknown} stays.",
        subject_hi="स्वागत है, {startup}",
        body_hi="{startup} {cohort} में शामिल है।",
    )
    selection.stage_decision(english, to=S.ACCEPTED, by=manager)
    selection.stage_decision(hindi, to=S.ACCEPTED, by=manager)
    assert Application.objects.filter(status=S.ACCEPTED).count() == 0

    with commit():
        sent, problems = selection.send_decisions(cohort, by=manager)
    with commit():
        again, _problems = selection.send_decisions(cohort, by=manager)
    # The task running twice (a retry) sends nothing more either.
    from cohorts.emails import send_decision_email

    assert send_decision_email(english.pk, S.ACCEPTED) == 0

    assert (sent, problems, again) == (2, [], 0)
    assert len(mail.outbox) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    english_mail = by_address[english.startup.owner.email]
    assert english_mail.subject.endswith(f"Welcome, {english.startup.name}")
    assert "{unknown} stays." in english_mail.body
    hindi_mail = by_address[hindi.startup.owner.email]
    assert f"स्वागत है, {hindi.startup.name}" in hindi_mail.subject
    assert "समूह test-cohort में शामिल है" in hindi_mail.body
    assert DecisionEmail.objects.count() == 2
    assert set(DecisionEmail.objects.values_list("language", flat=True)) == {
        "en",
        "hi",
    }
    english.refresh_from_db()
    assert english.status == S.ACCEPTED


def test_decision_refused_by_the_table_is_not_staged():
    application = ApplicationFactory(status=S.SUBMITTED)
    with pytest.raises(selection.SelectionError):
        selection.stage_decision(application, to=S.ACCEPTED, by=None)


def test_applicant_sees_the_decision_and_next_steps(client, commit):
    application = ApplicationFactory(status=S.SHORTLISTED)
    selection.stage_decision(application, to=S.ACCEPTED, by=None)
    with commit():
        selection.send_decisions(application.cohort, by=None)
    client.force_login(application.startup.owner)
    with translation.override("en"):
        url = application.get_absolute_url()
    html = client.get(url).content.decode()
    assert "Accepted" in html
    assert "compute credits" in html


def test_compute_allocation_and_cohort_totals():
    cohort = create_cohort()
    accepted = ApplicationFactory(cohort=cohort, status=S.ACCEPTED)
    ApplicationFactory(cohort=cohort, status=S.ACCEPTED, compute_gpu_hours=500)
    ApplicationFactory(cohort=cohort, status=S.REJECTED)
    selection.allocate_compute(accepted, gpu_hours=1500, by=ManagerFactory())
    assert selection.compute_totals(cohort) == {
        "requested": 2500,
        "allocated": 1500,
        "budget": None,
        "left": None,
    }
    with pytest.raises(selection.SelectionError):
        selection.allocate_compute(
            ApplicationFactory(cohort=cohort, status=S.REJECTED),
            gpu_hours=10,
            by=None,
        )


def test_accepted_startup_joins_and_leaves_the_alumni_directory(client, user):
    application = ApplicationFactory(status=S.ACCEPTED)
    owner = application.startup.owner
    with pytest.raises(selection.SelectionError):
        selection.set_alumni_listing(application, user=user, listed=True)
    selection.set_alumni_listing(
        application, user=owner, listed=True, line="Speech for Santali"
    )
    assert list(selection.alumni_of(application.cohort)) == [application.selection]
    selection.set_alumni_listing(application, user=owner, listed=False)
    assert not selection.alumni_of(application.cohort).exists()


def test_alumni_directory_shows_on_the_cohort_page(client):
    application = ApplicationFactory(status=S.ACCEPTED)
    selection.set_alumni_listing(
        application, user=application.startup.owner, listed=True, line="Santali ASR"
    )
    html = client.get(application.cohort.url).content.decode()
    assert "Alumni" in html and application.startup.name in html
    assert "Santali ASR" in html


def test_hindi_answer_reads_in_the_export_in_either_language():
    from cohorts.admin_views import export_rows

    cohort = create_cohort()
    hindi = hindi_labels(cohort)
    form = QuestionsForm(
        {"q_q-model": "c-own"}, questions=hindi.question_list, draft=True
    )
    assert form.is_valid()
    ApplicationFactory(
        cohort=cohort,
        status=S.SUBMITTED,
        answers=form.updated_answers(owner_uuid="x"),
    )
    for language, label in (("en", "Own model"), ("hi", "अपना मॉडल")):
        with translation.override(language):
            header, row = export_rows(cohort)
        assert row[header.index("Model family")] == label
