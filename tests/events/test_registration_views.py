"""The registration form, ticket, cancel, dashboard and privacy of registrations."""

import json
import zipfile
from io import BytesIO

import pytest
from django.test import override_settings

from coe_site import personal_data
from events.enums import PaymentStatus, RegistrationStatus
from events.models import Payment, Registration
from tests.factories.events import make_event, register, translate
from tests.factories.home import VerifiedUserFactory

S = RegistrationStatus

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Asha Rao",
    "email": "asha@example.in",
    "phone": "98765 43210",
    "organisation": "Bhasha Labs",
    "accessibility_needs": "",
}


def test_anonymous_visitors_are_sent_to_sign_in_and_back(client, index):
    make_event(index, slug="open")
    response = client.get("/events/open/register/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "next=/events/open/register/" in response["Location"]


def test_form_is_prefilled_from_the_account(client, index, user):
    make_event(index, slug="open")
    client.force_login(user)
    html = client.get("/events/open/register/").content.decode()
    assert f'value="{user.get_full_name()}"' in html
    # The address is the account's verified one, shown, not a field to type.
    assert f"every email about this registration to {user.email}," in html
    assert 'name="email"' not in html


def test_register_free_event_then_ticket_with_qr_and_joining_link(client, index, user):
    make_event(index, slug="open", online_url="https://meet.example.in/abc")
    client.force_login(user)
    response = client.post("/events/open/register/", FORM, follow=True)
    registration = Registration.objects.get(user=user)
    assert registration.status == S.CONFIRMED
    assert registration.phone == "+919876543210"
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/registrations/{registration.uuid}/"
    assert "<svg" in html
    assert registration.ticket_code_display in html
    assert "https://meet.example.in/abc" in html
    event = registration.event
    my_parts = client.get(f"/me.json?page={event.pk}").json()["parts"]
    assert "You are registered." in my_parts["event-cta"]
    dashboard = client.get("/dashboard/").content.decode()
    assert f"/registrations/{registration.uuid}/" in dashboard


def test_bad_phone_is_explained_and_nothing_typed_is_lost(client, index, user):
    make_event(index, slug="open")
    client.force_login(user)
    response = client.post("/events/open/register/", {**FORM, "phone": "12ab"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid phone number" in html
    assert 'value="Bhasha Labs"' in html
    assert not Registration.objects.exists()


def test_event_questions_are_asked_and_kept(client, index, user):
    event = make_event(index, slug="open")
    event.registration_questions = [
        ("text", {"label": "Your role", "required": True, "help_text": ""}),
        ("yes_no", {"label": "Lunch?", "required": False, "help_text": ""}),
    ]
    event.save_revision().publish()
    client.force_login(user)
    form = client.get("/events/open/register/").content.decode()
    assert "Your role" in form
    block_id = event.registration_questions[0].id
    missing = client.post("/events/open/register/", FORM)
    assert missing.status_code == 400
    client.post("/events/open/register/", {**FORM, f"q_{block_id}": "Researcher"})
    answers = Registration.objects.get(user=user).answers
    assert answers[block_id] == {"label": "Your role", "value": "Researcher"}


def test_hindi_registration_is_in_hindi_and_shares_seats(client, index, user):
    event = make_event(index, slug="open", capacity=1)
    translate(event)
    client.force_login(user)
    response = client.post("/hi/events/open/register/", FORM)
    registration = Registration.objects.get(user=user)
    assert response["Location"] == f"/hi/registrations/{registration.uuid}/"
    assert registration.language == "hi"
    assert client.get("/events/open/availability.json").json()["seats_left"] == 0


def test_paid_event_without_stripe_keys_says_so(client, index, user):
    make_event(index, slug="paid", price_paise=150000)
    html = client.get("/events/paid/").content.decode()
    assert "Online payment is not available" in html
    client.force_login(user)
    response = client.post("/events/paid/register/", FORM)
    assert response.status_code in (200, 409)
    assert not Registration.objects.exists()


@override_settings(STRIPE_SECRET_KEY="sk_test_x")
def test_paid_event_call_to_action_names_the_price(client, index):
    make_event(index, slug="paid", price_paise=150000)
    assert "Pay ₹1,500" in client.get("/events/paid/").content.decode()


@pytest.mark.parametrize("suffix", ["", "cancel/", "receipt/", "paid/"])
def test_strangers_get_404_and_anonymous_sign_in(client, index, suffix):
    registration = register(make_event(index))
    url = f"/registrations/{registration.uuid}/{suffix}"
    client.force_login(VerifiedUserFactory())
    assert client.get(url).status_code == 404
    assert client.post(f"/registrations/{registration.uuid}/accept/").status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_cancel_from_the_ticket(client, index, user):
    registration = register(make_event(index), user=user)
    client.force_login(user)
    page = client.get(f"/registrations/{registration.uuid}/cancel/")
    assert page.status_code == 200
    client.post(f"/registrations/{registration.uuid}/cancel/")
    registration.refresh_from_db()
    assert registration.status == S.CANCELLED


def test_accept_an_offer(client, index, user):
    event = make_event(index, capacity=1, waitlist_enabled=True)
    first = register(event)
    waiting = register(event, user=user)
    from events.registration import cancel_registration

    cancel_registration(first, by=first.user)
    client.force_login(user)
    assert "Accept the seat" in client.get("/dashboard/").content.decode()
    client.post(f"/registrations/{waiting.uuid}/accept/")
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED


def test_my_data_includes_registrations_and_erasing_keeps_payments(index, user):
    event = make_event(index, price_paise=50000)
    registration = register(event, user=user)
    Payment.objects.create(
        registration=registration,
        event=event,
        amount_paise=50000,
        status=PaymentStatus.PAID,
        stripe_session_id="cs_test_1",
        stripe_payment_intent="pi_1",
    )
    archive = zipfile.ZipFile(BytesIO(personal_data.export_zip(user)))
    data = json.loads(archive.read("data.json"))
    exported = data["events"]["registrations"][0]
    assert exported["id"] == str(registration.uuid)
    assert exported["payments"][0]["amount_paise"] == 50000
    personal_data.erase_account(user)
    assert not Registration.objects.exists()
    payment = Payment.objects.get()
    assert payment.registration is None
    assert payment.amount_paise == 50000
