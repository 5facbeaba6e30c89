"""Accounts in a real browser: every page passes axe in both languages, and the
journeys a person takes (sign up and verify, sign out and in, sign in by code).

The live server runs in the test process, so emails land in mail.outbox.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations
from tests.factories.home import DEFAULT_PASSWORD, VerifiedUserFactory

pytestmark = [pytest.mark.browser]

NEW_PASSWORD = "a-fresh-and-long-passphrase"


def path_of_link_in(message):
    url = re.search(r"https?://\S+", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def code_in(message):
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.M).group(1)


def assert_signed_in(page, email):
    """The account menu is the visitor's (on pages js/me.js fills it in)."""
    account_nav = page.get_by_role("navigation", name=re.compile("Account|खाता"))
    sign_out = account_nav.get_by_role("link", name=re.compile("Sign out|साइन आउट"))
    expect(sign_out).to_have_count(1)
    my_account = account_nav.get_by_role("link", name=re.compile("My account|मेरा"))
    expect(my_account).to_have_count(1)
    expect(account_nav.get_by_role("link", name=re.compile("^Sign in$"))).to_have_count(
        0
    )


ENTRANCE_PAGES = [
    "/accounts/signup/",
    "/accounts/login/",
    "/accounts/login/code/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
]


def assert_pages_pass_axe(page, paths, language):
    """Visit each page (one seeding for all) and report every failure at once."""
    failures = []
    for path in paths:
        response = page.goto(path)
        try:
            assert response.status == 200, f"{path} answered {response.status}"
            assert page.locator("h1").count() == 1, f"{path}: not one h1"
            assert page.locator("html").get_attribute("lang") == language
            assert_no_axe_violations(page)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("prefix", ["", "/hi", "/ta"])
def test_account_pages_have_no_axe_violations(page, demo_site, prefix):
    language = prefix[1:] or "en"
    assert_pages_pass_axe(page, [prefix + path for path in ENTRANCE_PAGES], language)

    # The same form showing errors.
    page.goto(f"{prefix}/accounts/signup/")
    page.locator("#id_email").fill("not-an-email")
    page.locator("#id_password1").fill("short")
    page.locator("#id_password2").fill("different")
    page.locator("form.form--signup button[type=submit]").click()
    page.wait_for_selector("[aria-invalid=true]")
    assert_no_axe_violations(page)

    # Signed in: the manage pages, with their sub-navigation.
    user = VerifiedUserFactory()
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("form.form--login button[type=submit]").click()
    page.wait_for_url(f"{prefix}/")
    manage_pages = [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/logout/",
    ]
    assert_pages_pass_axe(page, [prefix + path for path in manage_pages], language)
    for path in manage_pages:
        page.goto(prefix + path)
        current = page.locator("nav.account-subnav [aria-current=page]")
        assert current.get_attribute("href") == prefix + path


def test_sign_up_verify_sign_out_and_sign_in_again(page, demo_site):
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Email").fill("anita@example.in")
    page.get_by_label("Password", exact=False).first.fill(NEW_PASSWORD)
    page.get_by_label("Password (again)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()

    page.wait_for_url("**/accounts/confirm-email/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Verify Your Email Address"
    )
    assert len(mail.outbox) == 1
    page.goto(path_of_link_in(mail.outbox[0]))
    assert "anita@example.in" in page.locator("main").inner_text()
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url("/")
    assert page.get_by_role("status").get_by_text(
        "You have confirmed anita@example.in."
    )
    assert_signed_in(page, "anita@example.in")

    page.get_by_role("link", name="Sign out").click()
    page.wait_for_url("**/accounts/logout/")
    page.locator("main").get_by_role("button", name="Sign Out").click()
    page.wait_for_url("/")
    assert page.get_by_role("link", name="Sign in").count() == 1

    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill("anita@example.in")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.locator("main").get_by_role("button", name="Sign In").click()

    page.wait_for_url("/")
    assert page.get_by_text("Successfully signed in as anita@example.in.").count() == 1
    assert_signed_in(page, "anita@example.in")


def test_hindi_sign_up_journey_without_javascript(no_js_page, demo_site):
    page = no_js_page
    page.goto("/hi/accounts/signup/")
    page.get_by_label("ईमेल").fill("kavya@example.in")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="साइन अप करें").click()

    page.wait_for_url("**/hi/accounts/confirm-email/")
    assert page.locator("h1").inner_text() == "अपने ईमेल पते का सत्यापन करें"
    message = mail.outbox[-1]
    assert message.subject == "[AI CoE] कृपया अपने ईमेल पते की पुष्टि करें"
    page.goto(path_of_link_in(message))
    page.get_by_role("button", name="पुष्टि करें").click()

    page.wait_for_url("/hi/")
    assert page.get_by_text("आपने kavya@example.in की पुष्टि कर दी है।").count() == 1
    # Pages are the same for everybody; without JavaScript "Sign in" leads a
    # signed-in visitor to their dashboard.
    page.get_by_role("link", name="साइन इन", exact=True).click()
    page.wait_for_url("/hi/dashboard/")
    assert_signed_in(page, "kavya@example.in")


