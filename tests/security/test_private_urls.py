"""Every private URL, tried anonymously, by a stranger and by staff without
permissions (issue 9, "A security test suite").

Adding a private URL is one row in PRIVATE. `{application}`, `{startup}`,
`{cohort}`, `{invitation}` and `{registration}` are filled in from one owner's objects.
"""

from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile

from cohorts.models import StartupMembership, private_storage
from tests.factories.cohorts import (
    ApplicationFactory,
    StartupFactory,
    answers_for,
    create_cohort,
    pdf_bytes,
)
from tests.factories.events import make_event, make_index, register
from tests.factories.home import VerifiedUserFactory

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Private:
    path: str
    method: str = "GET"
    # Pages about the signed-in user themself (a stranger sees their own).
    per_user: bool = False
    data: dict = field(default_factory=dict)


# Reads first: the owner's pass over the table changes things from the first POST.
PRIVATE = [
    Private("/applications/{application}/"),
    Private("/applications/{application}/withdraw/"),
    Private("/applications/{application}/pitch-deck/"),
    Private("/applications/{application}/files/q-file/"),
    Private("/cohorts/{cohort}/apply/{application}/questions/"),
    Private("/startups/{startup}/"),
    Private("/registrations/{registration}/"),
    Private("/registrations/{registration}/cancel/"),
    Private("/registrations/{registration}/receipt/"),
    Private("/registrations/{registration}/paid/"),
    Private("/dashboard/", per_user=True),
    Private("/dashboard/delete-account/", per_user=True),
    Private(
        "/cohorts/{cohort}/apply/{application}/questions/",
        method="POST",
        data={"q-name": "Changed by someone else"},
    ),
    Private("/startups/{startup}/", method="POST", data={"startup-name": "Taken over"}),
    Private("/dashboard/my-data/", method="POST", per_user=True),
    Private("/startups/invitations/{invitation}/", method="POST", per_user=True),
    Private("/applications/{application}/withdraw/", method="POST"),
]


@pytest.fixture
def owned():
    owner = VerifiedUserFactory()
    startup = StartupFactory(owner=owner)
    stored = private_storage().save("answers/plan.pdf", ContentFile(pdf_bytes()))
    answers = answers_for({"q-name": "VaaniAI"})
    answers["q-file"] = {
        "label": "Business plan",
        "type": "file",
        "value": {"name": stored, "filename": "plan.pdf"},
    }
    application = ApplicationFactory(
        cohort=create_cohort(), startup=startup, answers=answers
    )
    home = application.cohort.get_parent().get_parent().specific
    event = make_event(make_index(home), price_paise=150000)
    registration = register(event, user=owner)
    invitation = StartupMembership.objects.create(
        startup=startup, email=owner.email, invited_by=owner
    )
    return {
        "owner": owner,
        "application": application.uuid,
        "startup": startup.uuid,
        "cohort": application.cohort.slug,
        "invitation": invitation.token,
        "registration": registration.uuid,
    }


def fetch(client, row, owned, prefix=""):
    url = prefix + row.path.format(**owned)
    if row.method == "POST":
        return client.post(url, row.data)
    return client.get(url)


def try_all(client, rows, owned, allowed, prefix=""):
    """Each row's answer that is not in `allowed`: all of them in one report."""
    wrong = []
    for row in rows:
        response = fetch(client, row, owned, prefix)
        location = response.get("Location", "")
        if (response.status_code, location[: len(prefix) + 16]) not in allowed and (
            response.status_code not in allowed
        ):
            wrong.append(
                (row.method, prefix + row.path, response.status_code, location)
            )
    return wrong


def sign_in_redirect(prefix):
    return {(302, f"{prefix}/accounts/login/"), 404}


def test_private_urls_work_for_their_owner(client, owned):
    client.force_login(owned["owner"])
    # 400: the form was read and found incomplete.
    assert try_all(client, PRIVATE, owned, {200, 302, 400}) == []


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_private_urls_anonymous_is_sent_to_sign_in(client, owned, prefix):
    assert try_all(client, PRIVATE, owned, sign_in_redirect(prefix), prefix) == []


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_private_urls_stranger_gets_404(client, owned, prefix):
    client.force_login(VerifiedUserFactory())
    rows = [row for row in PRIVATE if not row.per_user]
    assert try_all(client, rows, owned, {404}, prefix) == []


def test_private_urls_staff_without_permissions_gets_404_or_403(client, owned):
    client.force_login(VerifiedUserFactory(is_staff=True))
    rows = [row for row in PRIVATE if not row.per_user]
    assert try_all(client, rows, owned, {403, 404}) == []


def test_invitation_accepted_by_a_stranger_gives_them_nothing(client, owned):
    stranger = VerifiedUserFactory()
    client.force_login(stranger)
    from cohorts.models import StartupMembership

    client.post(f"/startups/invitations/{owned['invitation']}/")
    assert client.get(f"/startups/{owned['startup']}/").status_code == 404
    assert client.get(f"/applications/{owned['application']}/").status_code == 404
    # Nothing changed either: the invitation is still unused, the stranger in no team.
    assert not StartupMembership.objects.filter(user=stranger).exists()
    assert StartupMembership.objects.get(token=owned["invitation"]).accepted_at is None
