"""Choices of the events app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class SeatsState(models.TextChoices):
    """What the seats badge says; computed, never stored."""

    OPEN = "open", _("Seats available")
    FEW_LEFT = "few_left", _("Few seats left")
    FULL = "full", _("Full")
    WAITLIST = "waitlist", _("Full: join the waitlist")
    NOT_OPEN = "not_open", _("Registration not yet open")
    CLOSED = "closed", _("Registration closed")
    NO_REGISTRATION = "none", _("No registration needed")


class RegistrationStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("Awaiting payment")
    PENDING_APPROVAL = "pending_approval", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    OFFERED = "offered", _("Seat offered")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")
    REFUNDED = "refunded", _("Refunded")


R = RegistrationStatus

# Statuses a new registration starts in (also when someone registers again after
# cancelling or letting a hold expire).
START_STATUSES = frozenset(
    {R.PENDING_PAYMENT, R.PENDING_APPROVAL, R.CONFIRMED, R.WAITLISTED}
)
# Finished registrations: the person may register again.
ENDED_STATUSES = frozenset({R.CANCELLED, R.EXPIRED, R.REFUNDED})

# from-status -> the statuses it may move to. Enforced by
# `events.registration.change_registration_status`.
REGISTRATION_TRANSITIONS: dict[str, frozenset[str]] = {
    R.PENDING_PAYMENT: frozenset({R.CONFIRMED, R.EXPIRED, R.CANCELLED}),
    # Approving a paid registration offers the seat: the person then pays.
    R.PENDING_APPROVAL: frozenset({R.CONFIRMED, R.OFFERED, R.CANCELLED}),
    R.WAITLISTED: frozenset({R.OFFERED, R.CONFIRMED, R.CANCELLED}),
    R.OFFERED: frozenset({R.CONFIRMED, R.PENDING_PAYMENT, R.EXPIRED, R.CANCELLED}),
    R.CONFIRMED: frozenset({R.CANCELLED, R.REFUNDED}),
    # A payment that lands after its hold lapsed: honoured if a seat is free.
    R.EXPIRED: START_STATUSES | {R.REFUNDED},
    R.CANCELLED: START_STATUSES | {R.REFUNDED},
    R.REFUNDED: START_STATUSES,
}

# Seats are taken by confirmed and pending-approval registrations, and by holds
# and offers until they expire.
HOLDING_STATUSES = frozenset({R.PENDING_PAYMENT, R.OFFERED})
SEAT_STATUSES = HOLDING_STATUSES | {R.CONFIRMED, R.PENDING_APPROVAL}
ACTIVE_STATUSES = frozenset(
    {R.PENDING_PAYMENT, R.PENDING_APPROVAL, R.CONFIRMED, R.WAITLISTED, R.OFFERED}
)


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in REGISTRATION_TRANSITIONS.get(from_status, frozenset())


class PaymentStatus(models.TextChoices):
    CREATED = "created", _("Checkout started")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Checkout expired")
    REFUND_PENDING = "refund_pending", _("Refund requested")
    REFUNDED = "refunded", _("Refunded")
