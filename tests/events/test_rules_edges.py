"""Registration rules at their edges: what the mutation run of events/ found
untested. Each test names the mistake it catches; each was applied against its
mutant (`MUTATION_MUTANT=<id> pytest -p mutation.apply_plugin <test>`) and failed.

- a cancellation closes only its own registration's open checkouts;
- a payment webhook re-reads the payment under the event's lock, so a delivery
  that waited for the lock never refunds a seat another delivery just paid for;
- a checkout released for a hold is judged by that hold's own newer open
  checkouts only;
- a refund total Stripe sends twice changes nothing the second time;
- what a person sees of a lapsed hold (when it lapsed), and who may renew it.
"""

import datetime as dt
import logging
from types import SimpleNamespace

import pytest

from events import registration as rules
from events import tasks
from events.checkin import codes
from events.enums import PaymentStatus, RegistrationStatus
from events.models import Payment, Registration
from events.registration import (
    HOLD,
    RegistrationError,
    cancel_registration,
    check_in,
    email_attendees,
    hold_lapsed,
    lapsed_at,
    payment_refunded,
    payment_released,
    payment_succeeded,
    renew_hold,
)
from tests.events.test_rules_registration import (  # the same set-up
    NOW,
    TICK,
    add,
    english,  # noqa: F401 -- the autouse fixture
    paid,
)
from tests.factories.events import make_event, register
from tests.factories.home import StaffUserFactory, VerifiedUserFactory

S = RegistrationStatus
P = PaymentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch, django_capture_on_commit_callbacks):
    """Every task queued after the commit: (task, its arguments)."""
    calls = []

    class Queue:
        def __init__(self, name):
            self.name = name

        def enqueue(self, *args):
            calls.append((self.name, args))

    for name in ("email_registration", "refund_payment", "expire_checkout"):
        monkeypatch.setattr(tasks, name, Queue(name))
    return calls


def pay(session, *, amount=1000, currency="inr"):
    """Stripe's word that `session` was paid (checkout.session.completed)."""
    return payment_succeeded(
        session_id=session,
        payment_intent="pi_1",
        amount_paise=amount,
        currency=currency,
        now=NOW,
    )


def fresh(*objects):
    return [type(o).objects.get(pk=o.pk).status for o in objects]


# --- cancelling -------------------------------------------------------------------


def test_a_cancellation_closes_only_its_own_open_checkouts(
    index, queued, django_capture_on_commit_callbacks
):
    """Mistake: expiring every open checkout (another person's payment page dies)."""
    event = make_event(index, capacity=5, price_paise=1000)
    mine = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    theirs = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    my_checkout = paid(event, mine, "cs_mine")
    their_checkout = paid(event, theirs, "cs_theirs")
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(mine, by=mine.user, now=NOW)
    assert fresh(my_checkout, their_checkout) == [P.EXPIRED, P.CREATED]
    assert ("expire_checkout", (my_checkout.pk,)) in queued
    assert ("expire_checkout", (their_checkout.pk,)) not in queued


