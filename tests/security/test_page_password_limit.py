"""Passwords of private pages: tries are limited like sign-in (issue 9, item 8)."""

import pytest
from wagtail.models import PageViewRestriction

from coe_site.settings import base
from home.models import StandardPage

pytestmark = pytest.mark.django_db

WRONG = {"password": "guess", "return_url": "/"}


@pytest.fixture(autouse=True)
def limits_on(settings):
    """The limits of the shipped settings (the test settings turn allauth's off)."""
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS


@pytest.fixture
def secret_url(home):
    page = home.add_child(instance=StandardPage(title="Board papers", slug="board"))
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3same"
    )
    return f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


def test_page_password_sixth_try_in_five_minutes_is_refused(client, secret_url):
    for _ in range(5):
        response = client.post(secret_url, WRONG)
        assert response.status_code == 200
        assert "Too many" not in response.content.decode()
    response = client.post(secret_url, {"password": "s3same", "return_url": "/"})
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many password attempts" in html
    assert 'aria-invalid="true"' in html
    assert "Board papers" not in html


def test_page_password_limit_is_per_client(client, secret_url):
    for _ in range(6):
        client.post(secret_url, WRONG)
    response = client.post(
        secret_url, {"password": "s3same", "return_url": "/"}, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302
    assert "Board papers" in client.get("/board/").content.decode()


def test_page_password_limit_ends_after_five_minutes(client, secret_url):
    import time_machine

    with time_machine.travel("2026-11-27 10:00Z", tick=False) as traveller:
        for _ in range(6):
            client.post(secret_url, WRONG)
        traveller.shift(5 * 60 + 1)
        response = client.post(secret_url, {"password": "s3same", "return_url": "/"})
    assert response.status_code == 302
    assert "Board papers" in client.get("/board/").content.decode()


def test_page_password_limit_is_told_in_hindi(client, secret_url):
    for _ in range(5):
        client.post("/hi" + secret_url, WRONG)
    response = client.post("/hi" + secret_url, WRONG)
    assert response.status_code == 429
    assert "बहुत अधिक" in response.content.decode()


def test_page_password_right_first_time_lets_in(client, secret_url):
    response = client.post(secret_url, {"password": "s3same", "return_url": "/board/"})
    assert response.status_code == 302
    assert response["Location"] == "/board/"
    assert "Board papers" in client.get("/board/").content.decode()


def test_page_password_limit_behind_a_proxy_is_per_forwarded_client(
    client, secret_url, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _ in range(6):
        client.post(secret_url, WRONG, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert (
        client.post(secret_url, WRONG, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code
        == 429
    )
    response = client.post(
        secret_url,
        {"password": "s3same", "return_url": "/"},
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert response.status_code == 302
    assert "Board papers" in client.get("/board/").content.decode()
