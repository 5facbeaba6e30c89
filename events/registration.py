"""Every change to a registration: register, change status, cancel, pay, check in.

Views, admin actions, webhooks, tasks and tests call these. Each runs in a
transaction and first locks the event's rows (every language version of it,
in primary-key order) with `select_for_update`, so seats are counted and taken
by one transaction at a time and no event is ever overbooked. Emails and
refunds are queued with `transaction.on_commit`.
"""

import datetime as dt
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.addresses import verified_address
from home.limits import address_key, count_within_limit
from home.translations import locale_id

from . import receipts
from .checkin import codes
from .enums import (
    ACTIVE_STATUSES,
    HOLDING_STATUSES,
    SEAT_STATUSES,
    PaymentStatus,
    RegistrationStatus,
    SeatsState,
    can_transition,
)
from .models import EventPage, Payment, Registration, RegistrationStatusChange
from .services import Availability, availability, availability_for, seat_counts

logger = logging.getLogger("coe.events")
# At DEBUG, how long each transaction held an event's lock (until its commit);
# bench/registration_burst.py reports it.
lock_logger = logging.getLogger("coe.events.lock")

S = RegistrationStatus

# How long a seat is held while the person pays. Stripe wants a Checkout
# Session to live at least 30 minutes; the session expires with the hold.
HOLD = dt.timedelta(minutes=35)

# The email each new status sends (see events.emails).
STATUS_EMAILS = {
    S.CONFIRMED: "confirmed",
    S.PENDING_APPROVAL: "pending_approval",
    S.WAITLISTED: "waitlisted",
    S.OFFERED: "offered",
    S.CANCELLED: "cancelled",
    S.EXPIRED: "expired",
    S.REFUNDED: "refunded",
}


class RegistrationError(Exception):
    """A change refused for a reason the user can read (already translated)."""

    def __init__(self, message, *, registration=None):
        super().__init__(message)
        self.message = message
        self.registration = registration


class TooManyEmails(RegistrationError):
    """Refused: the person's registration emails reached today's limit."""


def _tasks():
    # tasks imports this module; side effects go out through it after the commit.
    from . import tasks

    return tasks


def _email_on_commit(registration: Registration, kind: str, reason: str = "") -> None:
    pk = registration.pk
    transaction.on_commit(
        lambda: _tasks().email_registration.enqueue(pk, kind, "", reason)
    )


# --- locking and seats ------------------------------------------------------


def lock_event(event: EventPage) -> EventPage:
    """Lock every language version of `event`; return the one that owns the seats.

    The seats belong to the default language's version (or the oldest one).
    Rows are locked in primary-key order, so two transactions never deadlock.
    """
    default_id = locale_id(settings.LANGUAGE_CODE)  # no query under the lock
    rows = list(
        EventPage.objects.select_for_update(of=("self",))
        .filter(translation_key=event.translation_key)
        .order_by("pk")
    )
    if not rows:
        raise RegistrationError(_("This event no longer exists."))
    if lock_logger.isEnabledFor(logging.DEBUG):
        _time_lock(rows[0].translation_key)
    return next((row for row in rows if row.locale_id == default_id), rows[0])


