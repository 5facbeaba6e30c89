"""The Stripe webhook: signatures, replays, out-of-order delivery, late payments."""

import datetime as dt
import itertools
import json

import pytest
from django.utils import timezone

from events.enums import PaymentStatus, RegistrationStatus
from events.models import Payment, Registration, StripeEvent
from events.payments import start_checkout
from events.registration import cancel_registration
from tests.events.fake_stripe import (
    deliver,
    refund_event,
    session_event,
    sign,
)
from tests.factories.events import make_event, register

S = RegistrationStatus

pytestmark = pytest.mark.django_db


def _paid_registration(index, fake_stripe, capacity=1):
    event = make_event(index, price_paise=150000, capacity=capacity)
    registration = register(event)
    start_checkout(
        registration,
        success_url="http://testserver/ok/",
        cancel_url="http://testserver/no/",
    )
    return event, registration, Payment.objects.get(registration=registration)


def _state(registration, payment):
    registration.refresh_from_db()
    payment.refresh_from_db()
    return registration.status, payment.status


@pytest.mark.parametrize("problem", ["missing", "wrong secret", "tampered"])
def test_bad_or_missing_signature_is_400_and_changes_nothing(
    client, index, fake_stripe, problem
):
    _event, registration, payment = _paid_registration(index, fake_stripe)
    event = session_event("checkout.session.completed", payment)
    if problem == "missing":
        response = deliver(client, event, signature=False)
    elif problem == "wrong secret":
        response = deliver(client, event, secret="whsec_other")
    else:
        payload = json.dumps(event)
        response = client.post(
            "/stripe/webhook/",
            payload.replace('"paid"', '"paid" '),
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(payload),
        )
    assert response.status_code == 400
    assert _state(registration, payment) == (S.PENDING_PAYMENT, PaymentStatus.CREATED)
    assert not StripeEvent.objects.exists()


def test_webhook_is_post_only(client):
    assert client.get("/stripe/webhook/").status_code == 405


def test_completed_confirms_once_however_often_it_is_replayed(
    client, index, fake_stripe, mailoutbox, django_capture_on_commit_callbacks
):
    _event, registration, payment = _paid_registration(index, fake_stripe)
    event = session_event("checkout.session.completed", payment, intent="pi_9")
    with django_capture_on_commit_callbacks(execute=True):
        responses = [deliver(client, event).status_code for _ in range(5)]
    assert responses == [200] * 5
    assert _state(registration, payment) == (S.CONFIRMED, PaymentStatus.PAID)
    assert payment.stripe_payment_intent == "pi_9"
    assert StripeEvent.objects.count() == 1
    assert [m.subject for m in mailoutbox].count(mailoutbox[0].subject) == 1


def _deliver_until_done(client, events):
    """Stripe retries whatever is not 2xx; deliver until everything is accepted."""
    pending = list(events)
    for _round in range(len(pending) + 1):
        pending = [e for e in pending if deliver(client, e).status_code != 200]
        if not pending:
            return
    raise AssertionError(f"never accepted: {pending}")


ORDERINGS = list(itertools.permutations(["completed", "expired", "refunded"]))


@pytest.mark.parametrize("order", ORDERINGS, ids="-".join)
def test_any_order_and_five_replays_end_like_one_clean_delivery(
    client, index, fake_stripe, order
):
    _event, registration, payment = _paid_registration(index, fake_stripe, capacity=5)
    events = {
        "completed": session_event("checkout.session.completed", payment),
        "expired": session_event("checkout.session.expired", payment, paid=False),
        "refunded": refund_event(),
    }
    _deliver_until_done(client, [events[name] for name in order for _ in range(5)])
    assert _state(registration, payment) == (S.REFUNDED, PaymentStatus.REFUNDED)
    assert payment.refunded_paise == 150000


def test_expired_then_completed_is_confirmed_like_completed_alone(
    client, index, fake_stripe
):
    _event, registration, payment = _paid_registration(index, fake_stripe)
    deliver(client, session_event("checkout.session.expired", payment, paid=False))
    assert _state(registration, payment) == (S.EXPIRED, PaymentStatus.EXPIRED)
    deliver(client, session_event("checkout.session.completed", payment))
    assert _state(registration, payment) == (S.CONFIRMED, PaymentStatus.PAID)
    deliver(client, session_event("checkout.session.expired", payment, paid=False))
    assert _state(registration, payment) == (S.CONFIRMED, PaymentStatus.PAID)


def test_payment_after_the_seat_went_to_someone_else_is_refunded(
    client, index, fake_stripe, mailoutbox, django_capture_on_commit_callbacks
):
    event, registration, payment = _paid_registration(index, fake_stripe, capacity=1)
    later = registration.expires_at + dt.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        someone = register(event, now=later)  # the lapsed hold frees the only seat
    assert someone.status == S.PENDING_PAYMENT
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        deliver(client, session_event("checkout.session.completed", payment))
    assert _state(registration, payment) == (S.EXPIRED, PaymentStatus.REFUND_PENDING)
    [(form, _headers)] = fake_stripe.calls("/v1/refunds")
    assert form["payment_intent"] == "pi_1"
    assert "refunding it in full" in mailoutbox[0].body
    deliver(client, refund_event())
    assert _state(registration, payment) == (S.REFUNDED, PaymentStatus.REFUNDED)


def test_payment_after_release_is_honoured_when_a_seat_is_free(
    client, index, fake_stripe
):
    _event, registration, payment = _paid_registration(index, fake_stripe, capacity=2)
    Registration.objects.filter(pk=registration.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    deliver(client, session_event("checkout.session.completed", payment))
    assert _state(registration, payment) == (S.CONFIRMED, PaymentStatus.PAID)


def test_async_payment_waits_then_succeeds_or_releases(client, index, fake_stripe):
    _event, registration, payment = _paid_registration(index, fake_stripe)
    deliver(client, session_event("checkout.session.completed", payment, paid=False))
    assert _state(registration, payment) == (S.PENDING_PAYMENT, PaymentStatus.CREATED)
    deliver(
        client,
        session_event("checkout.session.async_payment_failed", payment, paid=False),
    )
    assert _state(registration, payment) == (S.EXPIRED, PaymentStatus.FAILED)


def test_cancel_then_refund_webhook_marks_refunded(client, index, fake_stripe):
    _event, registration, payment = _paid_registration(index, fake_stripe)
    deliver(client, session_event("checkout.session.completed", payment))
    registration.refresh_from_db()
    cancel_registration(registration, by=registration.user)
    deliver(client, refund_event())
    assert _state(registration, payment) == (S.REFUNDED, PaymentStatus.REFUNDED)


def test_events_we_do_not_handle_get_200(client, fake_stripe, db):
    registration_states = list(Registration.objects.values_list("status", flat=True))
    response = deliver(client, {"id": "evt_x", "type": "customer.created", "data": {}})
    assert response.status_code == 200
    # Recorded once (a repeat is "already applied"), and nothing else changed.
    assert list(StripeEvent.objects.values_list("stripe_id", flat=True)) == ["evt_x"]
    assert list(Registration.objects.values_list("status", flat=True)) == (
        registration_states
    )
    again = deliver(client, {"id": "evt_x", "type": "customer.created", "data": {}})
    assert again.content == b"already applied"
