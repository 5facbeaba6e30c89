"""Background tasks (django-tasks) of the ground floor: the emails."""

from django_tasks import task

from . import invitations


@task()
def email_staff_invitation(invitation_pk: int) -> bool:
    return invitations.send_staff_invitation(invitation_pk)
