"""Compute's writes work on the row as it is once locked (PostgreSQL).

Each test holds the row lock itself, lets the service start in a thread with
the copy it was given, waits (through pg_locks) until that thread queues
behind the lock, then makes the other change and commits: no sleeps, no luck.
"""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from compute import services
from compute.enums import ApplicationStatus
from compute.models import ComputeApplication, ComputeStatusChange, UsageReport
from tests.factories.compute import (
    ComputeApplicationFactory,
    SubmittedComputeApplicationFactory,
    accepted,
    create_call,
)
from tests.locking import blocked_thread, lock

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def call():
    return create_call(total=1000, largest=400)


def granted(call, hours):
    application = accepted(SubmittedComputeApplicationFactory(call=call))
    services.allocate_compute(application, gpu_hours=hours, by=None)
    return application


def test_a_second_submit_at_once_is_refused_and_the_application_submitted_once(call):
    """Submit clicked twice: the second waits, then sees it submitted."""
    application = ComputeApplicationFactory(call=call)
    user = application.applicant
    other_tab = ComputeApplication.objects.get(pk=application.pk)
    with transaction.atomic():
        lock(ComputeApplication, application)
        thread, outcome = blocked_thread(
            lambda: services.submit_application(other_tab, by=user)
        )
        services.submit_application(application, by=user)
    thread.join()
    assert isinstance(outcome.get("error"), services.ComputeError), outcome
    assert "already been submitted" in outcome["error"].message
    assert (
        ComputeStatusChange.objects.filter(
            application=application, to_status=ApplicationStatus.SUBMITTED
        ).count()
        == 1
    )
    assert len([m for m in mail.outbox if user.email in m.to]) == 1


def test_a_listing_sent_while_the_grant_is_recorded_waits_and_is_listed(call):
    """The grantee's request started from a copy read before the decision: it
    is judged on the application as it is once the decision is in."""
    application = SubmittedComputeApplicationFactory(call=call)
    ComputeApplication.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.IN_REVIEW
    )
    application.refresh_from_db()
    with transaction.atomic():
        lock(ComputeApplication, application)
        thread, outcome = blocked_thread(
            lambda: services.set_grant_listing(
                application,
                user=application.applicant,
                listed=True,
                line="Santali ASR",
            )
        )
        ComputeApplication.objects.filter(pk=application.pk).update(
            status=ApplicationStatus.ACCEPTED
        )
    thread.join()
    assert "error" not in outcome, outcome
    application.refresh_from_db()
    assert (application.listed_publicly, application.public_summary) == (
        True,
        "Santali ASR",
    )


def test_a_correction_filed_at_once_keeps_the_first_filing_date(call):
    """A report filed twice at once (two tabs): the later one's answers stand,
    the report stays filed on time, at the first filing."""
    application = granted(call, 100)
    report = application.usage_reports.get()
    user = application.applicant
    other_tab = UsageReport.objects.get(pk=report.pk)
    first = timezone.now() - dt.timedelta(hours=1)
    second = timezone.now()
    with transaction.atomic():
        lock(UsageReport, report)
        thread, outcome = blocked_thread(
            lambda: services.file_usage_report(
                other_tab,
                by=user,
                hours_used=60,
                summary="Corrected.",
                outputs=[{"kind": "model", "title": "ASR", "url": "https://x.in"}],
                now=second,
            )
        )
        services.file_usage_report(
            report, by=user, hours_used=40, summary="First.", outputs=[], now=first
        )
    thread.join()
    assert "error" not in outcome, outcome
    report.refresh_from_db()
    assert (report.hours_used, report.summary) == (60, "Corrected.")
    assert report.submitted_at == first
    assert [o.title for o in report.outputs.all()] == ["ASR"]


def _reminders(report):
    return [m for m in mail.outbox if report.get_absolute_url() in m.body]


@pytest.mark.parametrize("meanwhile", ["filed", "reminded by another run"])
def test_a_reminder_run_waits_for_a_report_changing_and_sends_nothing(call, meanwhile):
    application = granted(call, 100)
    report = application.usage_reports.get()
    now = timezone.make_aware(
        dt.datetime.combine(report.due_on - dt.timedelta(days=3), dt.time(12))
    )
    with transaction.atomic():
        lock(UsageReport, report)
        thread, outcome = blocked_thread(lambda: services.send_usage_reminders(now=now))
        if meanwhile == "filed":
            services.file_usage_report(
                report, by=application.applicant, hours_used=1, summary="", outputs=[]
            )
        else:
            assert services.send_usage_reminders(now=now) == 1
    thread.join()
    assert outcome == {"result": 0}
    assert len(_reminders(report)) == (0 if meanwhile == "filed" else 1)


def test_a_report_filed_while_the_run_waits_does_not_pass_its_reminder_on():
    """The run found one report due; it is filed meanwhile. The run sends
    nothing, and a later report, not due yet, is not marked as reminded (it
    would then never get its own reminder)."""
    call = create_call(total=1000, largest=400, report_in_days=(30, 200))
    application = granted(call, 100)
    due, later = application.usage_reports.order_by("due_on")
    now = timezone.make_aware(
        dt.datetime.combine(due.due_on - dt.timedelta(days=3), dt.time(12))
    )
    with transaction.atomic():
        lock(UsageReport, due)
        thread, outcome = blocked_thread(lambda: services.send_usage_reminders(now=now))
        services.file_usage_report(
            due, by=application.applicant, hours_used=1, summary="", outputs=[]
        )
    thread.join()
    assert outcome == {"result": 0}
    later.refresh_from_db()
    assert later.reminded_at is None
    assert not mail.outbox
