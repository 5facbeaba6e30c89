"""Fixtures shared by the whole suite."""

import datetime
import fcntl
import hashlib
import io
import json
import pickle
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories.home import DEFAULT_PASSWORD, StaffUserFactory, VerifiedUserFactory


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL (row locks, concurrency, full-text search): "
        "set DATABASE_URL=postgres://... to run it"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Called by pytest-django just before it creates the test database: it is
    copied from a migrated template (tests/migrated_template.py)."""
    from tests import migrated_template

    migrated_template.install()


# Every row that migrations made, as the test database had them (see below).
MIGRATED_ROWS: dict = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and a copy of what migrations put in it."""
    from tests import snapshot

    with django_db_blocker.unblock():
        MIGRATED_ROWS.update(snapshot.capture(everything=True))


def _transactional(item) -> bool:
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    return (
        "transactional_db" in names
        or "live_server" in names
        or bool(
            marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,))
        )
    )


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete():
    """A transactional test ends with Django's flush, which on PostgreSQL is one
    TRUNCATE of every table: 3.4 s here, as each table and index gets a new file.
    DELETE of the same tables takes 0.15 s for a test's few rows (the foreign
    keys are deferred to the commit, so the order does not matter). Sequences
    are left alone, as a flush without `reset_sequences` leaves them."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(
                self,
                style,
                tables,
                reset_sequences=reset_sequences,
                allow_cascade=allow_cascade,
            )
        return [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(t))};"
            for t in tables
        ]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying every table (a flush), which also
    removes what migrations made: Wagtail's root page and locale, the Editors
    group, the languages, the content types' numbers. Whatever ran, every test
    starts from the migrated database: after the flush, its rows come back."""
    result = yield
    # After the last test the test database is gone (never touch another one).
    if nextitem is not None and MIGRATED_ROWS and _transactional(item):
        from pytest_django.plugin import blocking_manager_key

        from tests import snapshot

        with item.config.stash[blocking_manager_key].unblock():
            snapshot.replace_all(MIGRATED_ROWS)
    return result


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def user(db):
    return VerifiedUserFactory()


@pytest.fixture
def staff_user(db):
    return StaffUserFactory()


ROOT = Path(__file__).resolve().parent.parent
# What the demo is made of: a change to any of these seeds again.
SEED_SOURCES = (
    "*/migrations/*.py",
    "*/seed*.py",
    "home/demo.py",
    "*/models.py",
    "*/management/commands/seed_demo.py",
    "tests/snapshot.py",
)


def _content_types() -> dict:
    from django.contrib.contenttypes.models import ContentType

    return {
        str(pk): model
        for pk, model in ContentType.objects.values_list("pk", "model").order_by("pk")
    }


def _seed_dump_dir() -> Path:
    """One folder per checkout, database vendor, day and demo source, shared by
    workers and runs (the demo's dates are relative to the day it is seeded).
    A fresh clone (as in CI) seeds afresh."""
    digest = hashlib.sha256(f"{ROOT} {connection.vendor} raw rows".encode())
    digest.update(datetime.datetime.now(tz=datetime.UTC).date().isoformat().encode())
    for pattern in SEED_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.read_bytes())
    return Path(tempfile.gettempdir()) / f"coe-seed-{digest.hexdigest()[:16]}"


def _seed_and_dump(folder: Path) -> None:
    from django.conf import settings

    from tests import snapshot

    call_command("seed_demo", stdout=io.StringIO())
    partial = folder.with_suffix(".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    with (partial / "seed.pickle").open("wb") as out:
        pickle.dump(snapshot.capture(), out)
    (partial / "content_types.json").write_text(json.dumps(_content_types()))
    # The demo's images, which the dump's rows point to.
    shutil.copytree(settings.MEDIA_ROOT, partial / "media", dirs_exist_ok=True)
    partial.rename(folder)


def _load_dump(folder: Path) -> bool:
    from django.conf import settings
    from django.core.cache import cache
    from wagtail.models import Page, Site

    from tests import snapshot

    saved = json.loads((folder / "content_types.json").read_text())
    if saved != _content_types():
        return False  # a transactional test's flush renumbered them
    # What migrations made (a Site and a welcome page) gives way to the dump.
    Site.objects.all().delete()
    Page.objects.filter(depth__gt=1).delete()
    with (folder / "seed.pickle").open("rb") as dump:
        snapshot.restore(pickle.load(dump))  # noqa: S301 -- our own file, this run's
    shutil.copytree(folder / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    cache.clear()  # the rows came without signals: nothing cached may predate them
    from home.caching import forget_local

    forget_local()
    return True


def load_demo() -> None:
    """The demo site (pages in English and Hindi) in the test database.

    seed_demo runs once for all workers and runs of the day (under a file lock);
    every other test copies its rows, which takes a fraction of the time.
    """
    from django.db import transaction

    folder = _seed_dump_dir()
    with transaction.atomic():
        with open(f"{folder}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if not folder.exists():
                _seed_and_dump(folder)
                return
        if not _load_dump(folder):
            call_command("seed_demo", stdout=io.StringIO())


def _module_items(request) -> list:
    prefix = f"{request.node.nodeid}::"
    return [item for item in request.session.items if item.nodeid.startswith(prefix)]


@pytest.fixture(scope="module")
def module_db(request, django_db_setup, django_db_blocker):
    """Rows made once for a whole module: one transaction around the module,
    rolled back after its last test. Each test still runs in its own savepoint
    inside it (pytest-django's `db`), so what one test changes is gone before the
    next, as with Django's `setUpTestData`. Only for modules without
    transactional tests (a flush inside the open transaction would empty it)."""
    from django.db import transaction

    transactional = [i.nodeid for i in _module_items(request) if _transactional(i)]
    assert not transactional, f"module_db with transactional tests: {transactional}"
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_once(module_db):
    """The demo site loaded once for the module (opt in with
    `pytestmark = pytest.mark.usefixtures("demo_once")`): `seeded` then loads
    nothing, and each test sees the demo as loaded, whatever the one before it
    changed."""
    load_demo()


@pytest.fixture
def seeded(request, db):
    """The demo site in the test database (see load_demo)."""
    if "demo_once" not in request.fixturenames:
        load_demo()


@pytest.fixture(scope="session")
def settings_probe():
    """One child process that evaluates settings modules for many environments."""
    from tests.settings_probe import SettingsProbe

    probe = SettingsProbe()
    yield probe
    probe.close()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /hi/ leaves Hindi active in the test's thread (Django's
    LocaleMiddleware activates, nothing deactivates), and `reverse()` then
    makes /hi/ addresses: every test starts in the default language."""
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _stripe_defaults():
    """The stripe library keeps its configuration in module globals: every test
    starts from the library's own, as a new process does, so a test passes only
    if the code it runs configures Stripe itself."""
    import stripe

    stripe.api_key = None
    stripe.api_base = stripe.DEFAULT_API_BASE
    stripe.max_network_retries = 2


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from home.caching import forget_local

    cache.clear()
    forget_local()
    yield
    cache.clear()
    forget_local()
