"""Data rights with several users, startups and applications in the database.

Deleting one account must change nothing that belongs to anyone else, and a
download must hold only the downloader's data: with a single user in the
database a dropped filter would go unnoticed, so every test here has several.
"""

import datetime as dt
import io
import json
import os
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from coe_site.personal_data import erase_account, export_data, export_zip
from cohorts.enums import ApplicationStatus
from cohorts.models import (
    Application,
    ApplicationStatusChange,
    Founder,
    Startup,
    StartupMembership,
)
from tests.factories.cohorts import (
    ApplicationFactory,
    FounderFactory,
    StartupFactory,
    create_cohort,
)
from tests.factories.home import (
    EmailAddressFactory,
    StaffUserFactory,
    VerifiedUserFactory,
)

EARLIER = timezone.now() - dt.timedelta(days=30)


def note(application, text, by):
    ApplicationStatusChange.objects.create(
        application=application,
        from_status=ApplicationStatus.DRAFT,
        to_status=ApplicationStatus.SUBMITTED,
        changed_by=by,
        note=text,
    )


@pytest.fixture
def world(cohort):
    """One leaving user among others who share startups and invitations."""
    staff = StaffUserFactory()
    leaving = VerifiedUserFactory(email="leaving@example.in")
    other = VerifiedUserFactory(email="other@example.in")
    third = VerifiedUserFactory(email="third@example.in")
    second_cohort = create_cohort("second-cohort")

    solo = StartupFactory(
        owner=leaving,
        name="Leaving Solo Labs",
        website="https://solo.example.in",
        city="Ranchi",
        description="Santali speech, run by one person.",
        incorporation_date=dt.date(2021, 7, 15),
    )
    # Invited, never signed up: must not inherit the startup.
    StartupMembership.objects.create(startup=solo, email="pending@example.in")
    shared = StartupFactory(owner=leaving, name="Shared Labs")
    StartupMembership.objects.create(
        startup=shared, email=other.email, user=other, accepted_at=EARLIER
    )
    others = StartupFactory(owner=other, name="Other Labs")
    thirds = StartupFactory(owner=third, name="Third Labs")
    # The leaving user co-edits a third's startup, is listed as its founder
    # (capitals and all), and is invited to another's.
    StartupMembership.objects.create(
        startup=thirds, email=leaving.email, user=leaving, accepted_at=EARLIER
    )
    FounderFactory(startup=thirds, name="Leaving Founder", email="LEAVING@example.in")
    StartupMembership.objects.create(startup=others, email="Leaving@Example.in")
    StartupMembership.objects.create(startup=others, email="colleague@example.in")
    StartupMembership.objects.create(
        startup=thirds, email=other.email, user=other, accepted_at=EARLIER
    )

    solo_apps = [
        ApplicationFactory(cohort=cohort, startup=solo),
        ApplicationFactory(cohort=second_cohort, startup=solo),
    ]
    kept_apps = [
        ApplicationFactory(cohort=cohort, startup=others, created_by=other),
        ApplicationFactory(cohort=second_cohort, startup=others, created_by=other),
        ApplicationFactory(cohort=cohort, startup=thirds, created_by=leaving),
        ApplicationFactory(cohort=cohort, startup=shared, created_by=leaving),
    ]
    for application in solo_apps + kept_apps:
        note(application, f"Reviewer note on {application.startup.name}", staff)
    return {
        "leaving": leaving,
        "leaving_pk": leaving.pk,  # the account is deleted; keep its pk
        "other": other,
        "third": third,
        "staff": staff,
        "solo": solo,
        "shared": shared,
        "others": others,
        "thirds": thirds,
        "solo_apps": solo_apps,
        "kept_apps": kept_apps,
    }


def everyone_elses_data(world):
    """What must survive the leaving user's erasure exactly as it was."""
    leaving_pk, email = world["leaving_pk"], world["leaving"].email.lower()
    # The leaving user's own startups: the solo one is anonymised, the shared
    # one changes hands; everything else stays as it is.
    own = [world["solo"].pk, world["shared"].pk]
    return {
        "users": sorted(
            get_user_model()
            .objects.exclude(pk=leaving_pk)
            .values_list("pk", "email", "first_name", "last_name")
        ),
        "addresses": sorted(
            EmailAddress.objects.exclude(user=leaving_pk).values_list("user", "email")
        ),
        "startups": sorted(
            Startup.objects.exclude(pk__in=own).values_list(
                "pk",
                "owner",
                "name",
                "website",
                "city",
                "description",
                "dpiit_number",
                "incorporation_date",
                "anonymised_at",
            )
        ),
        "founders": sorted(
            (f.startup_id, f.name, f.email)
            for f in Founder.objects.exclude(startup__in=own)
            if f.email.lower() != email
        ),
        "memberships": sorted(
            (m.startup_id, m.email, m.user_id, m.accepted_at)
            for m in StartupMembership.objects.exclude(startup__in=own)
            if m.email.lower() != email and m.user_id != leaving_pk
        ),
        "applications": sorted(
            (
                a.pk,
                a.status,
                json.dumps(a.answers, sort_keys=True),
                a.pitch_deck.name,
                a.pitch_deck_name,
                a.compute_purpose,
                a.compute_gpu_hours,
                a.anonymised_at,
            )
            for a in Application.objects.exclude(startup__in=own)
        ),
        "notes": sorted(
            ApplicationStatusChange.objects.exclude(
                application__startup__in=own
            ).values_list("pk", "note", "changed_by")
        ),
    }


