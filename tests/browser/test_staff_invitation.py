"""The staff invitation's set-password page (home.invitations) in a real browser:
axe-clean in English and Hindi on a 375 px phone; without JavaScript the
password is set and the admin sends the new staff member on to two-factor."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from home import invitations
from tests.browser.axe import assert_no_axe_violations
from tests.factories.cohorts import cohort_index
from tests.factories.home import UserFactory

pytestmark = [pytest.mark.browser]

PHONE = {"width": 375, "height": 812}
NEW_PASSWORD = "a-long-Staff-passphrase-7"


@pytest.fixture
def invited(django_db_serialized_rollback, transactional_db, request):
    cohort_index()  # the site's home pages, for the header and footer
    language = request.param
    user = UserFactory(
        email="meera.reviewer@example.in", preferred_language=language, password=None
    )
    user.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    invitations.invite_staff(user)
    link = re.search(r"https?://\S+/accounts/invitation/\S+/", mail.outbox[-1].body)
    return language, re.sub(r"^https?://[^/]+", "", link.group(0))


@pytest.mark.parametrize("invited", ["en", "hi"], indirect=True)
def test_set_password_page_passes_axe_on_a_phone_and_works_without_js(
    page, no_js_page, invited
):
    language, path = invited
    prefix = "" if language == "en" else f"/{language}"
    assert path.startswith(f"{prefix}/accounts/invitation/")
    page.set_viewport_size(PHONE)
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == language
    assert "meera.reviewer@example.in" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)
    # A mistake keeps the page usable and says what is wrong.
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill("something-else-entirely")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    assert_no_axe_violations(page)

    no_js_page.set_viewport_size(PHONE)
    no_js_page.goto(path)
    no_js_page.locator("#id_new_password1").fill(NEW_PASSWORD)
    no_js_page.locator("#id_new_password2").fill(NEW_PASSWORD)
    no_js_page.locator("main form button[type=submit]").click()
    no_js_page.wait_for_url(f"**{prefix}/accounts/2fa/")
    assert no_js_page.locator("html").get_attribute("lang") == language
    # Used once: the link now says so.
    page.goto(path)
    assert page.locator("[role=alert]").count() == 1
    assert_no_axe_violations(page)
