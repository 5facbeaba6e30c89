"""Build the demo site in English and Hindi. Safe to run again: it changes nothing."""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

# Each app of ours may ship a `seed` module with `seed(stdout, options)` and,
# optionally, `add_arguments(parser)`; home runs first, the others stand on it.
SEED_APPS = ["home", "cohorts", "events", "resources", "responsible", "compute"]


def _seed_modules():
    modules = []
    for label in SEED_APPS:
        if not apps.is_installed(label):
            continue
        try:
            modules.append(importlib.import_module(f"{label}.seed"))
        except ModuleNotFoundError as error:
            if error.name != f"{label}.seed":
                raise
    return modules


class Command(BaseCommand):
    help = "Create or update the demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="Also create a staff user and a normal user and print their logins.",
        )
        for module in _seed_modules():
            if hasattr(module, "add_arguments"):
                module.add_arguments(parser)

    def handle(self, *args, **options):
        with transaction.atomic():
            for module in _seed_modules():
                module.seed(self.stdout, options)
            if options["demo_users"]:
                from home.seed import create_demo_users

                create_demo_users(self.stdout)
        if connection.vendor == "postgresql":
            # Fresh statistics: without them PostgreSQL plans public() as an
            # anti-join over every page.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS("demo content ready"))
