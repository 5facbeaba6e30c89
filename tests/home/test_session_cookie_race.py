"""A late answer to a request made before signing in never signs the visitor out.

A page asks /me.json as it loads. On a slow connection (or a busy server) that
request may still be under way when the visitor submits the sign-in form; the
sign-in gives the session a new key and deletes the old one. The late /me.json
then finds no session under the old key, and Django's SessionMiddleware answers
"delete the session cookie", which the browser applies to the cookie it now
holds: the new, signed-in one. Seen through the production stack under load
(tests/browser/test_stack.py signed in with its second factor, then was sent to
the sign-in page).
"""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories.home import (
    DEFAULT_PASSWORD,
    VerifiedUserFactory,
    totp_code,
    with_totp,
)

pytestmark = pytest.mark.django_db

COOKIE = settings.SESSION_COOKIE_NAME


def browser_applies(client: Client, response) -> None:
    """What a browser does with the Set-Cookie headers of a late answer."""
    client.cookies.update(response.cookies)
    if COOKIE in response.cookies and response.cookies[COOKIE]["max-age"] == 0:
        del client.cookies[COOKIE]


def late(old_key: str, path: str, method: str = "get"):
    stale = Client()
    stale.cookies[COOKIE] = old_key
    return getattr(stale, method)(path)


def test_a_late_request_of_the_second_factor_page_keeps_the_new_session():
    user = VerifiedUserFactory()
    secret = with_totp(user)
    client = Client()
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    old_key = client.cookies[COOKIE].value
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.cookies[COOKIE].value != old_key

    # The /me.json the second-factor page asked for answers only now.
    answer = late(old_key, "/me.json")
    assert answer.json() == {"signed_in": False}
    browser_applies(client, answer)

    assert client.get("/me.json").json()["signed_in"] is True


@pytest.mark.parametrize("path", ["/me.json", "/accounts/login/", "/events/"])
def test_a_safe_request_with_a_session_that_is_gone_leaves_the_cookie_alone(path):
    answer = late("a-session-that-no-longer-exists", path)
    assert COOKIE not in answer.cookies


def test_signing_out_still_removes_the_cookie():
    user = VerifiedUserFactory()
    client = Client()
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    assert client.get("/me.json").json()["signed_in"] is True
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/me.json").json() == {"signed_in": False}
