"""Every private URL, tried anonymously, by a stranger, by staff without
permissions (issue 9, "A security test suite") and by staff whose permissions
would open it but who have no second factor yet (issue 22: a permission counts
only after two-factor, on every view, not only under /admin/).

Adding a private URL is one row in PRIVATE (the applicant's side) or STAFF (the
admin's). `{application}`, `{startup}`, `{cohort}`, `{invitation}`,
`{registration}`, `{assessment}` and the `{..._pk}` are filled in from one
owner's objects.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile

from cohorts.groups import SELECTION_MANAGERS, ensure_groups
from cohorts.models import StartupMembership, private_storage
from compute.groups import ensure_groups as ensure_compute_groups
from compute.services import allocate_compute
from tests.factories.cohorts import (
    ApplicationFactory,
    StartupFactory,
    answers_for,
    create_cohort,
    pdf_bytes,
)
from tests.factories.compute import (
    ComputeApplicationFactory,
    OrganisationFactory,
    SubmittedComputeApplicationFactory,
    accepted,
    create_call,
)
from tests.factories.events import make_event, make_index, register
from tests.factories.home import StaffUserFactory, VerifiedUserFactory, with_totp
from tests.factories.responsible import (
    SelfAssessmentFactory,
    SubmittedAssessmentFactory,
)

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
    Private("/responsible-ai/assessments/{assessment}/"),
    Private("/responsible-ai/assessments/", per_user=True),
    Private("/responsible-ai/assessments/new/{checklist_pk}/", per_user=True),
    Private(
        "/cohorts/{cohort}/apply/{application}/questions/",
        method="POST",
        data={"q-name": "Changed by someone else"},
    ),
    Private("/startups/{startup}/", method="POST", data={"startup-name": "Taken over"}),
    Private("/dashboard/my-data/", method="POST", per_user=True),
    Private("/startups/invitations/{invitation}/", method="POST", per_user=True),
    Private(
        "/responsible-ai/assessments/{assessment}/",
        method="POST",
        data={"subject": "Taken over"},
    ),
    Private(
        "/applications/{application}/self-assessment/",
        method="POST",
        data={"self_assessment": "{submitted_assessment_pk}"},
    ),
    Private("/applications/{application}/withdraw/", method="POST"),
    Private(
        "/applications/{application}/onboarding/",
        method="POST",
        data={"done": "bank"},
    ),
    Private(
        "/applications/{application}/alumni/",
        method="POST",
        data={"listed": "1", "line": "Listed by someone else"},
    ),
    # Calls for compute: the application, its usage report, the organisation.
    Private("/compute/applications/{compute_application}/"),
    Private("/compute/applications/{compute_grant}/"),
    Private("/compute/reports/{compute_report}/"),
    Private("/compute/organisations/{organisation}/"),
    Private("/compute/applications/{compute_application}/files/q-file/"),
    Private(
        "/compute/applications/{compute_application}/",
        method="POST",
        data={"project_title": "Changed by someone else", "save_draft": "1"},
    ),
    Private(
        "/compute/applications/{compute_application}/self-assessment/",
        method="POST",
        data={"self_assessment": "{submitted_assessment_pk}"},
    ),
    Private(
        "/compute/reports/{compute_report}/self-assessment/",
        method="POST",
        data={"self_assessment": "{submitted_assessment_pk}"},
    ),
    Private(
        "/compute/applications/{compute_grant}/listing/",
        method="POST",
        data={"listed": "on", "line": "Listed by someone else"},
    ),
    Private(
        "/compute/reports/{compute_report}/",
        method="POST",
        data={"hours_used": "1", "summary": "Filed by someone else"},
    ),
    Private(
        "/compute/organisations/{organisation}/",
        method="POST",
        data={"name": "Taken over"},
    ),
]

# The admin's views of the same objects (no language prefix).
STAFF = [
    Private("/admin/application/"),
    Private("/admin/application/inspect/{application_pk}/"),
    Private("/admin/startup/"),
    Private("/admin/startup/inspect/{startup_pk}/"),
    Private("/admin/selection/application/{application_pk}/", method="POST"),
    Private("/admin/selection/application/{application_pk}/deck/"),
    Private("/admin/selection/application/{application_pk}/files/q-file/"),
    Private("/admin/selection/cohort/{cohort_pk}/export.csv"),
    Private("/admin/selection/cohort/{cohort_pk}/compute/"),
    Private("/admin/event_registrations/?export=csv"),
    Private("/admin/events/registrations/{registration_pk}/manage/"),
    Private("/admin/events/check-in/{event_pk}/"),
    Private("/admin/events/check-in/{event_pk}/tickets.json"),
    Private("/admin/compute/"),
    Private("/admin/compute/call/{call_pk}/"),
    Private("/admin/compute/call/{call_pk}/decisions/"),
    Private("/admin/compute/call/{call_pk}/export.csv"),
    Private("/admin/compute/call/{call_pk}/export.xlsx"),
    Private("/admin/compute/totals/"),
    Private("/admin/compute/application/{compute_application_pk}/files/q-file/"),
    Private("/admin/compute_organisations/inspect/{organisation_pk}/"),
]
# What a staff member reads of an applicant's through the public site.
# Each page staff read, and what of the owner's it must show them.
STAFF_READS = [
    ("/applications/{application}/", "startup_name"),
    ("/applications/{application}/pitch-deck/", None),  # the PDF itself
    ("/applications/{application}/files/q-file/", None),
    ("/startups/{startup}/", "startup_name"),
    ("/compute/applications/{compute_application}/", "compute_title"),
    ("/compute/reports/{compute_report}/", "compute_report_grant"),
    ("/compute/applications/{compute_application}/files/q-file/", None),
]


@pytest.fixture(scope="module")
def owned_once(module_db):
    """One owner's objects, made once for the module (a cohort, two calls and an
    event, pages with their Hindi translations: seconds, more than any test
    here); each test still sees them as made. The owner as a pk, read afresh
    for each test by `owned`."""
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
        cohort=create_cohort(),
        startup=startup,
        answers=answers,
        pitch_deck=ContentFile(pdf_bytes(), name="deck.pdf"),
    )
    home = application.cohort.get_parent().get_parent().specific
    event = make_event(make_index(home), price_paise=150000)
    registration = register(event, user=owner)
    invitation = StartupMembership.objects.create(
        startup=startup, email=owner.email, invited_by=owner
    )
    assessment = SelfAssessmentFactory(owner=owner)
    submitted = SubmittedAssessmentFactory(owner=owner, checklist=assessment.checklist)
    organisation = OrganisationFactory(owner=owner)
    compute_draft = ComputeApplicationFactory(
        call=create_call(),
        applicant=owner,
        organisation=organisation,
        answers={"q-file": answers["q-file"]},
    )
    compute_grant = accepted(
        SubmittedComputeApplicationFactory(
            call=create_call("granted-call"), applicant=owner
        )
    )
    allocate_compute(compute_grant, gpu_hours=100, by=None)
    return {
        "compute_application": compute_draft.uuid,
        "compute_application_pk": compute_draft.pk,
        "compute_grant": compute_grant.uuid,
        "compute_report": compute_grant.usage_reports.get().uuid,
        "compute_title": compute_draft.project_title,
        "compute_report_grant": str(compute_grant.uuid),  # its link to the grant
        "organisation": organisation.uuid,
        "organisation_pk": organisation.pk,
        "call_pk": compute_draft.call_id,
        "owner": owner.pk,
        "startup_name": startup.name,
        "application": application.uuid,
        "startup": startup.uuid,
        "cohort": application.cohort.slug,
        "invitation": invitation.token,
        "registration": registration.uuid,
        "application_pk": application.pk,
        "startup_pk": startup.pk,
        "cohort_pk": application.cohort.pk,
        "registration_pk": registration.pk,
        "event_pk": event.pk,
        "ticket": registration.ticket_code,
        "assessment": assessment.uuid,
        "submitted_assessment_pk": submitted.pk,
        "checklist_pk": assessment.checklist.pk,
    }


@pytest.fixture
def owned(db, owned_once):
    return {**owned_once, "owner": get_user_model().objects.get(pk=owned_once["owner"])}


def fetch(client, row, owned, prefix=""):
    url = prefix + row.path.format(**owned)
    if row.method == "POST":
        data = {key: value.format(**owned) for key, value in row.data.items()}
        return client.post(url, data)
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


def selection_manager(*, second_factor: bool):
    """Everything staff need to read applicants' data and manage registrations."""
    user = VerifiedUserFactory(is_staff=True)
    user.groups.add(ensure_groups()[SELECTION_MANAGERS])
    user.groups.add(ensure_compute_groups()[SELECTION_MANAGERS])
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="events",
            codename__in=["view_registration", "change_registration"],
        )
    )
    if second_factor:
        with_totp(user)
    return user


