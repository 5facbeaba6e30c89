"""Every change that matters to an application or a startup, one function each.

Views, admin actions, tasks and tests call these; each runs in a transaction,
locks the row it changes, raises `ApplicationError` when the change is not
allowed, logs the change and sends its emails only after the commit.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.limits import address_key, count_within_limit
from home.timefmt import format_datetime

from .enums import ApplicationStatus, can_transition
from .files import delete_on_commit, files_of
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


class StaleEdit(ApplicationError):
    """Somebody saved the row since the editor opened it; `current` is that version."""

    def __init__(self, current):
        super().__init__(
            _(
                "Someone else changed this since you opened it. Here is the new "
                "version; your changes are kept in the form: check them and save "
                "again."
            )
        )
        self.current = current


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
def create_startup(
    *, owner, form, founders_formset=None, creation_token=None
) -> Startup:
    """Save a new startup owned by `owner` (and its founders).

    Idempotent per `creation_token` (the form's own token): the same form posted
    several times, even at once, makes one startup and returns it each time.
    """
    mine = Startup.objects.filter(owner=owner, creation_token=creation_token)
    if creation_token is not None:
        existing = mine.first()
        if existing is not None:
            return existing
        theirs = Startup.objects.filter(creation_token=creation_token)
        if theirs.exclude(owner=owner).exists():
            creation_token = None  # somebody else's token: not a repeat of ours
    try:
        with transaction.atomic():
            startup = form.save(commit=False)
            startup.owner = owner
            startup.creation_token = creation_token
            startup.save()
            if founders_formset is not None:
                founders_formset.instance = startup
                founders_formset.save()
    except IntegrityError:
        # A concurrent post of the same form won the unique token.
        existing = mine.first() if creation_token is not None else None
        if existing is None:
            raise
        return existing
    logger.info("startup %s created by %s", startup.uuid, owner.pk)
    return startup


def save_startup(
    startup: Startup, *, by, form, founders_formset=None, version: int | None = None
) -> Startup:
    """Save an edited profile (and founders) unless someone saved since `version`.

    Locks the startup; raises StaleEdit with the current version when it moved on;
    only the form's fields are written, and the version goes up by one.
    """
    with transaction.atomic():
        current = Startup.objects.select_for_update().get(pk=startup.pk)
        if not current.can_edit(by):
            raise ApplicationError(_("You cannot change this startup."))
        if version is not None and version != current.version:
            raise StaleEdit(current)
        saved = form.save(commit=False)
        saved.version = current.version + 1
        edited = [
            field.name
            for field in Startup._meta.concrete_fields  # the documented Meta API
            if field.name in form.cleaned_data
        ]
        saved.save(update_fields=[*edited, "version", "updated_at"])
        if founders_formset is not None:
            founders_formset.save()
    logger.info("startup %s saved by %s", saved.uuid, by.pk)
    return saved


INVITATIONS_PER_STARTUP = 10
INVITATIONS_PER_ADDRESS = 3


def _check_invitation_rate(startup: Startup, email: str) -> None:
    if not count_within_limit(
        f"cohorts:invite:startup:{startup.pk}", INVITATIONS_PER_STARTUP
    ) or not count_within_limit(
        f"cohorts:invite:address:{address_key(email)}", INVITATIONS_PER_ADDRESS
    ):
        raise ApplicationError(
            _("Too many invitations have been sent today. Please try again tomorrow.")
        )


def _send_invitation_on_commit(membership: StartupMembership) -> None:
    """The invitation email, after the commit, in the language of this action."""
    pk, language = membership.pk, action_language()
    transaction.on_commit(lambda: _tasks().email_invitation.enqueue(pk, language))


def invite_cofounder(startup: Startup, *, invited_by, email: str) -> StartupMembership:
    """Invite `email` to edit `startup`, valid for seven days.

    Rate-limited per startup and per address (in the cache). Locks the startup, so
    concurrent invitations of one address make one row and one email (on commit).
    """
    email = email.strip().lower()
    with transaction.atomic():
        startup = Startup.objects.select_for_update().get(pk=startup.pk)
        if not startup.can_edit(invited_by):
            raise ApplicationError(_("You cannot invite people to this startup."))
        if startup.owner is not None and startup.owner.email.lower() == email:
            raise ApplicationError(_("The owner is already part of this startup."))
        existing = startup.memberships.filter(email=email).first()
        if existing is not None and not existing.is_pending:
            raise ApplicationError(_("This person already edits the startup."))
        if existing is not None:
            raise ApplicationError(
                _(
                    "This address has already been invited. To send the link "
                    "again, use “Send again” in the list below."
                )
            )
        _check_invitation_rate(startup, email)
        membership = StartupMembership.objects.create(
            startup=startup, email=email, invited_by=invited_by
        )
        _send_invitation_on_commit(membership)
    logger.info(
        "startup %s: invitation %s sent by user %s",
        startup.uuid,
        membership.pk,
        invited_by.pk,
    )
    return membership


def _lock_membership(membership: StartupMembership) -> StartupMembership:
    found = (
        StartupMembership.objects.select_for_update()
        .filter(pk=membership.pk)
        .select_related("startup")
        .first()
    )
    if found is None:
        raise ApplicationError(_("This invitation is no longer valid."))
    return found


def resend_invitation(membership: StartupMembership, *, by) -> StartupMembership:
    """Send a pending invitation again with a new link, valid seven days from now.

    The owner only; rate-limited like new invitations; the old link stops working.
    """
    import uuid

    with transaction.atomic():
        membership = _lock_membership(membership)
        if not membership.startup.is_owned_by(by):
            raise ApplicationError(_("Only the owner can manage invitations."))
        if not membership.is_pending:
            raise ApplicationError(_("This person already edits the startup."))
        _check_invitation_rate(membership.startup, membership.email)
        membership.token = uuid.uuid4()
        membership.invited_at = timezone.now()
        membership.invited_by = by
        membership.save(update_fields=["token", "invited_at", "invited_by"])
        _send_invitation_on_commit(membership)
    logger.info("invitation %s sent again by user %s", membership.pk, by.pk)
    return membership


def remove_membership(membership: StartupMembership, *, by) -> None:
    """Remove a co-founder, or cancel a pending invitation; the owner only."""
    with transaction.atomic():
        membership = _lock_membership(membership)
        if not membership.startup.is_owned_by(by):
            raise ApplicationError(_("Only the owner can manage invitations."))
        membership.delete()
    logger.info(
        "startup %s: membership %s removed by user %s",
        membership.startup.uuid,
        membership.pk,
        by.pk,
    )


def invitation_problem(membership: StartupMembership, user, now=None) -> str:
    """Why `user` cannot accept `membership` now, in words, or "" if they can."""
    from allauth.account.models import EmailAddress

    if membership.accepted_at:
        if membership.user_id == user.pk:
            return ""
        return _("This invitation has already been used.")
    if membership.is_expired(now):
        return _(
            "This invitation has expired. Ask the person who invited you to send "
            "it again."
        )
    if membership.startup.anonymised_at is not None:
        return _("This invitation is no longer valid.")
    if membership.startup.owner_id == user.pk:
        return _("You already own this startup.")
    verified = EmailAddress.objects.filter(
        user=user, email__iexact=membership.email, verified=True
    ).exists()
    if not verified:
        return _(
            "This invitation was sent to %(email)s. Sign in with that address, or "
            "add it to your account and verify it, then open the link again."
        ) % {"email": membership.email}
    return ""


def accept_invitation(
    membership: StartupMembership, *, user, now=None
) -> StartupMembership:
    """Attach `user` to the startup, once, if a verified address of theirs was invited.

    Locks the invitation; refuses expired, used or someone else's invitations.
    """
    with transaction.atomic():
        membership = _lock_membership(membership)
        problem = invitation_problem(membership, user, now)
        if problem:
            raise ApplicationError(problem)
        if membership.accepted_at is None:
            membership.user = user
            membership.accepted_at = now or timezone.now()
            membership.save(update_fields=["user", "accepted_at"])
            logger.info("startup %s: user %s joined", membership.startup.uuid, user.pk)
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
    # A draft may keep a partial profile; submitting needs all of it.
    missing = [
        str(field.verbose_name)
        for field in Startup._meta.concrete_fields  # the documented Meta API
        if field.editable
        and not field.blank
        and not field.has_default()
        and getattr(startup, field.attname) in (None, "")
    ]
    if missing:
        problems.append(
            {
                "step": "startup",
                "message": _("Complete the startup profile: %(fields)s.")
                % {"fields": ", ".join(missing)},
            }
        )
    founders = list(startup.founders.all())
    if not founders:
        problems.append({"step": "startup", "message": _("Add at least one founder.")})
    elif any(not (f.name and f.email) for f in founders):
        problems.append(
            {
                "step": "startup",
                "message": _("Give every founder a name and an email address."),
            }
        )
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


def change_application_status(
    application: Application, *, to: str, by, note: str = ""
) -> Application:
    """The one entry point for staff to move an application (review, decisions).

    Locks the application, enforces the transition table in `cohorts.enums`,
    logs the change with who, when and why. Sends nothing: decision emails go
    out in bulk from `cohorts.selection.send_decisions`.
    """
    with transaction.atomic():
        application = _lock(application)
        return _transition(application, to=to, by=by, note=note)


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


def update_draft(
    application: Application, *, user, version: int | None = None, **fields
) -> Application:
    """Save fields of a draft (answers, deck, compute request); drafts only.

    Locks the application; raises StaleEdit if someone saved since `version`.
    Files the saved row no longer points at (a replaced deck or answer file) are
    deleted after the commit, never before.
    """
    with transaction.atomic():
        locked = _lock(application)
        if not locked.is_editable:
            raise ApplicationError(
                _("This application has been submitted and can no longer be changed.")
            )
        if version is not None and version != locked.version:
            raise StaleEdit(locked)
        before = files_of(locked)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.version += 1
        locked.language = action_language()
        locked.save(update_fields=[*fields, "version", "language", "updated_at"])
        delete_on_commit(before - files_of(locked))
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
    to_delete = set()
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
            to_delete |= files_of(application)
            answers = {}
            for question_id, answer in (application.answers or {}).items():
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
        delete_on_commit(to_delete)
    logger.info("startup %s anonymised", startup.uuid)
    return startup
