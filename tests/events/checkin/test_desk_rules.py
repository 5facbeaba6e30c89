"""The check-in desk's reads and the offline sync, called directly, at their
edges: what the mutation run of events/ found untested (each test names the
mistake it catches and was applied against its mutant)."""

import datetime as dt

import pytest
from django.utils import timezone

from events.checkin import desk
from events.checkin.desk import desk_events, search, sync_check_ins, ticket_list
from events.enums import RegistrationStatus
from events.models import Registration
from tests.events.checkin.test_desk import add
from tests.factories.events import make_event, translate
from tests.factories.home import StaffUserFactory

S = RegistrationStatus
NOW = timezone.now().replace(microsecond=0)
MINUTE = dt.timedelta(minutes=1)

pytestmark = pytest.mark.django_db


def listed(now):
    return [(event.title, counts.as_dict()) for event, counts in desk_events(now=now)]


def test_the_picker_lists_each_event_once_from_midnight_with_zero_counts(index):
    """Mistakes: an event once per language; 'today' starting later than
    midnight (an event that ended in the night disappears); an empty event
    shown with a count of one."""
    midnight = timezone.localtime(NOW).replace(hour=0, minute=0, second=0)
    ended_at_midnight = make_event(
        index, title="Night hackathon", start=midnight - 8 * 60 * MINUTE, hours=8
    )
    translate(ended_at_midnight)
    make_event(
        index,
        title="Yesterday's talk",
        start=midnight - 2 * 60 * MINUTE,
        end=midnight - dt.timedelta(microseconds=1),
    )
    assert listed(midnight + 12 * 60 * MINUTE) == [
        ("Night hackathon", {"checked_in": 0, "confirmed": 0, "expected": 0})
    ]


def test_the_picker_shows_the_hundred_soonest_events(index):
    for day in range(101):
        make_event(index, title=f"Day {day:03}", days=day + 1, publish=False)
    shown = [event.title for event, _counts in desk_events(now=NOW)]
    assert shown == [f"Day {day:03}" for day in range(100)]


def test_search_trims_and_matches_a_name_or_an_email_never_everyone(index):
    event = make_event(index)
    asha = add(event, S.CONFIRMED, name="Asha Rao")
    ravi = add(event, S.CONFIRMED, name="Ravi Kumar")
    queryset = Registration.objects.all()
    assert search(event, "  asha ", queryset=queryset) == [asha]
    assert search(event, ravi.email.split("@")[0], queryset=queryset) == [ravi]
    assert search(event, "", queryset=queryset) == []
    assert search(event, "   ", queryset=queryset) == []


def test_the_ticket_list_carries_the_time_in_and_the_old_code(index):
    event = make_event(index)
    add(event, S.CONFIRMED, checked_in_at=NOW, legacy_ticket_code="A" * 32)
    add(event, S.CONFIRMED)
    first, second = ticket_list(event, queryset=Registration.objects.all())
    assert (first["checked_in_at"], first["old_code"]) == (NOW.isoformat(), "A" * 32)
    assert second["checked_in_at"] is None
    assert "old_code" not in second


def test_a_sync_reports_who_each_result_is_for(index):
    """Mistakes: a refused known ticket without its person's name; an ok
    without name, ticket or time; an ok worded as a duplicate."""
    event = make_event(index)
    asha = add(event, S.CONFIRMED, name="Asha Rao")
    meera = add(event, S.CANCELLED, name="Meera Das")
    items = [
        {"code": asha.ticket_code, "at": (NOW - MINUTE).isoformat()},
        {"code": meera.ticket_code},
        {"code": "X" * 100, "at": 12345},
    ]
    ok, refused, unknown = sync_check_ins(
        event,
        items,
        by=StaffUserFactory(),
        queryset=Registration.objects.all(),
        now=NOW,
    )
    assert ok == {
        "code": asha.ticket_code,
        "result": "ok",
        "name": "Asha Rao",
        "ticket": asha.ticket_code,
        "checked_in_at": (NOW - MINUTE).isoformat(),
    }
    assert refused["name"] == "Meera Das"
    assert refused["message"] == "This ticket was cancelled."
    # A code is read up to 80 characters; a time that is no text is the server's.
    assert unknown == {
        "code": "X" * 80,
        "result": "refused",
        "message": "No ticket has this code.",
    }


def test_a_sync_applies_at_most_one_batch(index):
    """The door sends the rest in its next sync; the batch is SYNC_BATCH exactly."""
    event = make_event(index)
    items = [{"code": f"N{n}"} for n in range(desk.SYNC_BATCH + 1)]
    results = sync_check_ins(
        event,
        items,
        by=StaffUserFactory(),
        queryset=Registration.objects.all(),
        now=NOW,
    )
    assert len(results) == desk.SYNC_BATCH == 500
