"""A selection round as staff live it (issue 20): staged decisions that always
go out, decisions from In review, a recommendation the reviewer must choose,
plural words on the board."""

import pytest
from django.core import mail
from wagtail.users.models import UserProfile

from cohorts import selection
from cohorts.enums import ApplicationStatus
from cohorts.models import Review
from tests.factories.cohorts import ApplicationFactory
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


def without_founder(application):
    """The startup keeps its application but has no account to email."""
    startup = application.startup
    startup.owner = None
    startup.save()
    return application


def decisions_url(cohort):
    return f"/admin/selection/cohort/{cohort.pk}/decisions/"


# 1. Staged decisions that always go out --------------------------------------
def test_preview_lists_a_staged_decision_with_no_one_to_email(client, cohort):
    manager = ManagerFactory()
    ownerless = without_founder(ApplicationFactory(cohort=cohort, status=S.SHORTLISTED))
    selection.stage_decision(ownerless, to=S.ACCEPTED, by=manager)
    client.force_login(manager)

    html = client.get(decisions_url(cohort)).content.decode()

    assert "No decisions are staged." not in html
    assert ownerless.startup.name in html
    assert "No one to email: add a founder account." in html


def test_preview_lists_every_staged_decision_and_sends_the_rest(
    client, cohort, django_capture_on_commit_callbacks
):
    manager = ManagerFactory()
    english, hindi, ownerless = (
        ApplicationFactory(cohort=cohort, status=S.SHORTLISTED) for _i in range(3)
    )
    hindi.startup.owner.preferred_language = "hi"
    hindi.startup.owner.save()
    without_founder(ownerless)
    for application in (english, hindi, ownerless):
        selection.stage_decision(application, to=S.ACCEPTED, by=manager)
    client.force_login(manager)

    html = client.get(decisions_url(cohort)).content.decode()
    for application in (english, hindi, ownerless):
        assert application.startup.name in html
    assert english.startup.owner.email in html
    assert hindi.startup.owner.email in html
    assert html.count("No one to email: add a founder account.") == 1
    assert "Send 2 decisions" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decisions_url(cohort), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 decisions sent." in page
    assert f"{ownerless.startup.name}: no one to email" in page
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [english.startup.owner.email, hindi.startup.owner.email]
    )
    for application, status in ((english, S.ACCEPTED), (ownerless, S.SHORTLISTED)):
        application.refresh_from_db()
        assert application.status == status
    # The decision without anyone to tell stays staged until a founder is added.
    assert [s.application_id for s in selection.staged(cohort)] == [ownerless.pk]


# 2. Decisions straight from In review -------------------------------------------
@pytest.mark.parametrize("to", [S.ACCEPTED, S.WAITLISTED, S.REJECTED])
def test_decision_from_in_review_is_staged_sent_and_logged(
    cohort, to, django_capture_on_commit_callbacks
):
    manager = ManagerFactory()
    application = ApplicationFactory(cohort=cohort, status=S.IN_REVIEW)

    selection.stage_decision(application, to=to, by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        assert selection.send_decisions(cohort, by=manager) == (1, [])

    application.refresh_from_db()
    assert application.status == to
    change = application.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        S.IN_REVIEW,
        to,
        manager,
    )
    assert [m.to[0] for m in mail.outbox] == [application.startup.owner.email]


def decision_options(client, application):
    html = client.get(f"/admin/application/inspect/{application.pk}/").content.decode()
    return {
        status
        for status in (S.SHORTLISTED, S.ACCEPTED, S.WAITLISTED, S.REJECTED)
        if f'<option value="{status}"' in html
    }


def test_application_page_offers_only_decisions_its_status_allows(client, cohort):
    client.force_login(ManagerFactory())
    submitted = SubmittedApplicationFactory(cohort=cohort)
    reviewing = ApplicationFactory(cohort=cohort, status=S.IN_REVIEW)
    accepted = ApplicationFactory(cohort=cohort, status=S.ACCEPTED)

    assert decision_options(client, submitted) == {S.REJECTED}
    assert decision_options(client, reviewing) == {
        S.SHORTLISTED,
        S.ACCEPTED,
        S.WAITLISTED,
        S.REJECTED,
    }
    assert decision_options(client, accepted) == set()


# 3. A recommendation the reviewer must choose --------------------------------------
@pytest.fixture
def assigned(cohort):
    reviewer = ReviewerFactory()
    application = SubmittedApplicationFactory(cohort=cohort)
    selection.assign_reviewers([application], reviewers=[reviewer], by=None)
    return reviewer, Review.objects.get(application=application)


def test_review_form_preselects_no_recommendation(client, assigned):
    reviewer, review = assigned
    client.force_login(reviewer)
    html = client.get(f"/admin/selection/reviews/{review.pk}/").content.decode()
    select = html.split('name="recommendation"', 1)[1].split("</select>", 1)[0]
    assert '<option value="" selected>' in select
    assert select.count("selected") == 1


