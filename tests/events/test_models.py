import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.enums import EventFormat
from events.formatting import format_inr
from events.models import EventPage

pytestmark = pytest.mark.django_db


def _event(**fields):
    start = timezone.now() + dt.timedelta(days=5)
    values = {
        "title": "T",
        "slug": "t",
        "summary": "S",
        "format": EventFormat.ONLINE,
        "start": start,
        "end": start + dt.timedelta(hours=2),
        "capacity": 10,
    }
    values.update(fields)
    return EventPage(**values)


def _errors(event) -> dict:
    with pytest.raises(ValidationError) as caught:
        event.clean()
    return {k: [str(m) for m in v] for k, v in caught.value.message_dict.items()}


def test_clean_end_before_start_explains():
    event = _event()
    event.end = event.start - dt.timedelta(hours=1)
    assert _errors(event)["end"] == ["The event must end after it starts."]


def test_clean_registration_closing_after_event_explains():
    event = _event()
    event.registration_closes = event.end + dt.timedelta(hours=1)
    assert _errors(event)["registration_closes"] == [
        "Registration must close before the event ends."
    ]


def test_clean_registration_without_capacity_explains():
    errors = _errors(_event(capacity=None))
    assert "Set a capacity when registration is on" in errors["capacity"][0]


def test_clean_in_person_without_venue_explains():
    errors = _errors(_event(format=EventFormat.IN_PERSON))
    assert errors["venue"] == ["Choose a venue for an in-person or hybrid event."]


def test_clean_cancellation_deadline_after_start_explains():
    event = _event()
    event.cancellation_deadline = event.start + dt.timedelta(minutes=1)
    assert "before the event starts" in _errors(event)["cancellation_deadline"][0]


def test_clean_messages_are_translated_to_hindi():
    from django.utils import translation

    event = _event()
    event.end = event.start
    with translation.override("hi"):
        message = _errors(event)["end"][0]
    assert message != "The event must end after it starts."


def test_clean_valid_event_passes():
    _event().clean()
    _event(registration_required=False, capacity=None).clean()


@pytest.mark.parametrize(
    ("paise", "text"),
    [
        (0, "₹0"),
        (50000, "₹500"),
        (150000, "₹1,500"),
        (10000000, "₹1,00,000"),
        (1234567890, "₹1,23,45,678.90"),
    ],
)
def test_format_inr_uses_indian_grouping(paise, text):
    assert format_inr(paise) == text


def _session(start, end=None, day=1, title="Panel"):
    return (
        "session",
        {
            "start": dt.time(*start),
            "end": dt.time(*end) if end else None,
            "day": day,
            "title": title,
        },
    )


def _timed_event(agenda, hours=1):
    """An event from 4 PM to 4 PM + hours, IST, in five days, with this agenda."""
    tz = timezone.get_default_timezone()
    day = timezone.localtime(timezone.now() + dt.timedelta(days=5), tz).date()
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(16)), tz)
    event = _event(start=start, end=start + dt.timedelta(hours=hours))
    event.agenda = agenda
    return event


def test_clean_refuses_agenda_item_after_the_event_ends():
    """The DPDP webinar ran 4–5 PM with an agenda to 7 PM, and nothing said so."""
    event = _timed_event([_session((16, 0), (16, 20)), _session((18, 0), (19, 0))])
    message = _errors(event)["agenda"][0]
    assert "“Panel”" in message and "6:00 PM – 7:00 PM" in message
    assert "outside the event's times" in message and "4:00 PM – 5:00 PM" in message


def test_clean_refuses_agenda_item_before_the_event_or_on_a_later_day():
    assert "agenda" in _errors(_timed_event([_session((15, 30))]))
    assert "agenda" in _errors(_timed_event([_session((16, 0), day=2)]))


def test_clean_accepts_agenda_inside_the_event_including_past_midnight():
    _timed_event([_session((16, 0), (16, 30)), _session((16, 30), (17, 0))]).clean()
    _timed_event([_session((23, 0), (1, 0)), _session((9, 0), day=2)], hours=20).clean()


def test_clean_agenda_message_is_translated():
    from django.utils import translation

    with translation.override("hi"):
        message = _errors(_timed_event([_session((18, 0))]))["agenda"][0]
    assert "outside" not in message
