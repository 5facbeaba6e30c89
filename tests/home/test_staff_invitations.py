"""Staff accounts made by staff (issue 20, item 5): adding a user in the admin
emails an invitation to choose a password, with a link from SITE_URL in the
invitee's language; the link works once, before it expires, and proves the
address; the admin then asks for a second factor and says why."""

import datetime
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client, TestCase, override_settings

from home.models import StaffInvitation, User
from tests.factories.home import StaffUserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-Staff-passphrase-7"
SITE = "https://coe.example.in"


def add_user(client, manager, *, email="meera.reviewer@example.in", language="en"):
    client.force_login(manager)
    # The invitation goes after the commit: run what waits for it.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            "/admin/users/new/",
            {
                "email": email,
                "first_name": "Meera",
                "last_name": "Iyer",
                "preferred_language": language,
                "is_active": "on",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    return User.objects.get(email=email)


def invitation_link(message) -> str:
    return re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)


def set_password(client, link, password=NEW_PASSWORD):
    path = link.removeprefix(SITE)
    return client.post(path, {"new_password1": password, "new_password2": password})


@override_settings(SITE_URL=SITE)
def test_added_user_gets_an_invitation_from_site_url_not_allauths_confirmation():
    manager = StaffUserFactory()
    client = Client(HTTP_HOST="127.0.0.1:18000")
    user = add_user(client, manager)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["meera.reviewer@example.in"]
    assert "has given your email address" not in message.body
    assert "127.0.0.1" not in message.body
    link = invitation_link(message)
    assert link.startswith(f"{SITE}/accounts/invitation/")
    html = message.alternatives[0][0]
    assert f'href="{link}"' in html
    assert not user.has_usable_password()


@override_settings(SITE_URL="http://coe.test:8000")
def test_link_keeps_plain_http_when_the_site_runs_on_it():
    client = Client()
    add_user(client, StaffUserFactory())
    assert invitation_link(mail.outbox[0]).startswith(
        "http://coe.test:8000/accounts/invitation/"
    )


@override_settings(SITE_URL=SITE)
def test_invitation_is_in_the_invitees_language_and_links_there():
    client = Client()
    user = add_user(client, StaffUserFactory(), language="hi")
    message = mail.outbox[0]
    assert invitation_link(message).startswith(f"{SITE}/hi/accounts/invitation/")
    assert "पासवर्ड" in message.subject + message.body
    from wagtail.users.models import UserProfile

    assert UserProfile.get_for_user(user).preferred_language == "hi"


@override_settings(SITE_URL=SITE)
def test_setting_the_password_verifies_the_address_and_leads_to_two_factor():
    client = Client()
    user = add_user(client, StaffUserFactory())
    user.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    link = invitation_link(mail.outbox[0])

    page = client.get(link.removeprefix(SITE))
    assert page.status_code == 200
    assert "meera.reviewer@example.in" in page.content.decode()
    response = set_password(client, link)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert EmailAddress.objects.filter(
        user=user, email="meera.reviewer@example.in", verified=True, primary=True
    ).exists()
    # Into the admin: sent to set up two-factor authentication, and told why.
    admin = client.get("/admin/", follow=True)
    assert admin.redirect_chain[-1][0] == "/accounts/2fa/"
    assert "Set up two-factor authentication" in admin.content.decode()

    # Signing in again with the password needs no confirmation email.
    mail.outbox.clear()
    fresh = Client()
    signed_in = fresh.post(
        "/accounts/login/",
        {"login": "meera.reviewer@example.in", "password": NEW_PASSWORD},
    )
    assert signed_in.status_code == 302
    assert "confirm-email" not in signed_in["Location"]
    assert mail.outbox == []


@override_settings(SITE_URL=SITE)
def test_invitation_works_once():
    client = Client()
    add_user(client, StaffUserFactory())
    link = invitation_link(mail.outbox[0])
    assert set_password(client, link).status_code == 302

    other = Client()
    again = set_password(other, link, password="another-Long-passphrase-9")
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    user = User.objects.get(email="meera.reviewer@example.in")
    assert user.check_password(NEW_PASSWORD)


@override_settings(SITE_URL=SITE)
def test_invitation_expires():
    client = Client()
    add_user(client, StaffUserFactory())
    link = invitation_link(mail.outbox[0])
    later = StaffInvitation.objects.get().expires_at + datetime.timedelta(minutes=1)
    with time_machine.travel(later):
        response = set_password(Client(), link)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not User.objects.get(email="meera.reviewer@example.in").has_usable_password()


@override_settings(SITE_URL=SITE)
def test_invitation_is_only_for_the_address_it_was_sent_to():
    client = Client()
    user = add_user(client, StaffUserFactory())
    link = invitation_link(mail.outbox[0])
    user.email = "someone.else@example.in"
    user.save()
    response = set_password(Client(), link)
    assert response.status_code == 410
    assert not EmailAddress.objects.filter(user=user, verified=True).exists()


def test_sign_in_page_says_why_the_admin_sent_someone_there():
    response = Client().get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert "The admin is for staff" in response.content.decode()
    assert (
        "The admin is for staff"
        not in Client().get("/accounts/login/").content.decode()
    )


# allauth's own emails (sign-up confirmation, password reset): the same rule.
@override_settings(
    SITE_URL="http://coe.test:8000", ACCOUNT_DEFAULT_HTTP_PROTOCOL="https"
)
@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_allauth_email_links_come_from_site_url_with_its_scheme(prefix):
    client = Client(HTTP_HOST="127.0.0.1:18000")
    client.post(
        f"{prefix}/accounts/signup/",
        {
            "email": "priya@example.in",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    Client(HTTP_HOST="127.0.0.1:18000").post(
        f"{prefix}/accounts/password/reset/", {"email": "priya@example.in"}
    )
    links = [re.search(r"https?://\S+", m.body).group(0) for m in mail.outbox]
    assert len(links) == 2
    for link in links:
        assert link.startswith(f"http://coe.test:8000{prefix}/accounts/"), link


@override_settings(SITE_URL=SITE)
def test_expired_invitation_is_sent_again_from_the_users_list():
    manager = StaffUserFactory()
    client = Client()
    user = add_user(client, manager)
    old_link = invitation_link(mail.outbox[0])
    client.force_login(manager)
    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/users/{user.pk}/invitation/" in listing
    assert client.get(f"/admin/users/{user.pk}/invitation/").status_code == 200
    assert mail.outbox[1:] == []  # opening the page sends nothing
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/admin/users/{user.pk}/invitation/")
    assert response.status_code == 302
    new_link = invitation_link(mail.outbox[1])
    assert new_link != old_link
    assert set_password(Client(), old_link).status_code == 410
    assert set_password(Client(), new_link).status_code == 302
    # Once they have a password, the list offers nothing to send.
    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/users/{user.pk}/invitation/" not in listing


def test_only_user_managers_send_invitations_again():
    from tests.factories.selection import ManagerFactory

    invited = User.objects.create_user("x@example.in")
    client = Client()
    client.force_login(ManagerFactory())
    response = client.post(f"/admin/users/{invited.pk}/invitation/")
    # Wagtail answers a refused admin view by sending them to the admin home.
    assert response.status_code in (302, 403)
    assert response.get("Location", "/admin/") == "/admin/"
    assert mail.outbox == []
    assert not StaffInvitation.objects.exists()
