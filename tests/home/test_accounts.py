"""Accounts (allauth): verification, emails in the user's language, rate limits,
and the pages rendered in the site's layout in both languages."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings

from coe_site.settings import base as base_settings
from tests.factories.home import DEFAULT_PASSWORD, VerifiedUserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-fresh-and-long-passphrase"


def sign_up(client, email, prefix=""):
    return client.post(
        f"{prefix}/accounts/signup/",
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def code_in(message):
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.M).group(1)


def test_signup_requires_email_verification_before_sign_in(client):
    response = sign_up(client, "asha@example.in")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = get_user_model().objects.get(email="asha@example.in")
    assert not EmailAddress.objects.get(user=user).verified
    # Not signed in: account pages send the visitor to sign in.
    assert client.get("/accounts/email/")["Location"].startswith("/accounts/login/")
    # Signing in with the right password still stops at verification.
    response = client.post(
        "/accounts/login/", {"login": "asha@example.in", "password": NEW_PASSWORD}
    )
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/accounts/email/").status_code == 302


def test_confirming_the_emailed_link_verifies_and_signs_in(client):
    sign_up(client, "ravi@example.in")
    path = re.sub(r"^https?://[^/]+", "", link_in(mail.outbox[-1]))

    assert client.get(path).status_code == 200  # a page with a button, not a GET action
    assert not EmailAddress.objects.get(email="ravi@example.in").verified
    response = client.post(path)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="ravi@example.in").verified
    assert client.get("/accounts/email/").status_code == 200


def test_signup_in_hindi_sends_the_verification_email_in_hindi(client):
    sign_up(client, "meera@example.in", prefix="/hi")

    message = mail.outbox[-1]
    assert message.to == ["meera@example.in"]
    assert message.subject == "[AI CoE] कृपया अपने ईमेल पते की पुष्टि करें"
    assert "एआई सीओई स्टार्टअप कार्यक्रम की ओर से नमस्ते!" in message.body
    assert "पुष्टि करने के लिए यहाँ जाएँ" in message.body
    assert "/hi/accounts/confirm-email/" in link_in(message)
    assert (
        get_user_model().objects.get(email="meera@example.in").preferred_language
        == "hi"
    )


def test_signup_in_english_sends_the_verification_email_in_english(client):
    sign_up(client, "john@example.in")

    message = mail.outbox[-1]
    assert message.subject == "[AI CoE] Please Confirm Your Email Address"
    assert "Hello from AI CoE Startup Programme!" in message.body
    assert "/accounts/confirm-email/" in link_in(message)
    assert "/hi/" not in link_in(message)


def test_login_code_email_is_in_the_language_of_the_page(client, user):
    response = client.post("/hi/accounts/login/code/", {"email": user.email})

    assert response["Location"] == "/hi/accounts/login/code/confirm/"
    message = mail.outbox[-1]
    assert message.subject == "[AI CoE] साइन-इन कोड"
    assert "आपका साइन-इन कोड नीचे दिया गया है" in message.body
    code = code_in(message)
    response = client.post("/hi/accounts/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    assert client.get("/hi/accounts/email/").status_code == 200


def test_password_reset_email_is_in_hindi_from_the_hindi_page(client, user):
    client.post("/hi/accounts/password/reset/", {"email": user.email})

    message = mail.outbox[-1]
    assert message.subject == "[AI CoE] पासवर्ड रीसेट ईमेल"
    assert "/hi/accounts/password/reset/key/" in link_in(message)


def test_hindi_form_error_keeps_input_and_is_tied_to_its_field(client):
    response = client.post(
        "/hi/accounts/signup/",
        {"email": "priya@example.in", "password1": NEW_PASSWORD, "password2": "other"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="priya@example.in"' in html
    assert '<ul class="errorlist" id="id_password2_error">' in html
    assert "आपको दोनों बार एक ही पासवर्ड लिखना होगा।" in html
    password2 = re.search(r"<input[^>]*id=\"id_password2\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in password2
    assert 'aria-describedby="id_password2_error"' in password2


@pytest.mark.parametrize(
    ("password1", "password2"),
    [("12345", "54321"), ("password", "password"), ("", "")],
)
def test_every_sign_up_error_is_in_one_hindi(client, password1, password2):
    """Too short, numeric, common, mismatched, required, a bad email: Django's and
    allauth's messages in the glossary's words, no English, no कूटशब्द."""
    response = client.post(
        "/hi/accounts/signup/",
        {"email": "not-an-email", "password1": password1, "password2": password2},
    )
    html = response.content.decode()
    errors = " ".join(re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', html, re.S))
    text = re.sub(r"<[^>]+>", " ", errors)
    assert "ईमेल" in text
    assert not re.findall(r"[A-Za-z]{3,}", text), text
    for variant in ("कूटशब्द", "शब्दकूट", "डाक पता"):
        assert variant not in html


def test_wrong_password_shows_a_form_level_alert_in_hindi(client, user):
    response = client.post(
        "/hi/accounts/login/", {"login": user.email, "password": "not-the-password"}
    )

    html = response.content.decode()
    assert 'role="alert"' in html
    assert "आपका दिया हुआ ईमेल पता और/या पासवर्ड सही नहीं है।" in html
    assert f'value="{user.email}"' in html


def test_rate_limits_are_configured_for_every_sensitive_action():
    limits = base_settings.ACCOUNT_RATE_LIMITS
    for action in (
        "login",
        "login_failed",
        "signup",
        "reset_password",
        "reset_password_from_key",
        "confirm_email",
        "request_login_code",
        "change_password",
        "manage_email",
    ):
        assert limits.get(action), action


def test_repeated_failed_sign_ins_are_blocked_in_the_users_language(client, user):
    with override_settings(ACCOUNT_RATE_LIMITS=base_settings.ACCOUNT_RATE_LIMITS):
        for _ in range(5):
            client.post(
                "/hi/accounts/login/", {"login": user.email, "password": "wrong"}
            )
        # Now even the right password is refused for a while.
        response = client.post(
            "/hi/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD}
        )

    assert response.status_code == 200
    html = response.content.decode()
    assert "साइन इन करने के बहुत सारे प्रयास विफल हुए। कुछ देर बाद फिर से प्रयास करें।" in html


ANONYMOUS_PAGES = [
    "/accounts/signup/",
    "/accounts/login/",
    "/accounts/login/code/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
]
SIGNED_IN_PAGES = [
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/logout/",
]


def assert_account_page(html):
    assert html.count("<h1") == 1
    assert '<main id="main"' in html
    assert 'class="site-footer"' in html
    assert " style=" not in html  # the CSP forbids inline styles
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # and inline scripts


@pytest.mark.parametrize("prefix", ["", "/hi"])
@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_anonymous_account_pages_use_the_site_layout(client, prefix, path):
    response = client.get(prefix + path)

    assert response.status_code == 200
    assert_account_page(response.content.decode())


@pytest.mark.parametrize("prefix", ["", "/hi"])
@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_manage_pages_have_the_account_subnavigation(client, user, prefix, path):
    client.force_login(user)
    response = client.get(prefix + path)

    html = response.content.decode()
    assert response.status_code == 200
    assert_account_page(html)
    assert 'class="account-subnav"' in html
    assert 'aria-current="page"' in html


def test_hindi_account_pages_have_no_english_allauth_text(client, user):
    pages = {
        path: client.get("/hi" + path).content.decode() for path in ANONYMOUS_PAGES
    }
    client.force_login(user)
    pages.update(
        {path: client.get("/hi" + path).content.decode() for path in SIGNED_IN_PAGES}
    )
    for path, html in pages.items():
        main = html.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]
        text = re.sub(r"<[^>]+>|\{[^}]*\}", " ", main)
        english = [
            w for w in re.findall(r"[A-Za-z]{3,}", text) if w != "csrfmiddlewaretoken"
        ]
        assert not english, (path, english)


def test_password_reset_from_key_page_in_hindi(client, user):
    client.post("/hi/accounts/password/reset/", {"email": user.email})
    path = re.sub(r"^https?://[^/]+", "", link_in(mail.outbox[-1]))

    response = client.get(path, follow=True)
    html = response.content.decode()
    assert "पासवर्ड बदलें" in html
    assert_account_page(html)
    response = client.post(
        response.redirect_chain[-1][0] if response.redirect_chain else path,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )
    html = response.content.decode()
    assert "आपका पासवर्ड अब बदल गया है।" in html
    assert_account_page(html)


def test_change_email_page_shows_pending_address(client):
    user = VerifiedUserFactory()
    client.force_login(user)
    response = client.post(
        "/hi/accounts/email/",
        {"action_add": "", "email": "new@example.in"},
        follow=True,
    )

    html = response.content.decode()
    assert "new@example.in" in html
    assert "आपके ईमेल पते का सत्यापन अभी बाकी है।" in html
    assert_account_page(html)


def test_signing_in_and_out_in_hindi_stays_in_hindi(client, user):
    response = client.post(
        "/hi/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response["Location"] == "/hi/"

    assert client.post("/hi/accounts/logout/")["Location"] == "/hi/"


def test_signing_in_in_english_lands_on_the_english_home_page(client, user):
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response["Location"] == "/"
