"""Periodic job: remind reviewers of reviews due two days before the deadline.

Safe to run twice and on several machines at once: a reviewer is reminded once
per cohort (a ReviewReminder row, unique per cohort and reviewer, marks it).
"""

from django.core.management.base import BaseCommand

from cohorts.selection import send_review_reminders


class Command(BaseCommand):
    help = "Email reviewers with reviews due in cohorts whose review deadline is near."

    def handle(self, *args, **options):
        sent = send_review_reminders()
        self.stdout.write(f"review reminders sent: {sent}")
