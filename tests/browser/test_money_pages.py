"""axe on the pages issue 21 changed for attendees, in both languages: a lapsed
hold, a refund pending on the registration, receipt and dashboard, the waitlist
and leaving it."""

import datetime as dt

import pytest
from django.utils import timezone

from events.enums import PaymentStatus, RegistrationStatus
from events.models import Payment, Registration
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_cohorts import sign_in
from tests.browser.test_registration import attendee, events  # noqa: F401 -- fixtures
from tests.factories.events import register

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_lapsed_hold_refund_and_waitlist_pages_pass_axe(
    page,
    events,  # noqa: F811 -- the fixture imported above
    attendee,  # noqa: F811
    prefix,
):
    paid, free = events["paid"], events["free"]
    held = register(paid, user=attendee)
    Registration.objects.filter(pk=held.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=5)
    )
    refunded = register(free, user=attendee)
    Registration.objects.filter(pk=refunded.pk).update(
        status=RegistrationStatus.CANCELLED
    )
    Payment.objects.create(
        registration=refunded,
        event=free,
        status=PaymentStatus.REFUND_PENDING,
        amount_paise=150000,
        stripe_session_id="cs_axe",
        stripe_payment_intent="pi_axe",
        paid_at=timezone.now(),
    )
    sign_in(page, attendee.email, prefix=prefix)
    page.goto(f"{prefix}/registrations/{held.uuid}/")
    assert page.locator("#lapsed-heading").is_visible()
    assert_no_axe_violations(page)
    page.goto(f"{prefix}/registrations/{refunded.uuid}/")
    assert page.locator(".refund-state").is_visible()
    assert_no_axe_violations(page)
    page.goto(f"{prefix}/registrations/{refunded.uuid}/receipt/")
    assert page.locator(".refund-state").is_visible()
    assert_no_axe_violations(page)
    page.goto(f"{prefix}/dashboard/")
    assert page.locator(".refund-state").first.is_visible()
    assert_no_axe_violations(page)
    Registration.objects.filter(pk=held.pk).update(
        status=RegistrationStatus.WAITLISTED, expires_at=None, queued_at=timezone.now()
    )
    page.goto(f"{prefix}/registrations/{held.uuid}/")
    assert_no_axe_violations(page)
    page.goto(f"{prefix}/registrations/{held.uuid}/cancel/")
    assert_no_axe_violations(page)
