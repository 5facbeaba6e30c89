"""Background tasks (django-tasks): the emails. Periodic jobs are in `jobs`."""

from django_tasks import task

from . import emails


@task()
def email_application(
    application_pk: int, kind: str, actor_pk: int | None = None
) -> int:
    return emails.send_application_email(application_pk, kind, actor_pk)


@task()
def email_invitation(membership_pk: int, language: str | None = None) -> None:
    emails.send_invitation(membership_pk, language)


@task()
def email_review_reassigned(review_pk: int) -> int:
    return emails.send_review_reassigned(review_pk)


@task()
def email_reviews_assigned(reviewer_pk: int, review_pks: list[int]) -> int:
    return emails.send_reviews_assigned(reviewer_pk, review_pks)


@task()
def email_review_reminder(reminder_pk: int) -> int:
    return emails.send_review_reminder(reminder_pk)


@task()
def email_decision(application_pk: int, status: str) -> int:
    return emails.send_decision_email(application_pk, status)
