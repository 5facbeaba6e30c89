"""The writes of open calls for compute: applying, allocating, reporting.

Each is one function: keyword-only arguments after the main object, one
transaction, a `ComputeError` (already translated) when refused, emails queued
on commit.
"""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.caching import new_generation

from .enums import ApplicationStatus, OutputKind, can_transition
from .models import (
    CallPage,
    ComputeApplication,
    ComputeSelection,
    ComputeStatusChange,
    Organisation,
    ReportOutput,
    UsageReport,
)

logger = logging.getLogger("coe.compute")

# Grantees are reminded of a usage report this long before it is due.
REPORT_REMINDER_BEFORE = dt.timedelta(days=7)


class ComputeError(Exception):
    """A step refused for a reason the user can read (already translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _tasks():
    from . import tasks

    return tasks


# Status --------------------------------------------------------------------------
def change_application_status(
    application: ComputeApplication, *, to: str, by, note: str = ""
) -> ComputeApplication:
    """The one entry point of a status change: checks the transition
    (enums.APPLICATION_TRANSITIONS) and logs it. Review's rules call it too."""
    if not can_transition(application.status, to):
        raise ComputeError(
            _("This application cannot move from “%(from)s” to “%(to)s”.")
            % {
                "from": application.get_status_display(),
                "to": ApplicationStatus(to).label,
            }
        )
    with transaction.atomic():
        ComputeStatusChange.objects.create(
            application=application,
            from_status=application.status,
            to_status=to,
            changed_by=by,
            note=note,
        )
        application.status = to
        application.save(update_fields=["status", "updated_at"])
    logger.info("compute application %s: %s", application.uuid, to)
    return application


# Applying ---------------------------------------------------------------------
def start_application(
    call: CallPage, *, user, organisation: Organisation | None = None, language: str
) -> ComputeApplication:
    """The user's draft for `call` (as a person, or for an organisation they
    own), made once: starting again returns the same draft."""
    source = call.source
    if not source.is_open():
        raise ComputeError(_("This call is not open for applications."))
    if organisation is not None and organisation.owner_id != user.pk:
        raise ComputeError(_("You can apply only for an organisation you manage."))
    kind = organisation.kind if organisation else "researcher"
    if not source.accepts(kind):
        raise ComputeError(_("This call is not open to applicants like you."))
    with transaction.atomic():
        lookup = {"call": source}
        if organisation is None:
            lookup.update(applicant=user, organisation__isnull=True)
        else:
            lookup["organisation"] = organisation
        existing = ComputeApplication.objects.filter(**lookup).first()
        if existing is not None:
            return existing
        application = ComputeApplication.objects.create(
            call=source,
            applicant=user,
            organisation=organisation,
            kind=kind,
            state=organisation.state if organisation else "",
            language=language,
        )
    logger.info("compute application %s started", application.uuid)
    return application


def application_problems(application: ComputeApplication) -> list[str]:
    """What still stops the application from being submitted."""
    problems = []
    if not application.project_title:
        problems.append(_("Give the project a title."))
    if not application.summary:
        problems.append(_("Say what the compute is for."))
    if not application.gpu_hours_requested:
        problems.append(_("Say how many GPU-hours you need."))
    elif application.gpu_hours_requested > application.call.max_grant_gpu_hours:
        problems.append(
            _("The largest grant of this call is %(hours)d GPU-hours.")
            % {"hours": application.call.max_grant_gpu_hours}
        )
    if not application.state:
        problems.append(_("Choose your state or union territory."))
    if not application.sector:
        problems.append(_("Choose a sector."))
    from review.questions import answer_problems

    questions = application.call.source.question_list
    labels = {question["id"]: question["label"] for question in questions}
    for question_id, problem in answer_problems(questions, application.answers).items():
        problems.append(f"{labels[question_id]}: {problem}")
    return problems


def submit_application(
    application: ComputeApplication, *, by, now: dt.datetime | None = None
) -> ComputeApplication:
    """Submit a draft before the call's deadline.

    Locks the application; refuses after the deadline (the source call's) or
    while something required is missing. Emails the applicant on commit.
    """
    now = now or timezone.now()
    with transaction.atomic():
        application = (
            ComputeApplication.objects.select_for_update(of=("self",))
            .select_related("call")
            .get(pk=application.pk)
        )
        if application.applicant_id != by.pk:
            raise ComputeError(_("This application is someone else's."))
        if application.status != ApplicationStatus.DRAFT:
            raise ComputeError(_("This application has already been submitted."))
        if now >= application.call.closes_at:
            raise ComputeError(_("The deadline has passed: applications are closed."))
        problems = application_problems(application)
        if problems:
            raise ComputeError(" ".join(problems))
        application.submitted_at = now
        application.save(update_fields=["submitted_at", "updated_at"])
        change_application_status(application, to=ApplicationStatus.SUBMITTED, by=by)
        pk = application.pk
        transaction.on_commit(lambda: _tasks().email_submitted.enqueue(pk))
    logger.info("compute application %s submitted", application.uuid)
    return application


