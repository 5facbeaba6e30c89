"""Leaving (issue 21, item 8): the delete-account page says what happens to
registrations, waitlist places and paid seats, and a confirmation email follows."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import Site

from coe_site.personal_data import erase_account
from events.enums import PaymentStatus
from events.models import Payment, Registration
from home.models import SiteSettings
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


# --- the confirmation's details (found by the mutation run of coe_site/) ---------------


def deleted(user, callbacks):
    with callbacks(execute=True):
        erase_account(user)
    return mail.outbox


def test_the_confirmation_names_the_default_sites_grievance_officer(
    user, django_capture_on_commit_callbacks
):
    """Mistakes: another site's settings (here the first by name); the site's
    general address where a grievance officer is named; no contact at all."""
    old = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(
        site=old, defaults={"email": "old@coe.example", "grievance_officer_email": ""}
    )
    Site.objects.filter(pk=old.pk).update(is_default_site=False)
    site = Site.objects.create(
        hostname="www.coe.example", root_page=old.root_page, is_default_site=True
    )
    SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "email": "hello@coe.example",
            "grievance_officer_email": "grievance@coe.example",
        },
    )
    [confirmation] = deleted(user, django_capture_on_commit_callbacks)
    assert "write to grievance@coe.example." in confirmation.body
    assert "old@coe.example" not in confirmation.body


def test_without_a_grievance_officer_the_sites_address_is_given(
    user, django_capture_on_commit_callbacks
):
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"email": "hello@coe.example", "grievance_officer_email": ""},
    )
    [confirmation] = deleted(user, django_capture_on_commit_callbacks)
    assert "write to hello@coe.example." in confirmation.body


def test_without_a_default_site_the_confirmation_still_goes(
    user, django_capture_on_commit_callbacks
):
    Site.objects.update(is_default_site=False)
    [confirmation] = deleted(user, django_capture_on_commit_callbacks)
    assert confirmation.subject == "Your account was deleted"
    assert "write to" not in confirmation.body


def test_an_account_without_an_address_is_deleted_without_an_email(
    user, django_capture_on_commit_callbacks
):
    get_user_model().objects.filter(pk=user.pk).update(email="")
    user.refresh_from_db()
    assert deleted(user, django_capture_on_commit_callbacks) == []
    assert not get_user_model().objects.filter(pk=user.pk).exists()
