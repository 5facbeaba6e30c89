"""Registering, the transition table, availability and cancellation (services)."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from events.enums import (
    REGISTRATION_TRANSITIONS,
    RegistrationStatus,
    SeatsState,
    can_transition,
)
from events.models import Registration, new_ticket_code
from events.registration import (
    RegistrationError,
    cancel_registration,
    change_registration_status,
)
from events.services import availability, availability_for
from tests.factories.events import make_event, register, translate
from tests.factories.home import StaffUserFactory

S = RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    # Messages are checked in English whatever an earlier test left active.
    with translation.override("en"):
        yield


def test_free_event_confirms_at_once_and_logs_it(
    index, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event)
    assert registration.status == S.CONFIRMED
    change = registration.status_changes.get()
    assert (change.from_status, change.to_status) == ("", S.CONFIRMED)
    assert change.changed_by == registration.user
    assert len(mailoutbox) == 1
    assert registration.ticket_code_display in mailoutbox[0].body
    assert mailoutbox[0].attachments[0][0].endswith(".ics")


def test_paid_event_holds_the_seat_until_the_hold_expires(index):
    event = make_event(index, capacity=1, price_paise=150000)
    registration = register(event)
    assert registration.status == S.PENDING_PAYMENT
    assert registration.expires_at - timezone.now() >= dt.timedelta(minutes=30)
    assert availability(event).seats_left == 0
    later = registration.expires_at + dt.timedelta(seconds=1)
    assert availability(event, now=later).seats_left == 1


def test_paid_event_without_stripe_is_refused_plainly(index):
    event = make_event(index, price_paise=50000)
    with pytest.raises(RegistrationError, match="payment is not available"):
        register(event, payments_available=False)
    assert not Registration.objects.exists()


def test_needs_approval_waits_and_holds_a_seat(index):
    event = make_event(index, capacity=1, needs_approval=True)
    registration = register(event)
    assert registration.status == S.PENDING_APPROVAL
    assert availability(event).seats_left == 0
    staff = StaffUserFactory()
    change_registration_status(registration, to=S.CONFIRMED, by=staff, note="ok")
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED
    assert registration.status_changes.last().changed_by == staff


def test_full_event_waitlists_or_refuses(index):
    with_list = make_event(index, capacity=1, waitlist_enabled=True)
    register(with_list)
    assert register(with_list).status == S.WAITLISTED
    without = make_event(index, capacity=1)
    register(without)
    with pytest.raises(RegistrationError, match="full"):
        register(without)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"registration_opens": timezone.now() + dt.timedelta(days=1)}, "not open"),
        ({"registration_closes": timezone.now() - dt.timedelta(hours=1)}, "closed"),
        ({"registration_required": False}, "needs no registration"),
    ],
)
def test_outside_the_window_says_why(index, fields, message):
    event = make_event(index, **fields)
    with pytest.raises(RegistrationError, match=message):
        register(event)


def test_one_registration_per_person_and_again_after_cancelling(index, user):
    event = make_event(index)
    first = register(event, user=user)
    with pytest.raises(RegistrationError, match="already registered"):
        register(event, user=user)
    cancel_registration(first, by=user)
    again = register(event, user=user)
    assert again.pk == first.pk
    assert again.status == S.CONFIRMED


def test_both_languages_share_one_set_of_seats(index):
    event = make_event(index, capacity=2, slug="shared")
    hindi = translate(event)
    register(event)
    registration = register(hindi, language="hi")
    assert registration.event == event  # the default language's page owns the seats
    assert registration.language == "hi"
    seats = availability_for([event, hindi])
    assert seats[event.pk].confirmed == seats[hindi.pk].confirmed == 2
    assert seats[hindi.pk].state == SeatsState.FULL


def test_availability_for_many_events_is_one_query(index, django_assert_num_queries):
    events = [make_event(index, capacity=5) for _ in range(3)]
    for event in events:
        register(event)
    # Events in the default language own their facts: no query for them.
    with django_assert_num_queries(1):
        seats = availability_for(events)
    assert [seats[e.pk].confirmed for e in events] == [1, 1, 1]


def test_transitions_outside_the_table_are_refused(index):
    event = make_event(index)
    registration = register(event)
    staff = StaffUserFactory()
    assert not can_transition(S.CONFIRMED, S.WAITLISTED)
    with pytest.raises(RegistrationError, match="cannot move"):
        change_registration_status(registration, to=S.WAITLISTED, by=staff)
    assert set(REGISTRATION_TRANSITIONS) == set(S.values)


def test_cancel_after_the_deadline_is_refused_but_staff_may(index, user):
    start = timezone.now() + dt.timedelta(days=2)
    event = make_event(
        index, start=start, cancellation_deadline=timezone.now() + dt.timedelta(hours=1)
    )
    registration = register(event, user=user)
    later = timezone.now() + dt.timedelta(hours=2)
    with pytest.raises(RegistrationError, match="deadline"):
        cancel_registration(registration, by=user, now=later)
    cancel_registration(registration, by=StaffUserFactory(), staff=True, now=later)
    registration.refresh_from_db()
    assert registration.status == S.CANCELLED


def test_a_cancelled_seat_is_offered_to_the_next_in_line(index):
    event = make_event(index, capacity=1, waitlist_enabled=True)
    first = register(event)
    waiting = register(event)
    cancel_registration(first, by=first.user)
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    assert waiting.expires_at > timezone.now()
    assert availability(event).seats_left == 0


def test_ticket_codes_are_short_and_distinct():
    codes = {new_ticket_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 8 for code in codes)  # 35 random bits and a check
