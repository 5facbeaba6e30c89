"""Periodic job for cron: expire lapsed payment holds and waitlist offers.

Safe to run twice and on several machines at once (each event is settled under
its row lock). Also sends the 24-hour reminders unless --no-reminders.
"""

from django.core.management.base import BaseCommand

from events.registration import expire_holds, send_reminders


class Command(BaseCommand):
    help = "Expire lapsed holds and offers, offer freed seats, send reminders."

    def add_arguments(self, parser):
        parser.add_argument("--no-reminders", action="store_true")

    def handle(self, *args, **options):
        settled = expire_holds()
        self.stdout.write(f"events settled: {settled}")
        if not options["no_reminders"]:
            self.stdout.write(f"reminders sent: {send_reminders()}")
