"""Cookies are what SECURITY.md promises (issue 22: "secure, HTTP-only session and
CSRF cookies" was true of the session cookie only).

No script of ours reads the CSRF cookie: forms carry the token in a hidden field
and Wagtail's admin reads it from the page, so the cookie can be HTTP-only.
"""

from pathlib import Path

import pytest

from tests.home.test_production_settings import SECRET, loaded

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": SECRET,
    "ALLOWED_HOSTS": "coe.example.in",
    "ALLOW_LOCAL_CACHE": "true",
}
COOKIES = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
]


def test_security_md_promises_secure_http_only_session_and_csrf_cookies():
    text = " ".join((ROOT / "SECURITY.md").read_text().split())
    assert "secure, HTTP-only session and CSRF cookies" in text


def test_production_cookies_are_secure_and_http_only(settings_probe):
    values = loaded(settings_probe, *COOKIES, **PRODUCTION)
    assert values == dict.fromkeys(COOKIES, True)


@pytest.mark.django_db
def test_csrf_cookie_is_sent_http_only(client, home):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    cookie = response.cookies["csrftoken"]
    assert cookie["httponly"] is True
    # The form still carries the token: signing in works without the script.
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_no_script_of_ours_reads_the_csrf_cookie():
    readers = [
        path.relative_to(ROOT)
        for path in sorted((ROOT / "coe_site" / "static" / "js").glob("*.js"))
        if "csrftoken" in path.read_text() or "document.cookie" in path.read_text()
    ]
    assert readers == []
