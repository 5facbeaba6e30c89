"""The registration rules (events.registration), pinned with several events and people.

Each test has more than one event or registration, so a rule that forgot its
filter (another event's holds, another person's registration) shows. Times are
passed in, so the boundaries are exact: a hold lapses at its expiry instant,
attendees may cancel until (not at) the deadline.
"""

import datetime as dt

import pytest
from django.utils import timezone, translation

from events import tasks
from events.enums import PaymentStatus, RegistrationStatus
from events.models import EventPage, Payment, Registration
from events.registration import (
    CHECK_IN_REFUSALS,
    HOLD,
    RegistrationError,
    accept_offer,
    can_cancel,
    cancel_registration,
    change_registration_status,
    check_in,
    email_attendees,
    expire_holds,
    expire_lapsed,
    lock_event,
    offer_free_seats,
    payment_refunded,
    payment_released,
    payment_succeeded,
    register_attendee,
    send_reminders,
)
from events.services import availability
from tests.factories.events import make_event, register, translate
from tests.factories.home import StaffUserFactory, VerifiedUserFactory

S = RegistrationStatus
P = PaymentStatus
NOW = timezone.now().replace(microsecond=0)
TICK = dt.timedelta(microseconds=1)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def sent(monkeypatch, django_capture_on_commit_callbacks):
    """The emails and refunds queued after the commit, as (kind, registration pk)."""
    queued = []

    class Queue:
        def __init__(self, name):
            self.name = name

        def enqueue(self, pk, kind=None, *args):
            queued.append((kind or self.name, pk))

    monkeypatch.setattr(tasks, "email_registration", Queue("email"))
    monkeypatch.setattr(tasks, "refund_payment", Queue("refund"))
    return queued


def run(callbacks, fn, *args, **kwargs):
    with callbacks(execute=True):
        return fn(*args, **kwargs)


def status_of(*registrations):
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


def add(event, status, *, expires_at=None, queued_at=None, user=None, **fields):
    """A registration stored as it is (set-up only; the rules are tested elsewhere)."""
    user = user or VerifiedUserFactory()
    return Registration.objects.create(
        event=event,
        user=user,
        status=status,
        name="Asha Rao",
        email=user.email,
        expires_at=expires_at,
        queued_at=queued_at,
        **fields,
    )


def paid(event, registration, session, *, status=P.CREATED, intent="", amount=None):
    return Payment.objects.create(
        registration=registration,
        event=event,
        amount_paise=amount or event.price_paise or 1000,
        stripe_session_id=session,
        stripe_payment_intent=intent,
        status=status,
    )


# --- locking ---------------------------------------------------------------------


def test_locking_a_deleted_event_says_it_no_longer_exists(index):
    event = make_event(index)
    gone = EventPage.objects.get(pk=event.pk)
    EventPage.objects.filter(pk=event.pk).delete()
    with pytest.raises(RegistrationError, match="no longer exists"):
        lock_event(gone)


# --- registering -----------------------------------------------------------------


def test_register_keeps_the_details_language_and_answers(
    index, sent, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity=3)
    user = VerifiedUserFactory(email="meera@example.in")
    registration = run(
        django_capture_on_commit_callbacks,
        register_attendee,
        event,
        user=user,
        details={
            "name": "Meera Iyer",
            "email": "meera@example.in",
            "phone": None,
            "organisation": "Indic Labs",
            "answers": {"role": "founder"},
        },
        language="hi",
        now=NOW,
    )
    registration.refresh_from_db()
    assert (registration.name, registration.email) == ("Meera Iyer", "meera@example.in")
    assert (registration.phone, registration.organisation) == ("", "Indic Labs")
    assert registration.answers == {"role": "founder"}
    assert registration.language == "hi"
    assert registration.status == S.CONFIRMED
    assert registration.expires_at is None
    assert sent == [("confirmed", registration.pk)]


def test_register_without_answers_stores_an_empty_dict(index):
    event = make_event(index)
    registration = register(event, details={"answers": None}, now=NOW)
    registration.refresh_from_db()
    assert registration.answers == {}


def test_staff_may_register_several_people_without_accounts(index):
    event = make_event(index, capacity=3)
    details = {"name": "Walk In", "email": "walkin@example.in"}
    first = register_attendee(event, user=None, details=details, language="en", now=NOW)
    second = register_attendee(
        event, user=None, details=details, language="en", now=NOW
    )
    assert first.pk != second.pk
    assert status_of(first, second) == [S.CONFIRMED, S.CONFIRMED]


def test_registered_elsewhere_does_not_count_as_already_registered(index):
    user = VerifiedUserFactory()
    other = make_event(index)
    register(other, user=user, now=NOW)
    event = make_event(index)
    assert register(event, user=user, now=NOW).status == S.CONFIRMED