def commit_without_waiting_for_the_disk() -> None:
    """Let this transaction's commit release its locks before the disk has its
    log record (PostgreSQL's synchronous_commit off, for this transaction only).

    A commit that waits for the disk (about 8 ms here, more when it is busy)
    holds the event's lock all that time, so the disk alone would bound an
    opening at about a hundred registrations a second. With the database task
    queue (production) nothing is answered before it is on disk all the same:
    a new registration's email is queued right after the commit by a
    transaction that waits for the disk, and the log is written in order, so
    that wait covers this commit too. Where tasks run in the process,
    PostgreSQL's log writer has it on disk within a fraction of a second; a
    database crash in that moment can lose that registration, never make one
    inconsistent or overbook an event. Only for free events: a hold for
    payment keeps the plain commit (a payment must find its registration).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


def _time_lock(key) -> None:
    locked = time.perf_counter()
    transaction.on_commit(
        lambda: lock_logger.debug(
            "event %s lock held %.3f ms",
            key,
            (time.perf_counter() - locked) * 1000,
            extra={"held_ms": (time.perf_counter() - locked) * 1000},
        )
    )


def _seats(event: EventPage, now) -> Availability:
    return availability(event, now=now)


@dataclass(frozen=True)
class _Count:
    seats: Availability
    lapsed: int  # holds and offers past their time, not yet marked expired
    mine: int | None  # the person's registration for the event, if any


def _count(event: EventPage, *, user, now) -> _Count:
    """Seats, lapsed holds and the person's registration, in one query."""
    aggregates = seat_counts(now)
    aggregates["lapsed"] = Count(
        "pk", filter=Q(status__in=HOLDING_STATUSES, expires_at__lte=now)
    )
    if user is not None:
        # On any language version: one made while another version owned the
        # seats is still theirs.
        aggregates["mine"] = Max("pk", filter=Q(user=user))
    counts = Registration.objects.filter(
        event__translation_key=event.translation_key
    ).aggregate(**aggregates)
    seats = availability_for(
        [event],
        now=now,
        counts={
            event.translation_key: (
                counts["confirmed"],
                counts["held"],
                counts["waitlisted"],
            )
        },
    )[event.pk]
    return _Count(seats=seats, lapsed=counts["lapsed"], mine=counts.get("mine"))


def _has_free_seat(event: EventPage, now) -> bool:
    free = _seats(event, now).free_seats
    return free is None or free > 0


def expire_lapsed(event: EventPage, *, now) -> int:
    """Mark the lapsed holds and offers of a locked event as expired."""
    lapsed = list(
        Registration.objects.select_for_update()
        .filter(
            event__translation_key=event.translation_key,
            status__in=HOLDING_STATUSES,
            expires_at__lte=now,
        )
        .order_by("pk")
    )
    for registration in lapsed:
        note = (
            "payment hold lapsed"
            if registration.status == S.PENDING_PAYMENT
            else "offer lapsed"
        )
        _transition(registration, to=S.EXPIRED, by=None, note=note, now=now)
    return len(lapsed)


def offer_free_seats(
    event: EventPage, *, now, seats: Availability | None = None
) -> int:
    """Offer the free seats of a locked event to the waitlist, first come first.

    `seats`, when the caller has just counted them under the same lock, saves
    counting again (and the waitlist query when nobody waits or nothing is free).
    """
    if seats is not None and (not seats.waitlist or seats.free_seats == 0):
        return 0
    waiting = (
        Registration.objects.select_for_update()
        .filter(event__translation_key=event.translation_key, status=S.WAITLISTED)
        .order_by("queued_at", "pk")
    )
    # As many as there are free seats; without a seat count (None), everyone.
    offered = 0
    free = (seats or _seats(event, now)).free_seats
    for registration in waiting[:free]:
        _transition(registration, to=S.OFFERED, by=None, note="seat freed", now=now)
        offered += 1
    return offered


def settle(event: EventPage, *, now) -> None:
    """Expire lapsed holds and offers of a locked event, then refill from the waitlist."""
    expire_lapsed(event, now=now)
    offer_free_seats(event, now=now)


# --- the one place a status changes -----------------------------------------


