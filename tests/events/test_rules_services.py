"""Seats with registrations stored (events.services): what is taken, held and free.

Several events, each with its own registrations, so a count that forgot its
event or its status shows; holds count until (not at) their expiry instant.
"""

import datetime as dt

import pytest
from django.utils import timezone

from events.enums import RegistrationStatus, SeatsState
from events.models import Registration
from events.services import (
    FEW_LEFT_MIN,
    availability,
    availability_for,
    registration_counts,
)
from tests.factories.events import make_event, translate
from tests.factories.home import VerifiedUserFactory

S = RegistrationStatus
NOW = timezone.now().replace(microsecond=0)
TICK = dt.timedelta(microseconds=1)

pytestmark = pytest.mark.django_db


def fill(event, **counts):
    """Registrations of `event`: counts by status, e.g. confirmed=2 (bulk)."""
    rows = []
    for status, number in counts.items():
        expires = NOW + TICK if status in ("pending_payment", "offered") else None
        for _ in range(number):
            user = VerifiedUserFactory()
            rows.append(
                Registration(
                    event=event,
                    user=user,
                    status=status,
                    name="Asha",
                    email=user.email,
                    expires_at=expires,
                )
            )
    Registration.objects.bulk_create(rows)


def test_counts_split_confirmed_held_and_waiting_per_event(index):
    first = make_event(index, capacity=10)
    second = make_event(index, capacity=10)
    fill(
        first,
        confirmed=3,
        pending_approval=1,
        pending_payment=2,
        offered=1,
        waitlisted=2,
        cancelled=1,
        expired=1,
        refunded=1,
    )
    fill(second, confirmed=1, waitlisted=1)
    empty = make_event(index, capacity=10)
    fill(make_event(index, capacity=10), confirmed=1)  # not asked about
    counts = registration_counts([first, second, empty], now=NOW)
    assert counts == {
        first.translation_key: (3, 4, 2),
        second.translation_key: (1, 0, 1),
    }
    seats = availability_for([first, second, empty], now=NOW)
    one = seats[first.pk]
    assert (one.confirmed, one.held, one.waitlist) == (3, 4, 2)
    assert one.seats_left == 10 - 3 - 4 - 2
    assert one.free_seats == 10 - 3 - 4
    assert (seats[second.pk].seats_left, seats[second.pk].free_seats) == (8, 9)
    assert (seats[empty.pk].confirmed, seats[empty.pk].seats_left) == (0, 10)


def test_holds_count_until_their_expiry_instant(index):
    event = make_event(index, capacity=5)
    fill(event, pending_payment=1, offered=1, pending_approval=1)
    assert availability(event, now=NOW).held == 3
    at_expiry = availability(event, now=NOW + TICK)
    assert at_expiry.held == 1  # approval has no expiry
    assert at_expiry.seats_left == 4


def test_both_languages_count_the_same_seats(index):
    event = make_event(index, capacity=4, slug="shared")
    hindi = translate(event)
    fill(event, confirmed=2)
    fill(hindi, confirmed=1)
    seats = availability_for([event, hindi], now=NOW)
    assert seats[event.pk].confirmed == seats[hindi.pk].confirmed == 3
    assert seats[event.pk].seats_left == 1


@pytest.mark.parametrize(
    ("capacity", "taken", "state"),
    [
        (60, 54, SeatsState.FEW_LEFT),  # 6 left: a tenth of 60
        (60, 53, SeatsState.OPEN),  # 7 left
        (20, 17, SeatsState.FEW_LEFT),  # 3 left: the minimum beats a tenth
        (20, 16, SeatsState.OPEN),
        (5, 5, SeatsState.FULL),
    ],
)
def test_few_left_is_a_tenth_of_the_seats_or_three(index, capacity, taken, state):
    event = make_event(index, capacity=capacity)
    fill(event, confirmed=taken)
    seats = availability(event, now=NOW)
    assert seats.seats_left == capacity - taken
    assert seats.state == state
    assert FEW_LEFT_MIN == 3


def test_the_waitlist_keeps_freed_seats_from_newcomers(index):
    event = make_event(index, capacity=3, waitlist_enabled=True)
    fill(event, confirmed=2, waitlisted=1)
    seats = availability(event, now=NOW)
    assert seats.seats_left == 0
    assert seats.free_seats == 1
    assert seats.state == SeatsState.WAITLIST
    assert seats.registration_open is True


def test_more_taken_than_seats_never_shows_negative(index):
    event = make_event(index, capacity=2)
    fill(event, confirmed=3, pending_approval=1)
    seats = availability(event, now=NOW)
    assert (seats.seats_left, seats.free_seats) == (0, 0)
    assert seats.state == SeatsState.FULL


def test_an_event_without_capacity_has_no_seat_count(index):
    event = make_event(index, capacity=None, registration_required=False)
    fill(event, confirmed=5)
    seats = availability(event, now=NOW)
    assert (seats.seats_left, seats.free_seats, seats.capacity) == (None, None, None)
    assert seats.state == SeatsState.NO_REGISTRATION
    assert seats.as_json()["seats_left"] is None


def test_registration_closes_at_the_end_even_if_set_to_close_later(index):
    # The page form refuses such a closing time; the rule does not rely on it.
    event = make_event(index, capacity=5)
    event.registration_closes = event.end + dt.timedelta(hours=1)
    assert availability(event, now=event.end - TICK).state == SeatsState.OPEN
    assert availability(event, now=event.end).state == SeatsState.CLOSED


def test_no_events_cost_no_query(index, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert registration_counts([], now=NOW) == {}
        assert availability_for([], now=NOW) == {}


def test_counts_default_to_the_current_time_and_take_any_iterable(index):
    event = make_event(index, capacity=5)
    other = make_event(index, capacity=5)
    fill(event, confirmed=1)
    Registration.objects.filter(event=event).update(
        expires_at=timezone.now() + dt.timedelta(hours=1)  # left behind: not a hold
    )
    fill(other, pending_payment=1)
    Registration.objects.filter(event=other).update(
        expires_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert registration_counts([event, other]) == {
        event.translation_key: (1, 0, 0),
        other.translation_key: (0, 1, 0),
    }
    seats = availability_for(e for e in (event, other))
    assert (seats[event.pk].confirmed, seats[other.pk].held) == (1, 1)
