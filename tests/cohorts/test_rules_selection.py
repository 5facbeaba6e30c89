"""Selection rules: scores, ranking, assignment, reviews, decisions, compute,
alumni. Fixtures hold several cohorts, startups and reviewers, so that a
service reaching past the application, cohort or reviewer it was given shows."""

import datetime as dt
from collections import Counter

import pytest
from django.core import mail
from django.utils import timezone

from cohorts import emails, selection
from cohorts.enums import ApplicationStatus, Recommendation, ReviewStatus
from cohorts.models import (
    Application,
    CohortPage,
    DecisionTemplate,
    Review,
    RubricCriterion,
    Selection,
)
from tests.factories.cohorts import ApplicationFactory, StartupFactory, create_cohort
from tests.factories.selection import (
    ManagerFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
    cohort_with_rubric,
)

pytestmark = pytest.mark.django_db

S = ApplicationStatus


@pytest.fixture(scope="module")
def two_cohorts(module_db):
    """Made once for the module (each a page with its Hindi translation, which
    costs more than most tests here); each test still sees them as made."""
    return cohort_with_rubric("rules-cohort").pk, cohort_with_rubric("other-cohort").pk


@pytest.fixture
def cohort(two_cohorts):
    return CohortPage.objects.get(pk=two_cohorts[0])


@pytest.fixture
def other_cohort(two_cohorts):
    return CohortPage.objects.get(pk=two_cohorts[1])


@pytest.fixture
def manager():
    return ManagerFactory()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def submitted(cohort, **fields):
    return SubmittedApplicationFactory(
        cohort=cohort, startup=fields.pop("startup", None) or StartupFactory(), **fields
    )


def scores(cohort, impact, team):
    impact_c, team_c = selection.criteria_of(cohort)
    return {str(impact_c.pk): impact, str(team_c.pk): team}


def reviewed(application, reviewer, impact, team, by=None):
    selection.assign_reviewers([application], reviewers=[reviewer], by=by)
    review = Review.objects.get(application=application, reviewer=reviewer)
    return selection.submit_review(
        review, by=reviewer, scores=scores(application.cohort, impact, team)
    )


# Scores and aggregates -----------------------------------------------------------
def criterion(pk, weight, max_score):
    return RubricCriterion(pk=pk, name=f"C{pk}", weight=weight, max_score=max_score)


def test_review_score_without_a_rubric_or_a_weight_is_none():
    assert selection.review_score([], {}) is None
    weightless = [criterion(1, 0, 5), criterion(2, 0, 5)]
    assert selection.review_score(weightless, {"1": 5, "2": 5}) is None


def test_review_score_with_a_criterion_unscored_is_none():
    criteria = [criterion(1, 2, 5), criterion(2, 1, 10)]
    assert selection.review_score(criteria, {"1": 5}) is None
    assert selection.review_score(criteria, {"1": 0, "2": 0}) == 0.0
    assert selection.review_score(criteria, {"1": 5, "2": 10}) == 100.0
    # (2 * 1/5 + 1 * 3/10) / 3 = 23.333...
    assert selection.review_score(criteria, {"1": 1, "2": 3}) == 23.33


def test_aggregate_rounds_to_two_decimals_and_skips_missing_scores():
    stats = selection.aggregate([1.2345, None, 1.2345, 9])
    assert (stats.count, stats.mean, stats.median, stats.stdev) == (
        3,
        3.82,
        1.23,
        3.66,
    )


def test_aggregate_of_nothing_and_of_one():
    nothing = selection.aggregate([None])
    assert nothing == selection.Aggregate(0, None, None, None)
    assert not nothing.disagreement
    one = selection.aggregate([70])
    assert (one.count, one.mean, one.median, one.stdev) == (1, 70.0, 70.0, 0.0)
    assert not one.disagreement


