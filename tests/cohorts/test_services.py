import datetime as dt
import functools
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from cohorts import services
from cohorts.enums import APPLICATION_TRANSITIONS, ApplicationStatus, can_transition
from cohorts.models import Application, ApplicationStatusChange
from tests.factories.cohorts import ApplicationFactory, answers_for, create_cohort

S = ApplicationStatus


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Emails go out after the commit: run those callbacks as the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def submit(application, user, **kwargs):
    return services.submit_application(application, user=user, consent=True, **kwargs)


def test_transition_table_names_every_status():
    assert set(APPLICATION_TRANSITIONS) == set(S.values)
    assert can_transition(S.DRAFT, S.SUBMITTED)
    assert not can_transition(S.DRAFT, S.ACCEPTED)
    assert not can_transition(S.ACCEPTED, S.WITHDRAWN)
    assert not can_transition(S.WITHDRAWN, S.SUBMITTED)


STAFF_CHANGES = {
    target: functools.partial(services.change_application_status, to=target)
    for target in (S.IN_REVIEW, S.SHORTLISTED, S.ACCEPTED, S.WAITLISTED, S.REJECTED)
}


@pytest.mark.parametrize("start", S.values)
def test_staff_transitions_follow_the_table(application, staff_user, start):
    for target, change in STAFF_CHANGES.items():
        ApplicationStatusChange.objects.all().delete()
        Application.objects.filter(pk=application.pk).update(status=start)
        application.refresh_from_db()
        _check_transition(application, staff_user, start, target, change)


def _check_transition(application, staff_user, start, target, change):
    if can_transition(start, target):
        change(application, by=staff_user, note="ok")
        application.refresh_from_db()
        assert application.status == target
        log = ApplicationStatusChange.objects.get(application=application)
        assert (log.from_status, log.to_status, log.changed_by, log.note) == (
            start,
            target,
            staff_user,
            "ok",
        )
    else:
        with pytest.raises(services.ApplicationError):
            change(application, by=staff_user)
        application.refresh_from_db()
        assert application.status == start
        assert not ApplicationStatusChange.objects.exists()


def test_submit_records_consent_logs_and_emails_a_summary(application, user, commit):
    with commit():
        submit(application, user)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.consented_at and application.privacy_notice_version
    log = application.status_changes.get()
    assert (log.from_status, log.to_status, log.changed_by) == (
        S.DRAFT,
        S.SUBMITTED,
        user,
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "Speech for Santali speakers" in message.body
    assert message.alternatives and "text/html" in message.alternatives[0][1]


def test_submission_email_is_in_the_language_used_to_submit(application, user, commit):
    with commit(), translation.override("hi"):
        submit(application, user)
    assert "आवेदन" in mail.outbox[0].subject


def test_submit_after_the_deadline_is_refused(application, user):
    deadline = application.cohort.applications_close_at
    with (
        time_machine.travel(deadline + dt.timedelta(minutes=1), tick=False),
        translation.override("en"),
        pytest.raises(services.ApplicationError) as error,
    ):
        submit(application, user)
    assert "closed" in error.value.message
    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert not mail.outbox


def test_submit_one_minute_before_the_deadline_is_accepted(application, user):
    deadline = application.cohort.applications_close_at
    with time_machine.travel(deadline - dt.timedelta(minutes=1), tick=False):
        submit(application, user)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_submit_revalidates_required_answers(application, user):
    application.answers = answers_for({"q-name": "VaaniAI"})
    application.save()
    with pytest.raises(services.ApplicationError) as error:
        submit(application, user)
    steps = {p["step"] for p in error.value.problems}
    assert steps == {"questions"}
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_submit_without_deck_or_consent_is_refused(application, user):
    with pytest.raises(services.ApplicationError):
        services.submit_application(application, user=user, consent=False)
    application.pitch_deck = ""
    application.save()
    with pytest.raises(services.ApplicationError) as error:
        submit(application, user)
    assert any(p["step"] == "deck" for p in error.value.problems)


def test_submit_twice_is_refused(application, user):
    submit(application, user)
    with pytest.raises(services.ApplicationError):
        submit(application, user)
    assert application.status_changes.count() == 1


def test_withdraw_until_a_decision(application, user, staff_user, commit):
    submit(application, user)
    services.change_application_status(application, to=S.IN_REVIEW, by=staff_user)
    with commit():
        services.withdraw_application(application, user=user, note="pivoting")
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert application.status_changes.last().note == "pivoting"
    assert "withdrawn" in mail.outbox[-1].subject


def test_withdraw_after_a_decision_is_refused(application, user, staff_user):
    submit(application, user)
    services.change_application_status(application, to=S.IN_REVIEW, by=staff_user)
    services.change_application_status(application, to=S.SHORTLISTED, by=staff_user)
    services.change_application_status(application, to=S.ACCEPTED, by=staff_user)
    with pytest.raises(services.ApplicationError):
        services.withdraw_application(application, user=user)


def test_draft_cannot_be_changed_after_submitting(application, user):
    submit(application, user)
    with pytest.raises(services.ApplicationError):
        services.update_draft(application, user=user, compute_purpose="changed")


def test_start_application_refused_when_closed(db, user):
    from tests.factories.cohorts import StartupFactory

    closed = create_cohort("closed", opens_in_days=-30, closes_in_days=-1)
    with pytest.raises(services.ApplicationError):
        services.start_application(
            cohort=closed, startup=StartupFactory(owner=user), user=user
        )


def test_one_application_per_startup_per_cohort(application, user):
    again, created = services.start_application(
        cohort=application.cohort, startup=application.startup, user=user
    )
    assert again == application and not created


def test_draft_reminders_go_once_three_days_before(db, commit):
    soon = create_cohort("soon", closes_in_days=2)
    later = create_cohort("later", closes_in_days=10)
    due = ApplicationFactory(cohort=soon)
    ApplicationFactory(cohort=later)
    submitted = ApplicationFactory(cohort=soon, status=S.SUBMITTED)
    with commit():
        call_command("send_draft_reminders", stdout=io.StringIO())
    with commit():
        call_command("send_draft_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[due.startup.owner.email]]
    due.refresh_from_db()
    submitted.refresh_from_db()
    assert due.draft_reminder_sent_at is not None
    assert submitted.draft_reminder_sent_at is None


def test_draft_reminder_task_is_safe_to_run_twice(db, commit):
    from cohorts.jobs import send_draft_reminders

    ApplicationFactory(cohort=create_cohort("soon", closes_in_days=1))
    with commit():
        send_draft_reminders.enqueue()
    with commit():
        send_draft_reminders.enqueue()
    assert len(mail.outbox) == 1


def test_invitation_lets_a_cofounder_edit(startup, user, commit):
    from tests.factories.home import VerifiedUserFactory

    cofounder = VerifiedUserFactory(email="co@example.in")
    with commit():
        membership = services.invite_cofounder(
            startup, invited_by=user, email="CO@example.in"
        )
    assert mail.outbox[-1].to == ["co@example.in"]
    assert str(membership.token) in mail.outbox[-1].body
    assert not startup.can_edit(cofounder)
    services.accept_invitation(membership, user=cofounder)
    assert startup.can_edit(cofounder)
