"""Fixtures shared by the whole suite."""

import io
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


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def user(db):
    return VerifiedUserFactory()


@pytest.fixture
def staff_user(db):
    return StaffUserFactory()


_SEED_DUMPS: dict[str, tuple[dict, Path]] = {}


def _content_types() -> dict:
    from django.contrib.contenttypes.models import ContentType

    return dict(ContentType.objects.values_list("pk", "model").order_by("pk"))


@pytest.fixture
def seeded(db, tmp_path_factory):
    """The demo site (pages in English and Hindi) in the test database.

    seed_demo runs once per session and database; later tests load its dump,
    which takes a fraction of the time, as long as content type ids still match
    (a transactional test's flush can renumber them; then we seed again).
    """
    vendor = connection.vendor
    cached = _SEED_DUMPS.get(vendor)
    if cached is not None and cached[0] == _content_types():
        from wagtail.models import Page, Site

        # What migrations made (a Site and a welcome page) gives way to the dump.
        Site.objects.all().delete()
        Page.objects.filter(depth__gt=1).delete()
        call_command("loaddata", str(cached[1]), verbosity=0)
        return
    call_command("seed_demo", stdout=io.StringIO())
    dump = tmp_path_factory.mktemp("seed") / f"seed-{vendor}.json"
    with dump.open("w") as out:
        call_command(
            "dumpdata",
            exclude=[
                "contenttypes",
                "auth.permission",
                "sessions",
                "django_tasks_database",
                "home.user",
                "account",
                "mfa",
            ],
            stdout=out,
        )
    _SEED_DUMPS[vendor] = (_content_types(), dump)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
