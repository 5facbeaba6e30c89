"""A call's board in bulk: automatic, balanced reviewer assignment that skips
declared conflicts, and the export of its applications with their scores
(CSV and XLSX, formulas neutralised); who may use them, and what bad input
gets back."""

import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compute import selection
from compute.models import ComputeReview
from tests.factories.compute import (
    CallManagerFactory,
    CallReviewerFactory,
    OrganisationFactory,
    SubmittedComputeApplicationFactory,
    create_call,
)
from tests.factories.home import UserFactory, VerifiedUserFactory, with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return create_call()


def board(call):
    return f"/admin/compute/call/{call.pk}/"


def export_url(call, fmt):
    return f"/admin/compute/call/{call.pk}/export.{fmt}"


def manager_with(*codenames):
    """Staff with a second factor and only these compute permissions."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="compute", codename__in=codenames
        ),
    )
    with_totp(user)
    return user


def test_automatic_assignment_spreads_the_load_and_skips_conflicts(client, call):
    applications = SubmittedComputeApplicationFactory.create_batch(4, call=call)
    reviewers = CallReviewerFactory.create_batch(3)
    # reviewers[0] knows the first applicant: declared on an earlier call.
    earlier = SubmittedComputeApplicationFactory(
        call=create_call("earlier"), applicant=applications[0].applicant
    )
    selection.assign_reviewers([earlier], reviewers=[reviewers[0]], by=None)
    selection.declare_conflict(earlier.reviews.get(), by=reviewers[0])

    client.force_login(CallManagerFactory())
    response = client.post(
        board(call),
        {
            "action": "auto",
            "reviewers": [r.pk for r in reviewers],
            "per_application": "2",
        },
    )
    assert response.status_code == 302
    reviews = ComputeReview.objects.filter(application__call=call)
    assert reviews.count() == 8
    load = sorted(reviews.filter(reviewer=r).count() for r in reviewers)
    assert load[-1] - load[0] <= 1
    assert not reviews.filter(
        application=applications[0], reviewer=reviewers[0]
    ).exists()
    for application in applications:
        application.refresh_from_db()
        assert application.status == "in_review"
    page = client.get(board(call)).content.decode()
    assert "2 reviews" not in page  # the message was shown once, on the redirect
    assert reviewers[1].email in page


def test_automatic_assignment_of_chosen_applications_only(client, call):
    chosen, other = SubmittedComputeApplicationFactory.create_batch(2, call=call)
    reviewer = CallReviewerFactory()
    client.force_login(CallManagerFactory())
    client.post(
        board(call),
        {
            "action": "auto",
            "application": [chosen.pk],
            "reviewers": [reviewer.pk],
            "per_application": "1",
        },
    )
    assert list(ComputeReview.objects.values_list("application", flat=True)) == [
        chosen.pk
    ]


@pytest.mark.parametrize("per_application", ["-3", "0", "11", "abc", ""])
def test_bad_automatic_assignment_says_why_and_keeps_the_choice(
    client, call, per_application
):
    application = SubmittedComputeApplicationFactory(call=call)
    reviewer = CallReviewerFactory()
    client.force_login(CallManagerFactory())
    response = client.post(
        board(call),
        {
            "action": "auto",
            "application": [application.pk],
            "reviewers": [reviewer.pk],
            "per_application": per_application,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please correct the errors below." in page
    # What was chosen is still chosen.
    assert f'id="app-{application.pk}" checked' in page
    ticked = rf'<input[^>]*name="reviewers"[^>]*value="{reviewer.pk}"[^>]*checked'
    assert re.search(ticked, page)
    assert not ComputeReview.objects.exists()


def test_automatic_assignment_without_reviewers_says_so(client, call):
    SubmittedComputeApplicationFactory(call=call)
    client.force_login(CallManagerFactory())
    response = client.post(board(call), {"action": "auto", "per_application": "2"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_bad_input_on_the_board_is_in_hindi_for_a_hindi_manager(client, call):
    from wagtail.users.models import UserProfile

    manager = CallManagerFactory()
    profile = UserProfile.get_for_user(manager)
    profile.preferred_language = "hi"
    profile.save()
    client.force_login(manager)
    response = client.post(board(call), {"action": "auto", "per_application": "x"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "कृपया नीचे दी गई त्रुटियाँ ठीक करें।" in page
    assert "स्वचालित रूप से सौंपें" in page


def test_assigning_needs_the_assign_permission(client, call):
    application = SubmittedComputeApplicationFactory(call=call)
    reviewer = CallReviewerFactory()
    data = {
        "action": "auto",
        "application": [application.pk],
        "reviewers": [reviewer.pk],
        "per_application": "1",
    }
    for somebody in (manager_with("view_computeapplication"), reviewer):
        client.force_login(somebody)
        response = client.post(board(call), data)
        assert response.status_code == 403 or response.url == "/admin/"
    assert not ComputeReview.objects.exists()


@pytest.mark.parametrize("allocate_to", ["abc", "", "-1"])
def test_allocating_to_no_application_is_a_message_not_a_500(client, call, allocate_to):
    client.force_login(CallManagerFactory())
    response = client.post(board(call), {"allocate_to": allocate_to})
    assert response.status_code == 400
    assert "Choose an application." in response.content.decode()


# Export ---------------------------------------------------------------------
@pytest.fixture
def scored(call):
    """Two applications, one scored by two reviewers, with a formula for a
    title (CSV injection) and an organisation applying."""
    first = SubmittedComputeApplicationFactory(
        call=call, project_title='=HYPERLINK("http://evil")'
    )
    second = SubmittedComputeApplicationFactory(
        call=call,
        organisation=OrganisationFactory(name="Bodo Lab"),
        kind="university_lab",
    )
    reviewers = CallReviewerFactory.create_batch(2)
    selection.assign_reviewers([first, second], reviewers=reviewers, by=None)
    criteria = selection.criteria_of(call)
    for reviewer, (benefit, feasibility) in zip(
        reviewers, [(5, 5), (3, 2)], strict=True
    ):
        selection.submit_review(
            first.reviews.get(reviewer=reviewer),
            by=reviewer,
            scores={str(criteria[0].pk): benefit, str(criteria[1].pk): feasibility},
            comment="",
            recommendation="yes",
        )
    return first, second


def csv_rows(response):
    import csv

    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_the_csv_export_has_scores_and_neutralised_cells(client, call, scored):
    first, second = scored
    client.force_login(CallManagerFactory())
    response = client.get(export_url(call, "csv"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = {row["Application"]: row for row in csv_rows(response)}
    row = rows[str(first.uuid)]
    assert row["Project title"] == '\'=HYPERLINK("http://evil")'
    assert row["Reviews"] == "2"
    assert row["Mean: Benefit"] == "4.0" and row["Mean: Feasibility"] == "3.5"
    assert row["What data will you use?"] == "Read speech recorded with consent."
    assert rows[str(second.uuid)]["Applicant"] == "Bodo Lab"
    assert rows[str(second.uuid)]["Reviews"] == "0"


def test_the_xlsx_export_reads_in_a_spreadsheet(client, call, scored):
    from openpyxl import load_workbook

    client.force_login(CallManagerFactory())
    response = client.get(export_url(call, "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    titles = [row[header.index("Project title")] for row in rows]
    assert '\'=HYPERLINK("http://evil")' in titles
    assert sorted(row[header.index("Reviews")] for row in rows) == [0, 2]


def test_the_export_in_hindi_has_hindi_headings(client, call, scored):
    from wagtail.users.models import UserProfile

    manager = CallManagerFactory()
    profile = UserProfile.get_for_user(manager)
    profile.preferred_language = "hi"
    profile.save()
    client.force_login(manager)
    response = client.get(export_url(call, "csv"))
    header = response.content.decode().lstrip("\ufeff").splitlines()[0]
    assert "परियोजना का शीर्षक" in header and "समीक्षाएँ" in header


def test_an_unknown_export_format_is_a_404(client, call):
    client.force_login(CallManagerFactory())
    assert client.get(export_url(call, "pdf")).status_code == 404


@pytest.mark.parametrize(
    "somebody",
    [
        CallReviewerFactory,
        VerifiedUserFactory,
        lambda: manager_with("assign_reviewers"),
        None,
    ],
)
def test_only_managers_with_the_view_permission_export(client, call, somebody):
    if somebody is not None:
        client.force_login(somebody())
    response = client.get(export_url(call, "csv"))
    assert response.status_code in (302, 403)
    assert "attachment" not in response.get("Content-Disposition", "")


# Queries --------------------------------------------------------------------
def queries(client, url) -> int:
    client.get(url)  # warm what a first visit fills (menus, permissions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def fill(call, how_many):
    applications = [
        SubmittedComputeApplicationFactory(
            call=call,
            organisation=OrganisationFactory() if i % 2 else None,
            kind="university_lab" if i % 2 else "researcher",
        )
        for i in range(how_many)
    ]
    reviewers = CallReviewerFactory.create_batch(2)
    selection.assign_reviewers(applications, reviewers=reviewers, by=None)
    criteria = selection.criteria_of(call)
    for application in applications:
        selection.submit_review(
            application.reviews.get(reviewer=reviewers[0]),
            by=reviewers[0],
            scores={str(c.pk): 3 for c in criteria},
            comment="",
            recommendation="yes",
        )
        selection.declare_conflict(
            application.reviews.get(reviewer=reviewers[1]), by=reviewers[1]
        )


def test_board_and_export_queries_do_not_grow_with_applications(client):
    manager = CallManagerFactory()
    client.force_login(manager)
    counts = {}
    for how_many in (2, 20):
        call = create_call(f"call-{how_many}")
        fill(call, how_many)
        counts[how_many] = [
            queries(client, url)
            for url in (board(call), export_url(call, "csv"), export_url(call, "xlsx"))
        ]
    print("\nqueries (board, csv, xlsx) for 2 / 20 applications:", counts)
    assert counts[2] == counts[20], counts
