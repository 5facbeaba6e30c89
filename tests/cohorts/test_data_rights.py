"""Data rights: the download and the deletion cover the same rows, and only the
user's own (verified) ones."""

import pytest
from allauth.account.models import EmailAddress

from coe_site import personal_data
from cohorts import services
from cohorts.models import Application, Founder, Startup, StartupMembership
from tests.factories.cohorts import ApplicationFactory, FounderFactory, StartupFactory
from tests.factories.home import EmailAddressFactory, UserFactory, VerifiedUserFactory
from tests.factories.responsible import SubmittedAssessmentFactory


@pytest.fixture
def asha(db):
    """A user with a primary and a secondary verified address."""
    user = VerifiedUserFactory(email="asha@example.in")
    EmailAddressFactory(
        user=user, email="asha@work.example.in", primary=False, verified=True
    )
    return user


@pytest.fixture
def world(asha, cohort):
    """Asha's own startup and application, and rows about her in others' startups."""
    own = StartupFactory(owner=asha)
    # Her self-assessment, attached to her application; another's, not hers.
    ApplicationFactory(
        startup=own,
        cohort=cohort,
        self_assessment=SubmittedAssessmentFactory(owner=asha),
    )
    SubmittedAssessmentFactory()
    other = StartupFactory()
    FounderFactory(startup=other, email="ASHA@work.example.in", name="Asha")
    FounderFactory(startup=other, email="ravi@example.in", name="Ravi")
    services.invite_cofounder(
        other, invited_by=other.owner, email="asha@work.example.in"
    )
    joined = StartupFactory()
    membership = services.invite_cofounder(
        joined, invited_by=joined.owner, email="asha@example.in"
    )
    services.accept_invitation(membership, user=asha)
    # A compute application for an organisation she manages (issue 23).
    from tests.factories.compute import ComputeApplicationFactory, OrganisationFactory

    organisation = OrganisationFactory(owner=asha)
    ComputeApplicationFactory(applicant=asha, organisation=organisation)
    return {"own": own, "other": other, "joined": joined}


def test_export_and_erase_cover_the_same_rows(asha, world):
    lists = personal_data.personal_data_lists()
    keys = {(label, key) for label, key, _rows in lists}
    assert {
        ("account", "email_addresses"),
        ("cohorts", "founder_rows"),
        ("cohorts", "memberships"),
    } <= keys
    exported = personal_data.export_data(asha)
    before = {}
    for label, key, rows in lists:
        ids = set(rows(asha).values_list("pk", flat=True))
        assert ids, f"the scenario has no {label}.{key}"
        assert {row["id"] for row in exported[label][key]} == ids, (label, key)
        before[(label, key)] = (rows(asha).model, ids)
    personal_data.erase_account(asha)
    for (label, key), (model, ids) in before.items():
        assert not model.objects.filter(pk__in=ids).exists(), (label, key)


def test_download_has_founder_rows_and_pending_invitations(asha, world):
    data = personal_data.export_data(asha)["cohorts"]
    founders = {(row["startup"], row["email"]) for row in data["founder_rows"]}
    assert (world["other"].name, "ASHA@work.example.in") in founders
    pending = [row for row in data["memberships"] if row["accepted_at"] is None]
    assert [row["startup"] for row in pending] == [world["other"].name]


def test_founder_rows_under_a_secondary_verified_address_are_erased(asha, world):
    personal_data.erase_account(asha)
    assert not Founder.objects.filter(email__iexact="asha@work.example.in").exists()
    assert not StartupMembership.objects.filter(
        email__iexact="asha@work.example.in"
    ).exists()


def test_deleting_one_account_leaves_everyone_else_untouched(asha, world, cohort):
    others = [VerifiedUserFactory() for _ in range(3)]
    for person in others:
        startup = StartupFactory(owner=person)
        FounderFactory(startup=startup, email=person.email)
        ApplicationFactory(startup=startup, cohort=cohort)
    # Somebody else's address, claimed but never verified by Asha.
    EmailAddressFactory(
        user=asha, email=others[0].email.upper(), primary=False, verified=False
    )
    untouched = {
        "startups": set(
            Startup.objects.exclude(owner=asha).values_list(
                "pk", "name", "owner", "anonymised_at"
            )
        ),
        "founders": set(
            Founder.objects.exclude(email__icontains="asha").values_list(
                "pk", "name", "email"
            )
        ),
        "applications": set(
            Application.objects.exclude(startup__owner=asha).values_list(
                "pk", "compute_purpose"
            )
        ),
        "emails": set(
            EmailAddress.objects.exclude(user=asha).values_list(
                "pk", "email", "verified"
            )
        ),
        "memberships": set(
            StartupMembership.objects.exclude(email__icontains="asha").values_list(
                "pk", "email", "user"
            )
        ),
    }
    personal_data.erase_account(asha)
    after = {
        "startups": set(
            Startup.objects.filter(
                pk__in=[row[0] for row in untouched["startups"]]
            ).values_list("pk", "name", "owner", "anonymised_at")
        ),
        "founders": set(Founder.objects.values_list("pk", "name", "email")),
        "applications": set(
            Application.objects.exclude(startup=world["own"]).values_list(
                "pk", "compute_purpose"
            )
        ),
        "emails": set(EmailAddress.objects.values_list("pk", "email", "verified")),
        "memberships": set(
            StartupMembership.objects.values_list("pk", "email", "user")
        ),
    }
    for name, rows in untouched.items():
        assert rows <= after[name], name
    assert Founder.objects.filter(email__iexact=others[0].email).exists()


def test_unverified_address_erases_nobody_elses_founder_row(db):
    victim_startup = StartupFactory()
    FounderFactory(startup=victim_startup, email="victim@example.in")
    impostor = UserFactory(email="victim@example.in")  # never verified
    EmailAddressFactory(user=impostor, email="victim@example.in", verified=False)
    personal_data.erase_account(impostor)
    assert Founder.objects.filter(email="victim@example.in").exists()


def test_deletion_logs_carry_ids_not_addresses(asha, world, caplog):
    with caplog.at_level("INFO"):
        personal_data.erase_account(asha)
    assert caplog.records
    assert "asha@" not in caplog.text.lower()
