"""Fixtures shared by the whole suite."""

import io

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


@pytest.fixture
def seeded(db):
    """The demo site (pages in English and Hindi) in the test database."""
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
