"""The Stripe webhook under signed but wrong events (issue 22, security round 3).

Every event here is signed with the webhook secret, as Stripe signs: the
signature holds, so only the code that reads the event stands between a
malformed or dishonest body and the registrations.
"""

import json

import pytest
from django.core import mail

from events.enums import PaymentStatus, RegistrationStatus
from events.models import Payment, StripeEvent
from events.payments import start_checkout
from tests.events.conftest import fake_stripe, index  # noqa: F401 -- shared fixtures
from tests.events.fake_stripe import deliver, session_event, sign, stripe_event
from tests.factories.events import make_event, register

S = RegistrationStatus
P = PaymentStatus

pytestmark = pytest.mark.django_db

PRICE = 100000  # ₹1,000


def checkout(index, *, language="en"):  # noqa: F811 -- the fixture, passed in
    event = make_event(index, title="Speech data workshop", price_paise=PRICE)
    registration = register(event, language=language)
    start_checkout(
        registration,
        success_url="http://testserver/ok/",
        cancel_url="http://testserver/no/",
    )
    return registration, Payment.objects.get(registration=registration)


def post_signed(client, payload: str):
    return client.post(
        "/stripe/webhook/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload),
    )


def answer(response):
    return response.status_code, response.content.decode()


# --- malformed events: 400, never 500, nothing recorded ----------------------------

COMPLETED = "checkout.session.completed"


def malformed(variant: str, payment) -> str:
    event = session_event(COMPLETED, payment)
    if variant == "no data":
        del event["data"]
    elif variant == "data not an object":
        event["data"] = "x"
    elif variant == "object a list":
        event["data"]["object"] = [event["data"]["object"]]
    elif variant == "object a string":
        event["data"]["object"] = "cs_test"
    elif variant == "object without id":
        del event["data"]["object"]["id"]
    elif variant == "object id a number":
        event["data"]["object"]["id"] = 12
    elif variant == "300-character id":
        event["id"] = "evt_" + "x" * 296
    elif variant == "300-character type":
        event["type"] = "checkout." + "x" * 291
    elif variant == "300-character object id":
        event["data"]["object"]["id"] = "cs_" + "x" * 297
    elif variant == "300-character payment intent":
        event["data"]["object"]["payment_intent"] = "pi_" + "x" * 297
    elif variant == "amount a string":
        event["data"]["object"]["amount_total"] = "100000"
    elif variant == "amount too large":
        event["data"]["object"]["amount_total"] = 10**30
    elif variant == "currency a list":
        event["data"]["object"]["currency"] = ["inr"]
    elif variant == "nested brackets":
        return "[" * 5000 + "]" * 5000
    return json.dumps(event)