def test_disagreement_starts_at_a_deviation_of_exactly_twenty():
    assert selection.aggregate([40, 80]).stdev == 20.0
    assert selection.aggregate([40, 80]).disagreement
    assert not selection.aggregate([41, 79]).disagreement


def test_ranking_counts_only_submitted_reviews_of_the_cohort(
    cohort, other_cohort, manager
):
    reviewer, second = ReviewerFactory(), ReviewerFactory()
    unscored = submitted(cohort)
    weak = submitted(cohort)
    strong = submitted(cohort)
    half = submitted(cohort)
    reviewed(weak, reviewer, 1, 1)
    reviewed(strong, reviewer, 5, 5)
    reviewed(half, reviewer, 5, 0)
    # Only assigned: no score yet, it counts for nothing.
    selection.assign_reviewers([strong], reviewers=[second], by=manager)
    # Not in the ranking: a draft, a withdrawn one and another cohort's.
    ApplicationFactory(cohort=cohort, status=S.DRAFT)
    ApplicationFactory(cohort=cohort, status=S.WITHDRAWN)
    reviewed(submitted(other_cohort), reviewer, 5, 5)

    rows = selection.ranking(cohort)
    assert [a.pk for a, _stats in rows] == [strong.pk, half.pk, weak.pk, unscored.pk]
    assert [stats.mean for _a, stats in rows] == [100.0, 66.67, 20.0, None]
    assert [stats.count for _a, stats in rows] == [1, 1, 1, 0]


def test_ranking_breaks_ties_by_application(cohort):
    reviewer = ReviewerFactory()
    first, second, third, fourth = (submitted(cohort) for _ in range(4))
    for application in (second, first):
        reviewed(application, reviewer, 3, 3)
    rows = selection.ranking(cohort)
    assert [a.pk for a, _s in rows] == [first.pk, second.pk, third.pk, fourth.pk]


def test_in_review_lists_only_this_cohorts_applications_open_to_reviewers(
    cohort, other_cohort, manager
):
    early = submitted(cohort, submitted_at=timezone.now() - dt.timedelta(days=2))
    late = submitted(cohort, submitted_at=timezone.now())
    reviewing = submitted(cohort, submitted_at=timezone.now() - dt.timedelta(days=1))
    selection.assign_reviewers([reviewing], reviewers=[ReviewerFactory()], by=manager)
    for status in (S.DRAFT, S.SHORTLISTED, S.ACCEPTED, S.REJECTED, S.WITHDRAWN):
        ApplicationFactory(cohort=cohort, status=status)
    submitted(other_cohort)
    assert selection.in_review(cohort) == [early, reviewing, late]


# Reviewers and assignment ----------------------------------------------------------
def test_only_active_signed_in_reviewers_count_as_reviewers(user):
    from django.contrib.auth.models import AnonymousUser

    reviewer = ReviewerFactory()
    assert selection.is_reviewer(reviewer)
    assert not selection.is_reviewer(user)
    assert not selection.is_reviewer(AnonymousUser())
    reviewer.is_active = False
    assert not selection.is_reviewer(reviewer)


@pytest.mark.parametrize("status", [S.DRAFT, S.SHORTLISTED, S.ACCEPTED, S.WITHDRAWN])
def test_only_submitted_applications_get_reviewers(cohort, manager, status):
    ready = submitted(cohort)
    other = ApplicationFactory(cohort=cohort, status=status)
    with pytest.raises(selection.SelectionError):
        selection.assign_reviewers(
            [ready, other], reviewers=[ReviewerFactory()], by=manager
        )
    with pytest.raises(selection.SelectionError):
        selection.assign_automatically(
            [ready, other], reviewers=[ReviewerFactory()], per_application=1, by=manager
        )
    assert not Review.objects.exists()
    ready.refresh_from_db()
    assert ready.status == S.SUBMITTED