def _transition(
    registration: Registration,
    *,
    to: str,
    by,
    note: str = "",
    now,
    email: str = "",
    reason: str = "",
    notify: bool = True,
) -> Registration:
    """Move a locked registration to `to`: the table, the fields, the log, the
    email (`email` names another kind than the status's; `notify=False` sends
    none: the caller sends its own)."""
    from_status = registration.status
    if from_status and not can_transition(from_status, to):
        raise RegistrationError(
            _("This registration cannot move from “%(from)s” to “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to).label},
            registration=registration,
        )
    registration.status = to
    if to == S.PENDING_PAYMENT:
        registration.expires_at = now + HOLD
    elif to == S.OFFERED:
        registration.expires_at = now + dt.timedelta(
            hours=registration.event.offer_hours or 24
        )
    else:
        registration.expires_at = None
    if to == S.WAITLISTED:
        registration.queued_at = now
    registration.save()
    RegistrationStatusChange.objects.create(
        registration=registration,
        from_status=from_status or "",
        to_status=to,
        changed_by=by if by is not None and by.is_authenticated else None,
        note=note[:300],
    )
    logger.info(
        "registration %s: %s -> %s by %s (%s)",
        registration.uuid,
        from_status or "new",
        to,
        getattr(by, "pk", None),
        note,
    )
    kind = email or STATUS_EMAILS.get(to)
    if kind == "cancelled" and from_status == S.PENDING_APPROVAL:
        kind = "rejected"
    if kind and notify:
        _email_on_commit(registration, kind, reason)
    return registration


def _locked(registration: Registration, now) -> tuple[EventPage, Registration]:
    event = lock_event(registration.event)
    expire_lapsed(event, now=now)
    locked = Registration.objects.select_related("event").get(pk=registration.pk)
    return event, locked


def change_registration_status(
    registration: Registration, *, to: str, by, note: str = "", now=None
) -> Registration:
    """Move `registration` to status `to` (staff actions, offers, approvals).

    Locks the event. Taking a seat from outside (the waitlist, an expired hold)
    needs a free seat; freeing one offers it to the waitlist. Sends the email of
    the new status after the commit. Raises RegistrationError.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event, registration = _locked(registration, now)
        if (
            to in SEAT_STATUSES
            and registration.status not in SEAT_STATUSES
            and not _has_free_seat(event, now)
        ):
            raise RegistrationError(
                _("There is no free seat for this registration."),
                registration=registration,
            )
        _transition(registration, to=to, by=by, note=note, now=now)
        offer_free_seats(event, now=now)
    return registration


# --- attendees ------------------------------------------------------------------

# Registering and cancelling each send an email; a person (an account, and an
# address) may set off this many a day. Staff actions and what follows on its
# own (payments, offers, reminders) do not count.
EMAILS_PER_ACCOUNT = 8
EMAILS_PER_ADDRESS = 8


def _count_email(user, email: str) -> None:
    """Count one registration email set off by `user` to `email`, or refuse it."""
    if not count_within_limit(
        f"events:emails:account:{user.pk}", EMAILS_PER_ACCOUNT
    ) or not count_within_limit(
        f"events:emails:address:{address_key(email)}", EMAILS_PER_ADDRESS
    ):
        raise TooManyEmails(
            _(
                "You have registered or cancelled too many times today. "
                "Please try again tomorrow."
            )
        )


def attendee_address(user, details: dict) -> str:
    """The address a registration of `user` is sent to: a verified one of theirs.

    The one in `details` when the account has verified it, without one the
    account's primary verified address. Staff registering someone without an
    account (`user` None) give the address. Raises RegistrationError.
    """
    wanted = (details.get("email") or "").strip()
    if user is None:
        return wanted
    address = verified_address(user, wanted)
    if address:
        return address
    if wanted:
        raise RegistrationError(
            _(
                "We send tickets only to addresses you have verified. Add and "
                "verify %(email)s under “Email addresses”, or register with "
                "your account's address."
            )
            % {"email": wanted}
        )
    raise RegistrationError(
        _("Verify your email address first: we send your ticket there.")
    )


DETAIL_FIELDS = (
    "name",
    "email",
    "phone",
    "organisation",
    "accessibility_needs",
    "answers",
)


def register_attendee(
    event: EventPage,
    *,
    user,
    details: dict,
    language: str,
    payments_available: bool = True,
    now=None,
) -> Registration:
    """Register `user` for `event` (either language version).

    `user` may be None for someone staff register without an account.
    Locks the event, settles lapsed holds, then: a free seat confirms a free
    event, holds the seat for payment on a paid one, or waits for approval; a
    full event puts the person on the waitlist when it has one. Sends the email
    of the new status after the commit, only to a verified address of the
    account (see attendee_address), and at most EMAILS_PER_ACCOUNT attempts a
    day (counted before the lock).
    Raises RegistrationError when the event is closed, not yet open, full, the
    person is already registered or has no verified address, TooManyEmails
    past the day's limit.
    """
    now = now or timezone.now()
    email = attendee_address(user, details)
    if user is not None:
        # Counted before the lock, not under it: these are round trips to the
        # shared cache that every other registration for the event would wait
        # for. So an attempt refused under the lock (full, closed) counts too.
        _count_email(user, email)
    # A new registration's ticket code is drawn (and checked unused) here, not
    # under the lock; the unique constraint still stands behind it.
    candidate = Registration(user=user)
    with transaction.atomic():
        if event.is_free:
            commit_without_waiting_for_the_disk()  # before the lock, not under it
        # Under the lock: a few short queries and two inserts, nothing else (the
        # email is rendered and sent by the task worker after the commit).
        # Every change to the event's registrations holds this lock, so what is
        # counted under it stays true until the commit.
        event = lock_event(event)
        count = _count(event, user=user, now=now)
        seats = count.seats
        if count.lapsed:
            expire_lapsed(event, now=now)
            seats = _seats(event, now)
        if offer_free_seats(event, now=now, seats=seats):
            seats = _seats(event, now)
        registration = (
            Registration.objects.get(pk=count.mine) if count.mine is not None else None
        )
        if registration is not None and registration.status in ACTIVE_STATUSES:
            raise RegistrationError(
                _("You are already registered for this event."),
                registration=registration,
            )
        refusal = {
            SeatsState.NO_REGISTRATION: _("This event needs no registration."),
            SeatsState.NOT_OPEN: _("Registration for this event is not open yet."),
            SeatsState.CLOSED: _("Registration for this event is closed."),
            SeatsState.FULL: _("Sorry, this event is full."),
        }.get(seats.state)
        if refusal:
            raise RegistrationError(refusal)
        if not event.is_free and not payments_available:
            raise RegistrationError(
                _("Online payment is not available at the moment; please try later.")
            )
        if seats.seats_left is None or seats.seats_left > 0:
            if event.needs_approval:
                to = S.PENDING_APPROVAL
            else:
                to = S.CONFIRMED if event.is_free else S.PENDING_PAYMENT
        else:
            to = S.WAITLISTED
        if registration is None:
            registration = candidate
            registration.event = event
        for name in DETAIL_FIELDS:
            if name in details:
                setattr(registration, name, details[name] or "")
        registration.email = email
        registration.answers = details.get("answers") or {}
        registration.language = language
        return _transition(registration, to=to, by=user, note="registered", now=now)


def accept_offer(registration: Registration, *, by, now=None) -> Registration:
    """Take up an offered seat: confirmed when free, held for payment when paid."""
    now = now or timezone.now()
    with transaction.atomic():
        event, registration = _locked(registration, now)
        if registration.status != S.OFFERED:
            raise RegistrationError(
                _("This offer is no longer open."), registration=registration
            )
        to = S.CONFIRMED if event.is_free else S.PENDING_PAYMENT
        return _transition(registration, to=to, by=by, note="offer accepted", now=now)


def hold_lapsed(registration: Registration, *, now=None) -> bool:
    """Whether the registration's hold or offer ran out (settled or not yet)."""
    now = now or timezone.now()
    if registration.status == S.EXPIRED:
        return True
    return (
        registration.status in HOLDING_STATUSES
        and registration.expires_at is not None
        and registration.expires_at <= now
    )


def lapsed_at(registration: Registration):
    """When the hold or offer ran out: its end, or when it was marked expired."""
    if registration.status in HOLDING_STATUSES:
        return registration.expires_at
    change = registration.status_changes.filter(to_status=S.EXPIRED).last()
    return change.created_at if change is not None else registration.updated_at


def renew_hold(
    registration: Registration, *, by, payments_available: bool = True, now=None
) -> Registration:
    """Try again after a hold or offer lapsed: register anew with the same details.

    A free seat gives a new hold (or confirms a free event); a full event
    waitlists or refuses, as `register_attendee` does. The lapsed hold's
    Checkout Sessions are expired at Stripe (one hold, one open checkout).
    Locks the event.
    """
    if registration.user is None:
        raise RegistrationError(_("Please register again."), registration=registration)
    details = {name: getattr(registration, name) for name in DETAIL_FIELDS}
    with transaction.atomic():
        renewed = register_attendee(
            registration.event,
            user=registration.user,
            details=details,
            language=registration.language,
            payments_available=payments_available,
            now=now,
        )
        _expire_open_checkouts(renewed)
    return renewed


def cancellation_deadline(event: EventPage):
    return event.cancellation_deadline or event.start


def can_cancel(registration: Registration, *, now=None) -> bool:
    now = now or timezone.now()
    return registration.is_active and now < cancellation_deadline(registration.event)


def cancel_registration(
    registration: Registration, *, by, note: str = "", staff: bool = False, now=None
) -> Registration:
    """Cancel a registration and give its seat to the waitlist.

    Attendees may cancel until the event's cancellation deadline, within their
    daily email limit; staff at any time (their `note` is the reason, told to
    the attendee). A paid registration is refunded through Stripe after the
    commit and becomes `refunded` when Stripe's webhook says so; an open
    Checkout Session is expired at Stripe, so it can no longer be paid. Locks
    the event.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event, registration = _locked(registration, now)
        if not registration.is_active:
            raise RegistrationError(
                _("This registration is not active."), registration=registration
            )
        if not staff and now >= cancellation_deadline(event):
            raise RegistrationError(
                _("The cancellation deadline has passed."), registration=registration
            )
        if not staff and registration.user is not None:
            _count_email(registration.user, registration.email)
        _transition(
            registration,
            to=S.CANCELLED,
            by=by,
            note=note or ("cancelled by staff" if staff else "cancelled by attendee"),
            now=now,
            email="cancelled_by_staff" if staff else "",
            reason=note if staff else "",
        )
        for payment in Payment.objects.select_for_update().filter(
            registration=registration, status=PaymentStatus.PAID
        ):
            _request_refund(payment)
        _expire_open_checkouts(registration)
        offer_free_seats(event, now=now)
    return registration


def _expire_open_checkouts(registration: Registration) -> None:
    """Close the registration's open Checkout Sessions at Stripe after the commit."""
    for payment in Payment.objects.select_for_update().filter(
        registration=registration, status=PaymentStatus.CREATED
    ):
        payment.status = PaymentStatus.EXPIRED
        payment.save(update_fields=["status"])
        pk = payment.pk
        transaction.on_commit(lambda pk=pk: _tasks().expire_checkout.enqueue(pk))


def _request_refund(payment: Payment) -> None:
    payment.status = PaymentStatus.REFUND_PENDING
    payment.save(update_fields=["status"])
    pk = payment.pk
    transaction.on_commit(lambda: _tasks().refund_payment.enqueue(pk))


# --- payments (called by the Stripe webhook) ------------------------------------


@dataclass
class PaymentOutcome:
    payment: Payment | None
    changed: bool


def payment_succeeded(
    *,
    session_id: str,
    payment_intent: str,
    amount_paise: int | None,
    currency: str,
    now=None,
) -> PaymentOutcome:
    """A Checkout Session was paid: confirm the seat, or refund if none is left.

    A payment for a hold that lapsed is honoured when a seat is free (before the
    waitlist is offered it), otherwise refunded and the person told. A payment
    of another amount or currency than asked confirms nothing (see
    `_refuse_mismatch`). Repeats change nothing. Locks the event.
    """
    now = now or timezone.now()
    with transaction.atomic():
        payment = (
            Payment.objects.select_related("registration__event")
            .filter(stripe_session_id=session_id)
            .first()
        )
        if payment is None:
            return PaymentOutcome(None, False)
        registration = payment.registration
        event = None
        if registration is not None:
            event, registration = _locked(registration, now)
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != PaymentStatus.CREATED and payment.status != (
            PaymentStatus.EXPIRED
        ):
            return PaymentOutcome(payment, False)
        payment.status = PaymentStatus.PAID
        payment.paid_at = now
        payment.stripe_payment_intent = payment_intent or ""
        payment.gst_rate = receipts.current_gst_rate()
        payment.save()
        receipts.assign_number(payment=payment, now=now)
        if amount_paise != payment.amount_paise or (
            (currency or "").lower() != payment.currency
        ):
            _refuse_mismatch(
                payment, registration, received=f"{amount_paise} {currency}", now=now
            )
            if event is not None:
                offer_free_seats(event, now=now)
            return PaymentOutcome(payment, True)
        if registration is None:
            _request_refund(payment)
            return PaymentOutcome(payment, True)
        if registration.status == S.PENDING_PAYMENT:
            _transition(registration, to=S.CONFIRMED, by=None, note="paid", now=now)
        elif registration.status == S.EXPIRED and _has_free_seat(event, now):
            _transition(
                registration, to=S.CONFIRMED, by=None, note="paid after hold", now=now
            )
        else:
            # No seat for it (or the person cancelled meanwhile): never keep the money.
            _request_refund(payment)
            _email_on_commit(registration, _late_payment_email(registration))
        offer_free_seats(event, now=now)
        return PaymentOutcome(payment, True)


def _refuse_mismatch(
    payment: Payment, registration: Registration | None, *, received: str, now
) -> None:
    """Stripe took another amount or currency than the payment asked: the seat is
    not confirmed (a hold is released), the money goes back in full, the
    registration is flagged for staff with what arrived in its history, and the
    person is told in their language. The payment keeps the price asked."""
    logger.warning(
        "payment %s: received %s, asked %s %s; refunding",
        payment.pk,
        received,
        payment.amount_paise,
        payment.currency,
    )
    _request_refund(payment)
    if registration is None:
        return
    note = f"payment did not match: received {received}, asked "
    note += f"{payment.amount_paise} {payment.currency}; refunded"
    registration.payment_mismatch = True
    registration.save(update_fields=["payment_mismatch", "updated_at"])
    if registration.status == S.PENDING_PAYMENT:
        _transition(
            registration, to=S.EXPIRED, by=None, note=note, now=now, notify=False
        )
    else:
        RegistrationStatusChange.objects.create(
            registration=registration,
            from_status=registration.status,
            to_status=registration.status,
            note=note[:300],
        )
    with translation.override(registration.language or None):
        subject = _("Your payment is being refunded: %(title)s") % {
            "title": registration.event.localized.title
        }
        message = _(
            "The amount or currency of your payment did not match the price of "
            "your registration, so it was not accepted and we are refunding it "
            "in full. Your seat was released: you can register again from the "
            "event's page."
        )
    pk = registration.pk
    transaction.on_commit(
        lambda: _tasks().email_registration.enqueue(pk, "message", subject, message)
    )


def _late_payment_email(registration: Registration) -> str:
    """Why a late payment is refunded: the person cancelled, or no seat is left."""
    if registration.status == S.CANCELLED:
        return "paid_after_cancellation"
    return "late_payment_refunded"


def _newer_checkout(payment: Payment) -> bool:
    """Whether the payment's registration has an open checkout started after it."""
    return Payment.objects.filter(
        registration_id=payment.registration_id,
        status=PaymentStatus.CREATED,
        pk__gt=payment.pk,
    ).exists()


def payment_released(*, session_id: str, failed: bool = False, now=None) -> bool:
    """A Checkout Session expired or its payment failed: release the held seat."""
    now = now or timezone.now()
    with transaction.atomic():
        payment = (
            Payment.objects.select_related("registration__event")
            .filter(stripe_session_id=session_id)
            .first()
        )
        if payment is None:
            return False
        registration = payment.registration
        event = None
        if registration is not None:
            event, registration = _locked(registration, now)
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != PaymentStatus.CREATED:
            return False  # paid, refunded or already released: nothing to undo
        payment.status = PaymentStatus.FAILED if failed else PaymentStatus.EXPIRED
        payment.save(update_fields=["status"])
        if (
            registration is not None
            and registration.status == S.PENDING_PAYMENT
            and not _newer_checkout(payment)
        ):
            _transition(
                registration,
                to=S.EXPIRED,
                by=None,
                note="payment failed" if failed else "checkout expired",
                now=now,
            )
            offer_free_seats(event, now=now)
        return True


def payment_refunded(
    *, payment_intent: str, amount_refunded: int, now=None
) -> bool | None:
    """Stripe refunded a charge: record it; the registration becomes `refunded`.

    `amount_refunded` is the charge's total refunded so far; a total no larger
    than the one recorded changes nothing. A partial refund of a paid seat
    records the amount and keeps the seat (the payment stays paid); the person
    is emailed either way. Returns None when no payment is
    known for it yet (Stripe retries later).
    """
    now = now or timezone.now()
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update()
            .filter(stripe_payment_intent=payment_intent)
            .exclude(stripe_payment_intent="")
            .first()
        )
        if payment is None:
            return None
        # A refunded payment still takes a larger total (staff refunded the rest
        # in Stripe's dashboard): what it records is what the person got back.
        refunded = amount_refunded or payment.amount_paise
        if refunded <= payment.refunded_paise:
            return False  # an older, smaller total than the one recorded
        payment.refunded_paise = refunded
        payment.refunded_at = now
        if refunded < payment.amount_paise and payment.status == PaymentStatus.PAID:
            # Staff refunded part of a seat that stays (a refund we asked for,
            # after a cancellation, ends the registration whatever its amount).
            payment.save()
            if payment.registration_id is not None:
                _email_on_commit(payment.registration, "partly_refunded")
            return True
        payment.status = PaymentStatus.REFUNDED
        payment.save()
        registration = payment.registration
        if registration is None:
            return True
        event, registration = _locked(registration, now)
        if can_transition(registration.status, S.REFUNDED):
            _transition(registration, to=S.REFUNDED, by=None, note="refunded", now=now)
        offer_free_seats(event, now=now)
        return True