def test_erase_leaves_everyone_elses_data_untouched(
    world, django_capture_on_commit_callbacks
):
    before = everyone_elses_data(world)
    kept_decks = [a.pitch_deck.path for a in world["kept_apps"]]
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(world["leaving"])
    assert everyone_elses_data(world) == before
    assert all(os.path.exists(path) for path in kept_decks)
    assert Startup.objects.get(owner=world["third"]) == world["thirds"]
    assert Startup.objects.get(owner=world["other"], name="Other Labs")


def test_erase_removes_the_users_memberships_invitations_and_founder_rows(world):
    leaving = world["leaving"]
    erase_account(leaving)
    assert not StartupMembership.objects.filter(email__iexact=leaving.email).exists()
    assert not Founder.objects.filter(email__iexact=leaving.email).exists()
    # The others' rows on the same startups are still there.
    assert StartupMembership.objects.filter(email="colleague@example.in").exists()
    assert StartupMembership.objects.filter(
        startup=world["thirds"], user=world["other"]
    ).exists()
    assert world["thirds"].founders.exclude(name="Leaving Founder").count() == 1
    assert not get_user_model().objects.filter(email=leaving.email).exists()


def test_erase_shared_startup_stays_whole_with_another_owner(world):
    erase_account(world["leaving"])
    shared = Startup.objects.get(pk=world["shared"].pk)
    assert shared.owner is not None and shared.anonymised_at is None
    assert shared.name == "Shared Labs" and shared.city == "Bengaluru"
    assert shared.founders.count() == 1
    application = Application.objects.get(startup=shared)
    assert application.answers["q-name"]["value"] == "VaaniAI"
    assert application.pitch_deck


def test_erase_anonymises_a_startup_with_only_a_pending_invitation(
    world, django_capture_on_commit_callbacks
):
    decks = [a.pitch_deck.path for a in world["solo_apps"]]
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(world["leaving"])
    solo = Startup.objects.get(pk=world["solo"].pk)
    assert solo.owner is None and solo.anonymised_at is not None
    assert solo.name != "Leaving Solo Labs" and "Solo" not in solo.name
    assert (solo.website, solo.city, solo.description, solo.dpiit_number) == (
        "",
        "",
        "",
        "",
    )
    # Only the year of incorporation is kept; the statistics stay.
    assert solo.incorporation_date == dt.date(2021, 1, 1)
    assert (solo.state, solo.sector, solo.stage, solo.team_size) == (
        "KA",
        "language_tech",
        "pilot",
        4,
    )
    assert not solo.founders.exists() and not solo.memberships.exists()
    assert not any(os.path.exists(path) for path in decks)
    for application in Application.objects.filter(startup=solo):
        assert application.created_by is None and application.anonymised_at
        assert not application.pitch_deck and application.pitch_deck_name == ""
        assert application.compute_purpose == ""
        assert application.compute_gpu_hours == 2000
        assert {a["value"] for a in application.answers.values()} == {None}
        assert application.answers["q-name"]["label"] == "Product name"
        assert list(application.status_changes.values_list("note", flat=True)) == [""]


def test_erase_through_the_dashboard_keeps_the_others_signed_in(client, world):
    other = world["other"]
    client.force_login(world["leaving"])
    response = client.post("/dashboard/delete-account/", {"confirm": "on"})
    assert response.status_code == 302
    assert get_user_model().objects.filter(pk=other.pk).exists()
    assert EmailAddress.objects.filter(user=other, email=other.email).exists()
    client.force_login(other)
    page = client.get("/dashboard/")
    assert page.status_code == 200
    assert "Other Labs" in page.content.decode()