def test_automatic_assignment_refuses_someone_outside_the_reviewers(
    cohort, manager, user
):
    application = submitted(cohort)
    with pytest.raises(selection.SelectionError):
        selection.assign_automatically(
            [application],
            reviewers=[ReviewerFactory(), user],
            per_application=1,
            by=manager,
        )
    assert not Review.objects.exists()


def test_assignment_records_who_assigned_and_moves_into_review_once(
    cohort, other_cohort, manager
):
    first, second = ReviewerFactory(), ReviewerFactory()
    one, two = submitted(cohort), submitted(other_cohort)
    untouched = submitted(cohort)
    made = selection.assign_reviewers(
        (a for a in (one, two)), reviewers=(r for r in (first, second)), by=manager
    )
    assert made == 4
    assert Review.objects.filter(assigned_by=manager).count() == 4
    assert set(Review.objects.values_list("application_id", "reviewer_id")) == {
        (a.pk, r.pk) for a in (one, two) for r in (first, second)
    }
    for application in (one, two):
        application.refresh_from_db()
        assert application.status == S.IN_REVIEW
        assert application.status_changes.count() == 1
    untouched.refresh_from_db()
    assert untouched.status == S.SUBMITTED
    # Again, and with one more reviewer: only the new pairs are made.
    third = ReviewerFactory()
    assert (
        selection.assign_reviewers([one, two], reviewers=[first, third], by=manager)
        == 2
    )
    assert Review.objects.count() == 6


def test_a_conflict_bars_only_that_reviewer_from_that_startup(cohort, other_cohort):
    declared, colleague = ReviewerFactory(), ReviewerFactory()
    startup = StartupFactory()
    earlier = submitted(other_cohort, startup=startup)
    selection.assign_reviewers([earlier], reviewers=[declared], by=None)
    selection.declare_conflict(Review.objects.get(reviewer=declared), by=declared)
    # The same startup applies again; another of the reviewer's startups too.
    again = submitted(cohort, startup=startup)
    elsewhere = submitted(cohort)
    made = selection.assign_reviewers(
        [again, elsewhere], reviewers=[declared, colleague], by=None
    )
    assert made == 3
    assert not Review.objects.filter(application=again, reviewer=declared).exists()


def test_an_assignment_is_no_conflict(cohort, other_cohort):
    """Having reviewed a startup once does not bar reviewing its next application."""
    reviewer = ReviewerFactory()
    startup = StartupFactory()
    reviewed(submitted(other_cohort, startup=startup), reviewer, 3, 3)
    assert selection.assign_reviewers(
        [submitted(cohort, startup=startup)], reviewers=[reviewer], by=None
    )


@pytest.mark.parametrize("per_application", [0, -1])
def test_automatic_assignment_needs_at_least_one_reviewer_each(cohort, per_application):
    with pytest.raises(selection.SelectionError):
        selection.assign_automatically(
            [submitted(cohort)],
            reviewers=[ReviewerFactory()],
            per_application=per_application,
            by=None,
        )
    assert not Review.objects.exists()


def test_automatic_assignment_of_one_each_takes_the_least_loaded(cohort, other_cohort):
    busy, idle = ReviewerFactory(), ReviewerFactory()
    # busy already has two reviews in this cohort; other cohorts do not count.
    reviewed(submitted(cohort), busy, 3, 3)
    selection.assign_reviewers([submitted(cohort)], reviewers=[busy], by=None)
    selection.assign_reviewers(
        [submitted(other_cohort) for _ in range(3)], reviewers=[idle], by=None
    )
    new = [submitted(cohort) for _ in range(4)]
    made = selection.assign_automatically(
        (a for a in new),
        reviewers=(r for r in (idle, busy)),
        per_application=1,
        by=None,
    )
    assert made == 4
    load = Counter(
        Review.objects.filter(application__in=new).values_list("reviewer_id", flat=True)
    )
    # Both end with three reviews in the cohort.
    assert (load[busy.pk], load[idle.pk]) == (1, 3)


