"""Who may review a programme, and which reviews count as submitted."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from cohorts import selection
from cohorts.models import Review
from review.enums import ReviewStatus
from tests.factories.home import VerifiedUserFactory
from tests.factories.selection import ReviewerFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_reviewers_are_active_users_with_this_programmes_permission():
    in_group = ReviewerFactory()
    direct = VerifiedUserFactory()
    direct.user_permissions.add(
        Permission.objects.get(content_type__app_label="cohorts", codename="add_review")
    )
    gone = ReviewerFactory(is_active=False)
    # Another programme's permission of the same name makes no cohorts reviewer.
    other, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Permission),
        codename="add_review",
        defaults={"name": "Can add review elsewhere"},
    )
    elsewhere = VerifiedUserFactory()
    elsewhere.user_permissions.add(other)
    listed = set(selection.reviewers())
    assert {in_group, direct} <= listed
    assert gone not in listed and elsewhere not in listed


def test_submitted_reviews_are_only_the_submitted_ones():
    submitted = ReviewFactory(status=ReviewStatus.SUBMITTED)
    application = submitted.application
    ReviewFactory(application=application, status=ReviewStatus.ASSIGNED)
    ReviewFactory(application=application, status=ReviewStatus.CONFLICT)
    assert list(Review.objects.submitted()) == [submitted]
