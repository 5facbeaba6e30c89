"""Signing in while the page's /me.json is still under way keeps the visitor
signed in (home.middleware.StaleSessionCookieMiddleware).

Seen through the production stack under the suite's load
(tests/browser/test_stack.py): the second-factor page asks /me.json as it
loads; the editor's code is accepted first, which gives the session a new key
and deletes the old one; the late /me.json, for the old session, then answered
"delete the session cookie", and the browser deleted the new, signed-in one
while the next page was on its way. Here the server plays that order on
purpose: /me.json waits until the code is accepted, and the next page waits
until /me.json has answered.
"""

import threading

import pytest
from django.core.handlers.base import BaseHandler

from tests.factories.home import (
    DEFAULT_PASSWORD,
    VerifiedUserFactory,
    totp_code,
    with_totp,
)

pytestmark = [pytest.mark.browser]

WAIT = 15


@pytest.fixture
def slow_order(monkeypatch):
    """The server answers in the order of the race, whatever the timing."""
    signed_in = threading.Event()
    late_answered = threading.Event()
    seen = []
    get_response = BaseHandler.get_response

    def ordered(handler, request):
        path, referer = request.path, request.META.get("HTTP_REFERER", "")
        if path == "/me.json" and "/2fa/authenticate/" in referer:
            signed_in.wait(WAIT)
            response = get_response(handler, request)
            seen.append(response.cookies.output())
            late_answered.set()
            return response
        if path == "/" and "/2fa/authenticate/" in referer:
            late_answered.wait(WAIT)
            return get_response(handler, request)
        response = get_response(handler, request)
        if path == "/accounts/2fa/authenticate/" and request.method == "POST":
            signed_in.set()
        return response

    monkeypatch.setattr(BaseHandler, "get_response", ordered)
    return seen


def test_a_late_me_json_after_signing_in_leaves_the_visitor_signed_in(
    page, live_server, transactional_db, slow_order
):
    user = VerifiedUserFactory()
    secret = with_totp(user)
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("form.form--login button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.locator("#id_code").fill(totp_code(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")
    assert len(slow_order) == 1, "the second-factor page's /me.json answered late"

    assert page.evaluate(
        "() => fetch('/me.json').then((r) => r.json()).then((d) => d.signed_in)"
    )
    assert page.goto("/dashboard/").url == f"{live_server.url}/dashboard/"
