"""Liveness (/healthz) and readiness (/readyz) for load balancers (issue 18, item 10)."""

import datetime as dt
import json
import os

import pytest
from django.db import OperationalError, connection
from django.test import override_settings
from django_tasks import task

# Nothing listens on port 1: connecting is refused at once.
UNREACHABLE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1},
    }
}
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PRIVATE_WORDS = ("127.0.0.1", "redis://", "refused", "Error", "sqlite", "postgres")


@task()
def nothing_to_do() -> None:
    """A task for the queue to hold (no worker runs in these tests)."""


def refuse_every_query(execute, sql, params, many, context):
    raise OperationalError("connection to server at 10.0.0.5 failed: secret")


def readiness(client):
    response = client.get("/readyz")
    return response.status_code, json.loads(response.content)


def test_ready_when_database_and_cache_answer(client, db):
    status, body = readiness(client)
    assert status == 200
    assert body == {
        "ready": True,
        "database": "ok",
        "cache": "ok",
        "tasks": {"waiting": 0, "oldest_waiting_seconds": None},
    }


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL_FOR_TESTS"),
    reason="set REDIS_URL_FOR_TESTS (e.g. redis://127.0.0.1:6379/15) to use Redis",
)
def test_ready_with_redis(client, db):
    redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL_FOR_TESTS"],
            "KEY_PREFIX": "coe-health-test",
        }
    }
    with override_settings(CACHES=redis):
        status, body = readiness(client)
    assert (status, body["cache"]) == (200, "ok")


def test_not_ready_when_the_cache_fails(client, db):
    # CACHE_PAGES off: today's page cache middleware reads the cache on every
    # anonymous GET, health checks included, and fails first (a 500).
    with override_settings(CACHES=UNREACHABLE_CACHE, CACHE_PAGES=False):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert (body["ready"], body["database"], body["cache"]) == (
        False,
        "ok",
        "unavailable",
    )
    assert not any(word in response.content.decode() for word in PRIVATE_WORDS)


def test_not_ready_and_not_alive_when_the_database_fails(client, db):
    with connection.execute_wrapper(refuse_every_query):
        ready = client.get("/readyz")
        alive = client.get("/healthz")
    assert ready.status_code == 503
    body = json.loads(ready.content)
    assert (body["ready"], body["database"], body["cache"], body["tasks"]) == (
        False,
        "unavailable",
        "ok",
        None,
    )
    assert alive.status_code == 503
    for response in (ready, alive):
        assert "10.0.0.5" not in response.content.decode()
        assert "secret" not in response.content.decode()


def test_readiness_reports_the_oldest_waiting_task(client, db, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC), tick=False)
    with override_settings(TASKS=DATABASE_QUEUE):
        nothing_to_do.enqueue()
        time_machine.move_to(dt.datetime(2026, 12, 1, 10, 1, tzinfo=dt.UTC))
        nothing_to_do.enqueue()
        time_machine.move_to(dt.datetime(2026, 12, 1, 10, 3, tzinfo=dt.UTC))
        # Due in the future: not waiting yet.
        nothing_to_do.using(
            run_after=dt.datetime(2026, 12, 1, 11, 0, tzinfo=dt.UTC)
        ).enqueue()
        time_machine.move_to(dt.datetime(2026, 12, 1, 10, 5, tzinfo=dt.UTC), tick=False)
        status, body = readiness(client)
    assert status == 200
    assert body["tasks"] == {"waiting": 2, "oldest_waiting_seconds": 300}


def test_liveness_says_ok(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_is_never_cached(client, db, path):
    assert "no-store" in client.get(path)["Cache-Control"]