# --- staff ----------------------------------------------------------------------


@dataclass
class CheckIn:
    registration: Registration
    already: bool


# Only these get in: an allow-list, so a status added later is refused.
CHECK_IN_STATUSES = frozenset({S.CONFIRMED})
# Why a ticket in another status is refused, as the desk says it.
CHECK_IN_REFUSALS = {
    S.CANCELLED: gettext_lazy("This ticket was cancelled."),
    S.EXPIRED: gettext_lazy(
        "This ticket expired: it was not paid for, or an offered seat was not taken."
    ),
    S.REFUNDED: gettext_lazy("This ticket was refunded."),
    S.WAITLISTED: gettext_lazy("This person is on the waitlist and has no seat."),
    S.OFFERED: gettext_lazy("This person was offered a seat and has not taken it."),
    S.PENDING_PAYMENT: gettext_lazy("This ticket is awaiting payment."),
    S.PENDING_APPROVAL: gettext_lazy("This registration is awaiting approval."),
}


def check_in_refusal(registration: Registration) -> str | None:
    """Why `registration` may not check in, or None when it may."""
    if registration.status in CHECK_IN_STATUSES:
        return None
    reason = CHECK_IN_REFUSALS.get(registration.status)
    if reason is None:
        return _("This ticket is not confirmed (%(status)s).") % {
            "status": registration.get_status_display()
        }
    return str(reason)


