"""Security headers on public, admin and file responses (issue 9)."""

import json

import pytest

from tests.factories.cohorts import ApplicationFactory, StartupFactory, create_cohort
from tests.home.test_production_settings import SECRET, run_python

pytestmark = pytest.mark.django_db

EVERYWHERE = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def assert_headers(response, csp=True):
    for name, value in EVERYWHERE.items():
        assert response.headers.get(name) == value, (name, response.headers)
    policy = response.headers.get("Content-Security-Policy", "")
    if csp:
        assert "default-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy


@pytest.mark.parametrize(
    "path", ["/", "/hi/", "/search/?q=ai", "/accounts/login/", "/no-such-page/"]
)
def test_headers_on_public_pages(client, home, path):
    assert_headers(client.get(path))


def test_headers_on_signed_in_pages(client, user):
    client.force_login(user)
    assert_headers(client.get("/dashboard/"))
    assert_headers(client.get("/accounts/2fa/"))


def test_headers_on_admin_pages(client, staff_user):
    """The admin keeps every header but the CSP: Wagtail needs inline scripts."""
    client.force_login(staff_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert_headers(response, csp=False)


def test_headers_on_private_file_downloads(client, user):
    application = ApplicationFactory(
        cohort=create_cohort(), startup=StartupFactory(owner=user)
    )
    client.force_login(user)
    for response in [
        client.get(f"/applications/{application.uuid}/pitch-deck/"),
        client.post("/dashboard/my-data/"),
    ]:
        assert response.status_code == 200
        assert_headers(response, csp=False)
        assert response["Content-Disposition"].startswith("attachment")
        assert (
            "no-store" in response["Cache-Control"]
            or "private" in (response["Cache-Control"])
        )


PRODUCTION_HEADERS = """
import django, json
django.setup()
from django.test import Client
client = Client()
out = {}
for path in ["/robots.txt", "/admin/", "/admin/login/"]:
    response = client.get(path, secure=True, headers={"host": "coe.example.in"})
    out[path] = dict(response.headers)
print(json.dumps(out))
"""


def test_production_hsts_on_public_and_admin_responses():
    result = run_python(
        PRODUCTION_HEADERS, SECRET_KEY=SECRET, ALLOWED_HOSTS="coe.example.in"
    )
    assert result.returncode == 0, result.stderr
    responses = json.loads(result.stdout.strip().splitlines()[-1])
    for path, headers in responses.items():
        hsts = headers.get("Strict-Transport-Security", "")
        assert hsts.startswith("max-age=31536000"), path
        assert "includeSubDomains" in hsts and "preload" in hsts, path
        assert headers.get("X-Content-Type-Options") == "nosniff", path
        assert headers.get("X-Frame-Options") == "DENY", path
