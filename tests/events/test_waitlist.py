"""Holds and offers expire with the clock; freed seats go to the next in line."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from events.enums import RegistrationStatus
from events.registration import accept_offer, cancel_registration, send_reminders
from events.services import availability
from tests.factories.events import make_event, register

S = RegistrationStatus

pytestmark = pytest.mark.django_db


def _expire_holds():
    out = io.StringIO()
    call_command("expire_holds", stdout=out)
    return out.getvalue()


def _statuses(*registrations):
    for registration in registrations:
        registration.refresh_from_db()
    return [registration.status for registration in registrations]


def test_a_lapsed_offer_moves_to_the_next_in_line(index, mailoutbox):
    event = make_event(index, capacity=1, waitlist_enabled=True, offer_hours=12)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        first = register(event)
        second, third = register(event), register(event)
        cancel_registration(first, by=first.user)
        assert _statuses(second, third) == [S.OFFERED, S.WAITLISTED]
        assert availability(event).seats_left == 0
        clock.shift(dt.timedelta(hours=11))
        _expire_holds()
        assert _statuses(second, third) == [S.OFFERED, S.WAITLISTED]
        clock.shift(dt.timedelta(hours=2))
        # Reading availability already counts the lapsed offer as free...
        assert availability(event).held == 0
        _expire_holds()
        _expire_holds()  # ...and running the job twice changes nothing more
        assert _statuses(second, third) == [S.EXPIRED, S.OFFERED]
        accept_offer(third, by=third.user)
        assert _statuses(third) == [S.CONFIRMED]


def test_a_lapsed_payment_hold_frees_the_seat_for_the_waitlist(index):
    event = make_event(index, capacity=1, price_paise=50000, waitlist_enabled=True)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        holder = register(event)
        waiting = register(event)
        assert _statuses(holder, waiting) == [S.PENDING_PAYMENT, S.WAITLISTED]
        clock.shift(dt.timedelta(minutes=36))
        assert "events settled: 1" in _expire_holds()
        assert _statuses(holder, waiting) == [S.EXPIRED, S.OFFERED]
        accept_offer(waiting, by=waiting.user)
        assert _statuses(waiting) == [S.PENDING_PAYMENT]


def test_registering_after_a_lapse_does_not_wait_for_the_job(index):
    event = make_event(index, capacity=1, price_paise=50000)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        holder = register(event)
        clock.shift(dt.timedelta(minutes=36))
        newcomer = register(event)
        assert _statuses(holder, newcomer) == [S.EXPIRED, S.PENDING_PAYMENT]


def test_raising_the_capacity_offers_seats_to_the_waitlist(index):
    event = make_event(index, capacity=1, waitlist_enabled=True)
    register(event)
    waiting = register(event)
    event.capacity = 2
    event.save_revision().publish()
    _expire_holds()
    assert _statuses(waiting) == [S.OFFERED]


def test_reminders_go_once_a_day_before(
    index, mailoutbox, django_capture_on_commit_callbacks
):
    start = timezone.now() + dt.timedelta(days=3)
    event = make_event(index, start=start)
    registration = register(event)
    with time_machine.travel(start - dt.timedelta(hours=30), tick=False):
        assert send_reminders() == 0
    with time_machine.travel(start - dt.timedelta(hours=20), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert send_reminders() == 1
            assert send_reminders() == 0
    assert [m.to for m in mailoutbox] == [[registration.email]]
    assert mailoutbox[0].attachments