@pytest.mark.parametrize("active", [S.PENDING_PAYMENT, S.WAITLISTED, S.OFFERED])
def test_an_active_registration_of_any_kind_refuses_a_second(index, active):
    event = make_event(index, price_paise=1000, capacity=5)
    user = VerifiedUserFactory()
    existing = add(event, active, user=user, expires_at=NOW + HOLD)
    with pytest.raises(RegistrationError, match="already registered") as refused:
        register(event, user=user, now=NOW)
    assert refused.value.registration.pk == existing.pk
    assert refused.value.message == "You are already registered for this event."
    assert Registration.objects.get(user=user).status == active


def test_a_lapsed_hold_of_the_same_person_may_register_again(index):
    event = make_event(index, price_paise=1000, capacity=1)
    user = VerifiedUserFactory()
    old = add(event, S.PENDING_PAYMENT, user=user, expires_at=NOW)
    again = register(event, user=user, now=NOW)
    assert again.pk == old.pk
    assert again.status == S.PENDING_PAYMENT
    assert again.expires_at == NOW + HOLD


def test_the_last_seat_confirms_and_the_next_person_waits(
    index, sent, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity=2, waitlist_enabled=True)
    add(event, S.CONFIRMED)
    last = run(django_capture_on_commit_callbacks, register, event, now=NOW)
    waiting = run(django_capture_on_commit_callbacks, register, event, now=NOW)
    assert (last.status, waiting.status) == (S.CONFIRMED, S.WAITLISTED)
    assert waiting.queued_at == NOW
    assert last.queued_at is None  # the admin shows who ever waited
    assert waiting.expires_at is None
    assert sent == [("confirmed", last.pk), ("waitlisted", waiting.pk)]


def test_approval_is_asked_for_free_and_paid_events_alike(
    index, sent, django_capture_on_commit_callbacks
):
    free = make_event(index, needs_approval=True)
    paying = make_event(index, needs_approval=True, price_paise=1000)
    a = run(django_capture_on_commit_callbacks, register, free, now=NOW)
    b = run(django_capture_on_commit_callbacks, register, paying, now=NOW)
    assert (a.status, b.status) == (S.PENDING_APPROVAL, S.PENDING_APPROVAL)
    assert sent == [("pending_approval", a.pk), ("pending_approval", b.pk)]


def test_a_full_approval_event_waitlists(index):
    event = make_event(index, needs_approval=True, capacity=1, waitlist_enabled=True)
    add(event, S.PENDING_APPROVAL)
    assert register(event, now=NOW).status == S.WAITLISTED


def test_a_paid_event_holds_the_seat_for_exactly_the_hold(index):
    event = make_event(index, price_paise=1000, capacity=2)
    registration = register(event, now=NOW)
    assert registration.status == S.PENDING_PAYMENT
    assert registration.expires_at == NOW + HOLD
    assert HOLD == dt.timedelta(minutes=35)


def test_a_free_event_registers_without_payments(index):
    event = make_event(index)
    assert register(event, payments_available=False, now=NOW).status == S.CONFIRMED


@pytest.mark.parametrize(
    ("fields", "now", "message"),
    [
        ({"registration_opens": NOW + TICK}, NOW, "not open yet"),
        ({"registration_closes": NOW}, NOW, "is closed"),
        ({"registration_required": False}, NOW, "needs no registration"),
    ],
)
def test_refusals_name_the_reason_and_store_nothing(index, fields, now, message):
    event = make_event(index, **fields)
    with pytest.raises(RegistrationError, match=message):
        register(event, now=now)
    assert not Registration.objects.exists()


def test_registration_opens_at_exactly_its_opening_instant(index):
    event = make_event(index, registration_opens=NOW)
    assert register(event, now=NOW).status == S.CONFIRMED


def test_a_full_event_without_waitlist_refuses(index):
    event = make_event(index, capacity=1)
    add(event, S.CONFIRMED)
    with pytest.raises(RegistrationError, match="full"):
        register(event, now=NOW)


# --- holds lapse and seats go to the waitlist --------------------------------------


def test_holds_lapse_at_exactly_their_expiry_instant(index):
    event = make_event(index, price_paise=1000, capacity=5)
    due = add(event, S.PENDING_PAYMENT, expires_at=NOW)
    offer = add(event, S.OFFERED, expires_at=NOW)
    later = add(event, S.PENDING_PAYMENT, expires_at=NOW + TICK)
    elsewhere = add(make_event(index), S.OFFERED, expires_at=NOW - TICK)
    assert expire_lapsed(event, now=NOW) == 2
    assert status_of(due, offer, later, elsewhere) == [
        S.EXPIRED,
        S.EXPIRED,
        S.PENDING_PAYMENT,
        S.OFFERED,
    ]
    notes = [
        Registration.objects.get(pk=r.pk).status_changes.get().note
        for r in (due, offer)
    ]
    assert notes == ["payment hold lapsed", "offer lapsed"]
    assert Registration.objects.get(pk=due.pk).expires_at is None


