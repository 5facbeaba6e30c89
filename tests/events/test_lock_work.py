"""What a registration does not do under its event's lock, and whose registration
it finds. The opening's critical section is a few statements (README, "What the
opening's critical section holds"); these tests keep out the ones it skips:
settling holds when none has lapsed, reading the waitlist when nobody waits or
no seat is free, counting seats again when they were just counted. Found by
`make mutate` (events/): each shortcut's mutant gave the same outcome with more
work under the lock, and no test noticed."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.enums import RegistrationStatus as S
from events.models import Registration
from events.registration import RegistrationError
from events.services import availability_for, registration_counts
from tests.factories.events import make_event, register, translate
from tests.factories.home import VerifiedUserFactory

pytestmark = pytest.mark.django_db


def registering(event) -> list[str]:
    """The SQL of one new person's registration for `event`."""
    user = VerifiedUserFactory()
    with CaptureQueriesContext(connection) as queries:
        register(event, user)
    return [query["sql"] for query in queries]


def reads_waitlist(statements) -> bool:
    """offer_free_seats' query: the waiting registrations, first come first."""
    return any(
        sql.startswith("SELECT") and 'ORDER BY "events_registration"."queued_at"' in sql
        for sql in statements
    )


def test_a_registration_reads_the_registrations_once_under_the_lock(index):
    """The ticket code is checked before the lock; under it, one count (seats,
    lapsed holds, the person's registration) and two inserts, nothing else."""
    register(make_event(index, slug="warm-up"))  # the process's remembered frame
    event = make_event(index, slug="plain")
    register(event)
    statements = registering(event)
    reads = [
        sql
        for sql in statements
        if sql.startswith("SELECT") and '"events_registration"' in sql
    ]
    assert len(reads) == 2, reads
    assert "ticket_code" in reads[0]
    inserts = [sql for sql in statements if sql.startswith("INSERT")]
    assert len(inserts) == 2, inserts


def test_holds_are_settled_only_when_one_has_lapsed(index):
    register(make_event(index, slug="warm-up"))  # the process's remembered frame
    plain = make_event(index, slug="plain")
    register(plain)
    busy = make_event(index, slug="busy")
    now = timezone.now()
    # An old hold already marked expired, and a hold still within its time.
    old, current = register(busy), register(busy)
    Registration.objects.filter(pk=old.pk).update(
        status=S.EXPIRED, expires_at=now - dt.timedelta(hours=1)
    )
    Registration.objects.filter(pk=current.pk).update(
        status=S.PENDING_PAYMENT, expires_at=now + dt.timedelta(minutes=20)
    )
    assert len(registering(busy)) == len(registering(plain))
    current.refresh_from_db()
    assert current.status == S.PENDING_PAYMENT


def test_the_waitlist_is_read_only_when_someone_waits_and_a_seat_is_free(index):
    nobody_waits = make_event(index, slug="open", capacity=10, waitlist_enabled=True)
    register(nobody_waits)
    assert not reads_waitlist(registering(nobody_waits))

    full = make_event(index, slug="full", capacity=1, waitlist_enabled=True)
    register(full)
    waiting = register(full)
    assert waiting.status == S.WAITLISTED
    assert not reads_waitlist(registering(full))

    # A seat freed without an offer yet (cancelled directly): the next
    # registration offers it to the first in line before it counts.
    Registration.objects.filter(event=full).exclude(status=S.WAITLISTED).update(
        status=S.CANCELLED
    )
    statements = registering(full)
    assert reads_waitlist(statements)
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED


def test_seats_counted_by_the_caller_are_not_counted_again(index):
    event = make_event(index, slug="counted")
    register(event)
    counts = registration_counts([event], now=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        seats = availability_for([event], counts=counts)[event.pk]
    assert not any("events_registration" in q["sql"] for q in queries)
    assert seats.confirmed == 1


def test_a_registration_made_on_another_language_version_is_yours(index):
    """The seats belong to one version of the event (the default language's, or
    the oldest): a registration made while another version owned them still
    counts as the person's, so they cannot register twice."""
    event = make_event(index, slug="bilingual")
    hindi = translate(event)
    user = VerifiedUserFactory()
    earlier = register(event, user)
    Registration.objects.filter(pk=earlier.pk).update(event=hindi)
    with pytest.raises(RegistrationError, match="already registered") as refused:
        register(event, user)
    assert refused.value.registration.pk == earlier.pk
    assert Registration.objects.filter(user=user).count() == 1


@pytest.mark.postgres
def test_a_free_registration_commits_without_waiting_for_the_disk(index):
    """PostgreSQL's synchronous_commit is off for a free registration's
    transaction only (commit_without_waiting_for_the_disk); a hold for payment
    keeps the plain commit."""
    off = "SET LOCAL synchronous_commit = off"
    assert any(off in sql for sql in registering(make_event(index, slug="free")))
    paid = make_event(index, slug="paid", price_paise=50000)
    assert not any(off in sql for sql in registering(paid))
