"""Stripe: the only module that imports `stripe`.

Checkout Sessions in INR for paid registrations, refunds, and webhook signature
checks. `STRIPE_API_BASE` points the library at another server (tests use a
fake Stripe API served by pytest-httpserver).
"""

import datetime as dt
import json
import logging

import stripe
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .enums import PaymentStatus, RegistrationStatus
from .models import EventPage, Payment, Registration

logger = logging.getLogger("coe.events.payments")

# Stripe refuses a Checkout Session that lives less than 30 minutes.
MIN_SESSION = dt.timedelta(minutes=30, seconds=30)


class PaymentError(Exception):
    """Stripe could not be reached or refused the request."""


class BadSignature(Exception):
    """A webhook whose signature is missing or wrong."""


class MalformedEvent(Exception):
    """A signed webhook body that is not an event as Stripe sends them."""


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def _configure() -> None:
    stripe.api_key = settings.STRIPE_SECRET_KEY
    if settings.STRIPE_API_BASE:
        stripe.api_base = settings.STRIPE_API_BASE.rstrip("/")
    stripe.max_network_retries = 2


def start_checkout(
    registration: Registration, *, success_url: str, cancel_url: str
) -> str:
    """The Checkout Session address for a registration awaiting payment.

    One session per hold: asking again returns the same session (the
    idempotency key names the registration and its hold). The session expires
    with the hold.
    """
    if registration.status != RegistrationStatus.PENDING_PAYMENT:
        raise PaymentError("registration is not awaiting payment")
    now = timezone.now()
    existing = (
        Payment.objects.filter(
            registration=registration,
            status=PaymentStatus.CREATED,
            expires_at__gt=now,
        )
        .exclude(checkout_url="")
        .first()
    )
    if existing is not None:
        return existing.checkout_url
    event = registration.event
    expires_at = registration.expires_at or now
    if expires_at - now < MIN_SESSION:
        # The hold is about to lapse before the first session: give it a session's life.
        expires_at = now + MIN_SESSION
        Registration.objects.filter(pk=registration.pk).update(expires_at=expires_at)
    _configure()
    try:
        session = stripe.checkout.Session.create(
            mode="payment",
            currency="inr",
            line_items=[
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": "inr",
                        "unit_amount": event.price_paise,
                        "product_data": {"name": _title_for(registration)[:250]},
                    },
                }
            ],
            customer_email=registration.email,
            client_reference_id=str(registration.uuid),
            metadata={
                "registration": str(registration.uuid),
                "event": str(event.translation_key),
            },
            expires_at=int(expires_at.timestamp()),
            success_url=success_url,
            cancel_url=cancel_url,
            locale="auto",
            idempotency_key=f"checkout-{registration.uuid}-{int(expires_at.timestamp())}",
        )
    except stripe.StripeError as error:
        logger.warning("checkout for %s failed: %s", registration.uuid, error)
        raise PaymentError(str(error)) from error
    with transaction.atomic():
        payment, _created = Payment.objects.update_or_create(
            stripe_session_id=session.id,
            defaults={
                "registration": registration,
                "event": event,
                "amount_paise": event.price_paise,
                "currency": "inr",
                "checkout_url": session.url or "",
                "expires_at": expires_at,
            },
        )
    return payment.checkout_url


def _title_for(registration: Registration) -> str:
    """The event's title in the language the person registered in."""
    event = registration.event
    translated = (
        EventPage.objects.live()
        .filter(
            translation_key=event.translation_key,
            locale__language_code=registration.language,
        )
        .first()
    )
    return (translated or event).title


def expire_checkout(payment: Payment) -> None:
    """Close a payment's open Checkout Session at Stripe, so it can no longer be paid.

    A session Stripe already closed (paid or expired) answers an error: logged,
    not raised (a payment that lands anyway is refunded by the webhook).
    """
    _configure()
    try:
        stripe.checkout.Session.expire(payment.stripe_session_id)
    except stripe.InvalidRequestError as error:
        logger.info("session %s not expired: %s", payment.stripe_session_id, error)
    except stripe.StripeError as error:
        logger.warning("expiring session %s failed: %s", payment.pk, error)
        raise PaymentError(str(error)) from error


def refund(payment: Payment) -> None:
    """Ask Stripe to refund a payment in full (once: the key names the payment)."""
    if not payment.stripe_payment_intent:
        logger.warning("payment %s has no PaymentIntent to refund", payment.pk)
        return
    _configure()
    try:
        stripe.Refund.create(
            payment_intent=payment.stripe_payment_intent,
            metadata={"payment": str(payment.pk)},
            idempotency_key=f"refund-{payment.pk}",
        )
    except stripe.StripeError as error:
        logger.warning("refund of payment %s failed: %s", payment.pk, error)
        raise PaymentError(str(error)) from error


def parse_event(payload: bytes, signature: str | None) -> dict:
    """The verified webhook event as a dict; BadSignature when it is not Stripe's,
    MalformedEvent when it is signed but no event."""
    try:
        stripe.WebhookSignature.verify_header(
            payload,
            signature,
            settings.STRIPE_WEBHOOK_SECRET,
            stripe.Webhook.DEFAULT_TOLERANCE,
        )
    except (ValueError, stripe.SignatureVerificationError) as e:
        raise BadSignature(str(e)) from e
    try:
        event = json.loads(payload)
    except (ValueError, RecursionError) as e:
        # RecursionError: thousands of nested brackets.
        raise MalformedEvent("the body is not JSON") from e
    if not isinstance(event, dict):
        # Signed but no event (a list, a number): refused, never a server error.
        raise MalformedEvent("the body is not an event")
    return event