def test_free_seats_are_offered_first_come_first_and_no_more(
    index, sent, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity=4, offer_hours=6)
    add(event, S.CONFIRMED)
    add(event, S.OFFERED, expires_at=NOW + HOLD)
    third = add(event, S.WAITLISTED, queued_at=NOW - dt.timedelta(minutes=1))
    first = add(event, S.WAITLISTED, queued_at=NOW - dt.timedelta(minutes=3))
    second = add(event, S.WAITLISTED, queued_at=NOW - dt.timedelta(minutes=2))
    other = add(make_event(index, capacity=9), S.WAITLISTED, queued_at=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        assert offer_free_seats(event, now=NOW) == 2
    assert status_of(first, second, third, other) == [
        S.OFFERED,
        S.OFFERED,
        S.WAITLISTED,
        S.WAITLISTED,
    ]
    first.refresh_from_db()
    assert first.expires_at == NOW + dt.timedelta(hours=6)
    assert sent == [("offered", first.pk), ("offered", second.pk)]


def test_an_offer_lasts_a_day_when_the_event_sets_no_hours(index):
    event = make_event(index, capacity=1)
    EventPage.objects.filter(pk=event.pk).update(offer_hours=0)
    waiting = add(event, S.WAITLISTED, queued_at=NOW)
    assert offer_free_seats(event, now=NOW) == 1
    waiting.refresh_from_db()
    assert waiting.expires_at == NOW + dt.timedelta(hours=24)


def test_a_full_event_offers_nothing(index):
    event = make_event(index, capacity=1)
    add(event, S.CONFIRMED)
    waiting = add(event, S.WAITLISTED, queued_at=NOW)
    assert offer_free_seats(event, now=NOW) == 0
    assert status_of(waiting) == [S.WAITLISTED]


def test_an_event_without_seat_count_offers_every_waiting_person(index):
    # Staff turned registration off and cleared the capacity: nobody is kept waiting.
    event = make_event(index, capacity=None, registration_required=False)
    waiting = [add(event, S.WAITLISTED, queued_at=NOW) for _ in range(3)]
    other = make_event(index, capacity=None, registration_required=False)
    add(other, S.WAITLISTED, queued_at=NOW)
    assert offer_free_seats(event, now=NOW) == 3
    assert status_of(*waiting) == [S.OFFERED] * 3


def test_the_periodic_job_settles_only_events_with_something_to_do(index):
    lapsed = make_event(index, capacity=1, price_paise=1000)
    hold = add(lapsed, S.PENDING_PAYMENT, expires_at=NOW)
    next_in_line = add(lapsed, S.WAITLISTED, queued_at=NOW)
    current = make_event(index, capacity=1, price_paise=1000)
    keep = add(current, S.PENDING_PAYMENT, expires_at=NOW + TICK)
    stuck = add(current, S.WAITLISTED, queued_at=NOW)
    raised = make_event(index, capacity=2)
    add(raised, S.CONFIRMED)
    lucky = add(raised, S.WAITLISTED, queued_at=NOW)
    past = make_event(index, days=-1, capacity=5)
    too_late = add(past, S.WAITLISTED, queued_at=NOW)
    paying = make_event(index, capacity=3, price_paise=1000)
    add(paying, S.PENDING_PAYMENT, expires_at=NOW + TICK)
    add(paying, S.CONFIRMED)  # nothing to do: no lapsed hold, nobody waiting
    assert expire_holds(now=NOW) == 3
    assert status_of(hold, next_in_line, keep, stuck, lucky, too_late) == [
        S.EXPIRED,
        S.OFFERED,
        S.PENDING_PAYMENT,
        S.WAITLISTED,
        S.OFFERED,
        S.WAITLISTED,
    ]
    assert expire_holds(now=NOW) == 1  # only the waitlist of `current` still waits


def test_the_periodic_job_ignores_a_waitlist_whose_event_ends_now(index):
    event = make_event(index, capacity=5)
    EventPage.objects.filter(pk=event.pk).update(
        start=NOW - dt.timedelta(hours=1), end=NOW
    )
    waiting = add(event, S.WAITLISTED, queued_at=NOW)
    assert expire_holds(now=NOW) == 0
    assert status_of(waiting) == [S.WAITLISTED]


def test_a_lapsed_hold_is_noticed_by_the_next_registration(index):
    event = make_event(index, capacity=1, price_paise=1000)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW)
    newcomer = register(event, now=NOW)
    assert status_of(hold) == [S.EXPIRED]
    assert newcomer.status == S.PENDING_PAYMENT


# --- status changes ----------------------------------------------------------------


def test_a_staff_change_is_logged_with_who_and_why(index):
    event = make_event(index, needs_approval=True)
    registration = add(event, S.PENDING_APPROVAL)
    staff = StaffUserFactory()
    change_registration_status(
        registration, to=S.CONFIRMED, by=staff, note="x" * 400, now=NOW
    )
    change = registration.status_changes.get()
    assert (change.from_status, change.to_status) == (S.PENDING_APPROVAL, S.CONFIRMED)
    assert change.changed_by == staff
    assert change.note == "x" * 300


