"""The selection screens as staff see them: what each page shows, what each form
changes and what it says afterwards (issue 22: mutation coverage of
cohorts/admin_views.py)."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages

from cohorts import selection
from cohorts.enums import ApplicationStatus, ReviewStatus
from cohorts.models import Application, CohortPage, Review, Selection
from tests.factories.cohorts import ApplicationFactory, StartupFactory, create_cohort
from tests.factories.home import UserFactory, with_totp
from tests.factories.selection import (
    ManagerFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
    cohort_with_rubric,
)
from tests.pages_once import made_once

pytestmark = pytest.mark.django_db
S = ApplicationStatus


cohort_once, cohort, _cohort_hidden = made_once("cohort", cohort_with_rubric)


@pytest.fixture
def manager():
    return ManagerFactory()


def said(response) -> list[str]:
    """The messages the person sees on the next page (with those of earlier
    redirects not yet shown before them)."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def denied(response) -> bool:
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == "/admin/"
    )


def staff_with(*codenames):
    """A member of staff in the admin with exactly these cohorts permissions."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
        *Permission.objects.filter(
            content_type__app_label="cohorts", codename__in=codenames
        ),
    )
    with_totp(user)
    return user


def scores(cohort, impact, team):
    impact_c, team_c = selection.criteria_of(cohort)
    return {f"score_{impact_c.pk}": impact, f"score_{team_c.pk}": team}


def assign(application, *reviewers):
    selection.assign_reviewers([application], reviewers=list(reviewers), by=None)
    return [Review.objects.get(application=application, reviewer=r) for r in reviewers]


def accepted(cohort, **fields):
    return ApplicationFactory(cohort=cohort, status=S.ACCEPTED, **fields)


# The reviewer's page --------------------------------------------------------------
def test_review_saved_is_said_and_shown_again_as_typed(client, cohort):
    reviewer = ReviewerFactory()
    application = SubmittedApplicationFactory(cohort=cohort)
    [review] = assign(application, reviewer)
    client.force_login(reviewer)
    url = f"/admin/selection/reviews/{review.pk}/"
    before = client.get(url).content.decode()
    assert "Other reviews are shown once you have submitted your own." in before
    assert "You have submitted this review" not in before
    response = client.post(
        url,
        {
            **scores(cohort, 0, 3),
            "comment": "Clear plan for Santali",
            "recommendation": "no",
        },
    )
    assert response.status_code == 302 and response.url == url
    assert said(response) == ["Review saved."]
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED  # not a conflict
    assert sorted(review.scores.values()) == [0, 3]  # 0 is a score
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Review: {application.startup.name}" in html
    # The page header carries the form icon, as My reviews does.
    assert '<svg class="icon icon-form w-header__glyph"' in html
    impact_c, team_c = selection.criteria_of(cohort)
    # The form holds what was saved: scores, comment and recommendation.
    assert f'name="score_{impact_c.pk}" value="0"' in html
    assert f'name="score_{team_c.pk}" value="3"' in html
    assert "Clear plan for Santali</textarea>" in html
    assert '<option value="no" selected>' in html
    # And the reviews table shows the scores by criterion, with the totals.
    assert "Impact: 0/5<br>Team: 3/5" in html
    assert "1 review submitted." in html
    assert "You have submitted this review" in html
    assert "Other reviews are shown once" not in html
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED


def test_review_of_a_decided_application_is_refused_with_the_reason(client, cohort):
    reviewer = ReviewerFactory()
    application = SubmittedApplicationFactory(cohort=cohort)
    [review] = assign(application, reviewer)
    Application.objects.filter(pk=application.pk).update(status=S.REJECTED)
    client.force_login(reviewer)
    response = client.post(
        f"/admin/selection/reviews/{review.pk}/",
        {**scores(cohort, 4, 4), "comment": "Late", "recommendation": "yes"},
    )
    assert response.status_code == 400
    assert said(response) == ["This application has been decided."]
    assert "Late</textarea>" in response.content.decode()  # nothing typed is lost
    review.refresh_from_db()
    assert review.status == ReviewStatus.ASSIGNED and review.score is None


def test_review_form_errors_answer_400_and_declare_nothing(client, cohort):
    reviewer = ReviewerFactory()
    [review] = assign(SubmittedApplicationFactory(cohort=cohort), reviewer)
    client.force_login(reviewer)
    response = client.post(
        f"/admin/selection/reviews/{review.pk}/", {**scores(cohort, 4, 4)}
    )
    assert response.status_code == 400
    assert "Choose a recommendation." in response.content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.ASSIGNED


def test_conflict_is_confirmed_and_takes_the_deck_away(client, cohort):
    reviewer, other = ReviewerFactory.create_batch(2)
    application = SubmittedApplicationFactory(cohort=cohort)
    [review] = assign(application, reviewer)
    client.force_login(reviewer)
    deck = f"/admin/selection/application/{application.pk}/deck/"
    assert client.get(deck).status_code == 200
    response = client.post(f"/admin/selection/reviews/{review.pk}/", {"conflict": "1"})
    assert response.url == "/admin/selection/reviews/"
    assert said(response) == ["Conflict declared: you will not review it."]
    assert client.get(deck).status_code == 404
    # The list names it without a link, and the next reviewer took it over.
    html = client.get("/admin/selection/reviews/").content.decode()
    assert f"Application {application.pk}" in html
    assert Review.objects.get(application=application, reviewer=other)


def test_conflict_on_a_review_removed_meanwhile_says_so(client, cohort, monkeypatch):
    reviewer = ReviewerFactory()
    [review] = assign(SubmittedApplicationFactory(cohort=cohort), reviewer)
    declare = selection.declare_conflict

    def removed_meanwhile(own, **kwargs):
        # The assignment is deleted between the page's lookup and the lock.
        Review.objects.filter(pk=own.pk).delete()
        return declare(own, **kwargs)

    monkeypatch.setattr(selection, "declare_conflict", removed_meanwhile)
    client.force_login(reviewer)
    response = client.post(f"/admin/selection/reviews/{review.pk}/", {"conflict": "1"})
    assert response.url == "/admin/selection/reviews/"
    assert said(response) == ["This review no longer exists."]


def test_anonymised_review_is_titled_by_number(client):
    cohort = cohort_with_rubric()
    CohortPage.objects.filter(pk=cohort.pk).update(anonymised_review=True)
    reviewer = ReviewerFactory()
    application = SubmittedApplicationFactory(cohort=cohort)
    [review] = assign(application, reviewer)
    client.force_login(reviewer)
    html = client.get(f"/admin/selection/reviews/{review.pk}/").content.decode()
    assert f"Review: Application {application.pk}" in html
    assert "Hidden for anonymised review" in html


def test_startup_rows_name_founders_with_roles_and_skip_what_is_missing(
    client, cohort, manager
):
    from tests.factories.cohorts import FounderFactory

    startup = StartupFactory(founder=None, website="", languages=[])
    FounderFactory(startup=startup, name="Asha Murmu", role="CEO")
    FounderFactory(startup=startup, name="Ravi Hansdah", role="")
    bare = StartupFactory(founder=None, name="Quiet Labs")
    with_founders = SubmittedApplicationFactory(cohort=cohort, startup=startup)
    without = SubmittedApplicationFactory(cohort=cohort, startup=bare)
    client.force_login(manager)
    html = client.get(
        f"/admin/application/inspect/{with_founders.pk}/"
    ).content.decode()
    assert f"<dt>Startup</dt><dd>{startup.name}</dd>" in html
    assert "Asha Murmu (CEO), Ravi Hansdah<" in html
    assert "<dt>Website</dt>" not in html
    assert "<dt>Languages served</dt><dd>—</dd>" in html
    html = client.get(f"/admin/application/inspect/{without.pk}/").content.decode()
    assert "<dt>Founders</dt><dd>—</dd>" in html
    assert (
        '<dt>Website</dt><dd><a href="https://bhasha.example.in" rel="noopener">'
        in html
    )


# The deck ---------------------------------------------------------------------------
def test_deck_names_the_file_for_managers_even_in_anonymised_review(client, manager):
    cohort = cohort_with_rubric()
    CohortPage.objects.filter(pk=cohort.pk).update(anonymised_review=True)
    application = SubmittedApplicationFactory(
        cohort=cohort, pitch_deck_name="vaani-pitch.pdf"
    )
    reviewer = ReviewerFactory()
    assign(application, reviewer)
    url = f"/admin/selection/application/{application.pk}/deck/"
    client.force_login(manager)
    assert 'filename="vaani-pitch.pdf"' in client.get(url)["Content-Disposition"]
    client.force_login(reviewer)
    assert 'filename="pitch-deck.pdf"' in client.get(url)["Content-Disposition"]


def test_deck_without_a_stored_name_or_file(client, cohort, manager):
    unnamed = SubmittedApplicationFactory(cohort=cohort, pitch_deck_name="")
    missing = SubmittedApplicationFactory(cohort=cohort, pitch_deck=None)
    client.force_login(manager)
    response = client.get(f"/admin/selection/application/{unnamed.pk}/deck/")
    assert 'filename="pitch-deck.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert (
        client.get(f"/admin/selection/application/{missing.pk}/deck/").status_code
        == 404
    )
    # The application page offers the deck only where there is one.
    deck_link = "/admin/selection/application/{}/deck/"
    html = client.get(f"/admin/application/inspect/{unnamed.pk}/").content.decode()
    assert deck_link.format(unnamed.pk) in html
    html = client.get(f"/admin/application/inspect/{missing.pk}/").content.decode()
    assert deck_link.format(missing.pk) not in html


def test_my_reviews_is_for_reviewers_only(client, manager):
    client.force_login(manager)
    assert denied(client.get("/admin/selection/reviews/"))


# Selection managers' pages -----------------------------------------------------
def test_cohorts_list_counts_applications_and_submitted_ones(client, cohort, manager):
    ApplicationFactory(cohort=cohort)  # a draft
    SubmittedApplicationFactory.create_batch(2, cohort=cohort)
    quiet = create_cohort("quiet-cohort")
    client.force_login(manager)
    response = client.get("/admin/selection/")
    html = response.content.decode()
    row = html.split(f'href="/admin/selection/cohort/{cohort.pk}/"', 1)[1]
    assert row.split("</tr>", 1)[0].endswith(
        ">Cohort test-cohort</a></td><td>3</td><td>2</td>"
    )
    assert quiet.title not in html
    client.force_login(ReviewerFactory())
    assert denied(client.get("/admin/selection/"))


def test_board_lists_reviewers_and_marks_conflicts(client, cohort, manager):
    application = SubmittedApplicationFactory(cohort=cohort)
    first, second, third = ReviewerFactory.create_batch(3)
    first_review, _second_review = assign(application, first, second)
    selection.declare_conflict(first_review, by=first)
    client.force_login(manager)
    response = client.get(f"/admin/selection/cohort/{cohort.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{first.email} (Conflict declared)" in html
    assert f"{second.email} (Conflict declared)" not in html
    assert second.email in html


def test_board_assigns_the_chosen_applications_and_says_how_many(
    client, cohort, manager
):
    chosen, left = SubmittedApplicationFactory.create_batch(2, cohort=cohort)
    reviewer = ReviewerFactory()
    client.force_login(manager)
    board = f"/admin/selection/cohort/{cohort.pk}/"
    response = client.post(
        board,
        {"action": "assign", "application": [chosen.pk], "reviewers": [reviewer.pk]},
    )
    assert response.status_code == 302 and response.url == board
    assert said(response) == ["1 review assigned."]
    assert list(Review.objects.values_list("application_id", flat=True)) == [chosen.pk]
    assert left.reviews.count() == 0


def test_board_auto_assigns_every_application_in_review(client, cohort, manager):
    applications = SubmittedApplicationFactory.create_batch(2, cohort=cohort)
    reviewers = ReviewerFactory.create_batch(2)
    client.force_login(manager)
    response = client.post(
        f"/admin/selection/cohort/{cohort.pk}/",
        {
            "action": "auto",
            "reviewers": [r.pk for r in reviewers],
            "per_application": 1,
        },
    )
    assert said(response) == ["2 reviews assigned."]
    for application in applications:
        assert application.reviews.count() == 1


def test_board_refuses_without_a_chosen_application_of_this_cohort(
    client, cohort, manager
):
    elsewhere = SubmittedApplicationFactory(cohort=cohort_with_rubric("other"))
    SubmittedApplicationFactory(cohort=cohort)
    reviewer = ReviewerFactory()
    client.force_login(manager)
    board = f"/admin/selection/cohort/{cohort.pk}/"
    for data in (
        {"action": "assign", "reviewers": [reviewer.pk]},
        {"action": "assign", "reviewers": [reviewer.pk], "application": [elsewhere.pk]},
        {"action": "stage", "decision": S.SHORTLISTED, "application": [elsewhere.pk]},
    ):
        response = client.post(board, data)
        assert response.status_code == 400, data
        assert said(response) == ["Choose at least one application."], data
    assert not Review.objects.exists()
    assert not Selection.objects.exclude(staged_status="").exists()


def test_board_shown_by_get_says_nothing(client, cohort, manager):
    SubmittedApplicationFactory(cohort=cohort)
    client.force_login(manager)
    response = client.get(f"/admin/selection/cohort/{cohort.pk}/")
    assert response.status_code == 200
    assert said(response) == []
    assert "Please correct the errors below." not in response.content.decode()


def test_board_refused_assign_keeps_the_ticked_reviewers(client, cohort, manager):
    SubmittedApplicationFactory(cohort=cohort)
    ticked, other = ReviewerFactory.create_batch(2)
    client.force_login(manager)
    response = client.post(
        f"/admin/selection/cohort/{cohort.pk}/",
        {"action": "assign", "reviewers": [ticked.pk]},
    )
    assert response.status_code == 400
    assert said(response) == ["Choose at least one application."]
    html = response.content.decode()
    assert f'name="reviewers" value="{ticked.pk}" id="id_reviewers_0" checked>' in html
    assert f'name="reviewers" value="{other.pk}" id="id_reviewers_1">' in html


def test_board_refused_auto_assign_shows_its_own_error(client, cohort, manager):
    SubmittedApplicationFactory(cohort=cohort)
    reviewer = ReviewerFactory()
    client.force_login(manager)
    response = client.post(
        f"/admin/selection/cohort/{cohort.pk}/",
        {"action": "auto", "reviewers": [reviewer.pk], "per_application": "11"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ensure this value is less than or equal to 10." in html
    assert 'name="per_application" value="11"' in html
    assert not Review.objects.exists()


def test_board_unknown_action_is_refused_without_a_form_error(client, cohort):
    application = SubmittedApplicationFactory(cohort=cohort)
    board = f"/admin/selection/cohort/{cohort.pk}/"
    # Someone who may only look is told to correct the form, not denied.
    client.force_login(staff_with("view_application"))
    response = client.post(board, {"action": "other", "application": [application.pk]})
    assert response.status_code == 400
    assert said(response) == ["Please correct the errors below."]
    # A manager sees no field marked wrong: no form was sent.
    client.force_login(ManagerFactory())
    response = client.post(board, {"action": "other", "application": [application.pk]})
    assert response.status_code == 400
    assert "This field is required." not in response.content.decode()
    assert not Selection.objects.exclude(staged_status="").exists()


def test_board_form_errors_are_said(client, cohort, manager):
    application = SubmittedApplicationFactory(cohort=cohort)
    client.force_login(manager)
    response = client.post(
        f"/admin/selection/cohort/{cohort.pk}/",
        {"action": "assign", "application": [application.pk]},
    )
    assert response.status_code == 400
    assert said(response) == ["Please correct the errors below."]
    assert not Review.objects.exists()


def test_board_stages_decisions_and_says_what_next(client, cohort, manager):
    applications = SubmittedApplicationFactory.create_batch(2, cohort=cohort)
    client.force_login(manager)
    response = client.post(
        f"/admin/selection/cohort/{cohort.pk}/",
        {
            "action": "stage",
            "decision": S.REJECTED,
            "application": [a.pk for a in applications],
        },
    )
    assert said(response) == ["2 decisions staged. Preview and send them below."]
    assert sorted(
        Selection.objects.values_list("application_id", "staged_status")
    ) == sorted((a.pk, S.REJECTED) for a in applications)


def test_board_says_why_a_decision_cannot_be_staged(client, cohort, manager):
    application = SubmittedApplicationFactory(cohort=cohort)
    client.force_login(manager)
    response = client.post(
        f"/admin/selection/cohort/{cohort.pk}/",
        {"action": "stage", "decision": S.ACCEPTED, "application": [application.pk]},
    )
    assert response.status_code == 400
    [message] = said(response)
    assert message.startswith(f"{application.startup.name} cannot move from")


def test_board_actions_need_their_own_permission(client, cohort):
    application = SubmittedApplicationFactory(cohort=cohort)
    reviewer = ReviewerFactory()
    client.force_login(staff_with("view_application"))
    board = f"/admin/selection/cohort/{cohort.pk}/"
    page = client.get(board)
    assert page.status_code == 200
    assert 'value="assign"' not in page.content.decode()
    assert 'value="stage"' not in page.content.decode()
    for data in (
        {
            "action": "assign",
            "application": [application.pk],
            "reviewers": [reviewer.pk],
        },
        {"action": "auto", "reviewers": [reviewer.pk], "per_application": 1},
        {"action": "stage", "decision": S.SHORTLISTED, "application": [application.pk]},
    ):
        assert denied(client.post(board, data)), data
    assert not Review.objects.exists() and not Selection.objects.exists()


# Decisions -------------------------------------------------------------------------
def test_decisions_preview_in_each_recipient_language_and_send(
    client, cohort, manager, django_capture_on_commit_callbacks
):
    hindi = SubmittedApplicationFactory(cohort=cohort)
    hindi.startup.owner.preferred_language = "hi"
    hindi.startup.owner.save()
    plain = SubmittedApplicationFactory(cohort=cohort)
    plain.startup.owner.preferred_language = ""
    plain.startup.owner.save()
    nobody = SubmittedApplicationFactory(
        cohort=cohort, startup=StartupFactory(owner=None, name="Orphan Labs")
    )
    for application in (hindi, plain, nobody):
        selection.stage_decision(application, to=S.REJECTED, by=manager)
    client.force_login(manager)
    url = f"/admin/selection/cohort/{cohort.pk}/decisions/"
    html = client.get(url).content.decode()
    assert f"{hindi.startup.owner.email} (hi)" in html
    assert f"{plain.startup.owner.email} (en)" in html
    assert "No one to email: add a founder account." in html
    assert "Send 2 decisions<" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.url == f"/admin/selection/cohort/{cohort.pk}/"
    assert said(response) == [
        "Orphan Labs: no one to email: add a founder account.",
        "2 decisions sent.",
    ]
    html = client.get(url).content.decode()
    sent = html.split(">Sent</h2>", 1)[1]
    assert hindi.startup.name in sent and plain.startup.name in sent
    assert "Send 1 decision<" not in html  # the orphan has no one to send to


def test_decisions_and_compute_need_the_decide_permission(client, cohort):
    application = SubmittedApplicationFactory(cohort=cohort)
    selection.stage_decision(application, to=S.REJECTED, by=None)
    client.force_login(staff_with("view_application", "assign_reviewers"))
    for url in ("decisions", "compute"):
        assert denied(client.get(f"/admin/selection/cohort/{cohort.pk}/{url}/")), url
        assert denied(client.post(f"/admin/selection/cohort/{cohort.pk}/{url}/")), url
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_decisions_page_lists_only_this_cohorts_sent_emails(
    client, cohort, manager, django_capture_on_commit_callbacks
):
    other_cohort = cohort_with_rubric("other")
    other = SubmittedApplicationFactory(cohort=other_cohort)
    selection.stage_decision(other, to=S.REJECTED, by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        selection.send_decisions(other_cohort, by=manager)
    mine = SubmittedApplicationFactory(cohort=cohort)
    selection.stage_decision(mine, to=S.REJECTED, by=manager)
    client.force_login(manager)
    html = client.get(
        f"/admin/selection/cohort/{cohort.pk}/decisions/"
    ).content.decode()
    assert "Send 1 decision<" in html
    sent = html.split(">Sent</h2>", 1)[1]
    assert other.startup.name not in sent and "Nothing sent yet." in sent
    html = client.get(
        f"/admin/selection/cohort/{other_cohort.pk}/decisions/"
    ).content.decode()
    assert other.startup.name in html.split(">Sent</h2>", 1)[1]


# Compute ----------------------------------------------------------------------------
def test_compute_saved_is_said_and_shown(client, manager):
    from tests.cohorts.test_after_decision import with_budget

    cohort = with_budget(create_cohort(), 1000)
    first = accepted(cohort, compute_gpu_hours=300)
    second = accepted(cohort, compute_gpu_hours=500)
    client.force_login(manager)
    url = f"/admin/selection/cohort/{cohort.pk}/compute/"
    response = client.post(url, {"application": first.pk, "gpu_hours": " 300 "})
    assert response.url == url
    assert said(response) == [f"{first.startup.name}: compute allocation saved."]
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'id="gpu-{first.pk}" name="gpu_hours" value="300">' in html
    assert f'id="gpu-{second.pk}" name="gpu_hours" value="">' in html
    assert "Budget: 1000 GPU-hours; 700 left." in html


def test_compute_refusal_marks_only_that_row_and_keeps_20_characters(client, manager):
    from tests.cohorts.test_after_decision import with_budget

    cohort = with_budget(create_cohort(), 1000)
    first = accepted(cohort)
    second = accepted(cohort)
    client.force_login(manager)
    url = f"/admin/selection/cohort/{cohort.pk}/compute/"
    typed = "1" * 25
    response = client.post(url, {"application": first.pk, "gpu_hours": typed})
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        f'id="gpu-{first.pk}" name="gpu_hours" value="{"1" * 20}" aria-invalid' in html
    )
    assert f'id="gpu-{second.pk}" name="gpu_hours" value="">' in html
    assert html.count("aria-invalid") == 1
    response = client.post(url, {"application": second.pk, "gpu_hours": "-5"})
    assert said(response) == ["Enter a whole number of GPU-hours."]
    assert not Selection.objects.filter(gpu_hours_allocated__isnull=False).exists()


def test_compute_is_for_accepted_applications_of_this_cohort(client, manager):
    cohort = create_cohort()
    waiting = ApplicationFactory(cohort=cohort, status=S.WAITLISTED)
    elsewhere = accepted(create_cohort("other"))
    client.force_login(manager)
    url = f"/admin/selection/cohort/{cohort.pk}/compute/"
    for data in (
        {"application": waiting.pk, "gpu_hours": "10"},
        {"application": elsewhere.pk, "gpu_hours": "10"},
    ):
        assert client.post(url, data).status_code == 404, data
    assert not Selection.objects.exists()


def test_compute_without_an_application_is_refused_with_a_message(client, manager):
    cohort = create_cohort()
    first = accepted(cohort)
    client.force_login(manager)
    url = f"/admin/selection/cohort/{cohort.pk}/compute/"
    for data in (
        {"gpu_hours": "10"},
        {"application": "", "gpu_hours": "10"},
        {"application": "first", "gpu_hours": "10"},  # was a server error
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert said(response) == ["Choose an application."], data
        html = response.content.decode()
        assert f'id="gpu-{first.pk}" name="gpu_hours" value="">' in html, data
    assert not Selection.objects.filter(gpu_hours_allocated__isnull=False).exists()


# The application page's forms ------------------------------------------------------
def test_application_page_forms_do_what_they_say(client, cohort, manager):
    application = SubmittedApplicationFactory(cohort=cohort)
    reviewer = ReviewerFactory()
    client.force_login(manager)
    url = f"/admin/selection/application/{application.pk}/"
    back = f"/admin/application/inspect/{application.pk}/"

    response = client.post(url, {"action": "assign", "reviewers": [reviewer.pk]})
    assert response.url == back
    assert said(response)[-1:] == ["Reviewers assigned."]
    assert application.reviews.get().reviewer == reviewer

    response = client.post(url, {"action": "assign"})
    assert said(response)[-1:] == ["Choose at least one reviewer."]

    # Only the decisions allowed from its status are offered: a submitted
    # application (not yet in review) can be rejected, not accepted.
    fresh = SubmittedApplicationFactory(cohort=cohort)
    fresh_url = f"/admin/selection/application/{fresh.pk}/"
    response = client.post(fresh_url, {"action": "stage", "decision": S.ACCEPTED})
    assert said(response)[-1:] == ["Choose a decision."]
    assert not Selection.objects.exclude(staged_status="").exists()
    response = client.post(fresh_url, {"action": "stage", "decision": S.REJECTED})
    assert said(response)[-1:] == ["Decision staged."]
    assert Selection.objects.get(application=fresh).staged_status == S.REJECTED

    response = client.post(url, {"action": "compute", "gpu_hours": "abc"})
    assert said(response)[-1:] == ["Enter a whole number of GPU-hours."]
    response = client.post(url, {"action": "compute", "gpu_hours": "10"})
    assert said(response)[-1:] == ["Compute is allocated to accepted startups only."]
    Application.objects.filter(pk=application.pk).update(status=S.ACCEPTED)
    response = client.post(url, {"action": "compute", "gpu_hours": "10"})
    assert said(response)[-1:] == ["Compute allocation saved."]
    assert Selection.objects.get(application=application).gpu_hours_allocated == 10


def test_application_page_unknown_action_changes_and_says_nothing(client, cohort):
    application = ApplicationFactory(cohort=cohort, status=S.ACCEPTED)
    url = f"/admin/selection/application/{application.pk}/"
    # Someone who may only look is sent back, not denied, and told nothing.
    client.force_login(staff_with("view_application"))
    for data in ({}, {"action": "other", "gpu_hours": "10"}):
        response = client.post(url, data)
        assert response.url == f"/admin/application/inspect/{application.pk}/", data
        assert said(response) == [], data
    assert not Selection.objects.filter(gpu_hours_allocated__isnull=False).exists()


def test_application_page_forms_need_their_own_permission(client, cohort):
    application = SubmittedApplicationFactory(cohort=cohort)
    Application.objects.filter(pk=application.pk).update(status=S.ACCEPTED)
    reviewer = ReviewerFactory()
    url = f"/admin/selection/application/{application.pk}/"
    client.force_login(staff_with("view_application"))
    for data in (
        {"action": "assign", "reviewers": [reviewer.pk]},
        {"action": "stage", "decision": S.WITHDRAWN},
        {"action": "compute", "gpu_hours": "10"},
    ):
        assert denied(client.post(url, data)), data
    client.force_login(reviewer)
    assert denied(client.post(url, {"action": "assign", "reviewers": [reviewer.pk]}))
    # Assigning without reading applications is not enough either.
    client.force_login(staff_with("assign_reviewers"))
    assert denied(client.post(url, {"action": "assign", "reviewers": [reviewer.pk]}))
    assert not Review.objects.exists() and not Selection.objects.exists()


# Export -----------------------------------------------------------------------------
def test_export_has_criterion_means_allocations_and_only_this_cohort(
    client, cohort, manager
):
    scored = SubmittedApplicationFactory(cohort=cohort)
    unscored = SubmittedApplicationFactory(cohort=cohort)
    draft = ApplicationFactory(cohort=cohort)
    elsewhere = SubmittedApplicationFactory(cohort=cohort_with_rubric("other"))
    reviewers = ReviewerFactory.create_batch(3)
    impact_c, team_c = selection.criteria_of(cohort)
    for review, (impact, team) in zip(
        assign(scored, *reviewers), [(4, 2), (4, 3), (5, 3)], strict=True
    ):
        selection.submit_review(
            review,
            by=review.reviewer,
            scores={str(impact_c.pk): impact, str(team_c.pk): team},
        )
    assign(unscored, reviewers[0])
    Application.objects.filter(pk=scored.pk).update(status=S.ACCEPTED)
    scored.refresh_from_db()
    selection.allocate_compute(scored, gpu_hours=300, by=manager)
    client.force_login(manager)
    response = client.get(f"/admin/selection/cohort/{cohort.pk}/export.csv")
    assert response.content.startswith("\ufeff".encode())
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="applications-test-cohort.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_startup = {row["Startup"]: row for row in rows}
    assert set(by_startup) == {scored.startup.name, unscored.startup.name}
    assert draft.startup.name not in by_startup
    assert elsewhere.startup.name not in by_startup
    row = by_startup[scored.startup.name]
    assert row["Mean: Impact"] == "4.33" and row["Mean: Team"] == "2.67"
    assert row["Reviews"] == "3"
    assert row["GPU-hours allocated"] == "300"
    row = by_startup[unscored.startup.name]
    assert row["Mean: Impact"] == "" and row["Reviews"] == "0"
    assert row["GPU-hours allocated"] == ""
    response = client.get(f"/admin/selection/cohort/{cohort.pk}/export.xlsx")
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="applications-test-cohort.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2
    [xlsx_row] = [
        v for v in values if v[header.index("Startup")] == scored.startup.name
    ]
    assert xlsx_row[header.index("Mean: Impact")] == 4.33
    assert xlsx_row[header.index("GPU-hours allocated")] == 300
