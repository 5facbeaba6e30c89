"""Background tasks (django-tasks): the emails."""

from django_tasks import task

from . import emails


@task()
def email_submitted(application_pk: int) -> int:
    return emails.send_submitted(application_pk)


@task()
def email_usage_reminder(report_pk: int) -> int:
    return emails.send_usage_reminder(report_pk)


# Review's emails (review.services queues them through COMPUTE.tasks).
@task()
def email_reviews_assigned(reviewer_pk: int, review_pks: list[int]) -> int:
    return emails.send_reviews_assigned(reviewer_pk, review_pks)


@task()
def email_review_reassigned(review_pk: int) -> int:
    return emails.send_reviews_assigned(None, [review_pk])


@task()
def email_review_reminder(reminder_pk: int) -> int:
    return emails.send_review_reminder(reminder_pk)


@task()
def email_decision(application_pk: int, status: str) -> int:
    return emails.send_decision_email(application_pk, status)