@pytest.fixture
def two_users(cohort):
    mine = VerifiedUserFactory(email="mine@example.in")
    EmailAddressFactory(user=mine, email="mine-too@example.in", primary=False)
    theirs = VerifiedUserFactory(email="theirs@example.in")
    EmailAddressFactory(user=theirs, email="theirs-too@example.in", primary=False)
    my_app = ApplicationFactory(
        cohort=cohort, startup=StartupFactory(owner=mine, name="Mine Labs")
    )
    their_app = ApplicationFactory(
        cohort=cohort, startup=StartupFactory(owner=theirs, name="Their Labs")
    )
    return mine, theirs, my_app, their_app


def test_download_holds_only_the_users_own_data(two_users):
    mine, theirs, my_app, their_app = two_users
    data = export_data(mine)
    addresses = {a["email"] for a in data["account"]["email_addresses"]}
    assert addresses == {"mine@example.in", "mine-too@example.in"}
    assert [s["name"] for s in data["cohorts"]["startups"]] == ["Mine Labs"]
    assert [a["id"] for a in data["cohorts"]["applications"]] == [str(my_app.uuid)]
    text = json.dumps(data, default=str)
    assert "theirs" not in text and "Their Labs" not in text


def test_download_zip_holds_only_the_users_files(two_users):
    mine, theirs, my_app, their_app = two_users
    archive = zipfile.ZipFile(io.BytesIO(export_zip(mine)))
    files = [name for name in archive.namelist() if name.startswith("files/")]
    assert files == [f"files/applications/{my_app.uuid}/deck.pdf"]
    assert archive.read(files[0]).startswith(b"%PDF-")


def test_download_zip_has_file_answers_and_skips_missing_files(two_users):
    from django.core.files.base import ContentFile

    from cohorts.models import private_storage
    from tests.factories.cohorts import pdf_bytes

    mine, theirs, my_app, their_app = two_users
    stored = private_storage().save("answers/licence.pdf", ContentFile(pdf_bytes()))
    my_app.answers["q-licence"] = {
        "label": "Licence",
        "type": "file",
        "value": {"name": stored, "filename": "licence.pdf"},
    }
    my_app.save()
    private_storage().delete(my_app.pitch_deck.name)  # lost from storage
    archive = zipfile.ZipFile(io.BytesIO(export_zip(mine)))
    files = [name for name in archive.namelist() if name.startswith("files/")]
    assert files == [f"files/applications/{my_app.uuid}/q-licence-licence.pdf"]
    data = json.loads(archive.read("data.json"))
    assert data["cohorts"]["applications"][0]["pitch_deck"] == "deck.pdf"


def test_erase_removes_memberships_accepted_under_an_old_email(world):
    leaving = world["leaving"]
    leaving.email = "renamed@example.in"
    leaving.save()
    erase_account(leaving)
    assert not StartupMembership.objects.filter(user_id=world["leaving_pk"]).exists()
    assert not StartupMembership.objects.filter(
        startup=world["thirds"], email="leaving@example.in"
    ).exists()


def test_download_lists_members_by_their_account_and_pending_invitations(two_users):
    mine, theirs, my_app, their_app = two_users
    startup = my_app.startup
    # Invited as one address, signed in with another: the account's is shown.
    StartupMembership.objects.create(
        startup=startup, email="asha@old.example.in", user=theirs, accepted_at=EARLIER
    )
    StartupMembership.objects.create(startup=startup, email="pending@example.in")
    data = export_data(mine)
    members = sorted(
        (m["email"], m["invited_as"], m["accepted_at"] is not None)
        for m in data["cohorts"]["startups"][0]["members"]
    )
    assert members == [
        ("pending@example.in", "pending@example.in", False),
        ("theirs@example.in", "asha@old.example.in", True),
    ]


def test_download_lists_a_joined_startup_after_the_invited_address_is_gone(two_users):
    mine, theirs, my_app, their_app = two_users
    StartupMembership.objects.create(
        startup=their_app.startup,
        email="mine-old@example.in",  # an address no longer on the account
        user=mine,
        accepted_at=EARLIER,
    )
    joined = export_data(mine)["cohorts"]["memberships"]
    assert [(m["startup"], m["email"]) for m in joined] == [
        ("Their Labs", "mine-old@example.in")
    ]
    assert export_data(theirs)["cohorts"]["memberships"] == []


def test_download_history_shows_only_the_users_own_notes(two_users):
    mine, theirs, my_app, their_app = two_users
    staff = StaffUserFactory()
    note(my_app, "Withdrawn by me: wrong cohort", mine)
    note(my_app, "Reviewer: weak compute plan", staff)
    note(their_app, "Their own note", theirs)
    history = export_data(mine)["cohorts"]["applications"][0]["status_history"]
    assert sorted(h["note"] for h in history) == ["", "Withdrawn by me: wrong cohort"]
    assert {(h["from"], h["to"]) for h in history} == {
        (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED)
    }
