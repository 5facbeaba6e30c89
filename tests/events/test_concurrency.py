"""No event is ever overbooked: 40 people at once for 10 seats (PostgreSQL)."""

import threading
import time

import pytest
from django.db import connection

from events.enums import RegistrationStatus
from events.models import Registration
from events.registration import RegistrationError
from tests.factories.events import make_event, register
from tests.factories.home import UserFactory

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
    users = [UserFactory() for _ in range(PEOPLE)]
    outcomes, errors, seconds = _burst(event, users)
    print(f"\n{PEOPLE} concurrent registrations for {SEATS} seats: {seconds:.2f}s")
    assert errors == []
    assert outcomes.count(seat_status) == SEATS
    assert outcomes.count(rest) == PEOPLE - SEATS
    assert Registration.objects.filter(event=event, status=seat_status).count() == SEATS
