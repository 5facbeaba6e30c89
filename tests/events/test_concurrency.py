"""No event is ever overbooked: 40 people at once for 10 seats (PostgreSQL)."""

import threading
import time

import pytest
from django.db import connection

from events.enums import RegistrationStatus
from events.models import Registration
from events.registration import RegistrationError
from tests.factories.events import make_event, register
from tests.factories.home import VerifiedUserFactory
from tests.locking import blocked_thread

S = RegistrationStatus
PEOPLE, SEATS = 40, 10

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _burst(event, users):
    """Everyone registers at once, each thread on its own database connection."""
    start = threading.Barrier(len(users))
    outcomes, errors = [], []

    def attempt(user):
        try:
            start.wait()
            outcomes.append(register(event, user=user).status)
        except RegistrationError as refusal:
            outcomes.append(refusal.message)
        except Exception as error:  # noqa: BLE001 -- any other error fails the test
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in users]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, errors, time.perf_counter() - began


@pytest.mark.parametrize(
    ("fields", "seat_status", "rest"),
    [
        ({"waitlist_enabled": True}, S.CONFIRMED, S.WAITLISTED),
        ({"price_paise": 50000}, S.PENDING_PAYMENT, "Sorry, this event is full."),
    ],
    ids=["free-with-waitlist", "paid-holds"],
)
def test_forty_at_once_for_ten_seats_never_overbooks(index, fields, seat_status, rest):
    event = make_event(index, capacity=SEATS, **fields)
    users = [VerifiedUserFactory() for _ in range(PEOPLE)]
    outcomes, errors, seconds = _burst(event, users)
    print(f"\n{PEOPLE} concurrent registrations for {SEATS} seats: {seconds:.2f}s")
    assert errors == []
    assert outcomes.count(seat_status) == SEATS
    assert outcomes.count(rest) == PEOPLE - SEATS
    assert Registration.objects.filter(event=event, status=seat_status).count() == SEATS


# --- the payment row lock (issue 22, item 7) ---------------------------------------
# A webhook first finds the payment, then waits for the event's lock. What it
# found may be stale by then: only the re-read under the payment's own lock
# shows what the other delivery did. The test holds the event's lock itself,
# lets a delivery find the payment and wait, then lets another one through.


def _held_seat(index):
    from django.utils import timezone

    from events.models import Payment
    from events.registration import HOLD
    from tests.factories.home import VerifiedUserFactory

    event = make_event(index, capacity=1, price_paise=1000)
    user = VerifiedUserFactory()
    registration = Registration.objects.create(
        event=event,
        user=user,
        name="Asha Rao",
        email=user.email,
        status=S.PENDING_PAYMENT,
        expires_at=timezone.now() + HOLD,
    )
    Payment.objects.create(
        registration=registration,
        event=event,
        amount_paise=1000,
        stripe_session_id="cs_race",
    )
    return event, registration


def test_two_deliveries_of_one_payment_at_once_confirm_it_once(index):
    from django.db import transaction

    from events.enums import PaymentStatus
    from events.models import Payment
    from events.registration import lock_event, payment_succeeded

    event, registration = _held_seat(index)

    def deliver():
        return payment_succeeded(
            session_id="cs_race",
            payment_intent="pi_race",
            amount_paise=1000,
            currency="inr",
        )

    with transaction.atomic():
        lock_event(event)
        thread, outcome = blocked_thread(deliver)
        assert deliver().changed
    thread.join()
    assert "error" not in outcome, outcome
    assert not outcome["result"].changed  # the repeat saw it paid
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED
    assert Payment.objects.get().status == PaymentStatus.PAID
    assert registration.status_changes.filter(to_status=S.CONFIRMED).count() == 1


def test_an_expiry_racing_the_payment_never_undoes_it(index):
    from django.db import transaction

    from events.enums import PaymentStatus
    from events.models import Payment
    from events.registration import lock_event, payment_released, payment_succeeded

    event, registration = _held_seat(index)
    with transaction.atomic():
        lock_event(event)
        thread, outcome = blocked_thread(lambda: payment_released(session_id="cs_race"))
        payment_succeeded(
            session_id="cs_race",
            payment_intent="pi_race",
            amount_paise=1000,
            currency="inr",
        )
    thread.join()
    assert outcome == {"result": False}
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED
    assert Payment.objects.get().status == PaymentStatus.PAID
