"""Selection steps work on the row as it is once locked (issue 22, item 7)."""

import threading
import time

import pytest
from django.db import connection, transaction

from cohorts import selection
from cohorts.enums import ReviewStatus
from cohorts.models import Review
from tests.factories.selection import ReviewerFactory, SubmittedApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    reviewer = ReviewerFactory()
    application = SubmittedApplicationFactory()
    selection.assign_reviewers([application], reviewers=[reviewer], by=None)
    return Review.objects.get()


def test_a_conflict_on_a_review_removed_meanwhile_is_refused_not_written_back(
    review,
):
    stale = Review.objects.get(pk=review.pk)
    Review.objects.filter(pk=review.pk).delete()
    with pytest.raises(selection.SelectionError, match="no longer exists"):
        selection.declare_conflict(stale, by=review.reviewer)
    assert not Review.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_conflict_waits_for_a_removal_under_way_and_is_refused(review):
    """The review page was open when the assignment went (its application or
    reviewer deleted): the conflict waits for the lock, then finds no row."""
    outcome = {}

    def declare():
        try:
            outcome["result"] = selection.declare_conflict(review, by=review.reviewer)
        except Exception as error:  # noqa: BLE001 -- the test reads it
            outcome["error"] = error
        finally:
            connection.close()

    with transaction.atomic():
        Review.objects.select_for_update().get(pk=review.pk)
        thread = threading.Thread(target=declare)
        thread.start()
        deadline = time.monotonic() + 10
        while not _waiting_for_a_lock():
            assert time.monotonic() < deadline, "the conflict never waited"
            time.sleep(0.02)
        Review.objects.filter(pk=review.pk).delete()
    thread.join()
    assert isinstance(outcome.get("error"), selection.SelectionError), outcome
    assert not Review.objects.exists()
    assert not Review.objects.filter(status=ReviewStatus.CONFLICT).exists()


def _waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0]