def test_an_anonymous_change_names_nobody(index):
    from django.contrib.auth.models import AnonymousUser

    event = make_event(index, needs_approval=True)
    registration = add(event, S.PENDING_APPROVAL)
    change_registration_status(
        registration, to=S.CONFIRMED, by=AnonymousUser(), now=NOW
    )
    assert registration.status_changes.get().changed_by is None


def test_rejecting_a_pending_approval_sends_the_rejection(
    index, sent, django_capture_on_commit_callbacks
):
    event = make_event(index, needs_approval=True)
    pending = add(event, S.PENDING_APPROVAL)
    confirmed = add(event, S.CONFIRMED)
    staff = StaffUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        change_registration_status(pending, to=S.CANCELLED, by=staff, now=NOW)
        change_registration_status(confirmed, to=S.CANCELLED, by=staff, now=NOW)
    assert sent == [("rejected", pending.pk), ("cancelled", confirmed.pk)]


def test_taking_a_seat_from_the_waitlist_needs_a_free_seat(index):
    event = make_event(index, capacity=2)
    add(event, S.CONFIRMED)
    offer = add(event, S.OFFERED, expires_at=NOW + TICK)
    waiting = add(event, S.WAITLISTED, queued_at=NOW)
    staff = StaffUserFactory()
    with pytest.raises(RegistrationError, match="no free seat"):
        change_registration_status(waiting, to=S.CONFIRMED, by=staff, now=NOW)
    assert status_of(waiting) == [S.WAITLISTED]
    # At the offer's expiry instant its seat is free again.
    change_registration_status(waiting, to=S.CONFIRMED, by=staff, now=NOW + TICK)
    assert status_of(waiting, offer) == [S.CONFIRMED, S.EXPIRED]


def test_moving_between_seat_statuses_needs_no_free_seat(index):
    event = make_event(index, capacity=1, needs_approval=True)
    pending = add(event, S.PENDING_APPROVAL)
    staff = StaffUserFactory()
    change_registration_status(pending, to=S.CONFIRMED, by=staff, now=NOW)
    assert status_of(pending) == [S.CONFIRMED]


def test_cancelling_a_confirmed_seat_offers_it_to_the_waitlist(index):
    event = make_event(index, capacity=1)
    confirmed = add(event, S.CONFIRMED)
    waiting = add(event, S.WAITLISTED, queued_at=NOW)
    change_registration_status(
        confirmed, to=S.CANCELLED, by=StaffUserFactory(), now=NOW
    )
    assert status_of(confirmed, waiting) == [S.CANCELLED, S.OFFERED]


def test_a_refused_transition_names_both_statuses(index):
    event = make_event(index)
    registration = add(event, S.CONFIRMED)
    with pytest.raises(
        RegistrationError, match="from “Confirmed” to “On the waitlist”"
    ):
        change_registration_status(registration, to=S.WAITLISTED, by=None, now=NOW)


# --- offers ----------------------------------------------------------------------------


def test_accepting_an_offer_confirms_a_free_event_and_holds_a_paid_one(
    index, sent, django_capture_on_commit_callbacks
):
    free = make_event(index, capacity=1)
    paying = make_event(index, capacity=1, price_paise=1000)
    a = add(free, S.OFFERED, expires_at=NOW + HOLD)
    b = add(paying, S.OFFERED, expires_at=NOW + HOLD)
    with django_capture_on_commit_callbacks(execute=True):
        accept_offer(a, by=a.user, now=NOW)
        accept_offer(b, by=b.user, now=NOW)
    assert status_of(a, b) == [S.CONFIRMED, S.PENDING_PAYMENT]
    b.refresh_from_db()
    assert b.expires_at == NOW + HOLD
    assert sent == [("confirmed", a.pk)]


def test_an_offer_cannot_be_accepted_at_its_expiry_instant(index):
    event = make_event(index, capacity=1)
    offer = add(event, S.OFFERED, expires_at=NOW)
    with pytest.raises(RegistrationError, match="no longer open"):
        accept_offer(offer, by=offer.user, now=NOW)
    assert status_of(offer) == [S.OFFERED]  # the refusal rolls back


# --- cancelling --------------------------------------------------------------------------


def test_attendees_may_cancel_until_but_not_at_the_deadline(index):
    deadline = NOW + dt.timedelta(days=1)
    event = make_event(index, cancellation_deadline=deadline)
    early = add(event, S.CONFIRMED)
    late = add(event, S.CONFIRMED)
    assert can_cancel(early, now=deadline - TICK)
    assert not can_cancel(late, now=deadline)
    cancel_registration(early, by=early.user, now=deadline - TICK)
    with pytest.raises(RegistrationError, match="deadline has passed"):
        cancel_registration(late, by=late.user, now=deadline)
    assert status_of(early, late) == [S.CANCELLED, S.CONFIRMED]
    assert Registration.objects.get(pk=early.pk).status_changes.get().note == (
        "cancelled by attendee"
    )


