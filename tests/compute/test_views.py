"""Calls for compute through the site: the pages, applying, who sees what."""

import pytest

from compute import services
from compute.enums import ApplicationStatus
from compute.models import ComputeApplication
from tests.factories.compute import (
    CallManagerFactory,
    CallReviewerFactory,
    ComputeApplicationFactory,
    accepted,
    create_call,
)
from tests.factories.home import VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_the_call_page_shows_the_same_facts_in_both_languages(client, prefix):
    call = create_call(total=12345, largest=678)
    page = client.get(f"{prefix}/compute/{call.slug}/").content.decode()
    assert "12345" in page and "678" in page
    listing = client.get(f"{prefix}/compute/").content.decode()
    assert f"/compute/{call.slug}/" in listing


def test_applying_saves_a_draft_then_submits(client):
    call = create_call()
    user = VerifiedUserFactory()
    client.force_login(user)
    response = client.post(f"/hi/compute/{call.slug}/apply/", {"applicant": "person"})
    application = ComputeApplication.objects.get()
    assert response["Location"] == f"/hi/compute/applications/{application.uuid}/"
    form = {
        "project_title": "Bodo MT",
        "summary": "Train a Bodo-Hindi model.",
        "gpu_hours_requested": "200",
        "state": "AS",
        "sector": "language_tech",
        "languages": ["brx"],
    }
    client.post(response["Location"], {**form, "save_draft": "1"})
    application.refresh_from_db()
    assert (application.status, application.project_title) == ("draft", "Bodo MT")
    # The call's required question is not answered yet: not submitted.
    client.post(response["Location"], {**form, "submit": "1"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    client.post(
        response["Location"], {**form, "q-q_q-data": "Parallel text.", "submit": "1"}
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.language == "hi"


def test_a_request_over_the_largest_grant_keeps_what_was_typed(client):
    call = create_call(largest=400)
    application = ComputeApplicationFactory(call=call)
    client.force_login(application.applicant)
    response = client.post(
        application.get_absolute_url(),
        {
            "project_title": "Kept title",
            "gpu_hours_requested": "401",
            "save_draft": "1",
        },
    )
    assert response.status_code == 400
    assert "Kept title" in response.content.decode()


def test_who_sees_an_application_and_its_report(client):
    application = accepted(ComputeApplicationFactory(status="submitted"))
    services.allocate_compute(application, gpu_hours=100, by=None)
    report = application.usage_reports.get()
    urls = [application.get_absolute_url(), report.get_absolute_url()]
    client.force_login(application.applicant)
    assert [client.get(url).status_code for url in urls] == [200, 200]
    for somebody in (VerifiedUserFactory(), CallReviewerFactory()):
        client.force_login(somebody)
        assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(CallManagerFactory())
    assert [client.get(url).status_code for url in urls] == [200, 200]
    # Reading is not changing: staff cannot file the applicant's report.
    response = client.post(report.get_absolute_url(), {"hours_used": "1"})
    assert response.status_code == 404


def test_the_board_and_totals_need_the_managers_permission(client):
    call = create_call()
    urls = [f"/admin/compute/call/{call.pk}/", "/admin/compute/totals/"]
    client.force_login(CallReviewerFactory())
    for url in urls:
        response = client.get(url)
        # Wagtail sends a refusal back to the admin's home page.
        assert response.status_code == 403 or response.url == "/admin/", url
    client.force_login(CallManagerFactory())
    assert [client.get(url).status_code for url in urls] == [200, 200]


def test_the_download_and_deletion_of_an_account_cover_compute(client):
    from coe_site import personal_data

    application = ComputeApplicationFactory()
    user = application.applicant
    data = personal_data.export_data(user)
    titles = [a["project_title"] for a in data["compute"]["compute_applications"]]
    assert titles == [application.project_title]
    personal_data.erase_account(user)
    assert not ComputeApplication.objects.exists()


def test_an_anonymised_review_names_nobody(client):
    from compute.selection import assign_reviewers

    call = create_call(anonymised_review=True)
    application = ComputeApplicationFactory(
        call=call,
        status="submitted",
        applicant=VerifiedUserFactory(first_name="Sunita", last_name="Murmu"),
        summary="Sunita Murmu will fine-tune a Santali model.",
    )
    reviewer = CallReviewerFactory()
    assign_reviewers([application], reviewers=[reviewer], by=None)
    client.force_login(reviewer)
    page = client.get(
        f"/admin/compute/reviews/{application.reviews.get().pk}/"
    ).content.decode()
    assert "fine-tune a Santali model" in page
    assert "Murmu" not in page and application.applicant.email not in page
