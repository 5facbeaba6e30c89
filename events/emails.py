"""Registration emails: a text + HTML pair in the language the person registered in.

One template pair serves every kind; what differs (subject, message, whether
the ticket and an .ics file go with it) is written down once in KINDS.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar

from home.addresses import verified_address
from home.links import home_path

from .calendar import event_component, location_text

logger = logging.getLogger("coe.events")

# kind -> (subject, message, attach the ticket and calendar)
KINDS = {
    "confirmed": (
        _("You are registered: %(title)s"),
        _("Your registration is confirmed. Show the ticket code below at the door."),
        True,
    ),
    "pending_approval": (
        _("Registration received: %(title)s"),
        _("The organisers approve each registration. We will email you their answer."),
        False,
    ),
    "waitlisted": (
        _("You are on the waitlist: %(title)s"),
        _("The event is full. If a seat is freed we will offer it to you by email."),
        False,
    ),
    "offered": (
        _("A seat is free for you: %(title)s"),
        _(
            "A seat has been freed and is held for you until the time below. Accept it from your registration page."
        ),
        False,
    ),
    "cancelled": (
        _("Registration cancelled: %(title)s"),
        _("You cancelled your registration."),
        False,
    ),
    "cancelled_by_staff": (
        _("Registration cancelled: %(title)s"),
        _("The organisers have cancelled your registration."),
        False,
    ),
    "rejected": (
        _("Registration not approved: %(title)s"),
        _("We are sorry: the organisers could not approve your registration."),
        False,
    ),
    "expired": (
        _("Your hold has expired: %(title)s"),
        _(
            "The time to pay for or accept your seat has passed, so the seat was released."
        ),
        False,
    ),
    "refunded": (
        _("Refund completed: %(title)s"),
        _(
            "Your payment has been refunded. Banks take 5 to 10 working days to show it."
        ),
        False,
    ),
    "partly_refunded": (
        _("Part of your payment refunded: %(title)s"),
        _(
            "Part of your payment has been refunded. Your registration stays confirmed. Banks take 5 to 10 working days to show it."
        ),
        False,
    ),
    "paid_after_cancellation": (
        _("Your payment is being refunded: %(title)s"),
        _(
            "Your payment arrived after your registration had been cancelled, so we are refunding it in full."
        ),
        False,
    ),
    "late_payment_refunded": (
        _("Your payment is being refunded: %(title)s"),
        _(
            "Your payment arrived after your seat had been released and no seat is left, so we are refunding it in full."
        ),
        False,
    ),
    "reminder": (
        _("Tomorrow: %(title)s"),
        _("A reminder: the event starts within 24 hours. Your ticket is below."),
        True,
    ),
}


def money_lines(registration, kind: str) -> list[str]:
    """What the person paid and gets back, for the emails that concern money."""
    from .enums import PaymentStatus
    from .formatting import format_inr

    if kind == "confirmed":
        payment = registration.payments.filter(status=PaymentStatus.PAID).first()
        if payment is not None:
            return [
                _("Paid: %(amount)s") % {"amount": format_inr(payment.amount_paise)}
            ]
        return []
    if kind not in {"cancelled", "cancelled_by_staff", "refunded", "partly_refunded"}:
        if kind in {"paid_after_cancellation", "late_payment_refunded"}:
            payment = registration.payments.order_by("-pk").first()
            if payment is not None:
                return [
                    _("Amount refunded: %(amount)s")
                    % {"amount": format_inr(payment.amount_paise)}
                ]
        return []
    payment = (
        registration.payments.filter(
            status__in=(
                PaymentStatus.PAID,
                PaymentStatus.REFUND_PENDING,
                PaymentStatus.REFUNDED,
            )
        )
        .order_by("-pk")
        .first()
    )
    if payment is None:
        if registration.event.is_free or kind.startswith("cancelled"):
            return [_("Nothing was paid, so there is nothing to refund.")]
        return []
    if payment.status == PaymentStatus.REFUND_PENDING:
        return [
            _(
                "Refund pending: %(amount)s, to the card or account you paid with. We will email you when it is made."
            )
            % {"amount": format_inr(payment.amount_paise)}
        ]
    if payment.refunded_paise:
        when = timezone.localtime(payment.refunded_at or timezone.now())
        return [
            _("Refunded: %(amount)s of %(paid)s on %(date)s.")
            % {
                "amount": format_inr(payment.refunded_paise),
                "paid": format_inr(payment.amount_paise),
                "date": when.strftime("%d-%m-%Y"),
            }
        ]
    return []


def site_url(path: str = "/") -> str:
    base = getattr(settings, "SITE_URL", "") or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def ticket_ics(event, url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//AI CoE Startup Programme//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    host = urlsplit(site_url()).hostname or "localhost"
    calendar.add_component(event_component(event, url, host))
    return calendar.to_ical()


def recipient(registration) -> str:
    """Where a registration's emails go: an address its account has verified.

    The registration's own address while the account still has it verified,
    else the account's primary verified one. A registration without an account
    (staff's walk-ins, the demo's attendees) gets no email: nobody verified it.
    """
    return verified_address(registration.user, registration.email) or (
        verified_address(registration.user)
    )


def send_registration_email(
    registration_pk: int, kind: str, *, subject: str = "", message: str = ""
) -> int:
    """Send email `kind` (see KINDS), or with kind "message" staff's own subject
    and message, wrapped in the event's details, in the registrant's language."""
    from .models import Registration

    registration = (
        Registration.objects.select_related("event", "event__venue", "user")
        .filter(pk=registration_pk)
        .first()
    )
    if registration is None or (kind not in KINDS and kind != "message"):
        return 0
    to = recipient(registration)
    if not to:
        logger.info(
            "registration %s: no verified address for %s", registration.pk, kind
        )
        return 0
    if to.endswith(".invalid"):
        return 0  # a reserved domain (RFC 2606): demo attendees, never delivered
    reason = ""
    if kind == "message":
        subject_text, with_ticket = subject.replace("%", "%%"), False
    else:
        subject_text, kind_message, with_ticket = KINDS[kind]
        # `message` of a kind is staff's reason, when there is one.
        reason, message = message, kind_message
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        event = registration.event.localized
        ticket_url = site_url(
            reverse("events:ticket", kwargs={"uuid": registration.uuid})
        )
        event_url = site_url(event.url or home_path())
        context = {
            "registration": registration,
            "event": event,
            "message": message,
            "money_lines": [str(line) for line in money_lines(registration, kind)],
            "reason": reason,
            "receipt_url": site_url(
                reverse("events:receipt", kwargs={"uuid": registration.uuid})
            )
            if kind == "confirmed"
            and registration.payments.filter(status="paid").exists()
            else "",
            "with_ticket": with_ticket,
            "ticket_url": ticket_url,
            "event_url": event_url,
            "location": location_text(event),
            "show_online_url": registration.status == "confirmed"
            and (with_ticket or kind == "message"),
        }
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(
            str(subject_text % {"title": event.title}).split()
        )
        text = render_to_string("events/emails/registration.txt", context)
        html = render_to_string("events/emails/registration.html", context)
    email = EmailMultiAlternatives(subject, text, to=[to])
    email.attach_alternative(html, "text/html")
    if with_ticket:
        email.attach(f"{event.slug}.ics", ticket_ics(event, event_url), "text/calendar")
    email.send()
    logger.info("registration %s: %s email sent", registration.uuid, kind)
    return 1
