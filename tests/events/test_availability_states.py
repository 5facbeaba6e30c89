"""Every seats state of an event, pinned through `availability_for`.

Events here have no registrations; the states come from the capacity, the
registration window, the status and whether registration is needed at all.
"""

import datetime as dt

import pytest
from django.utils import timezone

from events.enums import EventStatus, SeatsState
from events.models import EventPage
from events.services import availability, availability_for
from tests.factories.events import make_event

NOW = timezone.now().replace(microsecond=0) + dt.timedelta(days=1)
START = NOW + dt.timedelta(days=10)
TICK = dt.timedelta(microseconds=1)


def event_with(index, *, capacity, **fields):
    fields.setdefault("start", START)
    fields.setdefault("registration_required", True)
    waitlist = fields.pop("waitlist_enabled", False)
    if capacity:
        return make_event(
            index, publish=False, capacity=capacity, waitlist_enabled=waitlist, **fields
        )
    # No seats left. Registrations are not stored yet, so a sold-out event is
    # one without seats (the page form asks for at least one).
    event = make_event(index, publish=False, capacity=1, **fields)
    EventPage.objects.filter(pk=event.pk).update(capacity=0, waitlist_enabled=waitlist)
    event.refresh_from_db()
    return event


def state_of(event, now=NOW):
    return availability_for([event], now=now)[event.pk]


def test_availability_open_with_seats(index):
    seats = state_of(event_with(index, capacity=100))
    assert seats.state == SeatsState.OPEN
    assert seats.registration_open is True
    assert (seats.capacity, seats.confirmed, seats.seats_left) == (100, 0, 100)
    assert seats.waitlist == 0


@pytest.mark.parametrize(
    ("capacity", "expected"),
    [(1, SeatsState.FEW_LEFT), (3, SeatsState.FEW_LEFT), (4, SeatsState.OPEN)],
)
def test_availability_few_left_up_to_three_seats(index, capacity, expected):
    seats = state_of(event_with(index, capacity=capacity))
    assert seats.state == expected
    assert seats.seats_left == capacity
    assert seats.registration_open is True


def test_availability_full_without_waitlist(index):
    seats = state_of(event_with(index, capacity=0, waitlist_enabled=False))
    assert seats.state == SeatsState.FULL
    assert seats.seats_left == 0
    assert seats.registration_open is False


def test_availability_full_with_waitlist_takes_the_waitlist(index):
    seats = state_of(event_with(index, capacity=0, waitlist_enabled=True))
    assert seats.state == SeatsState.WAITLIST
    assert seats.registration_open is True


def test_availability_not_open_until_the_opening_instant(index):
    opens = NOW + dt.timedelta(hours=2)
    event = event_with(index, capacity=50, registration_opens=opens)
    before = state_of(event, now=opens - TICK)
    assert before.state == SeatsState.NOT_OPEN
    assert before.registration_open is False
    assert before.opens == opens
    assert state_of(event, now=opens).state == SeatsState.OPEN


def test_availability_not_open_wins_over_full(index):
    event = event_with(
        index, capacity=0, registration_opens=NOW + dt.timedelta(hours=1)
    )
    assert state_of(event).state == SeatsState.NOT_OPEN


def test_availability_closed_at_exactly_the_closing_time(index):
    closes = START - dt.timedelta(days=2)
    event = event_with(index, capacity=50, registration_closes=closes)
    assert state_of(event, now=closes - TICK).state == SeatsState.OPEN
    at_close = state_of(event, now=closes)
    assert at_close.state == SeatsState.CLOSED
    assert at_close.registration_open is False
    assert at_close.closes == closes


def test_availability_closes_at_the_start_without_a_closing_time(index):
    event = event_with(index, capacity=50)
    assert state_of(event, now=START - TICK).state == SeatsState.OPEN
    at_start = state_of(event, now=START)
    assert at_start.state == SeatsState.CLOSED
    assert at_start.closes == START


def test_availability_closed_wins_over_full_and_waitlist(index):
    event = event_with(index, capacity=0, waitlist_enabled=True)
    seats = state_of(event, now=START + dt.timedelta(hours=1))
    assert seats.state == SeatsState.CLOSED
    assert seats.registration_open is False


def test_availability_cancelled_event_is_closed(index):
    event = event_with(index, capacity=50, status=EventStatus.CANCELLED)
    seats = state_of(event)
    assert seats.state == SeatsState.CLOSED
    assert seats.registration_open is False
    assert seats.status == EventStatus.CANCELLED


def test_availability_postponed_event_stays_open(index):
    event = event_with(index, capacity=50, status=EventStatus.POSTPONED)
    assert state_of(event).state == SeatsState.OPEN


def test_availability_without_registration(index):
    event = event_with(index, capacity=50, registration_required=False)
    seats = state_of(event)
    assert seats.state == SeatsState.NO_REGISTRATION
    assert seats.registration_open is False
    assert seats.closes is None
    # Even a cancelled or past event without registration says so.
    assert state_of(event, now=START + dt.timedelta(days=1)).state == (
        SeatsState.NO_REGISTRATION
    )


def test_availability_for_several_events_keeps_each_apart(index):
    full = event_with(index, capacity=0)
    open_ = event_with(index, capacity=100)
    closed = event_with(index, capacity=100, registration_closes=NOW - TICK)
    states = availability_for([full, open_, closed], now=NOW)
    assert {pk: a.state for pk, a in states.items()} == {
        full.pk: SeatsState.FULL,
        open_.pk: SeatsState.OPEN,
        closed.pk: SeatsState.CLOSED,
    }


def test_availability_of_one_event_matches_the_batch(index):
    event = event_with(index, capacity=3)
    assert availability(event, now=NOW) == state_of(event)


def test_availability_json_says_the_state_and_seats(index):
    event = event_with(index, capacity=3)
    assert state_of(event).as_json() == {
        "capacity": 3,
        "confirmed": 0,
        "seats_left": 3,
        "waitlist": 0,
        "registration_open": True,
        "status": EventStatus.SCHEDULED,
        "state": "few_left",
    }


def test_availability_is_judged_at_the_current_time_by_default(index):
    event = event_with(index, capacity=50, start=timezone.now() + dt.timedelta(days=3))
    assert availability_for([event])[event.pk].state == SeatsState.OPEN
    past = event_with(index, capacity=50, start=timezone.now() - dt.timedelta(days=1))
    assert availability(past).state == SeatsState.CLOSED