STAFF_WITHOUT_SECOND_FACTOR = {
    "selection manager": lambda: selection_manager(second_factor=False),
    "superuser": lambda: StaffUserFactory(totp=False),
}


@pytest.mark.parametrize("prefix", ["", "/hi"])
@pytest.mark.parametrize("who", STAFF_WITHOUT_SECOND_FACTOR)
def test_private_urls_staff_without_second_factor_gets_404_or_403(
    client, owned, who, prefix
):
    client.force_login(STAFF_WITHOUT_SECOND_FACTOR[who]())
    rows = [row for row in PRIVATE if not row.per_user]
    assert try_all(client, rows, owned, {403, 404}, prefix) == []


@pytest.mark.parametrize("who", STAFF_WITHOUT_SECOND_FACTOR)
def test_admin_urls_staff_without_second_factor_is_sent_to_set_it_up(
    client, owned, who
):
    client.force_login(STAFF_WITHOUT_SECOND_FACTOR[who]())
    assert try_all(client, STAFF, owned, {(302, "/accounts/2fa/")}) == []
    assert client.get(f"/registrations/{owned['registration']}/").status_code == 404


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_private_urls_staff_with_second_factor_read_through_the_permission(
    client, owned, prefix
):
    """The same person once they have an authenticator app: the rows above are
    closed by the missing second factor, not by anything else."""
    client.force_login(selection_manager(second_factor=True))
    for path, shown in STAFF_READS:
        url = prefix + path.format(**owned)
        response = client.get(url)
        assert response.status_code == 200, url
        if shown is None:  # the deck and the answer file, as they were sent
            assert b"".join(response.streaming_content).startswith(b"%PDF-"), url
        else:
            assert owned[shown] in response.content.decode(), url
    # Actions answer with the page they were taken from.
    done = {200, (302, "/admin/applicati"), (302, "/admin/events/ch")}
    assert try_all(client, STAFF, owned, done) == []


def test_group_restricted_page_needs_a_second_factor_even_for_a_superuser(
    client, owned
):
    """Wagtail lets superusers through every group restriction: without a second
    factor they are treated as outside the group, on every file of the page."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from events.models import EventPage

    event = EventPage.objects.get()
    restriction = PageViewRestriction.objects.create(
        page=event, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))
    urls = [
        f"/events/{event.slug}/",
        f"/events/{event.slug}/calendar.ics",
        f"/events/{event.slug}/availability.json",
    ]
    superuser = StaffUserFactory(totp=False)
    client.force_login(superuser)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
    with_totp(superuser)
    client.force_login(superuser)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]


def test_group_restricted_document_needs_a_second_factor_even_for_a_superuser(
    client, db
):
    from django.contrib.auth.models import Group
    from wagtail.documents.models import Document
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))
    document = Document.objects.create(
        title="Minutes",
        collection=collection,
        file=ContentFile(b"minutes", name="minutes.txt"),
    )
    superuser = StaffUserFactory(totp=False)
    client.force_login(superuser)
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    with_totp(superuser)
    client.force_login(superuser)
    assert client.get(document.url).status_code == 200
