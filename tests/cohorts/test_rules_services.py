"""Application rules with several startups, cohorts and drafts in the database."""

import datetime as dt

import pytest
from django.core import mail

from cohorts import services
from cohorts.enums import ApplicationStatus
from cohorts.models import Application, CohortPage, StartupMembership
from cohorts.privacy import PRIVACY_NOTICE_VERSION
from tests.factories.cohorts import ApplicationFactory, StartupFactory, create_cohort
from tests.factories.home import VerifiedUserFactory
from tests.pages_once import made_once

S = ApplicationStatus
TICK = dt.timedelta(microseconds=1)

cohort_once, cohort, _cohort_hidden = made_once("cohort", create_cohort)


def submit(application, user, **kwargs):
    return services.submit_application(application, user=user, consent=True, **kwargs)


def problem_steps(application, user):
    with pytest.raises(services.ApplicationError) as error:
        submit(application, user)
    application.refresh_from_db()
    assert application.status == S.DRAFT
    return error.value.problems


def test_start_application_finds_only_this_startups_draft_in_this_cohort(
    cohort, startup, user
):
    mine = ApplicationFactory(cohort=cohort, startup=startup)
    second = create_cohort("second")
    theirs_startup = StartupFactory()
    theirs = ApplicationFactory(cohort=second, startup=theirs_startup)

    again, created = services.start_application(
        cohort=cohort, startup=startup, user=user
    )
    assert (again, created) == (mine, False)
    other_cohort, created = services.start_application(
        cohort=second, startup=startup, user=user
    )
    assert created and other_cohort not in (mine, theirs)
    assert (other_cohort.cohort, other_cohort.startup) == (second, startup)
    assert other_cohort.created_by == user and other_cohort.status == S.DRAFT
    other_startup, created = services.start_application(
        cohort=cohort, startup=theirs_startup, user=theirs_startup.owner
    )
    assert created and other_startup not in (mine, theirs, other_cohort)
    assert Application.objects.count() == 4


def test_start_application_for_someone_elses_startup_is_refused(cohort, startup):
    stranger = VerifiedUserFactory()
    with pytest.raises(services.ApplicationError):
        services.start_application(cohort=cohort, startup=startup, user=stranger)
    assert not Application.objects.exists()


def test_start_application_before_the_cohort_opens_is_refused(startup, user):
    upcoming = create_cohort("upcoming", opens_in_days=2, closes_in_days=20)
    with pytest.raises(services.ApplicationError):
        services.start_application(cohort=upcoming, startup=startup, user=user)
    assert not Application.objects.exists()


def test_submit_at_exactly_the_deadline_is_refused(application, user):
    deadline = application.cohort.applications_close_at
    with pytest.raises(services.ApplicationError):
        submit(application, user, now=deadline)
    application.refresh_from_db()
    assert application.status == S.DRAFT and application.submitted_at is None


def test_submit_just_before_the_deadline_records_consent(application, user):
    when = application.cohort.applications_close_at - TICK
    submit(application, user, now=when)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.submitted_at == when and application.consented_at == when
    assert application.privacy_notice_version == PRIVACY_NOTICE_VERSION
    change = application.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        S.DRAFT,
        S.SUBMITTED,
        user,
    )


def test_submit_before_applications_open_is_refused(db, startup, user):
    upcoming = create_cohort("upcoming", opens_in_days=2, closes_in_days=20)
    application = ApplicationFactory(cohort=upcoming, startup=startup)
    opens = upcoming.applications_open_at
    with pytest.raises(services.ApplicationError):
        submit(application, user, now=opens - TICK)
    submit(application, user, now=opens)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_submit_without_founders_is_refused(application, user):
    application.startup.founders.all().delete()
    problems = problem_steps(application, user)
    assert [p["step"] for p in problems] == ["startup"]


def test_submit_without_gpu_hours_is_refused(application, user):
    Application.objects.filter(pk=application.pk).update(compute_gpu_hours=0)
    application.refresh_from_db()
    assert [p["step"] for p in problem_steps(application, user)] == ["deck"]


def test_submit_without_compute_purpose_is_refused(application, user):
    Application.objects.filter(pk=application.pk).update(compute_purpose="   ")
    application.refresh_from_db()
    assert [p["step"] for p in problem_steps(application, user)] == ["deck"]