@pytest.mark.parametrize(
    ("language", "error"),
    [("en", "Choose a recommendation."), ("hi", "एक अनुशंसा चुनें।")],
)
def test_review_without_a_recommendation_is_refused_in_their_language(
    client, assigned, language, error
):
    reviewer, review = assigned
    impact, team = selection.criteria_of(review.application.cohort)
    # The admin speaks the language the reviewer chose in their account settings.
    profile = UserProfile.get_for_user(reviewer)
    profile.preferred_language = language
    profile.save()
    client.force_login(reviewer)
    response = client.post(
        f"/admin/selection/reviews/{review.pk}/",
        {f"score_{impact.pk}": 4, f"score_{team.pk}": 3, "recommendation": ""},
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    review.refresh_from_db()
    assert review.status == "assigned"


# 4. Words -------------------------------------------------------------------
def test_board_counts_one_in_the_singular(client, cohort):
    reviewer = ReviewerFactory()
    application = SubmittedApplicationFactory(cohort=cohort)
    client.force_login(ManagerFactory())
    board = f"/admin/selection/cohort/{cohort.pk}/"

    html = client.post(
        board,
        {
            "action": "assign",
            "reviewers": [reviewer.pk],
            "application": [application.pk],
        },
        follow=True,
    ).content.decode()
    assert "1 review assigned." in html

    html = client.post(
        board,
        {"action": "stage", "decision": S.REJECTED, "application": [application.pk]},
        follow=True,
    ).content.decode()
    assert "1 decision staged. Preview and send it below." in html
    assert "Preview and send 1 staged decision<" in html
    assert "decisions staged" not in html

    html = client.post(decisions_url(cohort), follow=True).content.decode()
    assert "1 decision sent." in html


# 5. A declared conflict moves the work -----------------------------------------
def test_declared_conflict_moves_the_review_to_the_least_loaded_reviewer(
    client, cohort, django_capture_on_commit_callbacks
):
    application, *others = SubmittedApplicationFactory.create_batch(3, cohort=cohort)
    stepping_aside, busy, conflicted = ReviewerFactory.create_batch(3)
    idle = ReviewerFactory(preferred_language="hi")
    selection.assign_reviewers([application], reviewers=[stepping_aside], by=None)
    selection.assign_reviewers(others, reviewers=[busy], by=None)
    # `conflicted` declared a conflict with this startup before: never again.
    Review.objects.create(
        application=application, reviewer=conflicted, status="conflict"
    )
    own = Review.objects.get(application=application, reviewer=stepping_aside)
    client.force_login(stepping_aside)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/selection/reviews/{own.pk}/", {"conflict": "1"})

    assert response.status_code == 302
    active = Review.objects.filter(application=application).exclude(status="conflict")
    assert [r.reviewer for r in active] == [idle]
    assert [m.to for m in mail.outbox] == [[idle.email]]
    message = mail.outbox[0]
    assert "समीक्षा" in message.subject
    assert f"/admin/selection/reviews/{active.get().pk}/" in message.body

    client.force_login(ManagerFactory())
    board = client.get(f"/admin/selection/cohort/{cohort.pk}/").content.decode()
    assert f"{stepping_aside.email} (Conflict declared)" in board
    assert idle.email in board


def test_a_conflict_goes_to_the_least_active_reviewer_whatever_else_they_did(
    cohort, django_capture_on_commit_callbacks
):
    """Only who is on this application, or conflicted with its startup, is left
    out; the load is active reviews in this cohort. Having reviewed the same
    startup's earlier application, reviewing elsewhere, or conflicts with other
    startups bars nobody and weighs nothing."""
    application = SubmittedApplicationFactory(cohort=cohort)
    startup = application.startup
    earlier = SubmittedApplicationFactory(
        cohort=cohort_with_rubric("earlier-round"), startup=startup
    )
    stepping_aside, veteran, busy = ReviewerFactory.create_batch(3)
    selection.assign_reviewers([application], reviewers=[stepping_aside], by=None)
    # The veteran reviewed this startup in an earlier round (no conflict) and
    # stepped aside from two other startups here: no active review in this cohort.
    Review.objects.create(application=earlier, reviewer=veteran, status="submitted")
    for other in SubmittedApplicationFactory.create_batch(2, cohort=cohort):
        Review.objects.create(application=other, reviewer=veteran, status="conflict")
    # `busy` has one active review here (and is the first by id after the veteran's
    # load is miscounted).
    selection.assign_reviewers(
        [SubmittedApplicationFactory(cohort=cohort)], reviewers=[busy], by=None
    )
    own = Review.objects.get(application=application, reviewer=stepping_aside)

    with django_capture_on_commit_callbacks(execute=True):
        selection.declare_conflict(own, by=stepping_aside)

    active = Review.objects.filter(application=application).exclude(status="conflict")
    assert [r.reviewer for r in active] == [veteran]
    assert [m.to for m in mail.outbox] == [[veteran.email]]


def test_conflict_with_no_one_left_to_take_it_still_steps_aside(
    cohort, django_capture_on_commit_callbacks
):
    reviewer = ReviewerFactory()
    application = SubmittedApplicationFactory(cohort=cohort)
    selection.assign_reviewers([application], reviewers=[reviewer], by=None)
    own = Review.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        selection.declare_conflict(own, by=reviewer)
    assert list(Review.objects.values_list("status", flat=True)) == ["conflict"]
    assert not mail.outbox