def test_without_a_deadline_cancelling_closes_at_the_start(index):
    event = make_event(index)
    registration = add(event, S.CONFIRMED)
    assert can_cancel(registration, now=event.start - TICK)
    assert not can_cancel(registration, now=event.start)
    assert can_cancel(registration)  # judged now: the event is days away


def test_an_ended_registration_cannot_be_cancelled(index):
    event = make_event(index)
    registration = add(event, S.CANCELLED)
    assert not can_cancel(registration, now=NOW)
    with pytest.raises(RegistrationError, match="not active"):
        cancel_registration(registration, by=None, staff=True, now=NOW)


def test_staff_may_cancel_after_the_deadline(index):
    event = make_event(index)
    registration = add(event, S.CONFIRMED)
    cancel_registration(registration, by=None, staff=True, now=event.start)
    assert status_of(registration) == [S.CANCELLED]
    assert registration.status_changes.get().note == "cancelled by staff"


def test_cancelling_refunds_only_the_paid_payment_and_frees_the_seat(
    index, sent, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity=1, price_paise=1000)
    registration = add(event, S.CONFIRMED)
    payment = paid(event, registration, "cs_a", status=P.PAID, intent="pi_a")
    old = paid(event, registration, "cs_b", status=P.EXPIRED)
    other = add(make_event(index, price_paise=1000), S.CONFIRMED)
    theirs = paid(other.event, other, "cs_c", status=P.PAID, intent="pi_c")
    waiting = add(event, S.WAITLISTED, queued_at=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registration, by=registration.user, note="ill", now=NOW)
    statuses = [Payment.objects.get(pk=p.pk).status for p in (payment, old, theirs)]
    assert statuses == [P.REFUND_PENDING, P.EXPIRED, P.PAID]
    assert ("refund", payment.pk) in sent
    assert [k for k in sent if k[0] == "refund"] == [("refund", payment.pk)]
    assert status_of(waiting) == [S.OFFERED]
    assert registration.status_changes.get().note == "ill"


# --- payments ----------------------------------------------------------------------------


def test_a_payment_for_an_unknown_session_changes_nothing(index):
    event = make_event(index, capacity=2, price_paise=1000)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    payment = paid(event, hold, "cs_1")
    outcome = payment_succeeded(
        session_id="cs_none",
        payment_intent="pi",
        currency="inr",
        amount_paise=1,
        now=NOW,
    )
    assert (outcome.payment, outcome.changed) == (None, False)
    assert payment_released(session_id="cs_none", now=NOW) is False
    assert Payment.objects.get(pk=payment.pk).status == P.CREATED
    assert status_of(hold) == [S.PENDING_PAYMENT]


def test_a_payment_confirms_its_hold_and_records_the_money(
    index, sent, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity=2, price_paise=1000)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    other = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    payment = paid(event, hold, "cs_1")
    paid(event, other, "cs_2")
    with django_capture_on_commit_callbacks(execute=True):
        outcome = payment_succeeded(
            session_id="cs_1",
            payment_intent="pi_1",
            currency="inr",
            amount_paise=1000,
            now=NOW,
        )
    assert outcome.changed
    payment.refresh_from_db()
    assert (payment.status, payment.paid_at) == (P.PAID, NOW)
    assert (payment.stripe_payment_intent, payment.amount_paise) == ("pi_1", 1000)
    assert status_of(hold, other) == [S.CONFIRMED, S.PENDING_PAYMENT]
    assert sent == [("confirmed", hold.pk)]
    again = payment_succeeded(
        session_id="cs_1", payment_intent="pi_x", currency="inr", amount_paise=9
    )
    assert not again.changed
    payment.refresh_from_db()
    assert (payment.stripe_payment_intent, payment.amount_paise) == ("pi_1", 1000)


def test_a_payment_without_amount_or_intent_keeps_the_price(index):
    event = make_event(index, capacity=2, price_paise=1000)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    payment = paid(event, hold, "cs_1")
    payment_succeeded(
        session_id="cs_1", payment_intent=None, currency="inr", amount_paise=0, now=NOW
    )
    payment.refresh_from_db()
    assert (payment.amount_paise, payment.stripe_payment_intent) == (1000, "")


