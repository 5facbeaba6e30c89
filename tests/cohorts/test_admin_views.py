"""Selection in the Wagtail admin: who may open what, and what they see."""

import csv
import io

import openpyxl
import pytest
from django.core import mail

from cohorts import selection
from cohorts.enums import ApplicationStatus, ReviewStatus
from cohorts.models import Review
from tests.factories.selection import (
    ManagerFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
    cohort_with_rubric,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def cohort():
    return cohort_with_rubric()


@pytest.fixture
def assigned(cohort):
    reviewer = ReviewerFactory()
    application = SubmittedApplicationFactory(cohort=cohort)
    selection.assign_reviewers([application], reviewers=[reviewer], by=None)
    return reviewer, application, Review.objects.get(application=application)


def denied(response) -> bool:
    """Wagtail answers PermissionDenied in the admin with a redirect to its home."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == "/admin/"
    )


def selection_reviews(application, reviewer):
    selection.assign_reviewers([application], reviewers=[reviewer], by=None)
    return list(Review.objects.filter(application=application, reviewer=reviewer))


def post_scores(client, review, impact=4, team=3, **extra):
    impact_c, team_c = selection.criteria_of(review.application.cohort)
    return client.post(
        f"/admin/selection/reviews/{review.pk}/",
        {
            f"score_{impact_c.pk}": impact,
            f"score_{team_c.pk}": team,
            "comment": "Strong team",
            "recommendation": "yes",
            **extra,
        },
    )


def test_applications_are_not_added_copied_or_edited_in_the_admin(
    client, staff_user, cohort
):
    application = SubmittedApplicationFactory(cohort=cohort)
    client.force_login(staff_user)
    assert denied(client.get("/admin/application/new/"))
    assert denied(client.get(f"/admin/application/edit/{application.pk}/"))
    assert client.get(f"/admin/application/copy/{application.pk}/").status_code == 404
    index = client.get("/admin/application/").content.decode()
    assert "/admin/application/new/" not in index
    assert f"/admin/application/inspect/{application.pk}/" in index


def test_reviewer_cannot_open_an_unassigned_application(client, assigned, cohort):
    reviewer, _application, _review = assigned
    other = SubmittedApplicationFactory(cohort=cohort)
    selection.assign_reviewers([other], reviewers=[ReviewerFactory()], by=None)
    not_mine = Review.objects.get(application=other)
    client.force_login(reviewer)
    assert client.get(f"/admin/selection/reviews/{not_mine.pk}/").status_code == 404
    assert denied(client.get(f"/admin/application/inspect/{other.pk}/"))
    assert (
        client.get(f"/admin/selection/application/{other.pk}/deck/").status_code == 404
    )
    assert denied(client.get(f"/admin/selection/cohort/{cohort.pk}/"))
    assert denied(client.get(f"/admin/selection/cohort/{cohort.pk}/export.csv"))


def test_reviewer_scores_and_sees_others_only_after(client, assigned):
    reviewer, application, review = assigned
    second = ReviewerFactory()
    selection.assign_reviewers([application], reviewers=[second], by=None)
    client.force_login(reviewer)
    page = client.get(f"/admin/selection/reviews/{review.pk}/").content.decode()
    assert application.startup.name in page
    response = post_scores(client, review)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.score == 73.33  # (2 * 4/5 + 3/5) / 3
    # The second reviewer does not see the first one's score before scoring.
    client.force_login(second)
    second_review = Review.objects.get(reviewer=second)
    page = client.get(f"/admin/selection/reviews/{second_review.pk}/").content.decode()
    assert "Strong team" not in page and "73.33" not in page
    post_scores(client, second_review, impact=5, team=5)
    page = client.get(f"/admin/selection/reviews/{second_review.pk}/").content.decode()
    assert "Strong team" in page and "73.33" in page


def test_score_out_of_range_keeps_what_was_typed(client, assigned):
    reviewer, _application, review = assigned
    client.force_login(reviewer)
    response = post_scores(client, review, impact=9, comment="kept")
    assert response.status_code == 400
    assert "kept" in response.content.decode()


def test_anonymised_review_hides_identity(client, assigned, cohort):
    cohort.anonymised_review = True
    cohort.save_revision().publish()
    reviewer, application, review = assigned
    assert application.cohort.__class__.objects.get(pk=cohort.pk).anonymised_review
    client.force_login(reviewer)
    for url in (
        f"/admin/selection/reviews/{review.pk}/",
        "/admin/selection/reviews/",
        "/admin/",
    ):
        html = client.get(url).content.decode()
        assert application.startup.name not in html, url
        assert application.startup.website not in html, url
        assert "Asha Murmu" not in html, url
        assert application.pitch_deck_name not in html, url
        # The description shows with names redacted (tests/cohorts/test_anonymity.py).
    deck = client.get(f"/admin/selection/application/{application.pk}/deck/")
    assert 'filename="pitch-deck.pdf"' in deck["Content-Disposition"]
    # What the startup does in general terms stays (and anonymity is per cohort).
    html = client.get(f"/admin/selection/reviews/{review.pk}/").content.decode()
    assert "Team size" in html and "Pilot" in html
    cohort.anonymised_review = False
    cohort.save_revision().publish()
    html = client.get(f"/admin/selection/reviews/{review.pk}/").content.decode()
    assert application.startup.description in html
    assert application.startup.name in html


def test_a_former_reviewer_can_no_longer_open_their_assignments(client, assigned):
    """The permission counts, not only the assignment row (issue 22, item 6)."""
    from django.contrib.auth.models import Group, Permission

    from cohorts.groups import REVIEWERS

    reviewer, application, review = assigned
    client.force_login(reviewer)
    assert client.get(f"/admin/selection/reviews/{review.pk}/").status_code == 200
    # Moved to the editors: still in the admin, no longer a reviewer.
    editors, _created = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    reviewer.groups.remove(Group.objects.get(name=REVIEWERS))
    reviewer.groups.add(editors)
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)  # no cached permissions
    assert not Review.objects.for_reviewer(reviewer).exists()
    client.force_login(reviewer)
    assert client.get(f"/admin/selection/reviews/{review.pk}/").status_code == 404
    deck = client.get(f"/admin/selection/application/{application.pk}/deck/")
    assert deck.status_code == 404
    assert denied(client.get("/admin/selection/reviews/"))


def test_the_number_of_reviews_counts_submitted_reviews_only(client, cohort):
    application = SubmittedApplicationFactory(cohort=cohort)
    scorer, waiting, conflicted = ReviewerFactory.create_batch(3)
    selection.assign_reviewers(
        [application], reviewers=[scorer, waiting, conflicted], by=None
    )
    impact_c, team_c = selection.criteria_of(cohort)
    selection.submit_review(
        Review.objects.get(reviewer=scorer),
        by=scorer,
        scores={str(impact_c.pk): 5, str(team_c.pk): 5},
    )
    selection.declare_conflict(Review.objects.get(reviewer=conflicted), by=conflicted)
    client.force_login(ManagerFactory())
    response = client.get("/admin/application/", {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(body)))
    assert row["Reviews"] == "1"
    assert float(row["Mean score"]) == 100.0


def test_conflict_removes_the_application_from_the_reviewer(client, assigned):
    reviewer, _application, review = assigned
    client.force_login(reviewer)
    client.post(f"/admin/selection/reviews/{review.pk}/", {"conflict": "1"})
    assert client.get(f"/admin/selection/reviews/{review.pk}/").status_code == 404
    review.refresh_from_db()
    assert review.status == ReviewStatus.CONFLICT
    mine = client.get("/admin/selection/reviews/").content.decode()
    assert f"/admin/selection/reviews/{review.pk}/" not in mine


def test_manager_reads_the_application_in_their_language(client, cohort):
    manager = ManagerFactory()
    application = SubmittedApplicationFactory(cohort=cohort)
    client.force_login(manager)
    html = client.get(f"/admin/application/inspect/{application.pk}/").content.decode()
    assert "Model family" in html and "Open LLM" in html
    assert "IST" in html
    assert f"/admin/selection/application/{application.pk}/deck/" in html
    assert "{" not in html.split("Answers", 1)[1].split("Reviews", 1)[0]


def test_manager_bulk_assigns_stages_and_sends(
    client, cohort, django_capture_on_commit_callbacks
):
    manager = ManagerFactory()
    reviewers = ReviewerFactory.create_batch(2)
    applications = SubmittedApplicationFactory.create_batch(2, cohort=cohort)
    client.force_login(manager)
    board = f"/admin/selection/cohort/{cohort.pk}/"
    response = client.post(
        board,
        {
            "action": "auto",
            "reviewers": [r.pk for r in reviewers],
            "per_application": 2,
        },
    )
    assert response.status_code == 302
    assert Review.objects.count() == 4
    response = client.post(
        board,
        {
            "action": "stage",
            "decision": S.REJECTED,
            "application": [a.pk for a in applications],
        },
    )
    assert response.status_code == 302
    preview = client.get(f"/admin/selection/cohort/{cohort.pk}/decisions/")
    assert "We could not offer a place" in preview.content.decode()
    for _twice in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/admin/selection/cohort/{cohort.pk}/decisions/")
    assert len(mail.outbox) == 2
    for application in applications:
        application.refresh_from_db()
        assert application.status == S.REJECTED


def test_exports_have_answers_and_scores_and_neutralise(client, assigned, cohort):
    reviewer, application, review = assigned
    application.compute_purpose = "x"
    application.answers["q-name"]["value"] = "=HYPERLINK(1)"
    application.save()
    client.force_login(reviewer)
    post_scores(client, review)
    client.force_login(ManagerFactory())
    response = client.get(f"/admin/selection/cohort/{cohort.pk}/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    assert "Model family" in header and "Mean score" in header
    assert row[header.index("Model family")] == "Open LLM"
    assert row[header.index("Mean score")] == "73.33"
    assert row[header.index("Product name")] == "'=HYPERLINK(1)"
    response = client.get(f"/admin/selection/cohort/{cohort.pk}/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Open LLM" in values and 73.33 in values and "'=HYPERLINK(1)" in values


def test_admin_home_shows_reviews_due_and_chart(client, assigned):
    reviewer, application, _review = assigned
    reviewer.groups.add(ManagerFactory().groups.get())
    client.force_login(reviewer)
    html = client.get("/admin/").content.decode()
    assert "1 review due" in html
    assert application.startup.name in html
    assert "<svg" in html and "Karnataka" in html


def test_application_filters(client, cohort):
    manager = ManagerFactory()
    hindi = SubmittedApplicationFactory(cohort=cohort)
    other = SubmittedApplicationFactory(cohort=cohort)
    other.startup.languages = ["ta"]
    other.startup.save()
    client.force_login(manager)
    html = client.get("/admin/application/", {"language": "sat"}).content.decode()
    assert hindi.startup.name in html and other.startup.name not in html
    # Scored 100 and 40: "at least 50" keeps the first; unscored ones drop out.
    reviewer = ReviewerFactory()
    impact_c, team_c = selection.criteria_of(cohort)
    for application, score in ((hindi, 5), (other, 2)):
        [review] = selection_reviews(application, reviewer)
        selection.submit_review(
            review, by=reviewer, scores={str(impact_c.pk): score, str(team_c.pk): score}
        )
    unscored = SubmittedApplicationFactory(cohort=cohort)
    response = client.get(
        "/admin/application/", {"score_min": "50", "ordering": "-mean_score"}
    )
    html = response.content.decode()
    assert hindi.startup.name in html
    assert other.startup.name not in html and unscored.startup.name not in html
    html = client.get("/admin/application/", {"score_max": "50"}).content.decode()
    assert other.startup.name in html and hindi.startup.name not in html


def test_rubric_is_edited_on_the_cohort_page(client, staff_user, cohort):
    client.force_login(staff_user)
    html = client.get(f"/admin/pages/{cohort.pk}/edit/").content.decode()
    assert "Rubric criteria" in html and 'value="Impact"' in html
    assert "anonymised review" in html.lower()


def test_junk_input_on_selection_pages_never_answers_500(client, assigned, cohort):
    reviewer, application, review = assigned
    client.force_login(reviewer)
    response = post_scores(client, review, impact="abc", recommendation="nope")
    assert response.status_code == 400
    client.force_login(ManagerFactory())
    board = f"/admin/selection/cohort/{cohort.pk}/"
    for data in (
        {"action": "nope"},
        {"action": "assign", "application": ["abc", "-1"], "reviewers": ["x"]},
        {"action": "auto", "per_application": "-3", "reviewers": [reviewer.pk]},
        {"action": "stage", "decision": "withdrawn", "application": [application.pk]},
        {"action": "stage", "decision": "accepted", "application": [application.pk]},
    ):
        assert client.post(board, data).status_code < 500, data
    action = f"/admin/selection/application/{application.pk}/"
    for data in (
        {"action": "compute", "gpu_hours": "-5"},
        {"action": "compute", "gpu_hours": "abc"},
        {"action": "stage", "decision": "zz"},
        {"action": "assign"},
    ):
        assert client.post(action, data).status_code == 302, data
    for url in (
        f"/admin/selection/cohort/{cohort.pk}/export.pdf",
        "/admin/selection/cohort/999999/",
        "/admin/selection/reviews/999999/",
    ):
        assert client.get(url).status_code == 404, url
    for params in (
        {"score_min": "abc", "language": "zz", "reviewer": "abc"},
        {"ordering": "nope", "status": "<script>"},
    ):
        assert client.get("/admin/application/", params).status_code < 500


def test_board_queries_do_not_grow_with_applications(client, cohort):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(ManagerFactory())
    reviewer = ReviewerFactory()

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    first = SubmittedApplicationFactory(cohort=cohort)
    selection.assign_reviewers([first], reviewers=[reviewer], by=None)
    board = f"/admin/selection/cohort/{cohort.pk}/"
    one = count(board)
    more = SubmittedApplicationFactory.create_batch(2, cohort=cohort)
    selection.assign_reviewers(more, reviewers=[reviewer], by=None)
    assert count(board) == one


def test_editor_sees_no_applications(client, cohort):
    from django.contrib.auth.models import Group, Permission

    from tests.factories.home import VerifiedUserFactory, with_totp

    # Wagtail's migrations make "Editors"; an earlier flush (PostgreSQL) may not.
    editors, _created = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    editor = VerifiedUserFactory()
    editor.groups.add(editors)
    with_totp(editor)
    application = SubmittedApplicationFactory(cohort=cohort)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert denied(client.get("/admin/application/"))
    assert denied(client.get(f"/admin/application/inspect/{application.pk}/"))
    assert denied(client.get(f"/admin/selection/cohort/{cohort.pk}/"))
    assert application.startup.name not in client.get("/admin/").content.decode()


def test_reviewers_download_answer_files_of_their_assignments_only(
    client, assigned, cohort
):
    from tests.factories.cohorts import add_file_answer

    reviewer, application, review = assigned
    add_file_answer(application, "q-plan")
    url = f"/admin/selection/application/{application.pk}/files/q-plan/"
    client.force_login(reviewer)
    page = client.get(f"/admin/selection/reviews/{review.pk}/").content.decode()
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert 'filename="q-plan.pdf"' in response["Content-Disposition"]
    cohort.anonymised_review = True
    cohort.save_revision().publish()
    response = client.get(url)
    assert 'filename="answer.pdf"' in response["Content-Disposition"]
    client.force_login(ManagerFactory())
    response = client.get(url)
    assert 'filename="q-plan.pdf"' in response["Content-Disposition"]
    client.force_login(ReviewerFactory())
    assert client.get(url).status_code == 404
    selection.declare_conflict(review, by=reviewer)
    client.force_login(reviewer)
    assert client.get(url).status_code == 404


def test_deck_of_an_application_without_one_is_not_found(client, assigned):
    """A reviewer following the deck link of an application sent without a deck
    gets "not found", not an empty download or a server error."""
    reviewer, application, _review = assigned
    application.pitch_deck = ""
    application.save(update_fields=["pitch_deck"])
    client.force_login(reviewer)
    response = client.get(f"/admin/selection/application/{application.pk}/deck/")
    assert response.status_code == 404