# Budget and allocation ----------------------------------------------------------
def budget_of(call: CallPage) -> dict:
    """The call's budget, what is allocated and what is left (GPU-hours)."""
    from .selection import compute_totals

    totals = compute_totals(call)
    return {
        "total": totals["budget"],
        "largest": call.source.max_grant_gpu_hours,
        "requested": totals["requested"],
        "allocated": totals["allocated"],
        "left": max(totals["left"], 0),
    }


def allocate_compute(
    application: ComputeApplication, *, gpu_hours: int, by
) -> ComputeSelection:
    """Grant GPU-hours to an accepted application: never more than the call's
    largest grant, and (review's rule, under a lock on the call) never past the
    call's budget. Makes the grant's usage report slots."""
    from . import selection

    largest = application.call.source.max_grant_gpu_hours
    if gpu_hours > largest:
        raise ComputeError(
            _("The largest grant of this call is %(hours)d GPU-hours.")
            % {"hours": largest}
        )
    if gpu_hours < 1:
        raise ComputeError(_("Enter a number of GPU-hours of 1 or more."))
    with transaction.atomic():
        chosen = selection.allocate_compute(application, gpu_hours=gpu_hours, by=by)
        chosen.allocated_at = timezone.now()
        chosen.save(update_fields=["allocated_at"])
        ensure_report_slots(application)
        transaction.on_commit(new_generation)
    return chosen


def ensure_report_slots(application: ComputeApplication) -> int:
    """A usage report row for each of the call's report dates; how many new."""
    made = 0
    for date in application.call.source.report_dates.all():
        _report, created = UsageReport.objects.get_or_create(
            application=application, due_on=date.due_on
        )
        made += created
    return made


# Grantees -------------------------------------------------------------------------
def granted_hours(application: ComputeApplication) -> int:
    try:
        return application.selection.gpu_hours_allocated or 0
    except ComputeSelection.DoesNotExist:
        return 0


def set_grant_listing(
    application: ComputeApplication, *, user, listed: bool, line: str = ""
) -> ComputeApplication:
    """The grantee shows (or hides) their grant on the public list."""
    if application.applicant_id != user.pk:
        raise ComputeError(_("You cannot change this grant's listing."))
    with transaction.atomic():
        application = ComputeApplication.objects.select_for_update().get(
            pk=application.pk
        )
        if application.status != ApplicationStatus.ACCEPTED:
            raise ComputeError(_("Only granted applications can be listed."))
        application.listed_publicly = listed
        application.public_summary = line.strip()[:200]
        application.save(update_fields=["listed_publicly", "public_summary"])
        # The public list is a cached page.
        transaction.on_commit(new_generation)
    return application


def file_usage_report(
    report: UsageReport,
    *,
    by,
    hours_used: int,
    summary: str,
    outputs: list[dict],
    now: dt.datetime | None = None,
) -> UsageReport:
    """File (or correct) a usage report: hours used, what was done, outputs.

    Locks the report; the hours used can never be more than the grant.
    The outputs given replace those filed before.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Only the report is locked: its grant may have no selection row (an
        # outer join PostgreSQL cannot lock).
        report = (
            UsageReport.objects.select_for_update(of=("self",))
            .select_related("application__selection")
            .get(pk=report.pk)
        )
        if report.application.applicant_id != by.pk:
            raise ComputeError(_("This report is someone else's."))
        granted = granted_hours(report.application)
        if hours_used < 0 or hours_used > granted:
            raise ComputeError(
                _("Enter the GPU-hours used, from 0 to %(hours)d.") % {"hours": granted}
            )
        for output in outputs:
            if output.get("kind") not in OutputKind.values:
                raise ComputeError(_("Choose what kind of output each one is."))
        report.hours_used = hours_used
        report.summary = summary
        report.submitted_at = report.submitted_at or now
        report.save(update_fields=["hours_used", "summary", "submitted_at"])
        report.outputs.all().delete()
        ReportOutput.objects.bulk_create(
            ReportOutput(report=report, kind=o["kind"], title=o["title"], url=o["url"])
            for o in outputs
        )
        transaction.on_commit(new_generation)
    logger.info("usage report %s filed", report.uuid)
    return report


def send_usage_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind each grantee of a usage report due within REPORT_REMINDER_BEFORE
    (or overdue) and not filed, once per report.

    Each report is locked and its `reminded_at` marker set in the same
    transaction as the email is queued: a second run, or two at once, sends
    nothing more. Returns the number of reminders queued.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    granted = ComputeSelection.objects.granted().select_related("application__call")
    for chosen in granted:
        ensure_report_slots(chosen.application)
    due = UsageReport.objects.filter(
        submitted_at__isnull=True,
        reminded_at__isnull=True,
        due_on__lte=today + REPORT_REMINDER_BEFORE,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            report = (
                UsageReport.objects.select_for_update()
                .filter(pk=pk, reminded_at__isnull=True, submitted_at__isnull=True)
                .first()
            )
            if report is None:
                continue
            report.reminded_at = now
            report.save(update_fields=["reminded_at"])
            transaction.on_commit(
                lambda pk=pk: _tasks().email_usage_reminder.enqueue(pk)
            )
            sent += 1
    if sent:
        logger.info("usage report reminders sent: %d", sent)
    return sent
