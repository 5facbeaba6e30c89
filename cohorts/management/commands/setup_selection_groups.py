from django.core.management.base import BaseCommand

from cohorts.groups import ensure_groups


class Command(BaseCommand):
    help = "Create or update the Reviewers and Selection managers groups."

    def handle(self, *args, **options):
        for name in ensure_groups():
            self.stdout.write(f"group ready: {name}")
