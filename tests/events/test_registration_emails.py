"""Registration emails go only to verified addresses, open with our words, and
are limited per account and per address (issue 22, item 2)."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from events import registration as rules
from events.emails import send_registration_email
from events.enums import RegistrationStatus
from events.models import Registration
from events.registration import RegistrationError, register_attendee
from tests.factories.events import make_event, register
from tests.factories.home import EmailAddressFactory, VerifiedUserFactory

S = RegistrationStatus

pytestmark = pytest.mark.django_db

PHISHING_NAME = "Your account is suspended - verify at https://evil.example/login now"
FORM = {"name": "Asha Rao", "phone": "", "organisation": "", "accessibility_needs": ""}


def post(client, callbacks, url, data=None):
    with callbacks(execute=True):
        return client.post(url, data or {})


# --- only verified addresses ------------------------------------------------------


def test_a_typed_address_is_ignored_the_ticket_goes_to_the_verified_one(
    client, index, user, django_capture_on_commit_callbacks
):
    make_event(index, slug="open")
    client.force_login(user)
    response = post(
        client,
        django_capture_on_commit_callbacks,
        "/events/open/register/",
        {**FORM, "email": "victim@example.in"},
    )
    registration = Registration.objects.get(user=user)
    assert response.status_code == 302
    assert registration.email == user.email
    assert [m.to for m in mail.outbox] == [[user.email]]
    post(
        client,
        django_capture_on_commit_callbacks,
        f"/registrations/{registration.uuid}/cancel/",
    )
    assert [m.to for m in mail.outbox] == [[user.email], [user.email]]
    assert not [m for m in mail.outbox if "victim@example.in" in m.to]


def test_the_service_refuses_an_address_the_account_has_not_verified(index, user):
    event = make_event(index)
    EmailAddressFactory(
        user=user, email="work@example.in", verified=False, primary=False
    )
    for typed in ("victim@example.in", "work@example.in"):
        with pytest.raises(RegistrationError) as refused:
            register_attendee(
                event,
                user=user,
                details={"name": "Asha", "email": typed},
                language="en",
            )
        assert f"Add and verify {typed}" in refused.value.message
    assert not Registration.objects.exists()


def test_another_verified_address_of_the_account_may_be_chosen(index, user):
    event = make_event(index)
    EmailAddressFactory(user=user, email="work@example.in", primary=False)
    registration = register_attendee(
        event,
        user=user,
        details={"name": "Asha", "email": "WORK@example.in"},
        language="en",
    )
    assert registration.email == "work@example.in"


def test_an_account_without_a_verified_address_cannot_register(
    client, index, django_capture_on_commit_callbacks
):
    make_event(index, slug="open")
    unverified = VerifiedUserFactory()
    EmailAddress.objects.filter(user=unverified).update(verified=False)
    client.force_login(unverified)
    page = client.get("/events/open/register/").content.decode()
    assert "no verified email address yet" in page
    response = post(
        client, django_capture_on_commit_callbacks, "/events/open/register/", FORM
    )
    assert response.status_code == 409
    assert "Verify your email address first" in response.content.decode()
    assert 'value="Asha Rao"' in response.content.decode()
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_emails_follow_the_accounts_verified_address_at_sending_time(index, user):
    registration = register(make_event(index), user=user)
    # Stored by older code (or a staff edit) at an address nobody verified.
    Registration.objects.filter(pk=registration.pk).update(email="victim@example.in")
    assert send_registration_email(registration.pk, "confirmed") == 1
    assert mail.outbox[-1].to == [user.email]
    # The account's address no longer verified: nothing goes anywhere.
    EmailAddress.objects.filter(user=user).update(verified=False)
    assert send_registration_email(registration.pk, "confirmed") == 0
    assert len(mail.outbox) == 1


def test_a_registration_without_an_account_gets_no_email(index):
    walk_in = register_attendee(
        make_event(index),
        user=None,
        details={"name": "Walk In", "email": "walkin@example.in"},
        language="en",
    )
    assert send_registration_email(walk_in.pk, "confirmed") == 0
    assert not mail.outbox


# --- names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        PHISHING_NAME,
        "Visit evil.example now",
        "www.evil.example",
        "mail me: someone@evil.example",
        "Asha\x07Rao",
        "Asha \u202eoaR",
        "A" * 101,
    ],
)
def test_names_are_plain_short_text_and_the_rest_is_kept(
    client, index, user, name, django_capture_on_commit_callbacks
):
    make_event(index, slug="open")
    client.force_login(user)
    response = post(
        client,
        django_capture_on_commit_callbacks,
        "/events/open/register/",
        {**FORM, "name": name, "organisation": "Bhasha Labs"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        "without web or email addresses" in html
        or "plain text" in html
        or "at most 100 characters" in html
    )
    assert 'value="Bhasha Labs"' in html
    assert not Registration.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("name", ["Dr. A. K. Sharma", "अनन्या कृष्णन", "O'Brien-Rao Jr."])
def test_ordinary_names_are_accepted_as_typed(client, index, user, name):
    make_event(index, slug="open")
    client.force_login(user)
    response = client.post("/events/open/register/", {**FORM, "name": name})
    assert response.status_code == 302
    assert Registration.objects.get(user=user).name == name


def test_a_name_is_kept_on_one_line(client, index, user):
    make_event(index, slug="open")
    client.force_login(user)
    response = client.post("/events/open/register/", {**FORM, "name": "Asha\r\n  Rao"})
    assert response.status_code == 302
    assert Registration.objects.get(user=user).name == "Asha Rao"


@pytest.mark.parametrize(("language", "greeting"), [("en", "Hello,"), ("hi", "नमस्ते,")])
def test_an_email_opens_with_a_fixed_greeting_not_the_name(
    index, user, language, greeting
):
    registration = register(
        make_event(index),
        user=user,
        details={"name": "Your account is suspended"},
        language=language,
    )
    send_registration_email(registration.pk, "confirmed")
    message = mail.outbox[-1]
    html = message.alternatives[0][0]
    assert message.body.splitlines()[0] == greeting
    assert f"<p>{greeting}</p>" in html
    assert "Your account is suspended" not in message.body.split("\n\n")[0]
    assert html.index(greeting) < html.index("Your account is suspended")
    # The name is still there, as a detail further down.
    assert "Your account is suspended" in message.body


# --- daily limits -------------------------------------------------------------------


def test_registering_and_cancelling_is_limited_per_account_and_said_so(
    client, index, user, django_capture_on_commit_callbacks
):
    make_event(index, slug="open")
    client.force_login(user)
    for _cycle in range(rules.EMAILS_PER_ACCOUNT // 2):
        post(client, django_capture_on_commit_callbacks, "/events/open/register/", FORM)
        registration = Registration.objects.get(user=user)
        assert registration.status == S.CONFIRMED
        post(
            client,
            django_capture_on_commit_callbacks,
            f"/registrations/{registration.uuid}/cancel/",
        )
    assert len(mail.outbox) == rules.EMAILS_PER_ACCOUNT
    response = post(
        client, django_capture_on_commit_callbacks, "/hi/events/open/register/", FORM
    )
    assert response.status_code == 429
    assert "आज आपने बहुत बार पंजीकरण किया या रद्द किया है" in response.content.decode()
    assert 'value="Asha Rao"' in response.content.decode()
    assert Registration.objects.get(user=user).status == S.CANCELLED
    assert len(mail.outbox) == rules.EMAILS_PER_ACCOUNT


def test_a_cancellation_past_the_limit_is_refused_and_the_seat_kept(
    client, index, user, django_capture_on_commit_callbacks
):
    events = [make_event(index, slug=f"e{n}") for n in range(rules.EMAILS_PER_ACCOUNT)]
    with django_capture_on_commit_callbacks(execute=True):
        registrations = [register(event, user=user) for event in events]
    client.force_login(user)
    response = post(
        client,
        django_capture_on_commit_callbacks,
        f"/registrations/{registrations[0].uuid}/cancel/",
    )
    page = client.get(response["Location"]).content.decode()
    assert "too many times today" in page
    assert Registration.objects.get(pk=registrations[0].pk).status == S.CONFIRMED
    assert len(mail.outbox) == rules.EMAILS_PER_ACCOUNT


def test_staff_cancellations_are_not_limited(index, user, staff_user):
    events = [make_event(index, slug=f"e{n}") for n in range(rules.EMAILS_PER_ACCOUNT)]
    registrations = [register(event, user=user) for event in events]
    cancelled = rules.cancel_registration(registrations[0], by=staff_user, staff=True)
    assert cancelled.status == S.CANCELLED


def test_the_limit_follows_an_address_to_another_account(index):
    first = VerifiedUserFactory(email="shared@example.in")
    events = [make_event(index, slug=f"e{n}") for n in range(rules.EMAILS_PER_ADDRESS)]
    for event in events:
        register(event, user=first)
    # The address moves to a new account, whose own count is still zero.
    EmailAddress.objects.filter(user=first).delete()
    second = VerifiedUserFactory(email="other@example.in")
    EmailAddressFactory(user=second, email="shared@example.in", primary=False)
    with pytest.raises(rules.TooManyEmails):
        register(
            make_event(index, slug="more"),
            user=second,
            details={"email": "shared@example.in"},
        )
    assert register(make_event(index, slug="mine"), user=second).email == (
        "other@example.in"
    )
