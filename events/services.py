"""Business rules of events that read or change registrations."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone

from home.facts import sources_of

from .enums import HOLDING_STATUSES, EventStatus, RegistrationStatus, SeatsState

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
    # Pending approval, and holds and offers not yet expired: taken, not confirmed.
    held: int = 0

    @property
    def free_seats(self) -> int | None:
        """Seats nobody holds; the waitlist has the first claim on them."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed - self.held, 0)

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


def seat_counts(now: datetime) -> dict:
    """The aggregates seats are counted with: confirmed, held, waitlisted."""
    return {
        "confirmed": Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        "held": Count(
            "pk",
            filter=Q(status=RegistrationStatus.PENDING_APPROVAL)
            | Q(status__in=HOLDING_STATUSES, expires_at__gt=now),
        ),
        "waitlisted": Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
    }


def registration_counts(events, *, now: datetime | None = None) -> dict:
    """(confirmed, held, waitlisted) per event, keyed by translation_key.

    Both languages of an event share one set of seats. One aggregate query for any
    number of events. Holds and offers count only until they expire, so the
    answer is right even before the periodic job marks them expired.
    """
    from .models import Registration

    now = now or timezone.now()
    keys = {event.translation_key for event in events}
    if not keys:
        return {}
    rows = (
        Registration.objects.filter(event__translation_key__in=keys)
        .values("event__translation_key")
        .annotate(**seat_counts(now))
        .order_by()
    )
    return {
        row["event__translation_key"]: (
            row["confirmed"],
            row["held"],
            row["waitlisted"],
        )
        for row in rows
    }


def availability_for(
    events: Iterable, *, now: datetime | None = None, counts: dict | None = None
) -> dict[int, Availability]:
    """Seats and registration state of each event, keyed by page id.

    Reads only; takes no lock. The listing badge, the event page's call to action
    and availability.json all come from here. Every language version of an event
    answers the same: the facts are read from the version that owns the seats
    (home.facts), even where a translation has not caught up yet. `counts` (as
    `registration_counts` returns them) saves the query when the caller has just
    counted.
    """
    events = list(events)
    now = now or timezone.now()
    if counts is None:
        counts = registration_counts(events, now=now)
    sources = sources_of(events)
    result = {}
    for page in events:
        event = sources.get(page.translation_key) or page
        confirmed, held, waitlist = counts.get(event.translation_key, (0, 0, 0))
        capacity = event.capacity
        # Freed seats go to the waitlist first, so they are not left for newcomers.
        seats_left = (
            None if capacity is None else max(capacity - confirmed - held - waitlist, 0)
        )
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
        result[page.pk] = Availability(
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
            held=held,
        )
    return result


def availability(event, *, now: datetime | None = None) -> Availability:
    """Seats and registration state of one event (see `availability_for`)."""
    return availability_for([event], now=now)[event.pk]