VARIANTS = [
    "no data",
    "data not an object",
    "object a list",
    "object a string",
    "object without id",
    "object id a number",
    "300-character id",
    "300-character type",
    "300-character object id",
    "300-character payment intent",
    "amount a string",
    "amount too large",
    "currency a list",
    "nested brackets",
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_webhook_signed_malformed_event_is_400_and_changes_nothing(
    client,
    index,  # noqa: F811 -- the fixture
    fake_stripe,  # noqa: F811 -- the fixture
    variant,
):
    registration, payment = checkout(index)
    response = post_signed(client, malformed(variant, payment))
    assert answer(response) == (400, "malformed event")
    assert not StripeEvent.objects.exists()
    registration.refresh_from_db()
    payment.refresh_from_db()
    assert (registration.status, payment.status) == (S.PENDING_PAYMENT, P.CREATED)


@pytest.mark.parametrize(
    "obj", [None, "x", []], ids=["no data", "data a string", "data a list"]
)
def test_webhook_unknown_type_without_data_is_answered_and_ignored(
    client,
    db,
    fake_stripe,  # noqa: F811 -- the fixture
    obj,
):
    event = {"id": "evt_odd", "object": "event", "type": "customer.created"}
    if obj is not None:
        event["data"] = obj
    assert answer(post_signed(client, json.dumps(event))) == (200, "ok")


def at_the_limit(field: str, value) -> dict:
    """A paid-session event for no known payment, with one field set to `value`."""
    session = {
        "id": "cs_unknown",
        "object": "checkout.session",
        "payment_status": "paid",
        "payment_intent": "pi_1",
        "amount_total": 100,
        "currency": "inr",
    }
    event = stripe_event(COMPLETED, session)
    if field.startswith("event "):
        event[field.removeprefix("event ")] = value
    else:
        session[field] = value
    return event


LIMITS = [
    ("event id", "e" * 255, "e" * 256),
    ("event type", "t" * 100, "t" * 101),
    ("id", "c" * 255, "c" * 256),
    ("payment_intent", "p" * 255, "p" * 256),
    ("amount_total", 2**31 - 1, 2**31),
    ("amount_total", 0, -1),
    ("currency", "inr", "inrr"),
]


@pytest.mark.parametrize(
    ("field", "longest", "too_long"),
    LIMITS,
    ids=[f"{field} {longest!s:.12}" for field, longest, _ in LIMITS],
)
def test_webhook_reads_each_field_up_to_its_limit_and_refuses_one_more(
    client,
    db,
    fake_stripe,  # noqa: F811 -- the fixture
    field,
    longest,
    too_long,
):
    """The limits are the columns' (a longer id would not fit in PostgreSQL: a
    500); one character or paisa more is a 400, the limit itself is read."""
    fits = at_the_limit(field, longest)
    assert answer(deliver(client, fits)) == (200, "ok")
    assert StripeEvent.objects.filter(stripe_id=fits["id"]).exists()
    over = at_the_limit(field, too_long)
    assert answer(deliver(client, over)) == (400, "malformed event")
    assert StripeEvent.objects.count() == 1


def test_webhook_refund_of_a_malformed_charge_is_400(
    client,
    db,
    fake_stripe,  # noqa: F811 -- the fixture
):
    event = stripe_event(
        "charge.refunded",
        {"id": "ch_1", "payment_intent": "pi_1", "amount_refunded": "all"},
    )
    assert answer(deliver(client, event)) == (400, "malformed event")


# --- money: a payment of another amount or currency never confirms ---------------


@pytest.mark.parametrize(
    ("amount", "currency"),
    [(100, "usd"), (100, "inr"), (PRICE, "usd"), (PRICE + 1, "inr"), (0, "inr")],
    ids=["amount and currency", "amount", "currency", "one paisa more", "nothing"],
)
def test_payment_of_another_amount_or_currency_is_refunded_not_confirmed(
    client,
    index,  # noqa: F811 -- the fixture
    fake_stripe,  # noqa: F811 -- the fixture
    django_capture_on_commit_callbacks,
    amount,
    currency,
):
    registration, payment = checkout(index)
    event = session_event(
        COMPLETED, payment, amount=amount, currency=currency, intent="pi_odd"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert answer(deliver(client, event)) == (200, "ok")
    registration.refresh_from_db()
    payment.refresh_from_db()
    # Not confirmed: the hold is released and the price stays what was asked.
    assert registration.status == S.EXPIRED
    assert (payment.status, payment.amount_paise, payment.currency) == (
        P.REFUND_PENDING,
        PRICE,
        "inr",
    )
    # Flagged for staff, with what arrived in the registration's history.
    assert registration.payment_mismatch
    change = registration.status_changes.last()
    assert change.to_status == S.EXPIRED
    assert f"{amount} {currency}" in change.note
    # Refunded through Stripe, in full, once.
    [(form, headers)] = fake_stripe.calls("/v1/refunds")
    assert form["payment_intent"] == "pi_odd"
    assert headers["Idempotency-Key"] == f"refund-{payment.pk}"
    # The attendee is told why, once, and gets no ticket.
    [email] = mail.outbox
    assert email.to == [registration.email]
    assert "did not match the price" in email.body
    assert "Ticket code" not in email.body


def test_payment_of_another_amount_is_told_in_the_attendees_language(
    client,
    index,  # noqa: F811 -- the fixture
    fake_stripe,  # noqa: F811 -- the fixture
    django_capture_on_commit_callbacks,
):
    registration, payment = checkout(index, language="hi")
    event = session_event(COMPLETED, payment, amount=100, currency="usd")
    with django_capture_on_commit_callbacks(execute=True):
        deliver(client, event)
    [email] = mail.outbox
    assert "धनवापसी" in email.subject
    assert "कीमत से मेल नहीं" in email.body
    assert "did not match" not in email.body


def test_payment_of_the_asked_amount_in_capitals_confirms(
    client,
    index,  # noqa: F811 -- the fixture
    fake_stripe,  # noqa: F811 -- the fixture
):
    registration, payment = checkout(index)
    event = session_event(COMPLETED, payment, amount=PRICE, currency="INR")
    assert answer(deliver(client, event)) == (200, "ok")
    registration.refresh_from_db()
    assert (registration.status, registration.payment_mismatch) == (S.CONFIRMED, False)
    assert not fake_stripe.calls("/v1/refunds")


def test_payment_mismatch_is_flagged_in_the_admin_listing(
    client,
    index,  # noqa: F811 -- the fixture
    fake_stripe,  # noqa: F811 -- the fixture
    staff_user,
):
    flagged, payment = checkout(index)
    fine, fine_payment = checkout(index)
    deliver(client, session_event(COMPLETED, payment, amount=100, currency="usd"))
    deliver(client, session_event(COMPLETED, fine_payment, intent="pi_2"))
    client.force_login(staff_user)
    listing = client.get("/admin/event_registrations/?payment_mismatch=true")
    page = listing.content.decode()
    assert flagged.name in page or flagged.email in page
    assert fine.email not in page
    everything = client.get("/admin/event_registrations/").content.decode()
    assert "Payment did not match" in everything


def test_late_payment_of_another_amount_is_refunded_and_keeps_the_seat_released(
    client,
    index,  # noqa: F811 -- the fixture
    fake_stripe,  # noqa: F811 -- the fixture
    django_capture_on_commit_callbacks,
):
    registration, payment = checkout(index)
    deliver(client, session_event("checkout.session.expired", payment, paid=False))
    event = session_event(COMPLETED, payment, amount=PRICE, currency="usd")
    with django_capture_on_commit_callbacks(execute=True):
        assert answer(deliver(client, event)) == (200, "ok")
    registration.refresh_from_db()
    payment.refresh_from_db()
    assert (registration.status, payment.status) == (S.EXPIRED, P.REFUND_PENDING)
    assert registration.payment_mismatch
    last = registration.status_changes.last()
    assert (last.from_status, last.to_status) == (S.EXPIRED, S.EXPIRED)
    assert f"{PRICE} usd" in last.note
    assert len(fake_stripe.calls("/v1/refunds")) == 1
    assert "did not match the price" in mail.outbox[-1].body