def check_in(
    code: str,
    *,
    by,
    event: EventPage | None = None,
    queryset=None,
    now=None,
    at=None,
) -> CheckIn:
    """Check in the confirmed registration with ticket `code`, once.

    `code` may be typed loosely (events.checkin.codes), be an old long code or
    a registration's UUID. With `event`, a ticket of another event is refused
    with that event's title. `at` is when a door checked the ticket in (offline,
    synced later; never in the future): a ticket checked in twice keeps the
    earlier time and the later one is reported as `already`. Locks the
    registration row; logs every check-in and refusal.
    """
    now = now or timezone.now()
    at = min(at or now, now)
    queryset = queryset if queryset is not None else Registration.objects.all()
    with transaction.atomic():
        registration = find_ticket(
            code, queryset=queryset.select_for_update(of=("self",))
        )
        if event is not None and (
            registration.event.translation_key != event.translation_key
        ):
            logger.info("ticket %s refused at event %s", registration.uuid, event.pk)
            raise RegistrationError(
                _("This ticket is for %(event)s.")
                % {"event": registration.event.localized.title},
                registration=registration,
            )
        refusal = check_in_refusal(registration)
        if refusal:
            logger.info(
                "ticket %s refused (%s) by %s",
                registration.uuid,
                registration.status,
                by.pk,
            )
            raise RegistrationError(refusal, registration=registration)
        if registration.checked_in_at:
            if at < registration.checked_in_at:
                registration.checked_in_at = at
                registration.save(update_fields=["checked_in_at", "updated_at"])
            logger.info(
                "registration %s checked in again by %s", registration.uuid, by.pk
            )
            return CheckIn(registration, True)
        registration.checked_in_at = at
        registration.save(update_fields=["checked_in_at", "updated_at"])
        logger.info("registration %s checked in by %s", registration.uuid, by.pk)
        return CheckIn(registration, False)