def test_complete_application_has_no_problems(application):
    assert services.application_problems(application) == []


def test_draft_reminders_only_for_open_drafts_within_three_days(
    cohort, django_capture_on_commit_callbacks
):
    closes = cohort.applications_close_at
    drafts = ApplicationFactory.create_batch(2, cohort=cohort)
    submitted = ApplicationFactory(cohort=cohort, status=S.SUBMITTED)
    elsewhere = ApplicationFactory(cohort=create_cohort("later", closes_in_days=30))

    def remind(now):
        with django_capture_on_commit_callbacks(execute=True):
            return services.send_draft_reminders(now=now)

    assert remind(closes - dt.timedelta(days=3) - TICK) == 0
    assert remind(closes) == 0  # closed: too late to remind
    assert remind(closes - dt.timedelta(days=3)) == 2
    assert remind(closes - dt.timedelta(days=1)) == 0  # once each
    assert sorted(to for m in mail.outbox for to in m.to) == sorted(
        d.startup.owner.email for d in drafts
    )
    submitted.refresh_from_db()
    elsewhere.refresh_from_db()
    assert submitted.draft_reminder_sent_at is None
    assert elsewhere.draft_reminder_sent_at is None
    for draft in drafts:
        draft.refresh_from_db()
        assert draft.draft_reminder_sent_at == closes - dt.timedelta(days=3)


def test_update_draft_changes_only_that_draft(application, user):
    other = ApplicationFactory(cohort=application.cohort)
    services.update_draft(application, user=user, compute_purpose="Speech corpus")
    application.refresh_from_db()
    other.refresh_from_db()
    assert application.compute_purpose == "Speech corpus"
    assert other.compute_purpose == "Fine-tuning on Santali speech."


def test_each_draft_save_moves_the_version_on_by_exactly_one(application, user):
    # The editor posts the version it opened: a step of two would make the next
    # save from a tab that is up to date look stale.
    version = application.version
    saved = services.update_draft(
        application, user=user, version=version, compute_purpose="Speech corpus"
    )
    assert saved.version == version + 1
    again = services.update_draft(
        application, user=user, version=version + 1, compute_purpose="Evaluation"
    )
    again.refresh_from_db()
    assert (again.version, again.compute_purpose) == (version + 2, "Evaluation")


def test_start_application_from_the_hindi_page_is_the_same_application(
    cohort, startup, user
):
    from wagtail.models import Locale

    hindi = cohort.get_translation(Locale.objects.get(language_code="hi"))
    started, created = services.start_application(
        cohort=hindi, startup=startup, user=user
    )
    assert created and started.cohort_id == cohort.pk
    again, created = services.start_application(
        cohort=cohort, startup=startup, user=user
    )
    assert (again, created) == (started, False)


def test_start_application_returns_the_draft_after_the_cohort_closes(
    cohort, startup, user
):
    draft = ApplicationFactory(cohort=cohort, startup=startup)
    CohortPage.objects.filter(pk=cohort.pk).update(
        applications_close_at=cohort.applications_open_at + dt.timedelta(hours=1)
    )
    cohort.refresh_from_db()
    assert services.start_application(cohort=cohort, startup=startup, user=user) == (
        draft,
        False,
    )


def test_problems_name_the_question_they_are_about(application, user):
    del application.answers["q-model"]
    application.save()
    problems = problem_steps(application, user)
    assert [(p["step"], p["question"]) for p in problems] == [("questions", "q-model")]
    assert problems[0]["message"].startswith("Model family: ")


def test_status_change_by_the_system_names_no_person(application, user):
    from django.contrib.auth.models import AnonymousUser

    submit(application, user)
    services.change_application_status(application, to=S.IN_REVIEW, by=None)
    services.change_application_status(
        application, to=S.SHORTLISTED, by=AnonymousUser(), note="auto"
    )
    changes = application.status_changes.order_by("pk")
    assert [c.changed_by for c in changes] == [user, None, None]
    assert [c.to_status for c in changes] == [S.SUBMITTED, S.IN_REVIEW, S.SHORTLISTED]


