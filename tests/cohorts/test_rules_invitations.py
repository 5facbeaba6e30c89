"""Invitation and startup rules at the service level (issue 13).

The views check most of these first; the services check them again, so a
caller that skips the view (an admin action, a task, a future API) cannot get
round them. Several startups and people each, so that a dropped filter shows.
"""

import contextlib

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone, translation

from cohorts import services
from cohorts.enums import ApplicationStatus
from cohorts.forms import StartupForm
from cohorts.models import Startup, StartupMembership
from cohorts.services import ApplicationError
from tests.factories.cohorts import ApplicationFactory, StartupFactory, create_cohort
from tests.factories.home import VerifiedUserFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def owner(db):
    return VerifiedUserFactory(email="owner@example.in")


@pytest.fixture
def startup(owner):
    return StartupFactory(owner=owner)


def joined(startup, email):
    membership = services.invite_cofounder(
        startup, invited_by=startup.owner, email=email
    )
    person = VerifiedUserFactory(email=email)
    return services.accept_invitation(membership, user=person), person


# Inviting -------------------------------------------------------------------------
def test_a_stranger_cannot_invite_to_someone_elses_startup(startup):
    stranger = VerifiedUserFactory()
    with pytest.raises(ApplicationError, match="cannot invite"):
        services.invite_cofounder(startup, invited_by=stranger, email="x@example.in")
    assert not StartupMembership.objects.exists()


def test_inviting_checks_who_owns_the_startup_now_not_the_callers_copy(startup, owner):
    stale = Startup.objects.get(pk=startup.pk)
    Startup.objects.filter(pk=startup.pk).update(owner=VerifiedUserFactory())
    with pytest.raises(ApplicationError, match="cannot invite"):
        services.invite_cofounder(stale, invited_by=owner, email="x@example.in")
    assert not StartupMembership.objects.exists()


def test_inviting_checks_the_owner_as_it_is_now(startup):
    _membership, asha = joined(startup, "asha@example.in")
    stale = Startup.objects.get(pk=startup.pk)
    services.transfer_startup(startup, to=asha)
    with pytest.raises(ApplicationError, match="owner is already"):
        services.invite_cofounder(stale, invited_by=asha, email="asha@example.in")
    assert not startup.memberships.filter(email="asha@example.in").exists()


def test_a_cofounder_who_joined_may_invite(startup):
    _membership, asha = joined(startup, "asha@example.in")
    invited = services.invite_cofounder(
        startup, invited_by=asha, email="ravi@example.in"
    )
    assert invited.invited_by == asha and invited.is_pending


def test_the_owner_cannot_be_invited_whatever_the_case(startup):
    with pytest.raises(ApplicationError, match="owner is already"):
        services.invite_cofounder(
            startup, invited_by=startup.owner, email="  Owner@Example.IN "
        )
    # Another startup's owner is not this one's owner: they can be invited.
    other = StartupFactory()
    invited = services.invite_cofounder(
        startup, invited_by=startup.owner, email=other.owner.email
    )
    assert invited.email == other.owner.email.lower()


def test_a_member_is_not_invited_again_and_a_pending_one_is_sent_again(startup):
    joined(startup, "asha@example.in")
    with pytest.raises(ApplicationError, match="already edits"):
        services.invite_cofounder(
            startup, invited_by=startup.owner, email="ASHA@example.in"
        )
    services.invite_cofounder(startup, invited_by=startup.owner, email="r@example.in")
    with pytest.raises(ApplicationError, match="already been invited"):
        services.invite_cofounder(
            startup, invited_by=startup.owner, email="r@example.in"
        )
    # The same address at another startup is a different invitation.
    other = StartupFactory()
    services.invite_cofounder(other, invited_by=other.owner, email="asha@example.in")
    assert StartupMembership.objects.filter(email="asha@example.in").count() == 2


