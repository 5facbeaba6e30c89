"""Health checks for load balancers and monitoring.

`/healthz` (liveness): the process runs and its database answers.
`/readyz` (readiness): the database, the cache (a write and read back) and the
task queue's backlog, as a small JSON document; 503 when the database or the cache
fails. Neither says more than "ok" or "unavailable" about a failure (no host
names, addresses or exception texts); the log has the details.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, F, Min, When
from django.db.models.functions import Greatest
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger("coe.health")


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 -- any database failure means unhealthy
        logger.warning("health: the database does not answer", exc_info=True)
        return False
    return True


def cache_answers() -> bool:
    """A write and a read back of a key of its own, then its removal."""
    key = f"health:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 10)
        answered = cache.get(key) == "ok"
        cache.delete(key)
    except Exception:  # noqa: BLE001 -- any cache failure means not ready
        logger.warning("health: the cache does not answer", exc_info=True)
        return False
    if not answered:
        logger.warning("health: the cache lost a value it was just given")
    return answered


def waiting_tasks() -> dict:
    """How many tasks are due and not started, and how long the oldest has waited
    (seconds since it was enqueued, or since its run_after when later)."""
    due_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest(F("enqueued_at"), F("run_after")),
    )
    backlog = DBTaskResult.objects.ready().aggregate(
        waiting=Count("id"), oldest=Min(due_since)
    )
    oldest = backlog["oldest"]
    return {
        "waiting": backlog["waiting"],
        "oldest_waiting_seconds": (
            None
            if oldest is None
            else max(0, int((timezone.now() - oldest).total_seconds()))
        ),
    }


@never_cache
@require_safe
def healthz(request):
    """200 "ok" when the database answers; 503 otherwise."""
    if not database_answers():
        return HttpResponse(
            "database unavailable", status=503, content_type="text/plain"
        )
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_safe
def readyz(request):
    database = database_answers()
    cache_ok = cache_answers()
    tasks = None
    if database:
        try:
            tasks = waiting_tasks()
        except Exception:  # noqa: BLE001 -- the backlog is information, not readiness
            logger.warning("health: the task queue cannot be read", exc_info=True)
    ready = database and cache_ok
    return JsonResponse(
        {
            "ready": ready,
            "database": "ok" if database else "unavailable",
            "cache": "ok" if cache_ok else "unavailable",
            "tasks": tasks,
        },
        status=200 if ready else 503,
    )
