"""Invitation pages and the member list in a real browser: axe-clean in English
and Hindi, on a 375 px phone. (They have no scripts: plain forms.)"""

import pytest
from django.contrib.auth.models import Permission

from cohorts import services
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_cohorts import sign_in
from tests.factories.cohorts import StartupFactory, cohort_index
from tests.factories.home import (
    EmailAddressFactory,
    UserFactory,
    VerifiedUserFactory,
    totp_code,
    with_totp,
)

pytestmark = [pytest.mark.browser]


@pytest.fixture
def team(django_db_serialized_rollback, transactional_db):
    cohort_index()  # the site's home pages, for the header and footer
    startup = StartupFactory(name="Vaani Labs")
    asha = VerifiedUserFactory(
        email="asha@example.in", first_name="Asha", last_name="Murmu"
    )
    joined = services.invite_cofounder(
        startup, invited_by=startup.owner, email=asha.email
    )
    services.accept_invitation(joined, user=asha)
    pending = services.invite_cofounder(
        startup, invited_by=startup.owner, email="ravi@example.in"
    )
    return startup, pending


def fits_a_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width}px wide on a 375px screen"


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_member_list_and_invitation_pages_pass_axe(page, team, prefix):
    page.set_viewport_size({"width": 375, "height": 800})
    startup, pending = team
    sign_in(page, startup.owner.email, prefix=prefix)
    page.goto(f"{prefix}/startups/{startup.uuid}/")
    assert "Asha Murmu" in page.content() and "ravi@example.in" in page.content()
    assert_no_axe_violations(page)
    fits_a_phone(page)

    # Somebody else opens the link meant for Ravi: told which address it is for.
    page.context.clear_cookies()
    sign_in(page, VerifiedUserFactory().email, prefix=prefix)
    page.goto(f"{prefix}/startups/invitations/{pending.token}/")
    assert "ravi@example.in" in page.content()
    assert_no_axe_violations(page)
    fits_a_phone(page)

    # Ravi, signed in with the invited address, sees the button and accepts.
    page.context.clear_cookies()
    ravi = VerifiedUserFactory(email="ravi@example.in")
    sign_in(page, ravi.email, prefix=prefix)
    page.goto(f"{prefix}/startups/invitations/{pending.token}/")
    assert_no_axe_violations(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/startups/{startup.uuid}/")
    assert startup.can_edit(ravi)


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_read_only_startup_page_passes_axe(page, team, prefix):
    startup, _pending = team
    reader = UserFactory(is_staff=True)
    reader.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="cohorts", codename="view_startup"
        )
    )
    EmailAddressFactory(user=reader)
    # The permission counts only after two-factor: the code is asked at sign-in.
    secret = with_totp(reader)
    sign_in(page, reader.email, prefix=prefix)
    page.wait_for_url(f"**{prefix}/accounts/2fa/authenticate/")
    page.locator("#id_code").fill(totp_code(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(f"{prefix}/startups/{startup.uuid}/")
    assert "Vaani Labs" in page.content()
    assert_no_axe_violations(page)
