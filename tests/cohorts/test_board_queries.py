"""The selection board's database work does not grow with the cohort: the same
number of queries for one application as for four (each reviewed, with a
declared conflict, and staged)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cohorts import selection
from cohorts.enums import ApplicationStatus
from cohorts.models import Application
from tests.factories.selection import (
    ManagerFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
    cohort_with_rubric,
)

pytestmark = pytest.mark.django_db


def board_queries(client, cohort, manager, reviewers, how_many: int) -> int:
    applications = SubmittedApplicationFactory.create_batch(how_many, cohort=cohort)
    selection.assign_reviewers(applications, reviewers=reviewers, by=manager)
    for application in applications:
        review = application.reviews.get(reviewer=reviewers[0])
        selection.submit_review(
            review,
            scores={str(c.pk): 4 for c in selection.criteria_of(cohort)},
            comment="",
            recommendation="yes",
            by=reviewers[0],
        )
        selection.declare_conflict(
            application.reviews.get(reviewer=reviewers[1]), by=reviewers[1]
        )
        Application.objects.filter(pk=application.pk).update(
            status=ApplicationStatus.SHORTLISTED
        )
        application.refresh_from_db()
        selection.stage_decision(application, to=ApplicationStatus.ACCEPTED, by=manager)
    client.force_login(manager)
    url = f"/admin/selection/cohort/{cohort.pk}/"
    client.get(url)  # warm the caches a first visit fills (menus, permissions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('name="application"') == how_many
    return len(captured.captured_queries)


def test_board_queries_do_not_grow_with_applications(client):
    manager = ManagerFactory()
    reviewers = ReviewerFactory.create_batch(3)
    one = board_queries(client, cohort_with_rubric("one"), manager, reviewers, 1)
    four = board_queries(client, cohort_with_rubric("four"), manager, reviewers, 4)
    assert four == one
