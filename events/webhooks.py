"""The Stripe webhook: verify the signature, apply each event once, dispatch by type.

Confirmation of a paid registration comes only from here. A replay answers 200
and changes nothing; an event we do not handle answers 200 too. A refund whose
payment we have not seen yet answers 409, so that Stripe delivers it again later.
A signed body that is not an event as Stripe sends them (no object, ids longer
than we store, amounts that are not whole paise, JSON nested past Python's
limit) answers 400 "malformed event" and is not recorded; nothing answers 500.
"""

import logging

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import registration as services
from .models import StripeEvent
from .payments import BadSignature, MalformedEvent, parse_event

logger = logging.getLogger("coe.events.payments")


class NotYet(Exception):
    """The event refers to something we have not recorded yet: retry later."""


# The longest Stripe id we store (StripeEvent, Payment) and event type.
MAX_ID = 255
MAX_TYPE = 100
# More paise than any registration asks (PositiveIntegerField's limit).
MAX_AMOUNT = 2**31 - 1


def _text(value, limit: int, *, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value or len(value) > limit:
        raise MalformedEvent(f"not a text of at most {limit} characters")
    return value


def _amount(value) -> int | None:
    if value is None:
        return None
    # bool is an int in Python, never an amount in Stripe's events.
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedEvent("an amount that is not a whole number")
    if not 0 <= value <= MAX_AMOUNT:
        raise MalformedEvent("an amount out of range")
    return value


def _object(event: dict) -> dict:
    """`data.object` with an id, or MalformedEvent (answered 400, not recorded)."""
    data = event.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(obj, dict):
        raise MalformedEvent("data.object is not an object")
    _text(obj.get("id"), MAX_ID, required=True)
    return obj


def _paid(event: dict) -> None:
    session = _object(event)
    services.payment_succeeded(
        session_id=session["id"],
        payment_intent=_text(session.get("payment_intent"), MAX_ID),
        amount_paise=_amount(session.get("amount_total")),
        currency=_text(session.get("currency"), 3),
    )


def checkout_completed(event: dict) -> None:
    status = _text(_object(event).get("payment_status"), MAX_ID)
    if status not in ("paid", "no_payment_required"):
        return  # an asynchronous method: wait for async_payment_succeeded
    _paid(event)


def async_payment_succeeded(event: dict) -> None:
    _paid(event)


def async_payment_failed(event: dict) -> None:
    services.payment_released(session_id=_object(event)["id"], failed=True)


def checkout_expired(event: dict) -> None:
    services.payment_released(session_id=_object(event)["id"])


def charge_refunded(event: dict) -> None:
    charge = _object(event)
    done = services.payment_refunded(
        payment_intent=_text(charge.get("payment_intent"), MAX_ID),
        amount_refunded=_amount(charge.get("amount_refunded")) or 0,
    )
    if done is None:
        raise NotYet


HANDLERS = {
    "checkout.session.completed": checkout_completed,
    "checkout.session.async_payment_succeeded": async_payment_succeeded,
    "checkout.session.async_payment_failed": async_payment_failed,
    "checkout.session.expired": checkout_expired,
    "charge.refunded": charge_refunded,
}


def malformed(error: Exception) -> HttpResponse:
    """Signed but not an event we can read: Stripe never sends these, and
    sending it again will not help, yet a 400 says so plainly (never a 500)."""
    logger.warning("malformed Stripe webhook: %s", error)
    return HttpResponse("malformed event", status=400, content_type="text/plain")


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = parse_event(request.body, request.headers.get("Stripe-Signature"))
        event_id = _text(event.get("id"), MAX_ID, required=True)
        event_type = _text(event.get("type"), MAX_TYPE, required=True)
    except BadSignature as error:
        logger.warning("rejected Stripe webhook: %s", error)
        return HttpResponse("bad signature", status=400, content_type="text/plain")
    except MalformedEvent as error:
        return malformed(error)
    handler = HANDLERS.get(event_type)
    try:
        with transaction.atomic():
            # Recorded in the same transaction as its effects: a failure retries.
            try:
                with transaction.atomic():
                    StripeEvent.objects.create(stripe_id=event_id, type=event_type)
            except IntegrityError:
                return HttpResponse("already applied", content_type="text/plain")
            if handler is not None:
                handler(event)
    except NotYet:
        return HttpResponse("not yet", status=409, content_type="text/plain")
    except MalformedEvent as error:
        # Raised before any service ran; the event's record is rolled back.
        return malformed(error)
    except services.RegistrationError as error:
        logger.warning("Stripe event %s not applied: %s", event_id, error.message)
        return HttpResponse("ignored", content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