def find_ticket(typed: str | None, *, queryset) -> Registration:
    """The registration in `queryset` whose ticket `typed` stands for."""
    squeezed = codes.squeeze(typed)
    match = Q(pk__in=[])
    if squeezed:
        match |= Q(ticket_code=squeezed) | Q(legacy_ticket_code=squeezed)
    short = codes.short_form(typed)
    if short:
        match |= Q(ticket_code=short)
    uid = codes.as_uuid(typed)
    if uid:
        match |= Q(uuid=uid)
    registration = queryset.select_related("event").filter(match).first()
    if registration is None:
        if short and not codes.is_valid(short):
            raise RegistrationError(
                _("This code has a typo: check it against the ticket.")
            )
        raise RegistrationError(_("No ticket has this code."))
    return registration


def message_recipients(event: EventPage, *, statuses=(S.CONFIRMED,)):
    """The registrations of `event` (every language) in `statuses`."""
    return Registration.objects.for_event(event).filter(status__in=list(statuses))


def email_attendees(
    event: EventPage,
    *,
    subject: str,
    message: str,
    by,
    statuses=(S.CONFIRMED,),
    translations: dict | None = None,
) -> int:
    """Email the registrations of `event` in `statuses` (queued, one task each).

    `subject` and `message` are the English text; `translations` maps a
    language code to its (subject, message): each person gets the version in
    the language they registered in, or English when there is none.
    """
    translations = translations or {}
    rows = list(
        message_recipients(event, statuses=statuses).values_list("pk", "language")
    )
    for pk, language in rows:
        own_subject, own_message = translations.get(language) or ("", "")
        if not (own_subject and own_message):
            own_subject, own_message = subject, message
        _tasks().email_registration.enqueue(pk, "message", own_subject, own_message)
    logger.info("event %s: message to %d attendees by %s", event.pk, len(rows), by.pk)
    return len(rows)


