"""Periodic jobs as background tasks (django-tasks); each is also a command.

Apart from `tasks` (the emails that services enqueue) so that services never
import what imports them.
"""

from django_tasks import task

from . import selection, services


@task()
def send_draft_reminders() -> int:
    """Periodic: run it hourly; each draft is reminded once, whoever runs it."""
    return services.send_draft_reminders()


@task()
def send_review_reminders() -> int:
    """Periodic: run it hourly; each reviewer is reminded once per cohort."""
    return selection.send_review_reminders()
