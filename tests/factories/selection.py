"""Factories for selection: reviewers, managers, rubric criteria, reviews."""

import datetime as dt

import factory

from cohorts.enums import ApplicationStatus
from cohorts.groups import REVIEWERS, SELECTION_MANAGERS, ensure_groups
from cohorts.models import Review, RubricCriterion
from tests.factories.cohorts import ApplicationFactory
from tests.factories.home import VerifiedUserFactory, with_totp


def in_group(name):
    """Put the user in the group and, as the admin requires, give them an
    authenticator app (its secret on `totp_secret`)."""

    def add(user, create, extracted, **kwargs):
        if create:
            user.groups.add(ensure_groups()[name])
            user.totp_secret = with_totp(user)

    return add


class ReviewerFactory(VerifiedUserFactory):
    """A staff member in the Reviewers group (is_staff left False on purpose)."""

    email = factory.Sequence(lambda n: f"reviewer{n}@coe.example.in")
    group = factory.PostGeneration(in_group(REVIEWERS))


class ManagerFactory(VerifiedUserFactory):
    email = factory.Sequence(lambda n: f"manager{n}@coe.example.in")
    group = factory.PostGeneration(in_group(SELECTION_MANAGERS))


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RubricCriterion

    name = factory.Sequence(lambda n: f"Criterion {n}")
    description = "How well does it do this?"
    weight = 1
    max_score = 5


class SubmittedApplicationFactory(ApplicationFactory):
    status = ApplicationStatus.SUBMITTED
    submitted_at = factory.Faker("date_time_this_month", tzinfo=dt.UTC)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(SubmittedApplicationFactory)
    reviewer = factory.SubFactory(ReviewerFactory)


def cohort_with_rubric(slug="test-cohort", *, team_max=5):
    """A cohort whose rubric is Impact (weight 2, out of 5) and Team (weight 1)."""
    from tests.factories.cohorts import create_cohort

    cohort = create_cohort(slug)
    CriterionFactory(cohort=cohort, name="Impact", weight=2, max_score=5)
    CriterionFactory(cohort=cohort, name="Team", weight=1, max_score=team_max)
    return cohort
