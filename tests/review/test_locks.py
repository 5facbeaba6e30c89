"""Review's shared rules work on the row as it is once locked (PostgreSQL),
with calls for compute as the programme.

Each test holds a row lock itself, lets the rule start in a thread with the
copy it was given, waits (through pg_locks) until the thread queues behind the
lock, then makes the other change and commits.
"""

import pytest
from django.db import transaction

from compute import selection, services
from compute.models import CallPage, ComputeReview
from review.enums import ReviewStatus
from tests.factories.compute import (
    CallReviewerFactory,
    SubmittedComputeApplicationFactory,
    accepted,
    create_call,
)
from tests.locking import blocked_thread, lock

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def review():
    application = SubmittedComputeApplicationFactory(call=create_call())
    selection.assign_reviewers(
        [application], reviewers=[CallReviewerFactory()], by=None
    )
    return ComputeReview.objects.get()


def scores(review):
    return {str(c.pk): 4 for c in selection.criteria_of(review.application.call)}


def test_scores_sent_while_a_conflict_is_declared_wait_and_are_refused(review):
    """The reviewer scores in one tab and declares a conflict in another: the
    conflict stands, with no scores speaking for the applicant."""
    reviewer = review.reviewer
    other_tab = ComputeReview.objects.get(pk=review.pk)
    with transaction.atomic():
        lock(ComputeReview, review)
        thread, outcome = blocked_thread(
            lambda: selection.submit_review(
                other_tab, by=reviewer, scores=scores(review), comment="Strong."
            )
        )
        selection.declare_conflict(review, by=reviewer)
    thread.join()
    assert isinstance(outcome.get("error"), services.ComputeError), outcome
    review.refresh_from_db()
    assert review.status == ReviewStatus.CONFLICT
    assert (review.scores, review.score, review.comment) == ({}, None, "")


def test_a_conflict_waits_for_a_removal_under_way_and_is_refused(review):
    """The review page was open when the assignment went: the conflict waits
    for the lock, then finds no row and writes nothing back."""
    reviewer = review.reviewer
    other_tab = ComputeReview.objects.get(pk=review.pk)
    with transaction.atomic():
        lock(ComputeReview, review)
        thread, outcome = blocked_thread(
            lambda: selection.declare_conflict(other_tab, by=reviewer)
        )
        ComputeReview.objects.filter(pk=review.pk).delete()
    thread.join()
    assert isinstance(outcome.get("error"), services.ComputeError), outcome
    assert "no longer exists" in outcome["error"].message
    assert not ComputeReview.objects.exists()


def test_an_allocation_waits_for_another_on_the_same_call_and_keeps_the_budget():
    call = create_call(total=1000, largest=800)
    first, second = (
        accepted(SubmittedComputeApplicationFactory(call=call)) for _ in range(2)
    )
    with transaction.atomic():
        lock(CallPage, call)
        thread, outcome = blocked_thread(
            lambda: selection.allocate_compute(second, gpu_hours=300, by=None)
        )
        selection.allocate_compute(first, gpu_hours=800, by=None)
    thread.join()
    assert isinstance(outcome.get("error"), services.ComputeError), outcome
    assert "200 of 1000" in outcome["error"].message
    assert selection.compute_totals(call)["allocated"] == 800