# Sending again, removing -------------------------------------------------------------
def test_only_the_owner_sends_an_invitation_again(startup):
    _membership, asha = joined(startup, "asha@example.in")
    pending = services.invite_cofounder(
        startup, invited_by=startup.owner, email="ravi@example.in"
    )
    old_token = pending.token
    for not_owner in (asha, VerifiedUserFactory()):
        with pytest.raises(ApplicationError, match="Only the owner"):
            services.resend_invitation(pending, by=not_owner)
    pending.refresh_from_db()
    assert pending.token == old_token


def test_sending_again_makes_a_new_link_in_the_owners_name(startup):
    _membership, asha = joined(startup, "asha@example.in")
    pending = services.invite_cofounder(startup, invited_by=asha, email="r@example.in")
    old_token = pending.token
    services.resend_invitation(pending, by=startup.owner)
    pending.refresh_from_db()
    assert pending.token != old_token
    assert pending.invited_by == startup.owner


def test_an_accepted_invitation_is_not_sent_again(startup):
    membership, _asha = joined(startup, "asha@example.in")
    with pytest.raises(ApplicationError, match="already edits"):
        services.resend_invitation(membership, by=startup.owner)


def test_sending_again_counts_against_the_address_limit(startup):
    pending = services.invite_cofounder(
        startup, invited_by=startup.owner, email="r@example.in"
    )
    for _ in range(services.INVITATIONS_PER_ADDRESS - 1):
        services.resend_invitation(pending, by=startup.owner)
    token = StartupMembership.objects.get(pk=pending.pk).token
    with pytest.raises(ApplicationError):
        services.resend_invitation(pending, by=startup.owner)
    assert StartupMembership.objects.get(pk=pending.pk).token == token


def test_only_the_owner_removes_and_a_removed_invitation_is_gone(startup):
    _membership, asha = joined(startup, "asha@example.in")
    pending = services.invite_cofounder(
        startup, invited_by=startup.owner, email="r@example.in"
    )
    with pytest.raises(ApplicationError, match="Only the owner"):
        services.remove_membership(pending, by=asha)
    assert StartupMembership.objects.filter(pk=pending.pk).exists()
    services.remove_membership(pending, by=startup.owner)
    assert not StartupMembership.objects.filter(pk=pending.pk).exists()
    with pytest.raises(ApplicationError, match="no longer valid"):
        services.remove_membership(pending, by=startup.owner)
    with pytest.raises(ApplicationError, match="no longer valid"):
        services.accept_invitation(pending, user=VerifiedUserFactory())


# Accepting ---------------------------------------------------------------------------
def test_the_person_who_accepted_may_open_the_link_again_nobody_else(startup):
    membership, asha = joined(startup, "asha@example.in")
    assert services.invitation_problem(membership, asha) == ""
    again = services.accept_invitation(membership, user=asha)
    assert again.user == asha
    other = VerifiedUserFactory(email="other@example.in")
    assert "already been used" in services.invitation_problem(membership, other)


def test_accepting_again_keeps_the_first_acceptance_time(startup):
    membership, asha = joined(startup, "asha@example.in")
    first = StartupMembership.objects.get(pk=membership.pk).accepted_at
    later = timezone.now() + timezone.timedelta(days=1)
    services.accept_invitation(membership, user=asha, now=later)
    assert StartupMembership.objects.get(pk=membership.pk).accepted_at == first


def test_the_owner_cannot_accept_an_invitation_to_their_own_startup(startup):
    from allauth.account.models import EmailAddress

    pending = services.invite_cofounder(
        startup, invited_by=startup.owner, email="second@example.in"
    )
    EmailAddress.objects.create(
        user=startup.owner, email="second@example.in", verified=True
    )
    assert "already own" in services.invitation_problem(pending, startup.owner)
    with pytest.raises(ApplicationError, match="already own"):
        services.accept_invitation(pending, user=startup.owner)


