"""Background tasks (django-tasks) of the ground floor.

The staff invitation's email is registered beside its service
(`home.invitations.email_staff_invitation`); its name here stays for the
tasks queued under it before it moved.
"""

from .invitations import email_staff_invitation  # noqa: F401 -- see above
