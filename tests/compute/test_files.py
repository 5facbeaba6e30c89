"""A file answer to a call's question: downloaded by its applicant, by staff
with the call's permission and by its assigned, non-conflicted reviewers
(under its own name only when the review is not anonymised); nobody else."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from compute import selection
from review.files import private_storage
from tests.factories.cohorts import add_file_answer
from tests.factories.compute import (
    CallManagerFactory,
    CallReviewerFactory,
    SubmittedComputeApplicationFactory,
    create_call,
)
from tests.factories.home import UserFactory, VerifiedUserFactory, with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    application = SubmittedComputeApplicationFactory(call=create_call())
    return add_file_answer(application, "q-plan", label="Data plan")


@pytest.fixture
def reviewer(application):
    reviewer = CallReviewerFactory()
    selection.assign_reviewers([application], reviewers=[reviewer], by=None)
    return reviewer


def admin_url(application, question_id="q-plan"):
    return f"/admin/compute/application/{application.pk}/files/{question_id}/"


def public_url(application, question_id="q-plan"):
    return f"/compute/applications/{application.uuid}/files/{question_id}/"


def downloaded(response) -> str:
    """The file name it came as; fails unless a PDF attachment came."""
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    return disposition.split("filename=")[1].strip('"')


def refused(response) -> bool:
    """No file: a 404, a 403, or the sign-in (or two-factor set-up) page."""
    if response.status_code == 302:
        return any(p in response["Location"] for p in ("/accounts/", "/login/"))
    return response.status_code in (403, 404)


def test_managers_and_assigned_reviewers_download_a_file_answer(
    client, application, reviewer
):
    client.force_login(CallManagerFactory())
    assert downloaded(client.get(admin_url(application))) == "q-plan.pdf"
    assert downloaded(client.get(public_url(application))) == "q-plan.pdf"
    client.force_login(reviewer)
    assert downloaded(client.get(admin_url(application))) == "q-plan.pdf"
    client.force_login(application.applicant)
    assert downloaded(client.get(public_url(application))) == "q-plan.pdf"


def test_anonymised_review_hides_the_file_name_from_reviewers_only(client):
    application = SubmittedComputeApplicationFactory(
        call=create_call(anonymised_review=True)
    )
    add_file_answer(application, "q-plan")
    reviewer = CallReviewerFactory()
    selection.assign_reviewers([application], reviewers=[reviewer], by=None)
    client.force_login(reviewer)
    assert downloaded(client.get(admin_url(application))) == "answer.pdf"
    client.force_login(CallManagerFactory())
    assert downloaded(client.get(admin_url(application))) == "q-plan.pdf"


def staff_without_permission():
    """In the admin (an editor), but without the call's permissions."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    with_totp(user)
    return user


def other_applicant():
    return SubmittedComputeApplicationFactory(call=create_call("other-call")).applicant


def unassigned_reviewer():
    return CallReviewerFactory()


def manager_without_two_factor():
    user = VerifiedUserFactory(is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Selection managers")[0])
    CallManagerFactory()  # makes the group's permissions
    return user


@pytest.mark.parametrize(
    "somebody",
    [
        other_applicant,
        unassigned_reviewer,
        staff_without_permission,
        manager_without_two_factor,
        None,
    ],
)
def test_nobody_else_downloads_a_file_answer(client, application, reviewer, somebody):
    if somebody is not None:
        client.force_login(somebody())
    for url in (admin_url(application), public_url(application)):
        assert refused(client.get(url)), url


def test_a_reviewer_who_declared_a_conflict_no_longer_downloads(
    client, application, reviewer
):
    selection.declare_conflict(application.reviews.get(), by=reviewer)
    client.force_login(reviewer)
    assert client.get(admin_url(application)).status_code == 404


def test_a_question_that_is_not_a_file_is_a_404(client, application, reviewer):
    client.force_login(CallManagerFactory())
    for question_id in ("q-data", "q-none"):
        assert client.get(admin_url(application, question_id)).status_code == 404
        assert client.get(public_url(application, question_id)).status_code == 404


def test_the_review_page_and_the_application_link_the_file(
    client, application, reviewer
):
    client.force_login(reviewer)
    page = client.get(f"/admin/compute/reviews/{application.reviews.get().pk}/")
    assert admin_url(application) in page.content.decode()
    client.force_login(application.applicant)
    page = client.get(application.get_absolute_url())
    assert public_url(application) in page.content.decode()


def test_the_orphan_sweep_spares_a_call_applications_file(application):
    (name,) = [
        a["value"]["name"] for a in application.answers.values() if a["type"] == "file"
    ]
    stray = private_storage().save("answers/none/stray.pdf", open_pdf(name))
    call_command("delete_orphan_files", "--min-age-hours", "0", "--delete")
    assert private_storage().exists(name)
    assert not private_storage().exists(stray)


def open_pdf(name):
    from django.core.files.base import ContentFile

    with private_storage().open(name, "rb") as stored:
        return ContentFile(stored.read())
