"""Paid registrations through Stripe Checkout (the real library, a fake API)."""

import pytest

from events.enums import PaymentStatus, RegistrationStatus
from events.models import Payment, Registration
from tests.events.fake_stripe import deliver, session_event
from tests.factories.events import make_event

S = RegistrationStatus
FORM = {"name": "Asha Rao", "email": "asha@example.in", "phone": ""}

pytestmark = pytest.mark.django_db


def test_paid_registration_goes_to_checkout_in_inr_with_the_hold(
    client, index, user, fake_stripe
):
    make_event(index, slug="paid", price_paise=150000, capacity=5)
    client.force_login(user)
    response = client.post("/events/paid/register/", FORM)
    registration = Registration.objects.get(user=user)
    payment = Payment.objects.get()
    assert registration.status == S.PENDING_PAYMENT
    assert response.status_code == 302
    assert response["Location"] == payment.checkout_url
    assert response["Location"].startswith("https://checkout.stripe.com/")
    [(form, headers)] = fake_stripe.calls("/v1/checkout/sessions")
    assert form["currency"] == "inr"
    assert form["line_items[0][price_data][unit_amount]"] == "150000"
    assert form["client_reference_id"] == str(registration.uuid)
    assert form["metadata[registration]"] == str(registration.uuid)
    assert int(form["expires_at"]) == int(registration.expires_at.timestamp())
    assert headers["Idempotency-Key"].startswith(f"checkout-{registration.uuid}")
    assert payment.amount_paise == 150000


def test_paying_again_reuses_the_session(client, index, user, fake_stripe):
    make_event(index, slug="paid", price_paise=150000)
    client.force_login(user)
    first = client.post("/events/paid/register/", FORM)["Location"]
    registration = Registration.objects.get(user=user)
    again = client.post(f"/registrations/{registration.uuid}/pay/")
    assert again["Location"] == first
    assert len(fake_stripe.calls("/v1/checkout/sessions")) == 1


def test_stripe_down_keeps_the_hold_and_says_try_again(
    client, index, user, fake_stripe
):
    fake_stripe.fail = True
    make_event(index, slug="paid", price_paise=150000)
    client.force_login(user)
    response = client.post("/events/paid/register/", FORM, follow=True)
    registration = Registration.objects.get(user=user)
    assert registration.status == S.PENDING_PAYMENT
    assert response.status_code == 200
    assert "could not reach the payment service" in response.content.decode()
    assert "Pay now" in response.content.decode()


def test_return_page_waits_for_the_webhook(client, index, user, fake_stripe):
    make_event(index, slug="paid", price_paise=150000)
    client.force_login(user)
    client.post("/events/paid/register/", FORM)
    registration = Registration.objects.get(user=user)
    paid_url = f"/registrations/{registration.uuid}/paid/"
    waiting = client.get(paid_url)
    assert "Payment received, confirming" in waiting.content.decode()
    deliver(client, session_event("checkout.session.completed", Payment.objects.get()))
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED
    assert client.get(paid_url)["Location"] == f"/registrations/{registration.uuid}/"
    receipt = client.get(f"/registrations/{registration.uuid}/receipt/")
    assert "₹1,500" in receipt.content.decode()


def test_cancelling_a_paid_registration_refunds_it(
    client, index, user, fake_stripe, django_capture_on_commit_callbacks
):
    make_event(index, slug="paid", price_paise=150000)
    client.force_login(user)
    client.post("/events/paid/register/", FORM)
    registration = Registration.objects.get(user=user)
    payment = Payment.objects.get()
    deliver(client, session_event("checkout.session.completed", payment))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/registrations/{registration.uuid}/cancel/")
    [(form, headers)] = fake_stripe.calls("/v1/refunds")
    assert form["payment_intent"] == "pi_1"
    assert headers["Idempotency-Key"] == f"refund-{payment.pk}"
    payment.refresh_from_db()
    registration.refresh_from_db()
    assert payment.status == PaymentStatus.REFUND_PENDING
    assert registration.status == S.CANCELLED


def test_receipt_names_the_organiser_and_gstin(client, index, user, fake_stripe):
    from wagtail.models import Site

    from home.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "AI CoE Bengaluru"
    site_settings.address = "1 MG Road, Bengaluru"
    site_settings.gstin = "29ABCDE1234F1Z5"
    site_settings.save()
    make_event(index, slug="paid", price_paise=150000)
    client.force_login(user)
    client.post("/events/paid/register/", FORM)
    registration = Registration.objects.get(user=user)
    deliver(client, session_event("checkout.session.completed", Payment.objects.get()))
    html = client.get(f"/registrations/{registration.uuid}/receipt/").content.decode()
    for text in (
        "AI CoE Bengaluru",
        "1 MG Road, Bengaluru",
        "29ABCDE1234F1Z5",
        "₹1,500",
    ):
        assert text in html