def test_automatic_assignment_ties_go_to_the_earlier_reviewer(cohort):
    first, second = ReviewerFactory(), ReviewerFactory()
    application = submitted(cohort)
    selection.assign_automatically(
        [application], reviewers=[second, first], per_application=1, by=None
    )
    assert list(Review.objects.values_list("reviewer_id", flat=True)) == [first.pk]


def test_a_declared_conflict_is_no_load_and_no_seat(cohort):
    # The conflicted reviewer comes last, so that only their load can pick them.
    second, third, conflicted = ReviewerFactory(), ReviewerFactory(), ReviewerFactory()
    startup = StartupFactory()
    old = submitted(cohort, startup=startup)
    selection.assign_reviewers([old], reviewers=[conflicted], by=None)
    selection.declare_conflict(Review.objects.get(), by=conflicted)
    # Declaring it moved the work to `second`; two reviewers asked, one more made.
    made = selection.assign_automatically(
        [old], reviewers=[conflicted, second, third], per_application=2, by=None
    )
    assert made == 1
    # The conflict is not a review: the conflicted reviewer is the least loaded.
    fresh = submitted(cohort)
    selection.assign_automatically(
        [fresh], reviewers=[conflicted, second, third], per_application=1, by=None
    )
    assert Review.objects.get(application=fresh).reviewer == conflicted


def test_automatic_assignment_skips_a_reviewer_conflicted_with_the_startup(
    cohort, other_cohort
):
    conflicted, colleague = ReviewerFactory(), ReviewerFactory()
    startup = StartupFactory()
    selection.assign_reviewers(
        [submitted(other_cohort, startup=startup)], reviewers=[conflicted], by=None
    )
    selection.declare_conflict(Review.objects.get(), by=conflicted)
    again = submitted(cohort, startup=startup)
    made = selection.assign_automatically(
        [again], reviewers=[conflicted, colleague], per_application=1, by=None
    )
    assert made == 1
    assert Review.objects.get(application=again).reviewer == colleague


def test_automatic_assignment_tops_up_to_the_number_asked(cohort):
    reviewers = ReviewerFactory.create_batch(3)
    application = submitted(cohort)
    selection.assign_reviewers([application], reviewers=reviewers[:2], by=None)
    assert (
        selection.assign_automatically(
            [application], reviewers=reviewers, per_application=1, by=None
        )
        == 0
    )
    assert (
        selection.assign_automatically(
            [application], reviewers=reviewers, per_application=3, by=None
        )
        == 1
    )
    assert application.reviews.count() == 3


# Reviewing ----------------------------------------------------------------------
@pytest.fixture
def assigned(cohort, other_cohort):
    """Two reviewers on one application, and another application besides."""
    first, second = ReviewerFactory(), ReviewerFactory()
    application = submitted(cohort)
    selection.assign_reviewers(
        [application, submitted(cohort)], reviewers=[first, second], by=None
    )
    reviewed(submitted(other_cohort), first, 1, 1)
    review = Review.objects.get(application=application, reviewer=first)
    return review, first, second


