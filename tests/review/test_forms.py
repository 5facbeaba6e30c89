"""The review form every programme's review page shows (review.forms), on a
call's review page: a score per criterion of the rubric, from 0 to its maximum."""

import pytest

from compute import selection
from compute.models import ComputeReview
from review.enums import ReviewStatus
from tests.factories.compute import (
    CallReviewerFactory,
    SubmittedComputeApplicationFactory,
    create_call,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    application = SubmittedComputeApplicationFactory(call=create_call())
    selection.assign_reviewers(
        [application], reviewers=[CallReviewerFactory()], by=None
    )
    return ComputeReview.objects.get()


def url(review):
    return f"/admin/compute/reviews/{review.pk}/"


def scores(benefit, feasibility, recommendation="yes"):
    criteria = {
        c.name: c.pk
        for c in ComputeReview.objects.get().application.call.rubric_criteria.all()
    }
    return {
        f"score_{criteria['Benefit']}": benefit,
        f"score_{criteria['Feasibility']}": feasibility,
        "comment": "Clear plan.",
        "recommendation": recommendation,
    }


def test_the_page_asks_a_score_per_criterion_before_the_comment(client, review):
    client.force_login(review.reviewer)
    page = client.get(url(review)).content.decode()
    assert page.index("Benefit (0–5)") < page.index("Feasibility (0–5)")
    assert page.index("Feasibility (0–5)") < page.index('for="id_comment"')


def test_a_score_of_zero_is_kept_and_one_above_the_maximum_refused(client, review):
    client.force_login(review.reviewer)
    refused = client.post(url(review), scores(6, 3))
    assert refused.status_code == 400
    assert "less than or equal to 5" in refused.content.decode()
    assert ComputeReview.objects.get().status == ReviewStatus.ASSIGNED
    client.post(url(review), scores(0, 5))
    saved = ComputeReview.objects.get()
    assert saved.status == ReviewStatus.SUBMITTED
    assert sorted(saved.scores.values()) == [0, 5]
