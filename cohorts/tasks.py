"""Background tasks (django-tasks): emails and the periodic draft reminder."""

from django_tasks import task

from . import emails, services


@task()
def email_application(
    application_pk: int, kind: str, actor_pk: int | None = None
) -> int:
    return emails.send_application_email(application_pk, kind, actor_pk)


@task()
def email_invitation(membership_pk: int, language: str | None = None) -> None:
    emails.send_invitation(membership_pk, language)


@task()
def send_draft_reminders() -> int:
    """Periodic: run it hourly; each draft is reminded once, whoever runs it."""
    return services.send_draft_reminders()


@task()
def email_decision(application_pk: int, status: str) -> int:
    return emails.send_decision_email(application_pk, status)