def test_an_invitation_to_an_anonymised_startup_is_void(startup):
    pending = services.invite_cofounder(
        startup, invited_by=startup.owner, email="asha@example.in"
    )
    asha = VerifiedUserFactory(email="asha@example.in")
    Startup.objects.filter(pk=startup.pk).update(anonymised_at=timezone.now())
    pending.refresh_from_db()
    assert "no longer valid" in services.invitation_problem(pending, asha)
    with pytest.raises(ApplicationError):
        services.accept_invitation(pending, user=asha)
    assert StartupMembership.objects.get(pk=pending.pk).accepted_at is None


# Startups ----------------------------------------------------------------------------
def startup_form(name, instance=None):
    data = {
        "name": name,
        "website": "https://example.in",
        "state": "KA",
        "city": "Bengaluru",
        "sector": "language_tech",
        "stage": "pilot",
        "team_size": 3,
        "languages": ["hi"],
        "description": "Speech for Santali.",
    }
    form = StartupForm(data=data, instance=instance)
    assert form.is_valid(), form.errors
    return form


def test_the_same_form_posted_twice_makes_one_startup(owner):
    earlier = StartupFactory(owner=owner)
    StartupFactory()  # someone else's startup, without a token
    token = "a" * 32
    first = services.create_startup(
        owner=owner, form=startup_form("Vaani"), creation_token=token
    )
    second = services.create_startup(
        owner=owner, form=startup_form("Vaani"), creation_token=token
    )
    assert first.pk == second.pk != earlier.pk
    assert Startup.objects.filter(owner=owner).count() == 2


def test_another_persons_token_never_returns_their_startup(owner):
    token = "b" * 32
    theirs = services.create_startup(
        owner=VerifiedUserFactory(), form=startup_form("Theirs"), creation_token=token
    )
    mine = services.create_startup(
        owner=owner, form=startup_form("Mine"), creation_token=token
    )
    assert mine.pk != theirs.pk and mine.owner == owner and mine.name == "Mine"
    assert Startup.objects.get(pk=theirs.pk).name == "Theirs"


