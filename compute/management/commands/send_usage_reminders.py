"""Remind grantees of usage reports due within a week (periodic; safe to run
twice and on several machines at once)."""

from django.core.management.base import BaseCommand

from compute.services import send_usage_reminders


class Command(BaseCommand):
    help = "Email grantees whose usage report is due within a week, once each."

    def handle(self, *args, **options):
        sent = send_usage_reminders()
        self.stdout.write(f"usage report reminders sent: {sent}")