def test_a_payment_after_the_hold_lapsed_is_kept_while_a_seat_is_free(
    index, sent, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity=2, price_paise=1000)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW)  # lapses at NOW
    payment = paid(event, hold, "cs_1")
    add(event, S.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        payment_succeeded(
            session_id="cs_1",
            payment_intent="pi",
            currency="inr",
            amount_paise=1000,
            now=NOW,
        )
    assert status_of(hold) == [S.CONFIRMED]
    assert Payment.objects.get(pk=payment.pk).status == P.PAID
    assert hold.status_changes.last().note == "paid after hold"
    assert [kind for kind, _pk in sent] == ["expired", "confirmed"]


def test_a_late_payment_without_a_seat_is_refunded(
    index, sent, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity=1, price_paise=1000)
    hold = add(event, S.EXPIRED)
    payment = paid(event, hold, "cs_1", status=P.EXPIRED)
    add(event, S.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = payment_succeeded(
            session_id="cs_1",
            payment_intent="pi",
            currency="inr",
            amount_paise=1000,
            now=NOW,
        )
    assert outcome.changed
    assert status_of(hold) == [S.EXPIRED]
    assert Payment.objects.get(pk=payment.pk).status == P.REFUND_PENDING
    assert sent == [("refund", payment.pk), ("late_payment_refunded", hold.pk)]


def test_a_payment_for_a_cancelled_registration_is_refunded(
    index, sent, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity=5, price_paise=1000)
    cancelled = add(event, S.CANCELLED)
    payment = paid(event, cancelled, "cs_1")
    with django_capture_on_commit_callbacks(execute=True):
        payment_succeeded(
            session_id="cs_1",
            payment_intent="pi",
            currency="inr",
            amount_paise=1000,
            now=NOW,
        )
    assert status_of(cancelled) == [S.CANCELLED]
    assert Payment.objects.get(pk=payment.pk).status == P.REFUND_PENDING


def test_a_payment_whose_registration_was_erased_is_refunded(
    index, sent, django_capture_on_commit_callbacks
):
    event = make_event(index, price_paise=1000)
    payment = paid(event, None, "cs_1")
    with django_capture_on_commit_callbacks(execute=True):
        outcome = payment_succeeded(
            session_id="cs_1",
            payment_intent="pi",
            currency="inr",
            amount_paise=1000,
            now=NOW,
        )
    assert outcome.changed
    assert Payment.objects.get(pk=payment.pk).status == P.REFUND_PENDING
    assert sent == [("refund", payment.pk)]


@pytest.mark.parametrize("failed", [False, True])
def test_a_released_checkout_expires_the_hold_and_offers_the_seat(
    index, failed, sent, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity=1, price_paise=1000)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    payment = paid(event, hold, "cs_1")
    waiting = add(event, S.WAITLISTED, queued_at=NOW)
    other = make_event(index, price_paise=1000)
    paid(other, add(other, S.PENDING_PAYMENT, expires_at=NOW + HOLD), "cs_2")
    with django_capture_on_commit_callbacks(execute=True):
        assert payment_released(session_id="cs_1", failed=failed, now=NOW) is True
    assert Payment.objects.get(pk=payment.pk).status == (
        P.FAILED if failed else P.EXPIRED
    )
    assert status_of(hold, waiting) == [S.EXPIRED, S.OFFERED]
    note = "payment failed" if failed else "checkout expired"
    assert hold.status_changes.get().note == note
    assert sent == [("expired", hold.pk), ("offered", waiting.pk)]
    assert payment_released(session_id="cs_1", now=NOW) is False


def test_releasing_a_paid_checkout_changes_nothing(index):
    event = make_event(index, capacity=1, price_paise=1000)
    confirmed = add(event, S.CONFIRMED)
    payment = paid(event, confirmed, "cs_1", status=P.PAID)
    assert payment_released(session_id="cs_1", now=NOW) is False
    assert Payment.objects.get(pk=payment.pk).status == P.PAID
    assert status_of(confirmed) == [S.CONFIRMED]


def test_releasing_a_checkout_of_a_confirmed_registration_keeps_it(index):
    event = make_event(index, capacity=1, price_paise=1000)
    confirmed = add(event, S.CONFIRMED)
    payment = paid(event, confirmed, "cs_old")
    waiting = add(event, S.WAITLISTED, queued_at=NOW)
    assert payment_released(session_id="cs_old", now=NOW) is True
    assert Payment.objects.get(pk=payment.pk).status == P.EXPIRED
    assert status_of(confirmed, waiting) == [S.CONFIRMED, S.WAITLISTED]


def test_releasing_a_checkout_of_an_erased_registration(index):
    event = make_event(index, price_paise=1000)
    payment = paid(event, None, "cs_1")
    assert payment_released(session_id="cs_1", now=NOW) is True
    assert Payment.objects.get(pk=payment.pk).status == P.EXPIRED


def test_a_refund_is_recorded_once_and_ends_the_registration(
    index, sent, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity=1, price_paise=1000)
    cancelled = add(event, S.CANCELLED)
    payment = paid(
        event, cancelled, "cs_1", status=P.REFUND_PENDING, intent="pi_1", amount=1000
    )
    other = add(event, S.CONFIRMED)
    theirs = paid(event, other, "cs_2", status=P.PAID, intent="pi_2")
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            payment_refunded(payment_intent="pi_1", amount_refunded=600, now=NOW)
            is True
        )
    payment.refresh_from_db()
    assert (payment.status, payment.refunded_paise, payment.refunded_at) == (
        P.REFUNDED,
        600,
        NOW,
    )
    assert status_of(cancelled, other) == [S.REFUNDED, S.CONFIRMED]
    assert Payment.objects.get(pk=theirs.pk).status == P.PAID
    assert sent == [("refunded", cancelled.pk)]
    assert payment_refunded(payment_intent="pi_1", amount_refunded=1, now=NOW) is False
    assert Payment.objects.get(pk=payment.pk).refunded_paise == 600


def test_a_refund_without_amount_is_the_whole_payment(index):
    event = make_event(index, capacity=3, price_paise=1000)
    confirmed = add(event, S.CONFIRMED)
    payment = paid(event, confirmed, "cs_1", status=P.PAID, intent="pi_1", amount=1500)
    waiting = add(event, S.WAITLISTED, queued_at=NOW)
    add(event, S.CONFIRMED)
    add(event, S.CONFIRMED)
    assert payment_refunded(payment_intent="pi_1", amount_refunded=0, now=NOW)
    assert Payment.objects.get(pk=payment.pk).refunded_paise == 1500
    # A refund from the Stripe dashboard ends the registration and frees its seat.
    assert status_of(confirmed, waiting) == [S.REFUNDED, S.OFFERED]


def test_a_refund_of_an_unknown_or_empty_intent_waits(index):
    event = make_event(index, price_paise=1000)
    unpaid = paid(event, add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD), "cs_1")
    kept = paid(event, add(event, S.CONFIRMED), "cs_2", status=P.PAID, intent="pi_2")
    assert payment_refunded(payment_intent="", amount_refunded=1, now=NOW) is None
    assert payment_refunded(payment_intent="pi_x", amount_refunded=1, now=NOW) is None
    assert Payment.objects.get(pk=unpaid.pk).status == P.CREATED
    assert Payment.objects.get(pk=kept.pk).status == P.PAID


