"""Periodic job: remind owners of unfinished drafts three days before the deadline.

Safe to run twice and on several machines at once: each draft is claimed with a
row lock and marked as reminded in the same transaction.
"""

from django.core.management.base import BaseCommand

from cohorts.services import send_draft_reminders


class Command(BaseCommand):
    help = "Email owners of draft applications whose cohort closes within 3 days."

    def handle(self, *args, **options):
        sent = send_draft_reminders()
        self.stdout.write(f"draft reminders sent: {sent}")
