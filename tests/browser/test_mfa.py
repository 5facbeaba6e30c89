"""Two-factor authentication pages in a real browser, English and Hindi: an editor
sent from the admin to set up an authenticator app, then signing in with the code.
Every page passes axe."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth.models import Permission

from tests.browser.axe import assert_no_axe_violations
from tests.factories.home import DEFAULT_PASSWORD, VerifiedUserFactory, totp_code

pytestmark = [pytest.mark.browser]


def submit(page):
    page.locator("main form button[type=submit]").first.click()


def check(page, failures):
    try:
        assert page.locator("h1").count() == 1, f"{page.url}: not one h1"
        assert_no_axe_violations(page)
    except AssertionError as error:
        failures.append(str(error))


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_mfa_setup_and_sign_in_pages_have_no_axe_violations(
    page, live_server, django_db_serialized_rollback, transactional_db, prefix
):
    language = prefix[1:] or "en"
    editor = VerifiedUserFactory(is_staff=True, preferred_language=language)
    editor.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    failures = []
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_login").fill(editor.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("form.form--login button[type=submit]").click()
    page.wait_for_url(f"{prefix}/")

    # The admin sends them to set up a second factor, in their language.
    page.goto(f"{prefix}/dashboard/")
    page.goto("/admin/")
    page.wait_for_url(f"**{prefix}/accounts/2fa/")
    assert page.locator("html").get_attribute("lang") == language
    check(page, failures)
    current = page.locator("nav.account-subnav [aria-current=page]")
    assert current.get_attribute("href") == f"{prefix}/accounts/2fa/"

    page.goto(f"{prefix}/accounts/2fa/totp/activate/")
    page.wait_for_url(f"**{prefix}/accounts/reauthenticate/**")
    check(page, failures)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    submit(page)
    page.wait_for_url(f"**{prefix}/accounts/2fa/totp/activate/")
    check(page, failures)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill("000000")
    submit(page)
    page.wait_for_selector("#id_code[aria-invalid=true]")
    check(page, failures)
    page.locator("#id_code").fill(totp_code(secret))
    submit(page)
    page.wait_for_url(f"**{prefix}/accounts/2fa/recovery-codes/**")
    check(page, failures)

    for path in ["/accounts/2fa/", "/accounts/2fa/webauthn/add/"]:
        page.goto(prefix + path)
        check(page, failures)
    assert page.goto("/admin/").status == 200

    # Signing in again asks for a code (a recovery code: the app's was just used).
    page.context.clear_cookies()
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_login").fill(editor.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("form.form--login button[type=submit]").click()
    page.wait_for_url(f"**{prefix}/accounts/2fa/authenticate/")
    check(page, failures)
    codes = RecoveryCodes(
        Authenticator.objects.get(user=editor, type=Authenticator.Type.RECOVERY_CODES)
    )
    page.locator("#id_code").fill(codes.get_unused_codes()[0])
    submit(page)
    page.wait_for_url(f"{prefix}/")
    assert page.goto("/admin/").status == 200
    assert not failures, "\n".join(failures)
