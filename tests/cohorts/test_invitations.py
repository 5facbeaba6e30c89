"""Invitations: only the invited, verified address joins, once, within seven days."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from cohorts import services
from cohorts.models import Startup, StartupMembership
from tests.factories.cohorts import StartupFactory
from tests.factories.home import EmailAddressFactory, UserFactory, VerifiedUserFactory


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Emails go out after the commit: run those callbacks as the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def accept_url(membership):
    return reverse("cohorts:accept_invitation", kwargs={"token": membership.token})


def member_url(membership):
    return reverse(
        "cohorts:startup_member",
        kwargs={"uuid": membership.startup.uuid, "pk": membership.pk},
    )


def invite(startup, email, by=None):
    return services.invite_cofounder(
        startup, invited_by=by or startup.owner, email=email
    )


# Who may accept ------------------------------------------------------------------
def test_invitation_accepted_by_another_account_is_refused(client, startup):
    membership = invite(startup, "asha@example.in")
    stranger = VerifiedUserFactory(email="stranger@example.in")
    client.force_login(stranger)
    response = client.post(accept_url(membership))
    assert response.status_code == 400
    page = response.content.decode()
    assert "asha@example.in" in page  # says which address the link is for
    membership.refresh_from_db()
    assert membership.user is None and membership.accepted_at is None
    assert not startup.can_edit(stranger)
    edit = reverse("cohorts:startup", kwargs={"uuid": startup.uuid})
    assert client.get(edit).status_code == 404


def test_invitation_accepted_by_the_invited_verified_address(client, startup):
    membership = invite(startup, "Asha@Example.in")
    asha = VerifiedUserFactory(email="asha@example.in")
    client.force_login(asha)
    response = client.post(accept_url(membership))
    assert response.status_code == 302
    assert startup.can_edit(asha)


def test_invitation_accepted_through_a_secondary_verified_address(startup):
    membership = invite(startup, "work@bhasha.example.in")
    asha = VerifiedUserFactory(email="asha@example.in")
    EmailAddressFactory(
        user=asha, email="work@bhasha.example.in", primary=False, verified=True
    )
    services.accept_invitation(membership, user=asha)
    assert startup.can_edit(asha)


def test_invitation_to_an_unverified_address_of_the_user_is_refused(startup):
    membership = invite(startup, "asha@example.in")
    asha = UserFactory(email="asha@example.in")
    EmailAddressFactory(user=asha, email="asha@example.in", verified=False)
    with pytest.raises(services.ApplicationError, match="asha@example.in"):
        services.accept_invitation(membership, user=asha)
    assert not startup.can_edit(asha)


def test_invitation_page_tells_the_wrong_account_before_posting(client, startup):
    membership = invite(startup, "asha@example.in")
    client.force_login(VerifiedUserFactory())
    response = client.get(accept_url(membership))
    page = response.content.decode()
    assert "asha@example.in" in page
    assert "Accept the invitation" not in page


def test_invitation_is_single_use(startup):
    membership = invite(startup, "asha@example.in")
    asha = VerifiedUserFactory(email="asha@example.in")
    services.accept_invitation(membership, user=asha)
    other = VerifiedUserFactory()
    EmailAddressFactory(user=other, email="ASHA@example.in", primary=False)
    with pytest.raises(services.ApplicationError):
        services.accept_invitation(membership, user=other)
    membership.refresh_from_db()
    assert membership.user == asha
    assert not startup.can_edit(other)


def test_invitation_expires_after_seven_days(startup):
    membership = invite(startup, "asha@example.in")
    asha = VerifiedUserFactory(email="asha@example.in")
    with time_machine.travel(dt.timedelta(days=7, minutes=1)):
        with pytest.raises(services.ApplicationError, match="expired"):
            services.accept_invitation(membership, user=asha)
    assert not startup.can_edit(asha)


def test_invitation_still_works_on_day_six(startup):
    membership = invite(startup, "asha@example.in")
    asha = VerifiedUserFactory(email="asha@example.in")
    with time_machine.travel(dt.timedelta(days=6)):
        services.accept_invitation(membership, user=asha)
    assert startup.can_edit(asha)


def test_resent_invitation_has_a_new_link_and_a_new_week(client, startup, commit):
    with commit():
        membership = invite(startup, "asha@example.in")
    old_token = membership.token
    with time_machine.travel(dt.timedelta(days=8)):
        client.force_login(startup.owner)
        with commit():
            response = client.post(member_url(membership), {"action": "resend"})
        assert response.status_code == 302
        membership.refresh_from_db()
        assert membership.token != old_token
        assert len(mail.outbox) == 2
        assert str(membership.token) in mail.outbox[-1].body
        asha = VerifiedUserFactory(email="asha@example.in")
        client.force_login(asha)
        old = reverse("cohorts:accept_invitation", kwargs={"token": old_token})
        assert client.post(old).status_code == 404
        services.accept_invitation(membership, user=asha)
    assert startup.can_edit(asha)


# The owner's member list -------------------------------------------------------
def test_owner_sees_who_joined_not_only_the_invited_address(client, startup):
    membership = invite(startup, "work@bhasha.example.in")
    asha = VerifiedUserFactory(
        email="asha@example.in", first_name="Asha", last_name="Murmu"
    )
    EmailAddressFactory(
        user=asha, email="work@bhasha.example.in", primary=False, verified=True
    )
    services.accept_invitation(membership, user=asha)
    invite(startup, "pending@example.in")
    client.force_login(startup.owner)
    page = client.get(
        reverse("cohorts:startup", kwargs={"uuid": startup.uuid})
    ).content.decode()
    assert "Asha Murmu" in page and "asha@example.in" in page
    assert "pending@example.in" in page
    assert page.count('value="remove"') == 2  # remove the member, cancel the invite
    assert page.count('value="resend"') == 1


def test_owner_removes_a_member_and_cancels_an_invitation(client, startup):
    joined = invite(startup, "asha@example.in")
    asha = VerifiedUserFactory(email="asha@example.in")
    services.accept_invitation(joined, user=asha)
    pending = invite(startup, "pending@example.in")
    client.force_login(startup.owner)
    assert client.post(member_url(joined), {"action": "remove"}).status_code == 302
    assert client.post(member_url(pending), {"action": "remove"}).status_code == 302
    assert not StartupMembership.objects.filter(startup=startup).exists()
    assert not startup.can_edit(asha)


def test_cofounder_cannot_remove_others(client, startup):
    joined = invite(startup, "asha@example.in")
    asha = VerifiedUserFactory(email="asha@example.in")
    services.accept_invitation(joined, user=asha)
    pending = invite(startup, "pending@example.in")
    client.force_login(asha)
    client.post(member_url(pending), {"action": "remove"})
    assert StartupMembership.objects.filter(pk=pending.pk).exists()


def test_stranger_cannot_manage_members(client, startup):
    pending = invite(startup, "pending@example.in")
    client.force_login(VerifiedUserFactory())
    assert client.post(member_url(pending), {"action": "remove"}).status_code == 404
    assert StartupMembership.objects.filter(pk=pending.pk).exists()


# When the owner deletes the account --------------------------------------------
def delete_account(client, user):
    client.force_login(user)
    response = client.post("/dashboard/delete-account/", {"confirm": "on"})
    assert response.status_code == 302


def test_owner_deletion_passes_to_the_longest_standing_member(client, startup):
    first = VerifiedUserFactory(email="first@example.in")
    second = VerifiedUserFactory(email="second@example.in")
    with time_machine.travel(dt.timedelta(days=1)):
        services.accept_invitation(invite(startup, "first@example.in"), user=first)
    membership = invite(startup, "second@example.in")
    services.accept_invitation(membership, user=second)
    invite(startup, "nobody-yet@example.in")
    delete_account(client, startup.owner)
    startup = Startup.objects.get(pk=startup.pk)
    assert startup.owner == second  # accepted first (now), before `first` (tomorrow)
    assert startup.can_edit(first)


def test_pending_invitee_never_inherits(client, startup):
    invite(startup, "pending@example.in")
    pending = VerifiedUserFactory(email="pending@example.in")  # never accepted
    stranger = VerifiedUserFactory()
    delete_account(client, startup.owner)
    startup = Startup.objects.get(pk=startup.pk)
    assert startup.owner is None and startup.anonymised_at is not None
    assert not startup.can_edit(pending) and not startup.can_edit(stranger)


def test_junk_member_actions_never_answer_500(client, startup):
    pending = invite(startup, "pending@example.in")
    client.force_login(startup.owner)
    assert client.post(member_url(pending), {"action": "\x00"}).status_code == 404
    assert client.get(member_url(pending)).status_code == 405
    bogus = f"/startups/{startup.uuid}/members/999999/"
    assert client.post(bogus, {"action": "remove"}).status_code == 404
    response = client.post(
        reverse("cohorts:startup", kwargs={"uuid": startup.uuid}),
        {"invite": "1", "invite-email": "not an address\x00"},
    )
    assert response.status_code == 400
    assert StartupMembership.objects.filter(startup=startup).count() == 1


# Email abuse ---------------------------------------------------------------------
def test_invitation_subject_never_carries_the_startup_name(db, commit):
    startup = StartupFactory(name="Verify your account at http://evil.test")
    with commit():
        invite(startup, "asha@example.in")
    message = mail.outbox[-1]
    assert "evil" not in message.subject
    assert "“Verify your account at http://evil.test”" in message.body


def test_inviting_one_address_twice_sends_one_email(startup, commit):
    with commit():
        invite(startup, "asha@example.in")
    for _attempt in range(3):
        with commit(), pytest.raises(services.ApplicationError):
            invite(startup, "ASHA@example.in")
    assert len(mail.outbox) == 1
    assert StartupMembership.objects.filter(startup=startup).count() == 1


def test_invitations_to_one_address_are_rate_limited(db, client):
    for _startup in range(services.INVITATIONS_PER_ADDRESS):
        invite(StartupFactory(), "target@example.in")
    startup = StartupFactory()
    client.force_login(startup.owner)
    response = client.post(
        reverse("cohorts:startup", kwargs={"uuid": startup.uuid}),
        {"invite": "1", "invite-email": "target@example.in"},
    )
    assert response.status_code == 400
    assert "Too many invitations" in response.content.decode()
    assert 'value="target@example.in"' in response.content.decode()  # kept
    assert not startup.memberships.exists()


def test_invitations_per_startup_are_rate_limited(startup):
    for number in range(services.INVITATIONS_PER_STARTUP):
        invite(startup, f"person{number}@example.in")
    with pytest.raises(services.ApplicationError, match="Too many"):
        invite(startup, "one-more@example.in")


def test_rate_limit_message_is_in_hindi(db):
    from django.utils import translation

    with translation.override("hi"):
        for _startup in range(services.INVITATIONS_PER_ADDRESS):
            invite(StartupFactory(), "target@example.in")
        with pytest.raises(services.ApplicationError) as refused:
            invite(StartupFactory(), "target@example.in")
    assert "Too many" not in refused.value.message


def test_invitation_log_names_no_address(startup, caplog):
    with caplog.at_level("INFO", logger="coe.cohorts"):
        invite(startup, "asha@example.in")
    assert caplog.records
    assert "asha@example.in" not in caplog.text


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_four_concurrent_invitations_of_one_address_send_one_email():
    from tests.cohorts.concurrency import at_once

    startup = StartupFactory()

    def send():
        try:
            return invite(Startup.objects.get(pk=startup.pk), "asha@example.in")
        except services.ApplicationError:
            return None

    at_once(4, send)
    assert StartupMembership.objects.filter(startup=startup).count() == 1
    assert [m.to for m in mail.outbox] == [["asha@example.in"]]
