"""Leaving (issue 21, item 8): the delete-account page says what happens to
registrations, waitlist places and paid seats, and a confirmation email follows."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from events.enums import PaymentStatus
from events.models import Payment, Registration
from tests.events.fake_stripe import deliver, session_event
from tests.factories.events import make_event

pytestmark = pytest.mark.django_db

FORM = {"name": "Asha Rao", "email": "asha@example.in", "phone": ""}


def test_delete_page_says_what_happens_to_registrations_and_refunds(client, user):
    client.force_login(user)
    html = client.get("/dashboard/delete-account/").content.decode()
    for text in (
        "Registrations for events that have not ended are cancelled",
        "Places on a waitlist are given up.",
        "refunded in full to the card or account you paid with",
        "We email you a confirmation",
        "Payment records (amount, date, receipt number",
    ):
        assert text in html, text


def test_deleting_refunds_a_paid_seat_and_emails_a_confirmation_in_their_language(
    client, index, user, fake_stripe, django_capture_on_commit_callbacks
):
    make_event(index, slug="paid", price_paise=50000)
    client.force_login(user)
    client.post("/events/paid/register/", FORM)
    payment = Payment.objects.get()
    deliver(client, session_event("checkout.session.completed", payment))
    user.preferred_language = "hi"
    user.save()
    address = user.email
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/dashboard/delete-account/", {"confirm": "on"})
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not Registration.objects.exists()
    # What the page promises is what the code does: the paid seat is refunded.
    [(form, _headers)] = fake_stripe.calls("/v1/refunds")
    assert form["payment_intent"] == "pi_1"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUND_PENDING
    [confirmation] = [m for m in mail.outbox if m.to == [address]][-1:]
    assert confirmation.subject != "Your account was deleted"  # Hindi
    assert "Your account and the personal data" not in confirmation.body


def test_the_confirmation_email_in_english_says_what_happened(
    client, user, django_capture_on_commit_callbacks
):
    address = user.email
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/dashboard/delete-account/", {"confirm": "on"})
    [confirmation] = [m for m in mail.outbox if m.to == [address]]
    assert confirmation.subject == "Your account was deleted"
    assert "Your registrations for events that had not ended were cancelled" in (
        confirmation.body
    )
    assert "5 to 10 working days" in confirmation.body
