"""Test databases copied from one migrated template instead of migrating each.

Running every migration (ours, Wagtail's, allauth's...) costs about 20 s of CPU
per pytest worker. The first worker to get here migrates its database as Django
does and keeps a copy of it (a file for SQLite, a template database for
PostgreSQL); every other worker, and every later run with the same migrations,
copies that instead. The copy is named after a digest of every migration file
and the Django version, so a changed migration makes a new one; a run that starts
clean (CI) migrates once, not once per worker.
"""

import contextlib
import fcntl
import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection


def _digest() -> str:
    # Per checkout: a fresh clone (as in CI) migrates afresh.
    checkout = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(
        f"{checkout} {connection.vendor} {django.__version__}".encode()
    )
    for app in apps.get_app_configs():
        folder = Path(app.path) / "migrations"
        for path in sorted(folder.glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _locked(name: str):
    with open(Path(tempfile.gettempdir()) / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _finish(test_name: str, serialize: bool) -> str:
    """What Django's create_test_db does after migrating."""
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    if serialize:
        connection._test_serialized_contents = (
            connection.creation.serialize_db_to_string()
        )
    call_command("createcachetable", database=connection.alias)
    connection.ensure_connection()
    return test_name


def _sqlite(original, test_name, verbosity, autoclobber, serialize, keepdb):
    template = Path(tempfile.gettempdir()) / f"coe-migrated-{_digest()}.sqlite3"
    with _locked(template.name):
        if not template.exists():
            name = original(verbosity, autoclobber, serialize, keepdb)
            partial = template.with_suffix(".partial")
            copy = sqlite3.connect(partial)
            connection.connection.backup(copy)
            copy.close()
            partial.rename(template)
            return name
    connection.close()
    connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    source = sqlite3.connect(template)
    source.backup(connection.connection)
    source.close()
    return _finish(test_name, serialize)


def _postgresql(original, test_name, verbosity, autoclobber, serialize, keepdb):
    creation = connection.creation
    quote = connection.ops.quote_name
    template = f"coe_migrated_{_digest()}"
    with _locked(template), creation._nodb_cursor() as cursor:
        if keepdb and creation._database_exists(cursor, test_name):
            return original(verbosity, autoclobber, serialize, keepdb)
        if not creation._database_exists(cursor, template):
            name = original(verbosity, autoclobber, serialize, keepdb)
            connection.close()  # a template copies only with nobody connected
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(template + '_partial')}")
            cursor.execute(
                f"CREATE DATABASE {quote(template + '_partial')} TEMPLATE {quote(name)}"
            )
            cursor.execute(
                f"ALTER DATABASE {quote(template + '_partial')} RENAME TO {quote(template)}"
            )
            return name
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
        cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")
    connection.close()
    return _finish(test_name, serialize)


def install() -> None:
    """Make the default connection's next create_test_db copy the template."""
    creation = connection.creation
    original = creation.create_test_db
    copy = {"sqlite": _sqlite, "postgresql": _postgresql}.get(connection.vendor)
    if copy is None or os.environ.get("COE_MIGRATE_EACH_WORKER"):
        return

    def create_test_db(verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        test_name = creation._get_test_db_name()
        if connection.vendor == "sqlite" and not creation.is_in_memory_db(test_name):
            return original(verbosity, autoclobber, serialize, keepdb)
        return copy(original, test_name, verbosity, autoclobber, serialize, keepdb)

    creation.create_test_db = create_test_db
