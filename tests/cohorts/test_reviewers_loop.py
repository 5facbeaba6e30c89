"""Reviewers are told: one email per assignment action, a reminder before the
review deadline (once), and the count of reviews due on their admin home."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cohorts import selection
from cohorts.enums import ReviewStatus
from cohorts.models import Review, ReviewReminder
from tests.factories.selection import (
    ManagerFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
    cohort_with_rubric,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return cohort_with_rubric()


def test_bulk_assignment_sends_one_digest_per_reviewer_in_their_language(
    cohort, django_capture_on_commit_callbacks
):
    english = ReviewerFactory(preferred_language="en")
    hindi = ReviewerFactory(preferred_language="hi")
    applications = [SubmittedApplicationFactory(cohort=cohort) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        made = selection.assign_reviewers(
            applications, reviewers=[english, hindi], by=ManagerFactory()
        )
    assert made == 6
    assert sorted(m.to[0] for m in mail.outbox) == sorted([english.email, hindi.email])
    by_to = {m.to[0]: m for m in mail.outbox}
    en, hi = by_to[english.email], by_to[hindi.email]
    assert "3 applications to review" in en.subject
    for application in applications:
        review = Review.objects.get(application=application, reviewer=english)
        assert application.startup.name in en.body
        assert f"/admin/selection/reviews/{review.pk}/" in en.body
    assert "समीक्षा" in hi.subject and "applications to review" not in hi.subject
    # Assigning the same people again makes nothing new and sends nothing.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        selection.assign_reviewers(applications, reviewers=[english], by=None)
    assert mail.outbox == []


def test_automatic_assignment_digest_hides_anonymised_startups(
    cohort, django_capture_on_commit_callbacks
):
    cohort.anonymised_review = True
    cohort.save_revision().publish()
    reviewers = [ReviewerFactory(), ReviewerFactory()]
    applications = [SubmittedApplicationFactory(cohort=cohort) for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        selection.assign_automatically(
            applications, reviewers=reviewers, per_application=1, by=None
        )
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "1 application to review" in message.subject
        assert "Application " in message.body
        for application in applications:
            assert application.startup.name not in message.body


def test_review_reminder_once_before_the_deadline(
    cohort, django_capture_on_commit_callbacks
):
    now = timezone.now()
    cohort.review_deadline = now + dt.timedelta(days=1)
    cohort.save_revision().publish()
    late, done = ReviewerFactory(), ReviewerFactory(preferred_language="ta")
    applications = [SubmittedApplicationFactory(cohort=cohort) for _ in range(2)]
    selection.assign_reviewers(applications, reviewers=[late, done], by=None)
    Review.objects.filter(reviewer=done).update(status=ReviewStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[late.email]]
    assert "2 reviews for" in mail.outbox[0].body
    assert ReviewReminder.objects.filter(cohort=cohort, reviewer=late).count() == 1
    # Nothing left to review, nothing to remind of (nor a marker that says so).
    assert not ReviewReminder.objects.filter(reviewer=done).exists()
    # A second run (or a second machine) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert selection.send_review_reminders() == 0
    assert len(mail.outbox) == 1


def test_no_reminder_far_from_or_after_the_deadline(cohort):
    reviewer = ReviewerFactory()
    selection.assign_reviewers(
        [SubmittedApplicationFactory(cohort=cohort)], reviewers=[reviewer], by=None
    )
    now = timezone.now()
    assert selection.send_review_reminders(now=now) == 0  # no deadline set
    cohort.review_deadline = now + dt.timedelta(days=5)
    cohort.save_revision().publish()
    assert selection.send_review_reminders(now=now) == 0
    assert selection.send_review_reminders(now=now + dt.timedelta(days=6)) == 0
    # Two days before the deadline, not three, not one.
    deadline = cohort.review_deadline
    hour = dt.timedelta(hours=1)
    assert (
        selection.send_review_reminders(now=deadline - dt.timedelta(days=2) - hour) == 0
    )
    assert (
        selection.send_review_reminders(now=deadline - dt.timedelta(days=2) + hour) == 1
    )
    ReviewReminder.objects.all().delete()
    assert selection.send_review_reminders(now=now + dt.timedelta(days=4)) == 1
    # The marker says when the reminder went: the run's time.
    assert ReviewReminder.objects.get().sent_at == now + dt.timedelta(days=4)


def test_admin_home_counts_only_reviews_still_due(client, cohort):
    reviewer = ReviewerFactory()
    applications = [SubmittedApplicationFactory(cohort=cohort) for _ in range(3)]
    selection.assign_reviewers(applications, reviewers=[reviewer], by=None)
    Review.objects.filter(application=applications[0]).update(
        status=ReviewStatus.SUBMITTED
    )
    client.force_login(reviewer)
    html = client.get("/admin/").content.decode()
    assert "2 reviews due" in html
