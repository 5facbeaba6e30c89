"""What the check-in desk reads and writes: its events, counts, the ticket list
a door downloads, and the sync of check-ins made while offline.

Check-in itself is `events.registration.check_in` (row lock, log); this module
only gathers and reports. Access follows `Registration.objects.managed_by`.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.timefmt import format_datetime

from ..enums import RegistrationStatus
from ..models import EventPage, Registration
from ..registration import RegistrationError, check_in, check_in_refusal

S = RegistrationStatus

# At most this many check-ins in one sync (a door that was offline all day
# sends them in several).
SYNC_BATCH = 500


@dataclass(frozen=True)
class Counts:
    checked_in: int
    confirmed: int

    @property
    def expected(self) -> int:
        """Confirmed people not yet in."""
        return self.confirmed - self.checked_in

    def as_dict(self) -> dict:
        return {
            "checked_in": self.checked_in,
            "confirmed": self.confirmed,
            "expected": self.expected,
        }


_COUNTS = {
    "confirmed": Count("pk", filter=Q(status=S.CONFIRMED)),
    "checked_in": Count(
        "pk", filter=Q(status=S.CONFIRMED, checked_in_at__isnull=False)
    ),
}


def counts_for(event: EventPage) -> Counts:
    row = Registration.objects.for_event(event).aggregate(**_COUNTS)
    return Counts(checked_in=row["checked_in"], confirmed=row["confirmed"])


def desk_events(*, now=None) -> list[tuple[EventPage, Counts]]:
    """Today's and upcoming events (one per translation), soonest first, with
    their counts; two queries whatever the number of events."""
    now = now or timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    events = list(
        EventPage.objects.filter(locale=Locale.get_default(), end__gte=today)
        .order_by("start", "pk")
        .specific()[:100]
    )
    rows = {
        row["event__translation_key"]: row
        for row in Registration.objects.filter(
            event__translation_key__in=[event.translation_key for event in events]
        )
        .values("event__translation_key")
        .annotate(**_COUNTS)
    }
    empty = {"checked_in": 0, "confirmed": 0}
    return [
        (
            event,
            Counts(
                checked_in=rows.get(event.translation_key, empty)["checked_in"],
                confirmed=rows.get(event.translation_key, empty)["confirmed"],
            ),
        )
        for event in events
    ]


def search(event: EventPage, query: str, *, queryset, limit: int = 20):
    """Registrations of `event` whose name or email contains `query`."""
    query = (query or "").strip()
    if not query:
        return []
    return list(
        queryset.for_event(event)
        .filter(Q(name__icontains=query) | Q(email__icontains=query))
        .order_by("name", "pk")[:limit]
    )


def ticket_list(event: EventPage, *, queryset) -> list[dict]:
    """What a door needs to check in offline: code, name, status, check-in time
    (and the refusal to show). No email, phone or answers."""
    tickets = []
    rows = queryset.for_event(event).order_by("pk")
    fields = ("ticket_code", "legacy_ticket_code", "name", "status", "checked_in_at")
    for registration in rows.only(*fields):
        ticket = {
            "code": registration.ticket_code,
            "name": registration.name,
            "status": registration.status,
            "status_label": registration.get_status_display(),
            "refusal": check_in_refusal(registration),
            "checked_in_at": (
                registration.checked_in_at.isoformat()
                if registration.checked_in_at
                else None
            ),
        }
        if registration.legacy_ticket_code:
            ticket["old_code"] = registration.legacy_ticket_code
        tickets.append(ticket)
    return tickets


def _when(value, now) -> dt.datetime:
    """A door's local time of a check-in; the server's time when unreadable."""
    try:
        when = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        when = None
    if when is None or timezone.is_naive(when):
        return now
    return when


def sync_check_ins(event: EventPage, items, *, by, queryset, now=None) -> list[dict]:
    """Apply check-ins a door made (perhaps offline), each at its own time.

    Each item is ``{"code": ..., "at": ISO time}``. A ticket already checked in
    keeps the earlier time and the result says "duplicate" with it; a refused one
    says why. One `check_in` (and its lock) per item.
    """
    now = now or timezone.now()
    # One commit for the batch (each check-in is a savepoint within it): a
    # commit, not the work, is what costs on a disk that syncs.
    with transaction.atomic():
        return [
            _sync_one(event, item, by=by, queryset=queryset, now=now)
            for item in items[:SYNC_BATCH]
            if isinstance(item, dict)
        ]


def _sync_one(event, item, *, by, queryset, now) -> dict:
    code = str(item.get("code") or "")[:80]
    result = {"code": code}
    try:
        done = check_in(
            code,
            by=by,
            event=event,
            queryset=queryset,
            now=now,
            at=_when(item.get("at"), now),
        )
    except RegistrationError as error:
        result.update(result="refused", message=error.message)
        if error.registration is not None:
            result["name"] = error.registration.name
        return result
    registration = done.registration
    result.update(
        result="duplicate" if done.already else "ok",
        name=registration.name,
        ticket=registration.ticket_code,
        checked_in_at=registration.checked_in_at.isoformat(),
    )
    if done.already:
        result["message"] = _("%(name)s was already checked in at %(time)s.") % {
            "name": registration.name,
            "time": format_datetime(registration.checked_in_at),
        }
    return result
