"""Registering in a real browser: free event to ticket to cancel by keyboard, a paid
one up to Stripe's redirect, axe on the form, ticket and dashboard in both languages.
"""

import io

import pytest

from events.models import Registration
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_cohorts import sign_in, tab_to
from tests.events.fake_stripe import install
from tests.factories.events import make_event, make_index, translate
from tests.factories.home import VerifiedUserFactory

pytestmark = [pytest.mark.browser]

PHONE = (375, 667)


@pytest.fixture
def events(django_db_serialized_rollback, transactional_db):
    from home.demo import get_locale, upsert_translation
    from home.seed import ensure_home

    home, _hi = ensure_home(io.StringIO())
    index = make_index(home)
    upsert_translation(index, get_locale("hi"), title="कार्यक्रम")
    free = make_event(index, slug="free-day", title="Free day", capacity=10)
    paid = make_event(
        index, slug="paid-day", title="Paid day", capacity=10, price_paise=150000
    )
    for event in (free, paid):
        translate(event)
    return {"free": free, "paid": paid}


@pytest.fixture
def attendee(transactional_db):
    return VerifiedUserFactory(first_name="Asha", last_name="Rao")


def test_free_registration_ticket_and_cancel_by_keyboard(page, events, attendee):
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    sign_in(page, attendee.email)
    page.goto("/events/free-day/")
    register = page.locator(".event-cta a.button")
    box = register.bounding_box()
    assert box["y"] + box["height"] <= PHONE[1], "call to action below the first screen"
    tab_to(page, ".event-cta a.button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/free-day/register/")
    # The ticket goes to the account's verified address, shown, not typed.
    assert attendee.email in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    tab_to(page, "#id_phone")
    page.keyboard.type("98765 43210")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/registrations/*/")
    assert page.locator(".ticket__qr svg").is_visible()
    assert_no_axe_violations(page)
    tab_to(page, "a[href$='/cancel/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cancel/")
    assert_no_axe_violations(page)
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/registrations/*/")
    assert Registration.objects.get(user=attendee).status == "cancelled"
    assert "Cancelled" in page.locator(".ticket__status").inner_text()


@pytest.mark.parametrize("prefix", ["", "/hi", "/ta"])
def test_form_ticket_and_dashboard_pass_axe(page, events, attendee, prefix):
    sign_in(page, attendee.email, prefix=prefix)
    page.goto(f"{prefix}/events/free-day/register/")
    assert_no_axe_violations(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/registrations/*/")
    assert page.locator(".ticket__qr svg").is_visible()
    assert_no_axe_violations(page)
    page.goto(f"{prefix}/dashboard/")
    assert page.locator("text=Free day").first.is_visible()
    assert_no_axe_violations(page)
    page.goto(f"{prefix}/events/free-day/")
    assert_no_axe_violations(page)


def test_paid_registration_goes_to_stripe_checkout(
    page, events, attendee, httpserver, settings
):
    install(httpserver, settings)
    page.route(
        "https://checkout.stripe.com/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<!doctype html><title>Stripe Checkout</title><h1>Checkout</h1>",
        ),
    )
    sign_in(page, attendee.email)
    page.goto("/events/paid-day/")
    page.locator(".event-cta a.button", has_text="Pay ₹1,500").click()
    page.wait_for_url("**/events/paid-day/register/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("https://checkout.stripe.com/**")
    registration = Registration.objects.get(user=attendee)
    assert registration.status == "pending_payment"
    assert registration.payments.get().checkout_url == page.url
