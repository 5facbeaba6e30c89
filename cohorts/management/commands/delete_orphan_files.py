"""Find private files (pitch decks, answer files) that no application points at.

Dry run by default: it lists them. With --delete it removes them. Files younger
than --min-age-hours (default 24) are left alone: an upload is stored a moment
before the row that points at it commits. Safe to run from cron, twice, or on
several machines at once.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from cohorts.files import orphan_files, private_storage
from cohorts.models import Application


class Command(BaseCommand):
    help = "List (or, with --delete, remove) private files no application uses."

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="Remove them (default: list only)."
        )
        parser.add_argument("--min-age-hours", type=float, default=24.0)

    def handle(self, *args, delete=False, min_age_hours=24.0, **options):
        older_than = timezone.now() - dt.timedelta(hours=min_age_hours)
        names = orphan_files(Application.objects.all(), older_than=older_than)
        storage = private_storage()
        for name in names:
            if delete:
                storage.delete(name)
            self.stdout.write(name)
        verb = "deleted" if delete else "found (dry run; --delete removes them)"
        self.stdout.write(f"{len(names)} orphaned file(s) {verb}")
