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