def test_submitted_review_keeps_scores_comment_and_recommendation(assigned, cohort):
    review, reviewer, _second = assigned
    given = scores(cohort, 4, 0)
    selection.submit_review(
        review,
        by=reviewer,
        scores={key: str(value) for key, value in given.items()},
        comment="Clear plan for Santali.",
        recommendation=Recommendation.YES,
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED
    assert review.scores == given
    assert review.score == 53.33  # (2 * 4/5 + 0) / 3
    assert review.comment == "Clear plan for Santali."
    assert review.recommendation == Recommendation.YES
    assert review.submitted_at is not None
    # Revised: the new scores replace the old, no recommendation is fine.
    selection.submit_review(review, by=reviewer, scores=scores(cohort, 5, 5))
    review.refresh_from_db()
    assert (review.score, review.recommendation, review.comment) == (100.0, "", "")


@pytest.mark.parametrize(
    ("impact", "team"), [(5, 6), (-1, 0), (None, 3), ("four", 3), (5, "4.5")]
)
def test_scores_outside_the_rubric_are_refused(assigned, cohort, impact, team):
    review, reviewer, _second = assigned
    given = scores(cohort, impact, team)
    with pytest.raises(selection.SelectionError):
        selection.submit_review(review, by=reviewer, scores=given)
    review.refresh_from_db()
    assert (review.status, review.scores, review.score) == (
        ReviewStatus.ASSIGNED,
        {},
        None,
    )


def test_a_missing_criterion_is_refused(assigned, cohort):
    review, reviewer, _second = assigned
    impact, _team = selection.criteria_of(cohort)
    with pytest.raises(selection.SelectionError):
        selection.submit_review(review, by=reviewer, scores={str(impact.pk): 3})


def test_whole_range_of_each_criterion_is_accepted(assigned, cohort):
    review, reviewer, _second = assigned
    selection.submit_review(review, by=reviewer, scores=scores(cohort, 0, 5))
    review.refresh_from_db()
    assert review.score == 33.33


def test_unknown_recommendation_is_refused(assigned, cohort):
    review, reviewer, _second = assigned
    with pytest.raises(selection.SelectionError):
        selection.submit_review(
            review, by=reviewer, scores=scores(cohort, 3, 3), recommendation="maybe"
        )
    review.refresh_from_db()
    assert review.status == ReviewStatus.ASSIGNED


def test_nobody_scores_or_steps_aside_for_another_reviewer(assigned, cohort, manager):
    review, _reviewer, second = assigned
    for someone in (second, manager):
        with pytest.raises(selection.SelectionError):
            selection.submit_review(review, by=someone, scores=scores(cohort, 3, 3))
        with pytest.raises(selection.SelectionError):
            selection.declare_conflict(review, by=someone)
    review.refresh_from_db()
    assert review.status == ReviewStatus.ASSIGNED


def test_a_conflict_clears_the_review_and_ends_scoring(assigned, cohort):
    review, reviewer, second = assigned
    stale = Review.objects.get(pk=review.pk)
    selection.submit_review(
        review,
        by=reviewer,
        scores=scores(cohort, 5, 5),
        comment="Great",
        recommendation=Recommendation.STRONG_YES,
    )
    selection.declare_conflict(review, by=reviewer, note="I advise them.")
    review.refresh_from_db()
    assert review.status == ReviewStatus.CONFLICT
    assert (review.scores, review.score, review.comment) == ({}, None, "I advise them.")
    # Nothing of the withdrawn review speaks for the startup any more.
    assert review.recommendation == ""
    assert review.submitted_at is None
    assert not selection.can_see_other_reviews(review.application, reviewer)
    for instance in (review, stale):
        with pytest.raises(selection.SelectionError):
            selection.submit_review(instance, by=reviewer, scores=scores(cohort, 1, 1))
    other = Review.objects.get(application=review.application, reviewer=second)
    assert other.status == ReviewStatus.ASSIGNED


@pytest.mark.parametrize("status", [S.ACCEPTED, S.REJECTED, S.WAITLISTED, S.WITHDRAWN])
def test_decided_or_withdrawn_applications_take_no_more_scores(
    assigned, cohort, status
):
    review, reviewer, _second = assigned
    Application.objects.filter(pk=review.application_id).update(status=status)
    with pytest.raises(selection.SelectionError):
        selection.submit_review(review, by=reviewer, scores=scores(cohort, 3, 3))


def test_shortlisted_application_can_still_be_scored(assigned, cohort):
    review, reviewer, _second = assigned
    Application.objects.filter(pk=review.application_id).update(status=S.SHORTLISTED)
    selection.submit_review(review, by=reviewer, scores=scores(cohort, 3, 3))
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED


def test_cohort_without_a_rubric_takes_no_scores():
    cohort = create_cohort("no-rubric")
    reviewer = ReviewerFactory()
    application = submitted(cohort)
    selection.assign_reviewers([application], reviewers=[reviewer], by=None)
    with pytest.raises(selection.SelectionError):
        selection.submit_review(Review.objects.get(), by=reviewer, scores={})


def test_reviewer_sees_others_only_after_scoring_this_application(assigned, cohort):
    review, reviewer, second = assigned
    application = review.application
    # A review submitted on another application opens nothing here.
    assert not selection.can_see_other_reviews(application, reviewer)
    selection.submit_review(review, by=reviewer, scores=scores(cohort, 2, 2))
    assert selection.can_see_other_reviews(application, reviewer)
    assert not selection.can_see_other_reviews(application, second)
    assert selection.can_see_other_reviews(application, ManagerFactory())


# Decisions ----------------------------------------------------------------------
def test_staging_records_the_decision_and_changes_nothing_yet(cohort, manager):
    chosen = ApplicationFactory(cohort=cohort, status=S.SHORTLISTED)
    bystander = ApplicationFactory(cohort=cohort, status=S.SHORTLISTED)
    selection.stage_decision(bystander, to=S.WAITLISTED, by=manager)
    selection.stage_decision(chosen, to=S.ACCEPTED, by=manager)
    staged = Selection.objects.get(application=chosen)
    assert (staged.staged_status, staged.staged_by) == (S.ACCEPTED, manager)
    assert staged.staged_at is not None
    assert Selection.objects.get(application=bystander).staged_status == S.WAITLISTED
    chosen.refresh_from_db()
    assert chosen.status == S.SHORTLISTED
    assert not mail.outbox


@pytest.mark.parametrize(
    ("status", "to"),
    [
        (S.SUBMITTED, S.IN_REVIEW),  # allowed by the table, but not a decision
        (S.SUBMITTED, S.ACCEPTED),  # a decision the table does not allow
        (S.ACCEPTED, S.REJECTED),
        (S.SHORTLISTED, S.WITHDRAWN),
    ],
)
def test_refused_decision_is_not_staged(cohort, manager, status, to):
    application = ApplicationFactory(cohort=cohort, status=status)
    with pytest.raises(selection.SelectionError):
        selection.stage_decision(application, to=to, by=manager)
    assert not Selection.objects.filter(application=application).exclude(
        staged_status=""
    )


def test_sending_applies_only_this_cohorts_staged_decisions(
    cohort, other_cohort, manager, commit
):
    accept = ApplicationFactory(cohort=cohort, status=S.SHORTLISTED)
    reject = ApplicationFactory(cohort=cohort, status=S.IN_REVIEW)
    waiting = ApplicationFactory(cohort=cohort, status=S.SHORTLISTED)
    elsewhere = ApplicationFactory(cohort=other_cohort, status=S.SHORTLISTED)
    selection.stage_decision(accept, to=S.ACCEPTED, by=manager)
    selection.stage_decision(reject, to=S.REJECTED, by=manager)
    selection.stage_decision(elsewhere, to=S.ACCEPTED, by=manager)
    with commit():
        assert selection.send_decisions(cohort, by=manager) == (2, [])
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses[accept.pk] == S.ACCEPTED
    assert statuses[reject.pk] == S.REJECTED
    assert statuses[waiting.pk] == S.SHORTLISTED
    assert statuses[elsewhere.pk] == S.SHORTLISTED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [accept.startup.owner.email, reject.startup.owner.email]
    )
    change = accept.status_changes.get()
    assert (change.note, change.changed_by) == ("Decision sent.", manager)
    assert list(selection.staged(cohort)) == []
    with commit():
        assert selection.send_decisions(cohort, by=manager) == (0, [])
    assert len(mail.outbox) == 2
    assert list(selection.staged(other_cohort)) == [elsewhere.selection]