@contextlib.contextmanager
def concurrent_post(owner, token, *, after: int):
    """Once this post has looked for its token `after` times, a post with the
    same token commits first: two requests at once, as on PostgreSQL in
    tests/cohorts/test_lost_updates.py, but in a fixed order."""
    looked = []

    def other_request_commits(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith("SELECT") and '"creation_token" =' in sql:
            looked.append(sql)
            if len(looked) == after:
                StartupFactory(owner=owner, creation_token=token, name="First")
        return result

    with connection.execute_wrapper(other_request_commits):
        yield


def test_a_post_that_loses_the_race_for_its_token_returns_the_winner(owner):
    token = "c" * 32
    with concurrent_post(owner, token, after=2):
        returned = services.create_startup(
            owner=owner, form=startup_form("Second"), creation_token=token
        )
    assert returned.name == "First"
    assert list(Startup.objects.values_list("name", flat=True)) == ["First"]


def test_a_token_taken_meanwhile_by_someone_else_is_an_error(owner):
    from django.db import IntegrityError

    token = "d" * 32
    with (
        concurrent_post(VerifiedUserFactory(), token, after=2),
        pytest.raises(IntegrityError),
    ):
        services.create_startup(
            owner=owner, form=startup_form("Mine"), creation_token=token
        )
    assert not Startup.objects.filter(owner=owner).exists()


def test_a_failed_save_without_a_token_is_an_error_not_an_older_startup(owner):
    from django.db import IntegrityError

    StartupFactory(owner=owner, name="Older")

    def refuse_new_startups(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "cohorts_startup"'):
            raise IntegrityError("refused")
        return execute(sql, params, many, context)

    with (
        connection.execute_wrapper(refuse_new_startups),
        pytest.raises(IntegrityError),
    ):
        services.create_startup(owner=owner, form=startup_form("New"))
    assert list(Startup.objects.values_list("name", flat=True)) == ["Older"]


def test_without_a_token_every_post_makes_a_startup(owner):
    services.create_startup(owner=owner, form=startup_form("One"))
    services.create_startup(owner=owner, form=startup_form("Two"))
    assert Startup.objects.filter(owner=owner).count() == 2


def test_a_stranger_cannot_save_someone_elses_startup(startup):
    stranger = VerifiedUserFactory()
    with pytest.raises(ApplicationError, match="cannot change"):
        services.save_startup(
            startup, by=stranger, form=startup_form("Taken", instance=startup)
        )
    startup.refresh_from_db()
    assert startup.name != "Taken"


def test_saving_one_startup_leaves_the_others_alone(startup):
    other = StartupFactory(owner=startup.owner)
    version = Startup.objects.get(pk=startup.pk).version
    saved = services.save_startup(
        startup, by=startup.owner, form=startup_form("Renamed", instance=startup)
    )
    assert saved.pk == startup.pk
    assert Startup.objects.get(pk=startup.pk).name == "Renamed"
    assert Startup.objects.get(pk=other.pk).name == other.name
    assert Startup.objects.get(pk=startup.pk).version == version + 1


def test_resending_checks_the_invitation_as_it_is_now(startup):
    membership = services.invite_cofounder(
        startup, invited_by=startup.owner, email="asha@example.in"
    )
    stale = StartupMembership.objects.get(pk=membership.pk)
    asha = VerifiedUserFactory(email="asha@example.in")
    services.accept_invitation(membership, user=asha)
    with pytest.raises(ApplicationError, match="already edits"):
        services.resend_invitation(stale, by=startup.owner)
    membership.refresh_from_db()
    assert membership.token == stale.token and membership.user == asha


def test_transfer_makes_the_cofounder_owner_and_no_longer_a_member(startup):
    _membership, asha = joined(startup, "asha@example.in")
    _membership, ravi = joined(startup, "ravi@example.in")
    other = StartupFactory()
    services.invite_cofounder(other, invited_by=other.owner, email="asha@example.in")
    services.transfer_startup(startup, to=asha)
    startup.refresh_from_db()
    assert startup.owner == asha
    # Ravi still edits it; Asha's own invitation to another startup is kept.
    assert list(startup.memberships.values_list("user", flat=True)) == [ravi.pk]
    assert other.memberships.filter(email="asha@example.in").exists()


def test_transfer_returns_the_startup_as_it_is_now(startup):
    _membership, asha = joined(startup, "asha@example.in")
    stale = Startup.objects.get(pk=startup.pk)
    Startup.objects.filter(pk=startup.pk).update(name="Renamed meanwhile")
    moved = services.transfer_startup(stale, to=asha)
    assert (moved.name, moved.owner) == ("Renamed meanwhile", asha)
    assert Startup.objects.get(pk=startup.pk).name == "Renamed meanwhile"


# Applications ------------------------------------------------------------------------
def test_withdrawing_records_the_language_it_was_done_in(startup):
    application = ApplicationFactory(
        cohort=create_cohort(), startup=startup, status=ApplicationStatus.SUBMITTED
    )
    with translation.override("hi"):
        services.withdraw_application(application, user=startup.owner)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.language == "hi"


def test_a_decided_application_cannot_be_withdrawn(startup):
    application = ApplicationFactory(
        cohort=create_cohort(), startup=startup, status=ApplicationStatus.ACCEPTED
    )
    with pytest.raises(ApplicationError, match="no longer be withdrawn"):
        services.withdraw_application(application, user=startup.owner)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED


def test_a_waitlisted_application_cannot_be_withdrawn_by_the_applicant(startup):
    # Staff may still move it to withdrawn; the applicant has had a decision.
    application = ApplicationFactory(
        cohort=create_cohort(), startup=startup, status=ApplicationStatus.WAITLISTED
    )
    with pytest.raises(ApplicationError, match="no longer be withdrawn"):
        services.withdraw_application(application, user=startup.owner)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WAITLISTED


def test_an_unknown_request_language_falls_back_to_the_default():
    with translation.override("fr"):
        assert services.action_language() == "en"
    with translation.override("hi"):
        assert services.action_language() == "hi"