# --- periodic jobs --------------------------------------------------------------


def expire_holds(*, now=None) -> int:
    """Periodic: expire lapsed holds and offers and offer their seats to the waitlist.

    Safe to run twice and on several machines at once: each event is settled
    under its row lock, and a settled event has nothing left to expire.
    """
    now = now or timezone.now()
    event_ids = set(
        Registration.objects.filter(
            status__in=HOLDING_STATUSES, expires_at__lte=now
        ).values_list("event_id", flat=True)
    )
    # A seat freed by raising the capacity reaches the waitlist here too.
    event_ids |= set(
        Registration.objects.filter(
            status=S.WAITLISTED, event__end__gt=now
        ).values_list("event_id", flat=True)
    )
    settled = 0
    for event in EventPage.objects.filter(pk__in=event_ids).order_by("pk"):
        with transaction.atomic():
            settle(lock_event(event), now=now)
        settled += 1
    return settled


REMINDER_BEFORE = dt.timedelta(hours=24)


def send_reminders(*, now=None) -> int:
    """Periodic: email confirmed attendees once, within 24 hours of the start."""
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        due = (
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=S.CONFIRMED,
                reminder_sent_at__isnull=True,
                event__start__gt=now,
                event__start__lte=now + REMINDER_BEFORE,
            )
            .order_by("pk")
        )
        for registration in due:
            registration.reminder_sent_at = now
            registration.save(update_fields=["reminder_sent_at"])
            _email_on_commit(registration, "reminder")
            sent += 1
    return sent
