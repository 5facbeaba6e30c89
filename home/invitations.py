"""Staff accounts made by staff: an invitation to set a password.

Adding a user in the admin (`home.wagtail_hooks`) calls `invite_staff`; after
the commit a task emails the link, built from `SITE_URL`, in the invitee's
language. Opening it and choosing a password (`accept_staff_invitation`) proves
the address: allauth's `EmailAddress` for it is marked verified, so signing in
asks for no confirmation email. The invitation works once, before it expires,
and only for the address it was sent to (an account whose address changed since
needs a new one). The token is stored as a hash: only the email holds it.
"""

import datetime
import hashlib
import logging
import secrets

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .links import absolute_url
from .models import StaffInvitation

logger = logging.getLogger("coe.home")

VALID_FOR = datetime.timedelta(days=7)


class InvitationError(Exception):
    """Why an invitation cannot be used, in words for the person holding it."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_staff(user, *, by=None, now=None) -> StaffInvitation:
    """Invite `user` (an account made in the admin) to set a password.

    Earlier unused invitations of theirs stop working; the account's password,
    if any, becomes unusable until they choose one. The email goes after the
    commit, in the user's preferred language.
    """
    now = now or timezone.now()
    with transaction.atomic():
        StaffInvitation.objects.filter(
            user=user, accepted_at__isnull=True, expires_at__gt=now
        ).update(expires_at=now)
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
        invitation = StaffInvitation.objects.create(
            user=user,
            email=user.email,
            # Replaced when the email is sent: this one is never told to anyone.
            token_hash=token_hash(secrets.token_urlsafe(32)),
            invited_by=by,
            expires_at=now + VALID_FOR,
        )
        pk = invitation.pk
        transaction.on_commit(lambda: email_staff_invitation.enqueue(pk))
    logger.info("staff invitation %s for user %s", invitation.pk, user.pk)
    return invitation


def find_invitation(token: str) -> StaffInvitation | None:
    return (
        StaffInvitation.objects.select_related("user")
        .filter(token_hash=token_hash(token))
        .first()
    )


def invitation_problem(invitation: StaffInvitation | None, now=None) -> str:
    """Why this invitation cannot be used now, in words, or "" if it can."""
    now = now or timezone.now()
    if invitation is None:
        return _("This invitation link is not valid.")
    if invitation.accepted_at is not None:
        return _(
            "This invitation has already been used. Sign in with your email "
            "address and password, or reset your password."
        )
    if invitation.expires_at <= now:
        return _(
            "This invitation has expired. Ask the person who added you to send "
            "a new one."
        )
    user = invitation.user
    if not user.is_active or user.email.lower() != invitation.email.lower():
        return _("This invitation is no longer valid.")
    return ""


def accept_staff_invitation(
    invitation: StaffInvitation, *, password: str, now=None
) -> StaffInvitation:
    """Set the invited user's password and mark the invited address verified.

    Locks the invitation, so that it is used once; refuses an expired, used or
    superseded one (`InvitationError`). Sends nothing.
    """
    from allauth.account.models import EmailAddress

    now = now or timezone.now()
    with transaction.atomic():
        invitation = (
            StaffInvitation.objects.select_for_update()
            .select_related("user")
            .get(pk=invitation.pk)
        )
        problem = invitation_problem(invitation, now)
        if problem:
            raise InvitationError(problem)
        user = invitation.user
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.filter(user=user).update(primary=False)
        address = EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email
        ).first() or EmailAddress(user=user, email=invitation.email)
        address.verified = True
        address.primary = True
        address.save()
        invitation.accepted_at = now
        invitation.save(update_fields=["accepted_at"])
    logger.info("staff invitation %s accepted", invitation.pk)
    return invitation


def send_staff_invitation(invitation_pk: int, now=None) -> bool:
    """Email a fresh link for a pending invitation (the previous link of this
    invitation stops working); nothing for one used, expired or gone."""
    invitation = (
        StaffInvitation.objects.select_related("user", "invited_by")
        .filter(pk=invitation_pk)
        .first()
    )
    if invitation is None or invitation_problem(invitation, now):
        return False
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.save(update_fields=["token_hash"])
    user = invitation.user
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        url = absolute_url(reverse("staff_invitation", kwargs={"token": token}))
        context = {
            "user": user,
            "invitation": invitation,
            "inviter": invitation.invited_by,
            "url": url,
            "admin_url": absolute_url(reverse("wagtailadmin_home")),
        }
        template = "home/emails/staff_invitation"
        subject = render_to_string(f"{template}_subject.txt", context)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()
    logger.info("staff invitation %s sent", invitation.pk)
    return True


# The email goes from the task queue; registered here, beside what it runs and
# what enqueues it, so that this module and `home.tasks` import no circle.
@task()
def email_staff_invitation(invitation_pk: int) -> bool:
    return send_staff_invitation(invitation_pk)
