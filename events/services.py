"""Business rules of events that read or change registrations."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from .enums import EventStatus, SeatsState

# "Few seats left" when at most this share of the capacity (or 3 seats) remains.
FEW_LEFT_SHARE = 0.1
FEW_LEFT_MIN = 3


@dataclass(frozen=True)
class Availability:
    capacity: int | None
    confirmed: int
    seats_left: int | None
    waitlist: int
    registration_open: bool
    status: str
    state: SeatsState
    opens: datetime | None
    closes: datetime | None

    def as_json(self) -> dict:
        return {
            "capacity": self.capacity,
            "confirmed": self.confirmed,
            "seats_left": self.seats_left,
            "waitlist": self.waitlist,
            "registration_open": self.registration_open,
            "status": self.status,
            "state": self.state.value,
        }


def registration_counts(events) -> dict:
    """Confirmed and waitlisted registrations per event, keyed by translation_key.

    Both languages of an event share one set of seats. There are no registrations
    yet (a later issue adds them, with one aggregate query here), so every count is 0.
    """
    return {event.translation_key: (0, 0) for event in events}


def availability_for(
    events: Iterable, *, now: datetime | None = None
) -> dict[int, Availability]:
    """Seats and registration state of each event, keyed by page id.

    Reads only; takes no lock. The listing badge, the event page's call to action
    and availability.json all come from here.
    """
    events = list(events)
    now = now or timezone.now()
    counts = registration_counts(events)
    result = {}
    for event in events:
        confirmed, waitlist = counts.get(event.translation_key, (0, 0))
        capacity = event.capacity
        seats_left = None if capacity is None else max(capacity - confirmed, 0)
        opens = event.registration_opens
        closes = event.registration_closes or event.start
        if not event.registration_required:
            state = SeatsState.NO_REGISTRATION
        elif event.status == EventStatus.CANCELLED or now >= closes or now >= event.end:
            state = SeatsState.CLOSED
        elif opens and now < opens:
            state = SeatsState.NOT_OPEN
        elif seats_left == 0:
            state = SeatsState.WAITLIST if event.waitlist_enabled else SeatsState.FULL
        elif seats_left is not None and seats_left <= max(
            FEW_LEFT_MIN, int(capacity * FEW_LEFT_SHARE)
        ):
            state = SeatsState.FEW_LEFT
        else:
            state = SeatsState.OPEN
        result[event.pk] = Availability(
            capacity=capacity,
            confirmed=confirmed,
            seats_left=seats_left,
            waitlist=waitlist,
            registration_open=state
            in (SeatsState.OPEN, SeatsState.FEW_LEFT, SeatsState.WAITLIST),
            status=event.status,
            state=state,
            opens=opens,
            closes=closes if event.registration_required else None,
        )
    return result


def availability(event, *, now: datetime | None = None) -> Availability:
    """Seats and registration state of one event (see `availability_for`)."""
    return availability_for([event], now=now)[event.pk]
