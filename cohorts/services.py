"""Every change that matters to an application or a startup, one function each.

Views, admin actions, tasks and tests call these; each runs in a transaction,
locks the row it changes, raises `ApplicationError` when the change is not
allowed, logs the change and sends its emails only after the commit.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.timefmt import format_datetime

from .enums import ApplicationStatus, can_transition
from .models import (
    Application,
    ApplicationStatusChange,
    CohortPage,
    Startup,
    StartupMembership,
)
from .privacy import PRIVACY_NOTICE_VERSION
from .questions import answer_problems

logger = logging.getLogger("coe.cohorts")

REMINDER_BEFORE_DEADLINE = dt.timedelta(days=3)


def _tasks():
    # tasks imports this module; emails go out through it after the commit.
    from . import tasks

    return tasks


class ApplicationError(Exception):
    """A change refused for a reason the user can read (already translated)."""

    def __init__(self, message, *, problems=None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


def action_language() -> str:
    """The language of the request being served: emails about this action use it."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _lock(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _transition(
    application: Application, *, to: str, by, note: str = ""
) -> Application:
    """Move a locked application to `to`, enforcing the table and logging it."""
    from_status = application.status
    if not can_transition(from_status, to):
        raise ApplicationError(
            _("This application cannot move from “%(from)s” to “%(to)s”.")
            % {
                "from": ApplicationStatus(from_status).label,
                "to": ApplicationStatus(to).label,
            }
        )
    application.status = to
    application.save(update_fields=["status", "updated_at"])
    ApplicationStatusChange.objects.create(
        application=application,
        from_status=from_status,
        to_status=to,
        changed_by=by if by is not None and by.is_authenticated else None,
        note=note,
    )
    logger.info(
        "application %s: %s -> %s by %s",
        application.uuid,
        from_status,
        to,
        getattr(by, "pk", None),
    )
    return application


# Startups -------------------------------------------------------------------
def create_startup(*, owner, form, founders_formset=None) -> Startup:
    """Save a new startup owned by `owner` (and its founders)."""
    with transaction.atomic():
        startup = form.save(commit=False)
        startup.owner = owner
        startup.save()
        if founders_formset is not None:
            founders_formset.instance = startup
            founders_formset.save()
    logger.info("startup %s created by %s", startup.uuid, owner.pk)
    return startup


def invite_cofounder(startup: Startup, *, invited_by, email: str) -> StartupMembership:
    """Invite `email` to edit `startup`; the invitation link goes out on commit."""
    email = email.strip().lower()
    with transaction.atomic():
        if startup.owner is not None and startup.owner.email.lower() == email:
            raise ApplicationError(_("The owner is already part of this startup."))
        membership, created = StartupMembership.objects.get_or_create(
            startup=startup, email=email, defaults={"invited_by": invited_by}
        )
        if membership.accepted_at:
            raise ApplicationError(_("This person already edits the startup."))
        language = action_language()
        transaction.on_commit(
            lambda: _tasks().email_invitation.enqueue(membership.pk, language)
        )
    logger.info("startup %s: %s invited by %s", startup.uuid, email, invited_by.pk)
    return membership


def accept_invitation(membership: StartupMembership, *, user) -> StartupMembership:
    """Attach the signed-in user to the startup they were invited to."""
    with transaction.atomic():
        membership = StartupMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.accepted_at and membership.user_id != user.pk:
            raise ApplicationError(_("This invitation has already been used."))
        if membership.startup.owner_id == user.pk:
            raise ApplicationError(_("You already own this startup."))
        membership.user = user
        membership.accepted_at = membership.accepted_at or timezone.now()
        membership.save(update_fields=["user", "accepted_at"])
    logger.info("startup %s: %s joined", membership.startup.uuid, user.pk)
    return membership


# Applications -----------------------------------------------------------------
def start_application(
    *, cohort: CohortPage, startup: Startup, user, now=None
) -> tuple[Application, bool]:
    """Return this startup's application to `cohort`, creating a draft if none.

    Refused when the cohort is not open (a finished draft can still be read).
    """
    cohort = cohort.canonical()
    existing = Application.objects.filter(cohort=cohort, startup=startup).first()
    if existing is not None:
        return existing, False
    if not cohort.is_open(now):
        raise ApplicationError(_("This cohort is not open for applications."))
    if not startup.can_edit(user):
        raise ApplicationError(_("You cannot apply for this startup."))
    with transaction.atomic():
        application, created = Application.objects.get_or_create(
            cohort=cohort,
            startup=startup,
            defaults={"created_by": user, "language": action_language()},
        )
    if created:
        logger.info(
            "application %s started by %s for cohort %s",
            application.uuid,
            user.pk,
            cohort.pk,
        )
    return application, created