def test_a_decision_sent_meanwhile_by_another_manager_is_not_sent_again(
    cohort, manager, commit
):
    from django.db.models.signals import post_save

    from cohorts.models import ApplicationStatusChange

    first = ApplicationFactory(cohort=cohort, status=S.SHORTLISTED)
    second = ApplicationFactory(cohort=cohort, status=S.SHORTLISTED)
    selection.stage_decision(first, to=S.ACCEPTED, by=manager)
    selection.stage_decision(second, to=S.REJECTED, by=manager)
    other_manager = ManagerFactory()

    def the_other_send(sender, instance, created, **kwargs):
        # While this send applies the first decision, another manager's send of
        # the second one commits: its row is no longer staged when locked.
        if created and instance.application_id == first.pk:
            post_save.disconnect(the_other_send, sender=ApplicationStatusChange)
            selection.send_decisions(cohort, by=other_manager)

    post_save.connect(the_other_send, sender=ApplicationStatusChange)
    try:
        with commit():
            sent, problems = selection.send_decisions(cohort, by=manager)
    finally:
        post_save.disconnect(the_other_send, sender=ApplicationStatusChange)
    assert (sent, problems) == (1, [])
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert (statuses[first.pk], statuses[second.pk]) == (S.ACCEPTED, S.REJECTED)
    # One email each, and the second decision's change is the other manager's.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [first.startup.owner.email, second.startup.owner.email]
    )
    assert second.status_changes.get().changed_by == other_manager