def test_submit_from_a_second_open_tab_is_refused_with_its_reason(application, user):
    from django.utils import translation

    second_tab = Application.objects.get(pk=application.pk)
    submit(application, user)
    with translation.override("en"), pytest.raises(services.ApplicationError) as error:
        submit(second_tab, user)
    assert error.value.message == "This application has already been submitted."
    assert application.status_changes.count() == 1


def test_withdraw_after_a_decision_says_why(application, user, staff_user):
    from django.utils import translation

    submit(application, user)
    for status in (S.IN_REVIEW, S.SHORTLISTED, S.ACCEPTED):
        services.change_application_status(application, to=status, by=staff_user)
    with translation.override("en"), pytest.raises(services.ApplicationError) as error:
        services.withdraw_application(application, user=user)
    assert error.value.message == "This application can no longer be withdrawn."
    application.refresh_from_db()
    assert application.status == S.ACCEPTED


def test_anonymise_keeps_changes_made_since_the_startup_was_read(startup):
    from cohorts.models import Startup

    stale = Startup.objects.get(pk=startup.pk)
    Startup.objects.filter(pk=startup.pk).update(stage="growth", team_size=9)
    services.anonymise_startup(stale)
    startup.refresh_from_db()
    assert (startup.stage, startup.team_size) == ("growth", 9)
    assert startup.anonymised_at is not None and startup.owner is None


def test_anonymise_deletes_file_answers_after_the_commit(
    application, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from cohorts.models import private_storage
    from tests.factories.cohorts import pdf_bytes

    storage = private_storage()
    stored = storage.save("answers/licence.pdf", ContentFile(pdf_bytes()))
    application.answers["q-licence"] = {
        "label": "Licence",
        "type": "file",
        "value": {"name": stored, "filename": "licence.pdf"},
    }
    application.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.anonymise_startup(application.startup)
    assert not storage.exists(stored)
    application.refresh_from_db()
    assert application.answers["q-licence"] == {
        "label": "Licence",
        "type": "file",
        "value": None,
    }
    assert application.created_by is None and application.anonymised_at is not None


def invite(startup, email):
    return services.invite_cofounder(startup, invited_by=startup.owner, email=email)


def test_invitations_three_a_day_to_one_address_then_again_after_a_day(db):
    import time_machine

    startups = StartupFactory.create_batch(5)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False):
        for startup in startups[:3]:
            invite(startup, "target@example.in")
        with pytest.raises(services.ApplicationError, match="Too many"):
            invite(startups[3], "target@example.in")
        invite(startups[3], "someone-else@example.in")  # other addresses go on
    with time_machine.travel(dt.datetime(2026, 3, 3, 8, 59, 59, tzinfo=dt.UTC)):
        with pytest.raises(services.ApplicationError, match="Too many"):
            invite(startups[4], "target@example.in")
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, 1, tzinfo=dt.UTC)):
        invite(startups[4], "target@example.in")
    assert sorted(
        StartupMembership.objects.filter(email="target@example.in").values_list(
            "startup", flat=True
        )
    ) == sorted(s.pk for s in (*startups[:3], startups[4]))


def test_invitations_ten_a_day_from_one_startup(startup):
    other = StartupFactory()
    for number in range(10):
        invite(startup, f"cofounder{number}@example.in")
    with pytest.raises(services.ApplicationError, match="Too many"):
        invite(startup, "eleventh@example.in")
    invite(other, "eleventh@example.in")  # another startup's limit is its own
    assert startup.memberships.count() == 10


def test_a_stale_draft_save_says_why_to_any_caller(application, user):
    # Callers that only know ApplicationError show its message.
    services.update_draft(application, user=user, version=application.version)
    with pytest.raises(services.ApplicationError) as refused:
        services.update_draft(application, user=user, version=application.version)
    assert "Someone else changed this" in refused.value.message
    assert refused.value.current.version == application.version + 1


def test_owner_of_one_startup_cannot_apply_for_or_edit_another(cohort, startup, user):
    theirs = StartupFactory()
    assert startup.can_edit(user) and not theirs.can_edit(user)
    with pytest.raises(services.ApplicationError):
        services.start_application(cohort=cohort, startup=theirs, user=user)
    assert not Application.objects.exists()
