"""A fake Stripe API (pytest-httpserver) and webhooks signed as Stripe signs them."""

import hashlib
import hmac
import itertools
import json
import re
import time
from urllib.parse import parse_qs

from werkzeug import Response

WEBHOOK_SECRET = "whsec_test_secret"  # noqa: S105 -- a test value
_ids = itertools.count(1)


class FakeStripe:
    def __init__(self, server):
        self.server = server
        self.requests = []
        self.fail = False
        server.expect_request(
            "/v1/checkout/sessions", method="POST"
        ).respond_with_handler(self._session)
        server.expect_request("/v1/refunds", method="POST").respond_with_handler(
            self._refund
        )
        server.expect_request(
            re.compile(r"^/v1/checkout/sessions/[^/]+/expire$"), method="POST"
        ).respond_with_handler(self._expire)

    def _record(self, request):
        form = {k: v[0] for k, v in parse_qs(request.get_data(as_text=True)).items()}
        self.requests.append((request.path, form, dict(request.headers)))
        return form

    def _json(self, data, status=200):
        return Response(
            json.dumps(data), status=status, content_type="application/json"
        )

    def _session(self, request):
        form = self._record(request)
        if self.fail:
            return self._json(
                {"error": {"type": "api_error", "message": "down"}}, status=500
            )
        session_id = f"cs_test_{next(_ids)}"
        return self._json(
            {
                "id": session_id,
                "object": "checkout.session",
                "url": f"https://checkout.stripe.com/c/pay/{session_id}",
                "expires_at": int(form["expires_at"]),
                "client_reference_id": form.get("client_reference_id"),
            }
        )

    def _expire(self, request):
        self._record(request)
        session_id = request.path.split("/")[-2]
        return self._json(
            {"id": session_id, "object": "checkout.session", "status": "expired"}
        )

    def expired_sessions(self):
        """The Checkout Sessions asked to expire, in order."""
        return [
            path.split("/")[-2]
            for path, _form, _headers in self.requests
            if path.endswith("/expire")
        ]

    def _refund(self, request):
        form = self._record(request)
        return self._json(
            {
                "id": f"re_{next(_ids)}",
                "object": "refund",
                "payment_intent": form.get("payment_intent"),
                "status": "succeeded",
            }
        )

    def calls(self, path):
        return [(form, headers) for p, form, headers in self.requests if p == path]


def install(httpserver, settings) -> FakeStripe:
    """Point the stripe library at a fake API on `httpserver` (use in a fixture)."""
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = httpserver.url_for("").rstrip("/")
    return FakeStripe(httpserver)


def sign(payload: str, secret: str = WEBHOOK_SECRET, timestamp=None) -> str:
    timestamp = int(timestamp or time.time())
    signed = f"{timestamp}.{payload}".encode()
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def stripe_event(kind: str, obj: dict, event_id=None) -> dict:
    return {
        "id": event_id or f"evt_{next(_ids)}",
        "object": "event",
        "type": kind,
        "data": {"object": obj},
    }


def session_event(
    kind, payment, *, paid=True, amount=None, currency=None, intent="pi_1"
):
    return stripe_event(
        kind,
        {
            "id": payment.stripe_session_id,
            "object": "checkout.session",
            "payment_status": "paid" if paid else "unpaid",
            "payment_intent": intent,
            "amount_total": payment.amount_paise if amount is None else amount,
            "currency": currency or payment.currency,
        },
    )


def refund_event(intent="pi_1", amount=150000):
    return stripe_event(
        "charge.refunded",
        {
            "id": f"ch_{next(_ids)}",
            "object": "charge",
            "payment_intent": intent,
            "amount_refunded": amount,
        },
    )


def deliver(client, event, *, secret=WEBHOOK_SECRET, signature=True):
    payload = json.dumps(event)
    headers = {"HTTP_STRIPE_SIGNATURE": sign(payload, secret)} if signature else {}
    return client.post(
        "/stripe/webhook/", payload, content_type="application/json", **headers
    )