def test_an_attendees_own_note_is_not_sent_back_as_staffs_reason(
    index, queued, django_capture_on_commit_callbacks
):
    """Mistake: the attendee's email carrying a reason as if staff had given one."""
    event = make_event(index, capacity=5)
    attendee, other = add(event, S.CONFIRMED), add(event, S.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(attendee, by=attendee.user, note="ill", now=NOW)
        cancel_registration(other, by=StaffUserFactory(), note="venue", staff=True)
    emails = [args for name, args in queued if name == "email_registration"]
    assert emails == [
        (attendee.pk, "cancelled", "", ""),
        (other.pk, "cancelled_by_staff", "", "venue"),
    ]


# --- a webhook that waited for the lock -------------------------------------------


@pytest.fixture
def paid_meanwhile(monkeypatch):
    """Another delivery pays the checkout while this one waits for the event's lock
    (the payment read before the lock is then out of date)."""
    locked = rules._locked

    def wait_for_the_lock(registration, now):
        for payment in Payment.objects.filter(registration=registration):
            if payment.status == P.CREATED:
                payment.status = P.PAID
                payment.save(update_fields=["status"])
                Registration.objects.filter(pk=registration.pk).update(
                    status=S.CONFIRMED
                )
        return locked(registration, now)

    monkeypatch.setattr(rules, "_locked", wait_for_the_lock)


def test_a_payment_paid_while_waiting_for_the_lock_is_not_refunded(
    index, paid_meanwhile, queued, django_capture_on_commit_callbacks
):
    """Mistake: deciding on the payment as read before the lock (the seat the
    other delivery confirmed would be refunded as 'no seat left')."""
    event = make_event(index, capacity=1, price_paise=1000)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    payment = paid(event, hold, "cs_1")
    with django_capture_on_commit_callbacks(execute=True):
        outcome = pay("cs_1")
    assert not outcome.changed
    assert fresh(payment, hold) == [P.PAID, S.CONFIRMED]
    assert queued == []


def test_a_checkout_paid_while_waiting_for_the_lock_is_not_released(
    index, paid_meanwhile
):
    """Mistake: releasing on the stale read (a paid payment marked expired)."""
    event = make_event(index, capacity=1, price_paise=1000)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    payment = paid(event, hold, "cs_1")
    assert payment_released(session_id="cs_1", now=NOW) is False
    assert fresh(payment, hold) == [P.PAID, S.CONFIRMED]


def test_a_mismatched_payment_of_an_erased_registration_is_refunded(
    index, queued, django_capture_on_commit_callbacks
):
    """Mistake: offering seats of an event it does not know (None) after the refund."""
    event = make_event(index, price_paise=1000)
    payment = paid(event, None, "cs_1")
    with django_capture_on_commit_callbacks(execute=True):
        outcome = pay("cs_1", amount=1)
    assert outcome.changed
    assert fresh(payment) == [P.REFUND_PENDING]
    assert queued == [("refund_payment", (payment.pk,))]


def test_a_mismatched_payment_offers_the_released_seat_to_the_waitlist(index):
    """Mistake: releasing the hold without offering its seat (it stays empty
    until the periodic job runs)."""
    event = make_event(index, capacity=1, price_paise=1000, waitlist_enabled=True)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    waiting = add(event, S.WAITLISTED, queued_at=NOW)
    paid(event, hold, "cs_1")
    pay("cs_1", currency="usd")
    assert fresh(hold, waiting) == [S.EXPIRED, S.OFFERED]


def test_the_mismatch_note_names_what_was_asked_and_fits_its_column(index, queued):
    """Mistakes: a note without the price asked; a note longer than 300 characters."""
    event = make_event(index, capacity=2, price_paise=1000)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    payment = paid(event, hold, "cs_1")
    rules._refuse_mismatch(payment, hold, received="1 usd", now=NOW)
    assert "asked 1000 inr; refunded" in hold.status_changes.last().note
    confirmed = add(event, S.CONFIRMED)
    rules._refuse_mismatch(
        paid(event, confirmed, "cs_2"), confirmed, received="9" * 400, now=NOW
    )
    assert len(confirmed.status_changes.last().note) == 300


# --- which checkout keeps a hold ----------------------------------------------------


def test_a_newer_checkout_that_ended_does_not_keep_the_hold(index):
    """Mistake: counting any newer checkout, open or not."""
    event = make_event(index, capacity=1, price_paise=1000)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    paid(event, hold, "cs_old")
    paid(event, hold, "cs_new", status=P.FAILED)
    assert payment_released(session_id="cs_old", now=NOW)
    assert fresh(hold) == [S.EXPIRED]


def test_only_a_checkout_started_after_the_released_one_keeps_the_hold(index):
    """Mistake: an older open checkout keeping the hold of a released newer one
    (while a newer open one does keep it: the person is paying there)."""
    event = make_event(index, capacity=2, price_paise=1000)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    paid(event, hold, "cs_first")
    paid(event, hold, "cs_second")
    assert payment_released(session_id="cs_second", now=NOW)
    assert fresh(hold) == [S.EXPIRED]
    again = add(event, S.PENDING_PAYMENT, expires_at=NOW + HOLD)
    paid(event, again, "cs_a")
    paid(event, again, "cs_b")
    assert payment_released(session_id="cs_a", now=NOW)
    assert fresh(again) == [S.PENDING_PAYMENT]


# --- refunds ------------------------------------------------------------------------


def test_a_partial_refund_sent_twice_is_recorded_and_told_once(
    index, queued, django_capture_on_commit_callbacks
):
    """Mistake: taking the same total again (a second 'partly refunded' email)."""
    event = make_event(index, capacity=2, price_paise=1000)
    seat = add(event, S.CONFIRMED)
    payment = paid(event, seat, "cs_1", status=P.PAID, intent="pi_1")
    with django_capture_on_commit_callbacks(execute=True):
        assert payment_refunded(payment_intent="pi_1", amount_refunded=400, now=NOW)
        later = NOW + dt.timedelta(minutes=5)
        assert not payment_refunded(
            payment_intent="pi_1", amount_refunded=400, now=later
        )
    payment.refresh_from_db()
    assert (payment.status, payment.refunded_paise) == (P.PAID, 400)
    assert payment.refunded_at == NOW
    assert queued == [("email_registration", (seat.pk, "partly_refunded", "", ""))]
    assert fresh(seat) == [S.CONFIRMED]


def test_a_partial_refund_of_an_erased_registration_emails_nobody(
    index, queued, django_capture_on_commit_callbacks
):
    event = make_event(index, price_paise=1000)
    payment = paid(event, None, "cs_1", status=P.PAID, intent="pi_1")
    with django_capture_on_commit_callbacks(execute=True):
        assert payment_refunded(payment_intent="pi_1", amount_refunded=300, now=NOW)
    assert Payment.objects.get(pk=payment.pk).refunded_paise == 300
    assert queued == []


# --- a lapsed hold, as the person sees it -----------------------------------------------


def test_a_hold_has_lapsed_at_its_expiry_instant_not_after(index):
    event = make_event(index, capacity=2, price_paise=1000)
    hold = add(event, S.PENDING_PAYMENT, expires_at=NOW)
    assert not hold_lapsed(hold, now=NOW - TICK)
    assert hold_lapsed(hold, now=NOW)
    confirmed = add(event, S.CONFIRMED, expires_at=NOW - HOLD)
    assert not hold_lapsed(confirmed, now=NOW)


def test_a_lapsed_hold_says_when_it_lapsed(index):
    """Mistakes: any status change's time (not the expiry's), or none at all."""
    event = make_event(index, capacity=2, price_paise=1000)
    holding = add(event, S.PENDING_PAYMENT, expires_at=NOW - HOLD)
    assert lapsed_at(holding) == NOW - HOLD
    expired = add(event, S.EXPIRED, expires_at=NOW - HOLD)
    lapsed = expired.status_changes.create(
        from_status=S.PENDING_PAYMENT, to_status=S.EXPIRED, note="payment hold lapsed"
    )
    expired.status_changes.create(
        from_status=S.EXPIRED, to_status=S.EXPIRED, note="payment did not match"
    )
    renewed = expired.status_changes.create(
        from_status=S.EXPIRED, to_status=S.WAITLISTED, note="registered"
    )
    later = expired.status_changes.get(note="payment did not match").created_at
    expired.status_changes.filter(pk=lapsed.pk).update(created_at=NOW - 2 * HOLD)
    expired.status_changes.filter(pk=renewed.pk).update(created_at=later + HOLD)
    assert lapsed_at(expired) == later
    unlogged = add(event, S.EXPIRED)
    assert lapsed_at(unlogged) == unlogged.updated_at


def test_a_hold_without_an_account_is_not_renewed(index):
    """Staff registered this person; only staff can register them again."""
    event = make_event(index, capacity=2, price_paise=1000)
    hold = Registration.objects.create(
        event=event,
        user=None,
        status=S.EXPIRED,
        name="Asha Rao",
        email="asha@example.com",
    )
    with pytest.raises(RegistrationError, match="Please register again"):
        renew_hold(hold, by=StaffUserFactory(), now=NOW)
    assert Registration.objects.filter(event=event).count() == 1


# --- messages and the door ------------------------------------------------------------


def test_a_message_half_translated_goes_out_in_english(index, queued):
    """Mistake: sending a translated subject with an empty body."""
    event = make_event(index, capacity=5)
    hindi = add(event, S.CONFIRMED, language="hi")
    email_attendees(
        event,
        subject="Room change",
        message="We meet in room 4.",
        by=StaffUserFactory(),
        translations={"hi": ("कमरा बदला", "")},
    )
    assert queued == [
        (
            "email_registration",
            (hindi.pk, "message", "Room change", "We meet in room 4."),
        )
    ]


def test_a_ticket_checked_in_again_at_the_same_time_writes_nothing(index):
    event = make_event(index)
    ticket = add(event, S.CONFIRMED, ticket_code="ABCDEFGH23456789")
    staff = StaffUserFactory()
    check_in("ABCDEFGH23456789", by=staff, now=NOW, at=NOW - HOLD)
    before = Registration.objects.get(pk=ticket.pk).updated_at
    again = check_in("ABCDEFGH23456789", by=staff, now=NOW, at=NOW - HOLD)
    assert again.already
    after = Registration.objects.get(pk=ticket.pk)
    assert (after.checked_in_at, after.updated_at) == (NOW - HOLD, before)


# --- registering next to others ---------------------------------------------------------


def test_a_seat_offered_to_the_waitlist_is_not_also_given_to_the_newcomer(index):
    """Mistake: counting the seats from before the offer (two people, one seat)."""
    event = make_event(index, capacity=1, waitlist_enabled=True)
    first = register(event)
    waiting = register(event)
    Registration.objects.filter(pk=first.pk).update(status=S.CANCELLED)  # no offer yet
    newcomer = register(event)
    assert fresh(waiting, newcomer) == [S.OFFERED, S.WAITLISTED]


def test_registering_again_takes_up_ones_own_registration_among_others(index):
    """Mistake: looking the person's registration up without its key."""
    event = make_event(index, price_paise=1000, capacity=3)
    register(event)
    user = VerifiedUserFactory()
    old = add(event, S.EXPIRED, user=user)
    register(event)
    again = register(event, user=user, now=NOW)
    assert (again.pk, again.status) == (old.pk, S.PENDING_PAYMENT)
    assert Registration.objects.filter(event=event).count() == 3


# --- the door ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["", "   ", " - ", None])
def test_a_blank_code_finds_no_ticket(index, typed):
    """Mistake: matching every ticket without a long code (new tickets have
    none), and checking in whoever comes first."""
    event = make_event(index)
    ticket = add(event, S.CONFIRMED, ticket_code="ABCDEFGH")
    with pytest.raises(RegistrationError, match="No ticket has this code"):
        check_in(typed, by=StaffUserFactory(), now=NOW)
    assert Registration.objects.get(pk=ticket.pk).checked_in_at is None


def test_a_status_added_later_is_refused_by_name(index, monkeypatch):
    """The door admits an allow-list; a status without its own reason is refused
    with the status's name, never let in or explained as something else."""
    monkeypatch.setattr(
        rules,
        "CHECK_IN_REFUSALS",
        {k: v for k, v in rules.CHECK_IN_REFUSALS.items() if k != S.OFFERED},
    )
    offered = add(make_event(index), S.OFFERED, ticket_code="ABCDEFGH")
    with pytest.raises(RegistrationError) as refused:
        check_in("ABCDEFGH", by=StaffUserFactory(), now=NOW)
    assert refused.value.message == "This ticket is not confirmed (Seat offered)."
    assert Registration.objects.get(pk=offered.pk).checked_in_at is None


def test_a_code_typed_with_look_alikes_finds_its_ticket(index):
    """People type O for zero and I or L for one: Crockford reads them so.
    Mistake: looking up only what was typed (a valid ticket 'not found')."""
    event = make_event(index)
    body = "10AB1C0"
    code = body + codes.check_character(body)
    ticket = add(event, S.CONFIRMED, ticket_code=code)
    typed = "lo" + code[2:4].lower() + "-I" + code[5] + "O" + code[7]
    assert codes.squeeze(typed) != code
    found = check_in(typed, by=StaffUserFactory(), now=NOW)
    assert (found.registration.pk, found.already) == (ticket.pk, False)


def test_a_later_larger_refund_of_a_refunded_payment_is_recorded(
    index, queued, django_capture_on_commit_callbacks
):
    """After a cancellation's refund, staff refund the rest in Stripe's dashboard:
    the payment says what the person got back in all (it kept the first total)."""
    event = make_event(index, capacity=2, price_paise=1000)
    cancelled = add(event, S.CANCELLED)
    payment = paid(
        cancelled.event, cancelled, "cs_1", status=P.REFUND_PENDING, intent="pi_1"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert payment_refunded(payment_intent="pi_1", amount_refunded=600, now=NOW)
        later = NOW + HOLD
        assert payment_refunded(payment_intent="pi_1", amount_refunded=1000, now=later)
        assert not payment_refunded(
            payment_intent="pi_1", amount_refunded=1000, now=later + HOLD
        )
    payment.refresh_from_db()
    assert (payment.status, payment.refunded_paise, payment.refunded_at) == (
        P.REFUNDED,
        1000,
        later,
    )
    assert fresh(cancelled) == [S.REFUNDED]
    assert queued == [("email_registration", (cancelled.pk, "refunded", "", ""))]


def test_the_lock_hold_is_logged_in_milliseconds_at_debug(
    index, caplog, monkeypatch, django_capture_on_commit_callbacks
):
    """The load test reads this line (bench/load/run.py): the event's key and
    the time from the lock to the commit, in milliseconds."""
    ticks = iter([10.0])  # the lock; every later reading is the commit
    clock = SimpleNamespace(perf_counter=lambda: next(ticks, 10.025))
    monkeypatch.setattr(rules, "time", clock)  # this module's clock only
    event = make_event(index, capacity=5)
    caplog.set_level(logging.DEBUG, logger="coe.events.lock")
    with django_capture_on_commit_callbacks(execute=True):
        register(event)
    [record] = [r for r in caplog.records if r.name == "coe.events.lock"]
    assert record.getMessage() == f"event {event.translation_key} lock held 25.000 ms"
    assert record.held_ms == pytest.approx(25.0)
