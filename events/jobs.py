"""Periodic jobs as background tasks (django-tasks); each is also a command.

Apart from `tasks` (the emails and refunds that registration enqueues) so that
registration never imports what imports it.
"""

from django_tasks import task

from . import registration


@task()
def expire_holds() -> int:
    """Periodic (every few minutes): lapsed holds and offers free their seats."""
    return registration.expire_holds()


@task()
def send_reminders() -> int:
    """Periodic (hourly): the reminder 24 hours before an event, sent once."""
    return registration.send_reminders()