def test_sign_in_by_emailed_code(page, demo_site):
    user = VerifiedUserFactory()
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Send me a sign-in code").click()
    page.wait_for_url("**/accounts/login/code/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_role("button", name="Request Code").click()

    page.wait_for_url("**/accounts/login/code/confirm/")
    assert page.locator("h1").inner_text() == "Enter Sign-In Code"
    assert_no_axe_violations(page)
    page.get_by_label("Code").fill(code_in(mail.outbox[-1]))
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url("/")
    assert_signed_in(page, user.email)


def test_sign_in_by_code_in_hindi(page, demo_site):
    user = VerifiedUserFactory()
    page.goto("/hi/accounts/login/code/")
    page.get_by_label("ईमेल").fill(user.email)
    page.get_by_role("button", name="कोड मँगाएँ").click()

    page.wait_for_url("**/hi/accounts/login/code/confirm/")
    assert page.locator("h1").inner_text() == "साइन-इन कोड दर्ज करें"
    assert_no_axe_violations(page)
    assert mail.outbox[-1].subject == "[AI CoE] साइन-इन कोड"
    page.get_by_label("कोड").fill(code_in(mail.outbox[-1]))
    page.get_by_role("button", name="पुष्टि करें").click()

    page.wait_for_url("/hi/")
    assert_signed_in(page, user.email)


def test_hindi_form_errors_keep_input_and_sit_next_to_the_field(page, demo_site):
    page.goto("/hi/accounts/signup/")
    page.get_by_label("ईमेल").fill("leela@example.in")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill("something-else-entirely")
    page.get_by_role("button", name="साइन अप करें").click()

    page.wait_for_selector("#id_password2[aria-invalid=true]")
    password2 = page.locator("#id_password2")
    assert page.get_by_label("ईमेल").input_value() == "leela@example.in"
    assert password2.get_attribute("aria-invalid") == "true"
    error = page.locator(f"#{password2.get_attribute('aria-describedby')}")
    assert error.inner_text().strip() == "आपको दोनों बार एक ही पासवर्ड लिखना होगा।"
    # The error sits in the same field group as its input.
    field = page.locator(".field--error").filter(has=password2)
    assert field.count() == 1
    assert "आपको दोनों बार एक ही पासवर्ड लिखना होगा।" in field.inner_text()

    # A wrong password is announced in an alert at the top of the sign-in form.
    user = VerifiedUserFactory()
    page.goto("/hi/accounts/login/")
    page.get_by_label("ईमेल").fill(user.email)
    page.get_by_label("पासवर्ड").fill("not-the-password")
    page.locator("main").get_by_role("button", name="साइन इन करें").click()

    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "ईमेल पता और/या पासवर्ड सही नहीं है" in alert.inner_text()
    assert page.get_by_label("ईमेल").input_value() == user.email
    assert_no_axe_violations(page)


def test_password_reset_journey(page, demo_site):
    user = VerifiedUserFactory()
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill(user.email)
    page.get_by_role("button", name="Reset My Password").click()
    page.wait_for_url("**/accounts/password/reset/done/")

    page.goto(path_of_link_in(mail.outbox[-1]))
    assert page.locator("h1").inner_text() == "Change Password"
    assert_no_axe_violations(page)
    page.get_by_label("New Password", exact=False).first.fill(NEW_PASSWORD)
    page.get_by_label("New Password (again)").fill(NEW_PASSWORD)
    page.locator("main").get_by_role("button", name="Change Password").click()

    page.wait_for_url("**/accounts/password/reset/key/done/")
    assert page.get_by_text("Your password is now changed.").count() == 1
    assert_no_axe_violations(page)
