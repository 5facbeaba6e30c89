"""The rest of issue 21's pages in a real browser, in English and Hindi: axe-core,
a 375 px phone (nothing wider than the screen) and, where a person uses the page,
without JavaScript. Staff: the cancel confirmation with its reason, "Email
attendees" (form, preview, after sending). Public: the policy pages and the
sign-up page that links them. Attendee: the waitlist with its position and
leaving it, a refunded receipt, the delete-account page."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from events.enums import PaymentStatus, RegistrationStatus
from events.models import Payment, Registration
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_check_in import signed_in
from tests.factories.events import make_event, make_index, register, translate
from tests.factories.home import StaffUserFactory, VerifiedUserFactory

S = RegistrationStatus

pytestmark = [pytest.mark.browser]

PHONE = {"width": 375, "height": 812}
LANGUAGES = [("en", ""), ("hi", "/hi")]


def fits_a_phone(page):
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide at 375px"


def checked(page):
    """axe on the page as it is, then the same page on a phone."""
    assert_no_axe_violations(page)
    fits_a_phone(page)
    page.set_viewport_size({"width": 1280, "height": 800})


@pytest.fixture
def no_js(browser, live_server):
    """A phone-sized browser without JavaScript."""
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def events(django_db_serialized_rollback, transactional_db):
    from home.demo import get_locale, upsert_translation
    from home.seed import ensure_home

    home, _hi = ensure_home(io.StringIO())
    index = make_index(home)
    upsert_translation(index, get_locale("hi"), title="कार्यक्रम")
    paid = make_event(
        index, slug="paid-day", title="Paid day", capacity=10, price_paise=150000
    )
    full = make_event(
        index, slug="full-day", title="Full day", capacity=1, waitlist_enabled=True
    )
    for event in (paid, full):
        translate(event)
    return {"paid": paid, "full": full}


# --- staff ------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "hi"])
def test_staff_cancel_confirmation_and_email_attendees_pass_axe(
    page, no_js, live_server, events, language
):
    staff = StaffUserFactory()
    event = events["paid"]
    asha = register(event, details={"name": "Asha Rao"})
    Registration.objects.filter(pk=asha.pk).update(status=S.CONFIRMED)
    register(event, details={"name": "Ravi Kumar"}, language="hi")
    ravi = Registration.objects.get(name="Ravi Kumar")
    Registration.objects.filter(pk=ravi.pk).update(status=S.CONFIRMED)
    signed_in(page, live_server, staff, language)

    manage = f"/admin/events/registrations/{asha.pk}/manage/"
    page.goto(manage)
    page.locator("button[name=action][value=cancel]").click()
    reason = page.locator("#id_reason")
    reason.wait_for()
    checked(page)
    reason.fill("   ")  # passes the browser's check, not ours
    page.locator("form button.no").click()
    page.locator(".error-message").wait_for()
    assert reason.evaluate("e => e.getAttribute('aria-invalid')") == "true"
    checked(page)

    email = f"/admin/events/{event.pk}/email-attendees/"
    page.goto(email)
    assert page.locator("#id_subject_ta").is_visible()
    checked(page)
    page.locator("#id_subject").fill("Venue change")
    page.locator("#id_message").fill("Hall B.")
    page.locator("#id_subject_hi").fill("स्थान बदला")
    page.locator("#id_message_hi").fill("हॉल बी।")
    page.locator(".nice-padding form button[type=submit]").click()
    page.locator("button[name=confirm]").wait_for()
    assert page.locator(".nice-padding table caption").is_visible()
    checked(page)
    page.locator("button[name=confirm]").click()
    page.wait_for_url("**/admin/event_registrations/**")
    # Wagtail's message fades in: check its colours once it has settled.
    page.wait_for_function(
        "getComputedStyle(document.querySelector('.messages > ul')).opacity === '1'"
    )
    checked(page)

    # The same steps without JavaScript, on a phone: a reason, then the
    # cancellation; a message previewed and sent.
    signed_in(no_js, live_server, staff, language)
    no_js.goto(manage)
    no_js.locator("button[name=action][value=cancel]").click()
    no_js.locator("#id_reason").fill("Duplicate registration.")
    fits_a_phone(no_js)
    no_js.locator("form button.no").click()
    no_js.wait_for_url(f"**{manage}")
    asha.refresh_from_db()
    assert asha.status == S.CANCELLED
    no_js.goto(email)
    no_js.locator("#id_subject").fill("Doors open at 9")
    no_js.locator("#id_message").fill("Bring your ticket.")
    no_js.locator(".nice-padding form button[type=submit]").click()
    # The click starts a navigation; measure the preview, not the page it leaves.
    no_js.locator("button[name=confirm]").wait_for()
    fits_a_phone(no_js)
    no_js.locator("button[name=confirm]").click()
    no_js.wait_for_url("**/admin/event_registrations/**")


# --- public -----------------------------------------------------------------


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_policy_pages_and_sign_up_pass_axe_and_read_on_a_phone(
    page, no_js, demo_site, language, prefix
):
    page.goto(f"{prefix}/accounts/signup/")
    links = page.locator("main a[href*='privacy'], main a[href*='terms']")
    assert links.count() >= 2
    checked(page)
    for slug in ("privacy", "terms", "refunds"):
        page.goto(f"{prefix}/{slug}/")
        assert page.locator("h1").count() == 1
        checked(page)
    # Without JavaScript: the notice's link leads to the policy.
    no_js.goto(f"{prefix}/accounts/signup/")
    no_js.locator("main a[href*='privacy']").first.click()
    no_js.wait_for_url(f"**{prefix}/privacy/")
    assert no_js.locator("main h2").count() >= 3
    fits_a_phone(no_js)


# --- attendee ---------------------------------------------------------------


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_waitlist_receipt_and_delete_account_pass_axe(
    page, no_js, live_server, events, language, prefix
):
    attendee = VerifiedUserFactory(first_name="Asha", last_name="Rao")
    register(events["full"])
    waiting = register(events["full"], user=attendee)
    assert waiting.status == S.WAITLISTED
    paid = register(events["paid"], user=attendee)
    Registration.objects.filter(pk=paid.pk).update(status=S.CANCELLED)
    Payment.objects.create(
        registration=paid,
        event=events["paid"],
        status=PaymentStatus.REFUNDED,
        amount_paise=150000,
        refunded_paise=150000,
        stripe_session_id="cs_axe",
        stripe_payment_intent="pi_axe",
        paid_at=timezone.now() - dt.timedelta(days=2),
        refunded_at=timezone.now(),
    )
    signed_in(page, live_server, attendee, language)

    page.goto(f"{prefix}/registrations/{waiting.uuid}/")
    leave = page.locator(f"main a[href$='/registrations/{waiting.uuid}/cancel/']")
    assert leave.is_visible()
    checked(page)
    page.goto(f"{prefix}/registrations/{waiting.uuid}/cancel/")
    checked(page)
    page.goto(f"{prefix}/registrations/{paid.uuid}/receipt/")
    assert page.locator(".refund-state").is_visible()
    checked(page)
    page.goto(f"{prefix}/dashboard/delete-account/")
    checked(page)
    page.locator("main form button[type=submit]").click()  # the box not ticked
    assert page.locator(".error-summary").is_visible()
    checked(page)

    # Without JavaScript: leave the waitlist, read the receipt, delete the account.
    signed_in(no_js, live_server, attendee, language)
    no_js.goto(f"{prefix}/registrations/{waiting.uuid}/")
    no_js.locator(f"main a[href$='/registrations/{waiting.uuid}/cancel/']").click()
    no_js.wait_for_url(f"**/registrations/{waiting.uuid}/cancel/")
    fits_a_phone(no_js)
    no_js.locator("main form button[type=submit]").click()
    no_js.wait_for_url(f"**/registrations/{waiting.uuid}/")
    waiting.refresh_from_db()
    assert waiting.status == S.CANCELLED
    no_js.goto(f"{prefix}/registrations/{paid.uuid}/receipt/")
    assert no_js.locator(".refund-state").is_visible()
    fits_a_phone(no_js)
    no_js.goto(f"{prefix}/dashboard/delete-account/")
    no_js.locator("main input[type=checkbox]").check()
    no_js.locator("main form button[type=submit]").click()
    no_js.wait_for_load_state()
    assert not type(attendee).objects.filter(pk=attendee.pk).exists()