def test_a_decision_no_longer_possible_is_reported_and_the_rest_sent(
    cohort, manager, commit
):
    withdrawn = ApplicationFactory(cohort=cohort, status=S.SHORTLISTED)
    accepted = ApplicationFactory(cohort=cohort, status=S.SHORTLISTED)
    selection.stage_decision(withdrawn, to=S.ACCEPTED, by=manager)
    selection.stage_decision(accepted, to=S.ACCEPTED, by=manager)
    Application.objects.filter(pk=withdrawn.pk).update(status=S.WITHDRAWN)
    with commit():
        sent, problems = selection.send_decisions(cohort, by=manager)
    assert sent == 1
    assert len(problems) == 1
    assert problems[0].startswith(f"{withdrawn.startup.name}: ")
    assert [m.to[0] for m in mail.outbox] == [accepted.startup.owner.email]


def test_decision_message_uses_this_cohorts_template_for_this_decision(
    cohort, other_cohort
):
    application = ApplicationFactory(cohort=cohort, status=S.ACCEPTED)
    name = application.startup.name
    DecisionTemplate.objects.create(
        cohort=other_cohort,
        decision=S.ACCEPTED,
        subject_en="Other cohort",
        body_en="Other",
        subject_hi="दूसरा",
        body_hi="दूसरा",
    )
    DecisionTemplate.objects.create(
        cohort=cohort,
        decision=S.REJECTED,
        subject_en="Sorry, {startup}",
        body_en="No place",
        subject_hi="क्षमा करें",
        body_hi="कोई जगह नहीं",
    )
    subject, body = emails.decision_message(application, S.ACCEPTED, "en")
    assert subject == f"{name} is selected for Cohort rules-cohort"
    assert body.startswith(f"Congratulations: {name} is selected for Cohort rules")
    assert f"/applications/{application.uuid}/" in body
    subject, body = emails.decision_message(application, S.REJECTED, "en")
    assert (subject, body) == (f"Sorry, {name}", "No place")
    subject, body = emails.decision_message(application, S.REJECTED, "hi")
    assert (subject, body) == ("क्षमा करें", "कोई जगह नहीं")


