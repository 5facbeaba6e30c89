"""The decisions preview reads a fixed number of queries, however many
decisions are staged (pretalx's way: render with 1 and with 3)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cohorts import selection
from cohorts.enums import ApplicationStatus
from cohorts.models import Application, StartupMembership
from tests.factories.cohorts import StartupFactory
from tests.factories.home import VerifiedUserFactory
from tests.factories.selection import (
    ManagerFactory,
    SubmittedApplicationFactory,
    cohort_with_rubric,
)

pytestmark = pytest.mark.django_db


def stage(cohort, manager, count):
    """`count` staged decisions, each startup with an owner and a co-founder
    who accepted (and one who has not)."""
    startups = []
    for _ in range(count):
        startup = StartupFactory()
        cofounder = VerifiedUserFactory()
        StartupMembership.objects.create(
            startup=startup,
            email=cofounder.email,
            user=cofounder,
            accepted_at=timezone.now(),
        )
        StartupMembership.objects.create(startup=startup, email="pending@example.in")
        application = SubmittedApplicationFactory(cohort=cohort, startup=startup)
        Application.objects.filter(pk=application.pk).update(
            status=ApplicationStatus.IN_REVIEW
        )
        application.refresh_from_db()
        selection.stage_decision(application, to=ApplicationStatus.ACCEPTED, by=manager)
        startups.append((startup, cofounder))
    return startups


def preview_queries(cohort):
    with CaptureQueriesContext(connection) as queries:
        rows = selection.staged_with_recipients(cohort)
    return rows, len(queries)


def test_staged_with_recipients_queries_do_not_grow_with_the_decisions():
    manager = ManagerFactory()
    one, three = cohort_with_rubric("one"), cohort_with_rubric("three")
    stage(one, manager, 1)
    startups = stage(three, manager, 3)
    rows_one, queries_one = preview_queries(one)
    rows_three, queries_three = preview_queries(three)
    assert len(rows_one) == 1 and len(rows_three) == 3
    assert queries_three == queries_one
    # Each with its own people: the owner first, then the co-founder who accepted.
    expected = {
        startup.pk: [startup.owner, cofounder] for startup, cofounder in startups
    }
    assert {row.application.startup_id: people for row, people in rows_three} == (
        expected
    )


def test_staged_with_recipients_lists_no_one_for_a_startup_without_accounts():
    manager = ManagerFactory()
    cohort = cohort_with_rubric("nobody")
    [(startup, cofounder)] = stage(cohort, manager, 1)
    StartupMembership.objects.filter(startup=startup).delete()
    type(startup).objects.filter(pk=startup.pk).update(owner=None)
    [(row, people)] = selection.staged_with_recipients(cohort)
    assert row.application.startup_id == startup.pk
    assert people == []
