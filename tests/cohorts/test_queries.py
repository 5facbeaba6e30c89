"""Reused reads of cohorts (cohorts.queries): open cohorts and next steps."""

import pytest
from django.utils import translation

from cohorts.enums import ApplicationStatus
from cohorts.queries import next_step, open_cohorts
from tests.factories.cohorts import ApplicationFactory, create_cohort

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def test_open_cohorts_in_the_active_language_closing_soonest_first():
    late = create_cohort("late", closes_in_days=20)
    soon = create_cohort("soon", closes_in_days=5)
    create_cohort("closed", opens_in_days=-20, closes_in_days=-1)
    create_cohort("future", opens_in_days=3, closes_in_days=30)
    assert [c.pk for c in open_cohorts(limit=5)] == [soon.pk, late.pk]
    assert [c.pk for c in open_cohorts(limit=1)] == [soon.pk]
    with translation.override("hi"):
        hindi = open_cohorts(limit=5)
    assert [c.title for c in hindi] == ["समूह soon", "समूह late"]


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (S.SUBMITTED, "we will review your application"),
        (S.IN_REVIEW, "is being reviewed"),
        (S.SHORTLISTED, "is being reviewed"),
        (S.ACCEPTED, "Congratulations"),
        (S.WAITLISTED, "on the waitlist"),
        (S.REJECTED, "No further steps"),
        (S.WITHDRAWN, "No further steps"),
    ],
)
def test_next_step_says_what_to_do(status, words):
    application = ApplicationFactory.build(status=status)
    assert words in next_step(application)


def test_next_step_of_a_draft_depends_on_the_deadline():
    open_draft = ApplicationFactory(cohort=create_cohort("open"))
    closed_draft = ApplicationFactory(
        cohort=create_cohort("shut", opens_in_days=-20, closes_in_days=-1)
    )
    assert "Finish and submit" in next_step(open_draft)
    assert "can no longer be submitted" in next_step(closed_draft)


def test_open_cohorts_at_another_moment():
    import datetime as dt

    from django.utils import timezone

    soon = create_cohort("soon", closes_in_days=5)
    future = create_cohort("future", opens_in_days=3, closes_in_days=30)
    in_four_days = timezone.now() + dt.timedelta(days=4)
    assert [c.pk for c in open_cohorts(limit=5, now=in_four_days)] == [
        soon.pk,
        future.pk,
    ]
    in_six_days = timezone.now() + dt.timedelta(days=6)
    assert [c.pk for c in open_cohorts(limit=5, now=in_six_days)] == [future.pk]