# After acceptance ----------------------------------------------------------------
def test_compute_is_allocated_to_the_chosen_accepted_startup_only(
    cohort, other_cohort, manager
):
    chosen = ApplicationFactory(cohort=cohort, status=S.ACCEPTED, compute_gpu_hours=800)
    ApplicationFactory(cohort=cohort, status=S.ACCEPTED, compute_gpu_hours=300)
    ApplicationFactory(cohort=cohort, status=S.REJECTED, compute_gpu_hours=5000)
    elsewhere = ApplicationFactory(
        cohort=other_cohort, status=S.ACCEPTED, compute_gpu_hours=7000
    )
    assert selection.compute_totals(cohort) == {
        "requested": 1100,
        "allocated": 0,
        "budget": None,
        "left": None,
    }
    selection.allocate_compute(elsewhere, gpu_hours=6000, by=manager)
    selection.allocate_compute(chosen, gpu_hours=0, by=manager)
    assert selection.compute_totals(cohort) == {
        "requested": 1100,
        "allocated": 0,
        "budget": None,
        "left": None,
    }
    selection.allocate_compute(chosen, gpu_hours=600, by=manager)
    assert Selection.objects.get(application=chosen).gpu_hours_allocated == 600
    assert selection.compute_totals(cohort) == {
        "requested": 1100,
        "allocated": 600,
        "budget": None,
        "left": None,
    }
    with pytest.raises(selection.SelectionError):
        selection.allocate_compute(chosen, gpu_hours=-1, by=manager)
    assert Selection.objects.get(application=chosen).gpu_hours_allocated == 600


def test_cohort_without_accepted_startups_totals_zero(cohort):
    ApplicationFactory(cohort=cohort, status=S.SHORTLISTED)
    assert selection.compute_totals(cohort) == {
        "requested": 0,
        "allocated": 0,
        "budget": None,
        "left": None,
    }


def test_alumni_list_shows_only_this_cohorts_listed_accepted_startups(
    cohort, other_cohort
):
    def listed(application, line=""):
        selection.set_alumni_listing(
            application, user=application.startup.owner, listed=True, line=line
        )
        return application

    shown = listed(ApplicationFactory(cohort=cohort, status=S.ACCEPTED), "  Santali  ")
    listed(ApplicationFactory(cohort=other_cohort, status=S.ACCEPTED))
    ApplicationFactory(cohort=cohort, status=S.ACCEPTED)  # not listed
    gone = listed(ApplicationFactory(cohort=cohort, status=S.ACCEPTED))
    gone.startup.anonymised_at = timezone.now()
    gone.startup.save()
    # A flag set on a startup that was not accepted (by hand) never shows it.
    rejected = ApplicationFactory(cohort=cohort, status=S.REJECTED)
    Selection.objects.create(application=rejected, alumni_listed=True)
    assert [s.application for s in selection.alumni_of(cohort)] == [shown]
    assert Selection.objects.get(application=shown).alumni_line == "Santali"


def test_alumni_line_is_cut_at_160_characters(cohort):
    application = ApplicationFactory(cohort=cohort, status=S.ACCEPTED)
    other = ApplicationFactory(cohort=cohort, status=S.ACCEPTED)
    selection.set_alumni_listing(
        other, user=other.startup.owner, listed=True, line="Other"
    )
    line = "a" * 159 + "bc"
    selection.set_alumni_listing(
        application, user=application.startup.owner, listed=True, line=line
    )
    assert Selection.objects.get(application=application).alumni_line == line[:160]
    assert Selection.objects.get(application=other).alumni_line == "Other"


@pytest.mark.parametrize("status", [S.SHORTLISTED, S.REJECTED, S.WAITLISTED])
def test_only_accepted_startups_join_the_alumni_list(cohort, status):
    application = ApplicationFactory(cohort=cohort, status=status)
    with pytest.raises(selection.SelectionError):
        selection.set_alumni_listing(
            application, user=application.startup.owner, listed=True
        )
    with pytest.raises(selection.SelectionError):
        selection.allocate_compute(application, gpu_hours=10, by=None)
    assert not Selection.objects.filter(application=application, alumni_listed=True)