def test_a_refund_of_an_erased_registration_is_recorded(index):
    event = make_event(index, price_paise=1000)
    payment = paid(event, None, "cs_1", status=P.REFUND_PENDING, intent="pi_1")
    assert (
        payment_refunded(payment_intent="pi_1", amount_refunded=1000, now=NOW) is True
    )
    assert Payment.objects.get(pk=payment.pk).status == P.REFUNDED


def test_a_refund_of_a_pending_payment_keeps_the_status(index):
    event = make_event(index, capacity=2, price_paise=1000)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    paid(event, hold, "cs_1", status=P.PAID, intent="pi_1")
    assert payment_refunded(payment_intent="pi_1", amount_refunded=1000, now=NOW)
    assert status_of(hold) == [S.PENDING_PAYMENT]


# --- check-in, messages and reminders ------------------------------------------------------


def test_check_in_takes_the_code_as_people_type_it_and_only_once(index):
    event = make_event(index)
    staff = StaffUserFactory()
    registration = add(event, S.CONFIRMED, ticket_code="ABCDEFGH23456789")
    add(event, S.CONFIRMED, ticket_code="ZZZZZZZZ23456789")
    result = check_in(" abcd efgh 2345 6789 ", by=staff, now=NOW)
    assert (result.registration.pk, result.already) == (registration.pk, False)
    registration.refresh_from_db()
    assert registration.checked_in_at == NOW
    other = add(event, S.CONFIRMED, ticket_code="NOWNOWNOW")
    assert not check_in("NOWNOWNOW", by=staff).already  # at the current time
    assert Registration.objects.get(pk=other.pk).checked_in_at is not None
    again = check_in("ABCDEFGH23456789", by=staff, now=NOW + HOLD)
    assert again.already
    registration.refresh_from_db()
    assert registration.checked_in_at == NOW


def test_check_in_refuses_unknown_and_unconfirmed_tickets(index):
    event = make_event(index)
    staff = StaffUserFactory()
    add(event, S.WAITLISTED, ticket_code="WAITING0")
    with pytest.raises(RegistrationError, match="No ticket"):
        check_in("NOPE", by=staff)
    with pytest.raises(RegistrationError, match="on the waitlist and has no seat"):
        check_in("waiting0", by=staff)
    with pytest.raises(RegistrationError, match="No ticket"):
        check_in(None, by=staff)


def test_check_in_looks_only_in_the_queryset_it_is_given(index):
    event = make_event(index)
    other = make_event(index)
    ticket = add(other, S.CONFIRMED)
    with pytest.raises(RegistrationError, match="No ticket"):
        check_in(
            ticket.ticket_code,
            by=StaffUserFactory(),
            queryset=Registration.objects.for_event(event),
        )