def application_problems(application: Application, cohort_page=None) -> list[dict]:
    """What is missing before `application` can be submitted, by step."""
    page = cohort_page or application.cohort
    problems = []
    startup = application.startup
    if not startup.founders.exists():
        problems.append({"step": "startup", "message": _("Add at least one founder.")})
    for question_id, message in answer_problems(
        page.question_list, application.answers or {}
    ).items():
        label = next(
            (q["label"] for q in page.question_list if q["id"] == question_id), ""
        )
        problems.append(
            {
                "step": "questions",
                "question": question_id,
                "message": f"{label}: {message}",
            }
        )
    if not application.pitch_deck:
        problems.append({"step": "deck", "message": _("Upload your pitch deck.")})
    if not application.compute_gpu_hours:
        problems.append(
            {"step": "deck", "message": _("Say how many GPU-hours you need.")}
        )
    if not application.compute_purpose.strip():
        problems.append({"step": "deck", "message": _("Say what the compute is for.")})
    return problems


def submit_application(
    application: Application, *, user, consent: bool, now=None, cohort_page=None
) -> Application:
    """Submit a draft: re-validates everything, refuses after the deadline.

    Locks the application; records the consent and the status change; emails the
    startup's owner and editors a summary after the commit.
    """
    with transaction.atomic():
        application = _lock(application)
        now = now or timezone.now()
        if application.status != ApplicationStatus.DRAFT:
            raise ApplicationError(_("This application has already been submitted."))
        cohort = application.cohort
        if now >= cohort.applications_close_at:
            raise ApplicationError(
                _(
                    "Applications for this cohort closed on %(deadline)s. "
                    "Your draft has been kept but can no longer be submitted."
                )
                % {"deadline": format_datetime(cohort.applications_close_at)}
            )
        if now < cohort.applications_open_at:
            raise ApplicationError(_("Applications for this cohort are not open yet."))
        if not consent:
            raise ApplicationError(
                _("Please read the privacy notice and agree to it to submit.")
            )
        problems = application_problems(application, cohort_page)
        if problems:
            raise ApplicationError(
                _("Some parts of the application are not complete yet."),
                problems=problems,
            )
        application.privacy_notice_version = PRIVACY_NOTICE_VERSION
        application.consented_at = now
        application.submitted_at = now
        application.language = action_language()
        application.save(
            update_fields=[
                "privacy_notice_version",
                "consented_at",
                "submitted_at",
                "language",
            ]
        )
        _transition(application, to=ApplicationStatus.SUBMITTED, by=user)
        pk = application.pk
        transaction.on_commit(
            lambda: _tasks().email_application.enqueue(pk, "submitted", user.pk)
        )
    return application


def withdraw_application(
    application: Application, *, user, note: str = ""
) -> Application:
    """Withdraw an application that has no decision yet; emails on commit."""
    with transaction.atomic():
        application = _lock(application)
        if application.is_decided or not application.can_withdraw:
            raise ApplicationError(_("This application can no longer be withdrawn."))
        application.language = action_language()
        application.save(update_fields=["language"])
        _transition(application, to=ApplicationStatus.WITHDRAWN, by=user, note=note)
        pk = application.pk
        transaction.on_commit(
            lambda: _tasks().email_application.enqueue(pk, "withdrawn", user.pk)
        )
    return application


def _staff_transition(application, *, to, by, note=""):
    with transaction.atomic():
        application = _lock(application)
        return _transition(application, to=to, by=by, note=note)


def start_review(application: Application, *, by, note: str = "") -> Application:
    """Staff take a submitted application into review."""
    return _staff_transition(
        application, to=ApplicationStatus.IN_REVIEW, by=by, note=note
    )


def shortlist_application(
    application: Application, *, by, note: str = ""
) -> Application:
    return _staff_transition(
        application, to=ApplicationStatus.SHORTLISTED, by=by, note=note
    )


