"""The Stripe webhook: verify the signature, apply each event once, dispatch by type.

Confirmation of a paid registration comes only from here. A replay answers 200
and changes nothing; an event we do not handle answers 200 too. A refund whose
payment we have not seen yet answers 409, so that Stripe delivers it again later.
"""

import logging

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import registration as services
from .models import StripeEvent
from .payments import BadSignature, parse_event

logger = logging.getLogger("coe.events.payments")


class NotYet(Exception):
    """The event refers to something we have not recorded yet: retry later."""


def _session(event: dict) -> dict:
    return event["data"]["object"]


def checkout_completed(event: dict) -> None:
    session = _session(event)
    if session.get("payment_status") not in ("paid", "no_payment_required"):
        return  # an asynchronous method: wait for async_payment_succeeded
    services.payment_succeeded(
        session_id=session["id"],
        payment_intent=session.get("payment_intent") or "",
        amount_paise=session.get("amount_total") or 0,
    )


def async_payment_succeeded(event: dict) -> None:
    session = _session(event)
    services.payment_succeeded(
        session_id=session["id"],
        payment_intent=session.get("payment_intent") or "",
        amount_paise=session.get("amount_total") or 0,
    )


def async_payment_failed(event: dict) -> None:
    services.payment_released(session_id=_session(event)["id"], failed=True)


def checkout_expired(event: dict) -> None:
    services.payment_released(session_id=_session(event)["id"])


def charge_refunded(event: dict) -> None:
    charge = _session(event)
    done = services.payment_refunded(
        payment_intent=charge.get("payment_intent") or "",
        amount_refunded=charge.get("amount_refunded") or 0,
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


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = parse_event(request.body, request.headers.get("Stripe-Signature"))
        event_id, event_type = event["id"], event["type"]
    except (BadSignature, KeyError, TypeError) as error:
        logger.warning("rejected Stripe webhook: %s", error)
        return HttpResponse("bad signature", status=400, content_type="text/plain")
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
    except services.RegistrationError as error:
        logger.warning("Stripe event %s not applied: %s", event_id, error.message)
        return HttpResponse("ignored", content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
