"""The Stripe webhook (events.webhooks): each event applied once, whatever arrives.

Webhooks are signed as Stripe signs them and sent to the real endpoint; the
answer tells Stripe whether to deliver again (only a 2xx stops it).
"""

import json

import pytest

from events import webhooks
from events.enums import PaymentStatus, RegistrationStatus
from events.models import Payment, Registration, StripeEvent
from events.payments import start_checkout
from events.registration import RegistrationError
from tests.events.fake_stripe import (
    deliver,
    refund_event,
    session_event,
    sign,
    stripe_event,
)
from tests.factories.events import make_event, register

S = RegistrationStatus
P = PaymentStatus

pytestmark = pytest.mark.django_db


def checkout(index, *, capacity=2, price=150000):
    event = make_event(index, price_paise=price, capacity=capacity)
    registration = register(event)
    start_checkout(
        registration,
        success_url="http://testserver/ok/",
        cancel_url="http://testserver/no/",
    )
    return registration, Payment.objects.get(registration=registration)


def state(registration, payment):
    registration.refresh_from_db()
    payment.refresh_from_db()
    return registration.status, payment.status


def answer(response):
    return response.status_code, response.content.decode()


def test_a_session_needing_no_payment_confirms(client, index, fake_stripe):
    registration, payment = checkout(index)
    event = session_event("checkout.session.completed", payment)
    event["data"]["object"]["payment_status"] = "no_payment_required"
    assert answer(deliver(client, event)) == (200, "ok")
    assert state(registration, payment) == (S.CONFIRMED, P.PAID)


def test_an_unpaid_completed_session_waits_and_is_recorded(client, index, fake_stripe):
    registration, payment = checkout(index)
    event = session_event("checkout.session.completed", payment, paid=False)
    assert answer(deliver(client, event)) == (200, "ok")
    assert state(registration, payment) == (S.PENDING_PAYMENT, P.CREATED)
    assert StripeEvent.objects.filter(stripe_id=event["id"]).exists()


@pytest.mark.parametrize(
    "kind", ["checkout.session.completed", "checkout.session.async_payment_succeeded"]
)
def test_a_payment_records_the_intent_and_the_amount_paid(
    client, index, fake_stripe, kind
):
    registration, payment = checkout(index)
    other, theirs = checkout(index)
    event = session_event(kind, payment, intent="pi_42", amount=150000)
    assert answer(deliver(client, event)) == (200, "ok")
    assert state(registration, payment) == (S.CONFIRMED, P.PAID)
    assert (payment.stripe_payment_intent, payment.amount_paise) == ("pi_42", 150000)
    assert state(other, theirs) == (S.PENDING_PAYMENT, P.CREATED)


@pytest.mark.parametrize(
    "kind", ["checkout.session.completed", "checkout.session.async_payment_succeeded"]
)
@pytest.mark.parametrize("missing", ["amount_total", "currency"])
def test_a_payment_without_amount_or_currency_confirms_nothing(
    client, index, fake_stripe, kind, missing
):
    """What Stripe took cannot be checked: nothing is confirmed, the price stays
    (tests/security/test_stripe_webhook.py has the rest of the rule)."""
    registration, payment = checkout(index)
    event = session_event(kind, payment)
    del event["data"]["object"]["payment_intent"]
    del event["data"]["object"][missing]
    deliver(client, event)
    assert state(registration, payment) == (S.EXPIRED, P.REFUND_PENDING)
    assert (payment.stripe_payment_intent, payment.amount_paise) == ("", 150000)


def test_an_expired_session_releases_the_seat(client, index, fake_stripe):
    registration, payment = checkout(index)
    event = session_event("checkout.session.expired", payment, paid=False)
    assert answer(deliver(client, event)) == (200, "ok")
    assert state(registration, payment) == (S.EXPIRED, P.EXPIRED)


def test_a_failed_async_payment_releases_the_seat(client, index, fake_stripe):
    registration, payment = checkout(index)
    event = session_event("checkout.session.async_payment_failed", payment, paid=False)
    assert answer(deliver(client, event)) == (200, "ok")
    assert state(registration, payment) == (S.EXPIRED, P.FAILED)