def accept_application(application: Application, *, by, note: str = "") -> Application:
    return _staff_transition(
        application, to=ApplicationStatus.ACCEPTED, by=by, note=note
    )


def waitlist_application(
    application: Application, *, by, note: str = ""
) -> Application:
    return _staff_transition(
        application, to=ApplicationStatus.WAITLISTED, by=by, note=note
    )


def reject_application(application: Application, *, by, note: str = "") -> Application:
    return _staff_transition(
        application, to=ApplicationStatus.REJECTED, by=by, note=note
    )


# Reminders ------------------------------------------------------------------
def send_draft_reminders(*, now=None) -> int:
    """Remind owners of drafts whose cohort closes within three days, once each.

    Rows are claimed with SELECT ... FOR UPDATE SKIP LOCKED and marked in the same
    transaction, so two machines running this at once never remind twice.
    """
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        drafts = list(
            Application.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=ApplicationStatus.DRAFT,
                draft_reminder_sent_at__isnull=True,
                cohort__applications_close_at__gt=now,
                cohort__applications_close_at__lte=now + REMINDER_BEFORE_DEADLINE,
            )
            .only("pk")
        )
        for draft in drafts:
            Application.objects.filter(pk=draft.pk).update(draft_reminder_sent_at=now)
            pk = draft.pk
            transaction.on_commit(
                lambda pk=pk: _tasks().email_application.enqueue(pk, "draft_reminder")
            )
            sent += 1
    if sent:
        logger.info("draft reminders sent: %d", sent)
    return sent


def update_draft(application: Application, *, user, **fields) -> Application:
    """Save fields of a draft (answers, deck, compute request); drafts only."""
    with transaction.atomic():
        locked = _lock(application)
        if not locked.is_editable:
            raise ApplicationError(
                _("This application has been submitted and can no longer be changed.")
            )
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.language = action_language()
        locked.save(update_fields=[*fields, "language", "updated_at"])
    logger.info("application %s: draft saved by %s", locked.uuid, user.pk)
    return locked


# Data rights ------------------------------------------------------------------
def transfer_startup(startup: Startup, *, to) -> Startup:
    """Make `to` (a co-founder) the owner, e.g. when the owner deletes the account."""
    with transaction.atomic():
        startup = Startup.objects.select_for_update().get(pk=startup.pk)
        startup.owner = to
        startup.save(update_fields=["owner", "updated_at"])
        startup.memberships.filter(user=to).delete()
    logger.info("startup %s transferred to %s", startup.uuid, to.pk)
    return startup


def anonymise_startup(startup: Startup) -> Startup:
    """Remove the personal data of a startup and its applications; keep statistics.

    Kept: state, sector, stage, team size, languages, the year of incorporation,
    each application's cohort, status, dates and GPU-hours requested, and the
    questions' labels and types. Removed: names, contacts, descriptions, answers,
    files. Files are deleted after the commit.
    """
    to_delete = []
    with transaction.atomic():
        startup = Startup.objects.select_for_update().get(pk=startup.pk)
        now = timezone.now()
        startup.name = _("Anonymised startup")
        startup.website = ""
        startup.dpiit_number = ""
        startup.city = ""
        startup.description = ""
        if startup.incorporation_date:
            startup.incorporation_date = startup.incorporation_date.replace(
                month=1, day=1
            )
        startup.owner = None
        startup.anonymised_at = now
        startup.save()
        startup.founders.all().delete()
        startup.memberships.all().delete()
        for application in Application.objects.select_for_update().filter(
            startup=startup
        ):
            if application.pitch_deck:
                to_delete.append(application.pitch_deck.name)
            answers = {}
            for question_id, answer in (application.answers or {}).items():
                value = answer.get("value")
                if answer.get("type") == "file" and isinstance(value, dict):
                    to_delete.append(value.get("name"))
                answers[question_id] = {
                    "label": answer.get("label"),
                    "type": answer.get("type"),
                    "value": None,
                }
            application.answers = answers
            application.pitch_deck = ""
            application.pitch_deck_name = ""
            application.compute_purpose = ""
            application.created_by = None
            application.anonymised_at = now
            application.save()
            application.status_changes.update(note="")

        def delete_files():
            from .models import private_storage

            storage = private_storage()
            for name in to_delete:
                if name:
                    storage.delete(name)

        transaction.on_commit(delete_files)
    logger.info("startup %s anonymised", startup.uuid)
    return startup
