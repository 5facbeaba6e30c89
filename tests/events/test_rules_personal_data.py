"""Erasing an account (events.personal_data.erase): seats of events to come are freed
and paid ones refunded; past events keep their accounts; nobody else is touched."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from events import personal_data, tasks
from events.enums import PaymentStatus, RegistrationStatus
from events.models import EventPage, Payment, Registration
from tests.factories.events import make_event
from tests.factories.home import VerifiedUserFactory

S = RegistrationStatus
P = PaymentStatus
NOW = timezone.now().replace(microsecond=0)

pytestmark = pytest.mark.django_db


@pytest.fixture
def refunds(monkeypatch):
    queued = []
    monkeypatch.setattr(
        tasks, "refund_payment", SimpleNamespace(enqueue=lambda pk: queued.append(pk))
    )
    monkeypatch.setattr(
        tasks, "email_registration", SimpleNamespace(enqueue=lambda *args: None)
    )
    monkeypatch.setattr(personal_data, "timezone", SimpleNamespace(now=lambda: NOW))
    return queued


def add(event, user, status, **fields):
    return Registration.objects.create(
        event=event, user=user, status=status, name="Asha", email=user.email, **fields
    )


def pay(registration, intent):
    return Payment.objects.create(
        registration=registration,
        event=registration.event,
        amount_paise=1000,
        stripe_session_id=f"cs_{intent}",
        stripe_payment_intent=intent,
        status=P.PAID,
    )


def ending_at(index, end, **fields):
    event = make_event(index, capacity=1, price_paise=1000, **fields)
    EventPage.objects.filter(pk=event.pk).update(
        start=end - dt.timedelta(hours=1), end=end
    )
    event.refresh_from_db()
    return event


def test_erasing_frees_and_refunds_seats_of_events_not_yet_over(
    index, refunds, django_capture_on_commit_callbacks
):
    user, other = VerifiedUserFactory(), VerifiedUserFactory()
    running = ending_at(index, NOW + dt.timedelta(microseconds=1))
    over = ending_at(index, NOW)
    mine = add(running, user, S.CONFIRMED)
    payment = pay(mine, "pi_mine")
    waiting = add(running, other, S.WAITLISTED, queued_at=NOW)
    past = add(over, user, S.CONFIRMED)
    past_payment = pay(past, "pi_past")
    theirs = add(over, other, S.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.erase(user)
    assert not Registration.objects.filter(pk__in=[mine.pk, past.pk]).exists()
    assert Registration.objects.get(pk=waiting.pk).status == S.OFFERED
    assert Registration.objects.get(pk=theirs.pk).status == S.CONFIRMED
    payment.refresh_from_db()
    past_payment.refresh_from_db()
    assert (payment.status, payment.registration) == (P.REFUND_PENDING, None)
    assert past_payment.status == P.PAID  # the event is over: nothing to refund
    assert refunds == [payment.pk]


def test_export_lists_only_the_persons_own_registrations(index):
    user, other = VerifiedUserFactory(), VerifiedUserFactory()
    event = make_event(index, price_paise=1000)
    mine = add(event, user, S.CONFIRMED, phone="98450 00000")
    pay(mine, "pi_1")
    add(event, other, S.CONFIRMED)
    [row] = personal_data.export(user)["registrations"]
    assert (row["id"], row["event"], row["phone"]) == (
        str(mine.uuid),
        event.title,
        "98450 00000",
    )
    assert row["payments"][0]["stripe_payment_intent"] == "pi_1"
