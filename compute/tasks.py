"""Background tasks (django-tasks): the emails."""

from django_tasks import task

from . import emails


@task()
def email_submitted(application_pk: int) -> int:
    return emails.send_submitted(application_pk)


@task()
def email_usage_reminder(report_pk: int) -> int:
    return emails.send_usage_reminder(report_pk)
