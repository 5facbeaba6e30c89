"""Remind reviewers of compute reviews due within two days of a call's review
deadline, once per reviewer and call (periodic; safe to run twice and on
several machines at once)."""

from django.core.management.base import BaseCommand

from compute.selection import send_review_reminders


class Command(BaseCommand):
    help = "Email reviewers with compute reviews still due, once per call."

    def handle(self, *args, **options):
        sent = send_review_reminders()
        self.stdout.write(f"compute review reminders sent: {sent}")