def test_a_message_goes_to_each_confirmed_attendee_of_the_event(index, sent):
    event = make_event(index, capacity=9)
    confirmed = [add(event, S.CONFIRMED) for _ in range(2)]
    add(event, S.WAITLISTED, queued_at=NOW)
    add(event, S.CANCELLED)
    add(make_event(index), S.CONFIRMED)
    count = email_attendees(
        event, subject="Hi", message="Bring ID", by=StaffUserFactory()
    )
    assert count == 2
    assert sorted(pk for _kind, pk in sent) == sorted(r.pk for r in confirmed)
    assert {kind for kind, _pk in sent} == {"message"}


def test_reminders_go_within_a_day_of_the_start_and_once(
    index, sent, django_capture_on_commit_callbacks
):
    soon = make_event(index, start=NOW + dt.timedelta(hours=24))
    edge = make_event(index, start=NOW + dt.timedelta(hours=24) + TICK)
    started = make_event(index, start=NOW)
    due = add(soon, S.CONFIRMED)
    add(soon, S.WAITLISTED, queued_at=NOW)
    add(edge, S.CONFIRMED)
    add(started, S.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(now=NOW) == 1
    assert sent == [("reminder", due.pk)]
    due.refresh_from_db()
    assert due.reminder_sent_at == NOW
    assert send_reminders(now=NOW) == 0
    assert availability(soon, now=NOW).confirmed == 1


def test_a_payment_settles_the_event_and_offers_other_lapsed_seats(index):
    event = make_event(index, capacity=2, price_paise=1000)
    payer = add(event, S.PENDING_PAYMENT, expires_at=NOW)
    gone = add(event, S.PENDING_PAYMENT, expires_at=NOW)
    waiting = add(event, S.WAITLISTED, queued_at=NOW)
    paid(event, payer, "cs_1")
    payment_succeeded(
        session_id="cs_1",
        payment_intent="pi",
        currency="inr",
        amount_paise=1000,
        now=NOW,
    )
    assert status_of(payer, gone, waiting) == [S.CONFIRMED, S.EXPIRED, S.OFFERED]


def test_the_seats_belong_to_the_default_language_version(index):
    event = make_event(index, capacity=2, slug="shared")
    hindi = translate(event)
    assert lock_event(hindi).pk == event.pk
    registration = register(hindi, language="hi", now=NOW)
    assert registration.event_id == event.pk


def test_only_holds_and_offers_lapse_whatever_expiry_is_left_on_others(index):
    # A checkout started just as the hold was confirmed can leave an expiry
    # behind on a registration that is no longer a hold.
    event = make_event(index, capacity=3)
    confirmed = add(event, S.CONFIRMED, expires_at=NOW - HOLD)
    cancelled = add(event, S.CANCELLED, expires_at=NOW - HOLD)
    assert expire_lapsed(event, now=NOW) == 0
    assert expire_holds(now=NOW) == 0
    assert status_of(confirmed, cancelled) == [S.CONFIRMED, S.CANCELLED]


# --- mistakes an earlier suite let through (issue 22, item 6) -----------------------


@pytest.mark.parametrize(
    "status",
    [
        S.CANCELLED,
        S.EXPIRED,
        S.REFUNDED,
        S.PENDING_PAYMENT,
        S.PENDING_APPROVAL,
        S.WAITLISTED,
        S.OFFERED,
    ],
)
def test_check_in_admits_confirmed_tickets_only(index, status):
    event = make_event(index)
    staff = StaffUserFactory()
    ended = add(event, status, ticket_code="ENDED123", expires_at=NOW + HOLD)
    add(event, S.CONFIRMED, ticket_code="VALID123")
    with pytest.raises(RegistrationError) as refused:
        check_in("ENDED123", by=staff, now=NOW)
    # Refused with the reason for that status (the desk shows it).
    assert refused.value.message == str(CHECK_IN_REFUSALS[status])
    assert Registration.objects.get(pk=ended.pk).checked_in_at is None
    assert not check_in("VALID123", by=staff, now=NOW).already


def test_a_staff_cancellation_refunds_the_payment(
    index, sent, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity=1, price_paise=1000)
    registration = add(event, S.CONFIRMED)
    payment = paid(event, registration, "cs_staff", status=P.PAID, intent="pi_s")
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(
            registration, by=StaffUserFactory(), staff=True, now=event.start
        )
    assert Payment.objects.get(pk=payment.pk).status == P.REFUND_PENDING
    assert ("refund", payment.pk) in sent
    assert status_of(registration) == [S.CANCELLED]


def test_accepting_a_paid_offer_starts_a_fresh_hold_not_the_offers_expiry(index):
    paying = make_event(index, capacity=1, price_paise=1000)
    # The offer still has five hours to run: the hold is HOLD from acceptance.
    offer = add(paying, S.OFFERED, expires_at=NOW + dt.timedelta(hours=5))
    accept_offer(offer, by=offer.user, now=NOW)
    offer.refresh_from_db()
    assert offer.status == S.PENDING_PAYMENT
    assert offer.expires_at == NOW + HOLD