def test_a_refund_before_its_payment_is_asked_again_then_applied(
    client, index, fake_stripe
):
    registration, payment = checkout(index)
    refund = refund_event(intent="pi_5", amount=150000)
    assert answer(deliver(client, refund)) == (409, "not yet")
    assert not StripeEvent.objects.filter(stripe_id=refund["id"]).exists()
    deliver(client, session_event("checkout.session.completed", payment, intent="pi_5"))
    assert answer(deliver(client, refund)) == (200, "ok")
    assert state(registration, payment) == (S.REFUNDED, P.REFUNDED)
    assert payment.refunded_paise == 150000
    assert answer(deliver(client, refund)) == (200, "already applied")


def test_a_refund_without_amount_refunds_the_whole_payment(client, index, fake_stripe):
    registration, payment = checkout(index)
    deliver(client, session_event("checkout.session.completed", payment, intent="pi_6"))
    refund = refund_event(intent="pi_6")
    del refund["data"]["object"]["amount_refunded"]
    deliver(client, refund)
    assert state(registration, payment) == (S.REFUNDED, P.REFUNDED)
    assert payment.refunded_paise == 150000


def test_a_partial_refund_records_the_amount_and_keeps_the_seat(
    client, index, fake_stripe
):
    registration, payment = checkout(index)
    deliver(client, session_event("checkout.session.completed", payment, intent="pi_9"))
    assert answer(deliver(client, refund_event(intent="pi_9", amount=50000))) == (
        200,
        "ok",
    )
    assert state(registration, payment) == (S.CONFIRMED, P.PAID)
    assert (payment.refunded_paise, payment.amount_paise) == (50000, 150000)
    # The rest refunded later: the charge's total reaches the amount paid.
    deliver(client, refund_event(intent="pi_9", amount=150000))
    assert state(registration, payment) == (S.REFUNDED, P.REFUNDED)


def test_a_refund_without_intent_is_asked_again(client, index, fake_stripe):
    _registration, payment = checkout(index)
    Payment.objects.filter(pk=payment.pk).update(status=P.PAID)  # no intent known
    refund = refund_event()
    del refund["data"]["object"]["payment_intent"]
    assert answer(deliver(client, refund)) == (409, "not yet")
    payment.refresh_from_db()
    assert payment.status == P.PAID


def test_an_event_applied_once_whatever_the_number_of_deliveries(
    client, index, fake_stripe
):
    registration, payment = checkout(index)
    completed = session_event("checkout.session.completed", payment, intent="pi_8")
    expired = session_event("checkout.session.expired", payment, paid=False)
    answers = [answer(deliver(client, e)) for e in (completed, expired, completed)]
    assert answers == [(200, "ok"), (200, "ok"), (200, "already applied")]
    assert state(registration, payment) == (S.CONFIRMED, P.PAID)
    assert StripeEvent.objects.count() == 2
    types = set(StripeEvent.objects.values_list("type", flat=True))
    assert types == {"checkout.session.completed", "checkout.session.expired"}


def test_an_event_we_do_not_handle_is_recorded_once(client, db, fake_stripe):
    event = stripe_event("customer.created", {"id": "cus_1"})
    assert answer(deliver(client, event)) == (200, "ok")
    assert answer(deliver(client, event)) == (200, "already applied")
    assert StripeEvent.objects.get().type == "customer.created"


def test_an_event_refused_by_the_rules_is_ignored_and_not_recorded(
    client, index, fake_stripe, monkeypatch
):
    registration, payment = checkout(index)

    def refuse(**_kwargs):
        Registration.objects.filter(pk=registration.pk).update(status=S.CANCELLED)
        raise RegistrationError("no")

    monkeypatch.setattr(webhooks.services, "payment_succeeded", refuse)
    event = session_event("checkout.session.completed", payment)
    assert answer(deliver(client, event)) == (200, "ignored")
    assert not StripeEvent.objects.exists()
    assert state(registration, payment) == (S.PENDING_PAYMENT, P.CREATED)


@pytest.mark.parametrize(
    "body",
    [{"type": "charge.refunded"}, {"id": "evt_1"}, ["not", "an", "event"], "{"],
    ids=["no id", "no type", "a list", "not json"],
)
def test_a_signed_body_that_is_no_event_is_refused(client, db, fake_stripe, body):
    payload = body if isinstance(body, str) else json.dumps(body)
    response = client.post(
        "/stripe/webhook/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload),
    )
    assert answer(response) == (400, "malformed event")
    assert not StripeEvent.objects.exists()
