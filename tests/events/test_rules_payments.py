"""Stripe Checkout and refunds (events.payments): the real library, the fake API.

Which session a payer is sent to, for how long it lives, what Stripe is asked
for, and which webhooks are believed.
"""

import datetime as dt
import json
from types import SimpleNamespace

import pytest
import stripe
from django.utils import timezone

from events import payments
from events.enums import PaymentStatus, RegistrationStatus
from events.models import Payment, Registration
from events.payments import (
    MIN_SESSION,
    BadSignature,
    MalformedEvent,
    PaymentError,
    is_configured,
    parse_event,
    refund,
    start_checkout,
)
from tests.events.fake_stripe import WEBHOOK_SECRET, sign
from tests.factories.events import make_event, register, translate

S = RegistrationStatus
P = PaymentStatus
NOW = timezone.now().replace(microsecond=0)
URLS = {"success_url": "http://testserver/ok/", "cancel_url": "http://testserver/no/"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen(monkeypatch):
    """Checkout sees the time NOW (the hold's length is then exact)."""
    monkeypatch.setattr(payments, "timezone", SimpleNamespace(now=lambda: NOW))


def hold(index, *, price=150000, title="Paid workshop", expires_in=None):
    event = make_event(index, price_paise=price, capacity=5, title=title)
    registration = register(event, now=NOW)
    if expires_in is not None:
        registration.expires_at = NOW + expires_in
        Registration.objects.filter(pk=registration.pk).update(
            expires_at=registration.expires_at
        )
    return event, registration


def sessions(fake_stripe):
    return [form for form, _headers in fake_stripe.calls("/v1/checkout/sessions")]


def test_is_configured_follows_the_secret_key(settings):
    settings.STRIPE_SECRET_KEY = ""
    assert not is_configured()
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    assert is_configured()


def test_checkout_asks_stripe_for_the_price_the_person_and_the_hold(
    index, fake_stripe, frozen
):
    event, registration = hold(index, title="T" * 255)
    url = start_checkout(registration, **URLS)
    [form] = sessions(fake_stripe)
    assert form["mode"] == "payment"
    assert form["currency"] == form["line_items[0][price_data][currency]"] == "inr"
    assert form["line_items[0][quantity]"] == "1"
    assert form["line_items[0][price_data][unit_amount]"] == "150000"
    assert form["line_items[0][price_data][product_data][name]"] == "T" * 250
    assert form["customer_email"] == registration.email
    assert form["metadata[event]"] == str(event.translation_key)
    assert form["success_url"] == URLS["success_url"]
    assert form["cancel_url"] == URLS["cancel_url"]
    assert form["locale"] == "auto"
    expiry = NOW + dt.timedelta(minutes=35)
    assert int(form["expires_at"]) == int(expiry.timestamp())
    payment = Payment.objects.get()
    assert url == payment.checkout_url
    assert (payment.registration, payment.event) == (registration, event)
    assert (payment.amount_paise, payment.currency, payment.status) == (
        150000,
        "inr",
        P.CREATED,
    )
    assert payment.expires_at == expiry
    assert payment.stripe_session_id.startswith("cs_test_")


def test_only_a_hold_goes_to_checkout(index, fake_stripe):
    event = make_event(index, price_paise=1000, capacity=1)
    registration = register(event, now=NOW)
    Registration.objects.filter(pk=registration.pk).update(status=S.EXPIRED)
    registration.refresh_from_db()
    with pytest.raises(PaymentError):
        start_checkout(registration, **URLS)
    assert sessions(fake_stripe) == []
    assert not Payment.objects.exists()


def test_a_hold_about_to_lapse_gets_a_whole_session_and_keeps_the_seat(
    index, fake_stripe, frozen
):
    _event, registration = hold(index, expires_in=MIN_SESSION - dt.timedelta(seconds=1))
    other_event, other = hold(index, expires_in=dt.timedelta(minutes=1))
    start_checkout(registration, **URLS)
    registration.refresh_from_db()
    assert registration.expires_at == NOW + MIN_SESSION
    [form] = sessions(fake_stripe)
    assert int(form["expires_at"]) == int((NOW + MIN_SESSION).timestamp())
    assert Payment.objects.get().expires_at == NOW + MIN_SESSION
    other.refresh_from_db()
    assert other.expires_at == NOW + dt.timedelta(minutes=1)  # untouched
    assert MIN_SESSION > dt.timedelta(minutes=30)  # Stripe's own minimum


def test_a_hold_of_exactly_a_session_is_not_lengthened(index, fake_stripe, frozen):
    _event, registration = hold(index, expires_in=MIN_SESSION)
    start_checkout(registration, **URLS)
    [form] = sessions(fake_stripe)
    assert int(form["expires_at"]) == int((NOW + MIN_SESSION).timestamp())
    registration.refresh_from_db()
    assert registration.expires_at == NOW + MIN_SESSION


def test_a_hold_without_expiry_gets_a_session(index, fake_stripe, frozen):
    _event, registration = hold(index)
    Registration.objects.filter(pk=registration.pk).update(expires_at=None)
    registration.refresh_from_db()
    start_checkout(registration, **URLS)
    registration.refresh_from_db()
    assert registration.expires_at == NOW + MIN_SESSION


def test_asking_again_returns_the_open_session_of_this_hold_only(
    index, fake_stripe, frozen
):
    _event, registration = hold(index)
    _other_event, other = hold(index)
    first = start_checkout(registration, **URLS)
    assert start_checkout(registration, **URLS) == first
    assert start_checkout(other, **URLS) != first
    assert len(sessions(fake_stripe)) == 2


@pytest.mark.parametrize(
    "stale",
    [
        {"status": P.EXPIRED},
        {"status": P.FAILED},
        {"expires_at": NOW},
        {"checkout_url": ""},
    ],
    ids=["expired", "failed", "lapsed at now", "no address"],
)
def test_a_session_that_cannot_be_paid_is_replaced(index, fake_stripe, frozen, stale):
    _event, registration = hold(index)
    first = start_checkout(registration, **URLS)
    Payment.objects.filter(checkout_url=first).update(**stale)
    second = start_checkout(registration, **URLS)
    assert second != first
    assert len(sessions(fake_stripe)) == 2


def test_stripe_down_raises_and_stores_no_payment(
    index, fake_stripe, monkeypatch, frozen
):
    monkeypatch.setattr(stripe._http_client.HTTPClient, "INITIAL_DELAY", 0)
    monkeypatch.setattr(stripe._http_client.HTTPClient, "MAX_DELAY", 0)
    fake_stripe.fail = True
    _event, registration = hold(index)
    with pytest.raises(PaymentError):
        start_checkout(registration, **URLS)
    assert not Payment.objects.exists()
    # The library retries twice (with the same idempotency key) before giving up.
    keys = {
        h["Idempotency-Key"] for _f, h in fake_stripe.calls("/v1/checkout/sessions")
    }
    assert len(sessions(fake_stripe)) == 3
    assert len(keys) == 1


def test_an_api_base_with_a_trailing_slash_works(index, fake_stripe, settings, frozen):
    settings.STRIPE_API_BASE += "/"
    _event, registration = hold(index)
    assert start_checkout(registration, **URLS).startswith("https://checkout.stripe")


def test_without_an_api_base_the_library_talks_to_stripe_itself(settings):
    # Production sets no STRIPE_API_BASE: the library keeps Stripe's address.
    settings.STRIPE_SECRET_KEY = "sk_live_x"
    settings.STRIPE_API_BASE = ""
    payments._configure()
    assert (stripe.api_key, stripe.api_base) == ("sk_live_x", "https://api.stripe.com")


def test_expiring_a_checkout_sets_the_library_up_itself(
    index, fake_stripe, monkeypatch
):
    """The task worker may expire a session before anything else in its process
    talked to Stripe: expire_checkout configures the library itself (without,
    it would ask no server, or Stripe's own without a key)."""
    monkeypatch.setattr(stripe, "api_key", None)
    monkeypatch.setattr(stripe, "api_base", "http://127.0.0.1:9")
    monkeypatch.setattr(stripe, "max_network_retries", 0)
    payment = Payment.objects.create(
        event=make_event(index, price_paise=1000),
        amount_paise=1000,
        stripe_session_id="cs_open",
        status=P.EXPIRED,
    )
    payments.expire_checkout(payment)
    assert fake_stripe.expired_sessions() == ["cs_open"]


def test_expiring_a_checkout_stripe_cannot_reach_raises_so_the_task_retries(
    index, fake_stripe, settings, monkeypatch
):
    """Stripe down (500s) is not 'already closed': the task fails and is retried,
    or the session could still be paid."""
    monkeypatch.setattr(stripe._http_client.HTTPClient, "INITIAL_DELAY", 0)
    monkeypatch.setattr(stripe._http_client.HTTPClient, "MAX_DELAY", 0)
    settings.STRIPE_API_BASE += "/down"  # the fake answers 500 there
    payment = Payment(pk=5, amount_paise=1000, stripe_session_id="cs_open")
    with pytest.raises(PaymentError):
        payments.expire_checkout(payment)


def test_checkout_names_its_own_event_in_the_buyers_language(index, fake_stripe):
    """Among several events with a Hindi version, the one registered for."""
    for slug, title, hindi_title in [
        ("first", "Speech workshop", "वाक् कार्यशाला"),
        ("second", "Vision seminar", "दृष्टि संगोष्ठी"),
    ]:
        event = make_event(index, slug=slug, title=title, price_paise=1000)
        translate(event, title=hindi_title)
    registration = register(event, language="hi", now=NOW)
    start_checkout(registration, **URLS)
    [form] = sessions(fake_stripe)
    assert form["line_items[0][price_data][product_data][name]"] == "दृष्टि संगोष्ठी"


def test_refund_asks_stripe_once_per_payment(index, fake_stripe):
    event = make_event(index, price_paise=1000)
    payment = Payment.objects.create(
        event=event,
        amount_paise=1000,
        stripe_session_id="cs_1",
        stripe_payment_intent="pi_7",
        status=P.REFUND_PENDING,
    )
    refund(payment)
    [(form, headers)] = fake_stripe.calls("/v1/refunds")
    assert form["payment_intent"] == "pi_7"
    assert form["metadata[payment]"] == str(payment.pk)
    assert headers["Idempotency-Key"] == f"refund-{payment.pk}"


def test_refund_without_a_payment_intent_asks_nothing(index, fake_stripe):
    payment = Payment(pk=5, amount_paise=1000, stripe_payment_intent="")
    refund(payment)
    assert fake_stripe.calls("/v1/refunds") == []


def test_refund_refused_by_stripe_raises(index, fake_stripe, settings, monkeypatch):
    monkeypatch.setattr(stripe._http_client.HTTPClient, "INITIAL_DELAY", 0)
    monkeypatch.setattr(stripe._http_client.HTTPClient, "MAX_DELAY", 0)
    settings.STRIPE_API_BASE += "/down"  # the fake answers 500 there
    payment = Payment(pk=5, amount_paise=1000, stripe_payment_intent="pi_1")
    with pytest.raises(PaymentError):
        refund(payment)


def _signed(event: dict):
    payload = json.dumps(event)
    return payload.encode(), sign(payload)


def test_a_signed_event_is_read(settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    payload, signature = _signed({"id": "evt_1", "type": "x"})
    assert parse_event(payload, signature) == {"id": "evt_1", "type": "x"}


@pytest.mark.parametrize("problem", ["no signature", "no secret", "not utf-8", "old"])
def test_an_event_not_from_stripe_is_refused(settings, problem):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    payload, signature = _signed({"id": "evt_1", "type": "x"})
    if problem == "no signature":
        signature = ""
    elif problem == "no secret":
        settings.STRIPE_WEBHOOK_SECRET = ""
    elif problem == "not utf-8":
        payload = b"\xff" + payload
        signature = sign(payload.decode("latin-1"))
    else:
        signature = sign(payload.decode(), timestamp=1_000_000)
    with pytest.raises(BadSignature):
        parse_event(payload, signature)


@pytest.mark.parametrize(
    "payload", ['["evt_1"]', "{", "[" * 5000 + "]" * 5000], ids=["list", "cut", "deep"]
)
def test_a_signed_body_that_is_no_event_is_malformed(settings, payload):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    with pytest.raises(MalformedEvent):
        parse_event(payload.encode(), sign(payload))
