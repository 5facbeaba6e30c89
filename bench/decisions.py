"""Benchmark: the selection board and the decisions preview of a large cohort.

    python bench/decisions.py [--applications 500] [--reviews 3] [--requests 7]

Builds a cohort (rubric of two criteria, EN + HI) with that many submitted
applications, each from its own startup with a verified founder account (a
third of them reading in Hindi), that many scored reviews per application, and
a decision staged for every one (accept, waitlist, not selected in turn). Then
a selection manager (with two-factor) opens, through Django's test client, the
board (`/admin/selection/cohort/<pk>/`) and the decisions preview
(`.../decisions/`) N times each: the median and worst time and the number of
database queries per request. Nothing is sent. Uses a fresh SQLite file unless
BENCH_DATABASE_URL names another (empty) database. Writes
bench/results/decisions_<database>.json.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from registration_burst import RESULTS, ROOT, setup  # noqa: E402

DECISIONS = ("accepted", "waitlisted", "rejected")


def seed(applications: int, reviews_per_application: int):
    """The cohort, its manager and reviewers, and the applications, in bulk."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cohorts.enums import ApplicationStatus, Recommendation, ReviewStatus
    from cohorts.models import Application, Review, Selection, Startup
    from tests.factories.selection import (
        ManagerFactory,
        ReviewerFactory,
        cohort_with_rubric,
    )

    cohort = cohort_with_rubric(f"bench-{time.time_ns()}")
    manager = ManagerFactory()
    reviewers = ReviewerFactory.create_batch(max(reviews_per_application, 1))
    stamp, now = time.time_ns(), timezone.now()
    user_model = get_user_model()
    user_model.objects.bulk_create(
        user_model(
            email=f"founder-{stamp}-{i}@example.invalid",
            first_name=f"Founder {i}",
            preferred_language="hi" if i % 3 == 0 else "en",
        )
        for i in range(applications)
    )
    founders = list(
        user_model.objects.filter(email__startswith=f"founder-{stamp}-").order_by("pk")
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True)
        for u in founders
    )
    Startup.objects.bulk_create(
        Startup(
            owner=founder,
            name=f"Bench Labs {stamp} {i}",
            state="KA",
            city="Bengaluru",
            sector="language_tech",
            stage="pilot",
            team_size=4,
            languages=["hi"],
            description="Speech recognition for Santali.",
        )
        for i, founder in enumerate(founders)
    )
    startups = list(Startup.objects.filter(owner__in=founders).order_by("pk"))
    Application.objects.bulk_create(
        Application(
            cohort=cohort,
            startup=startup,
            created_by=startup.owner,
            status=ApplicationStatus.SHORTLISTED,
            submitted_at=now,
            answers={},
            compute_gpu_hours=100,
            language=startup.owner.preferred_language,
        )
        for startup in startups
    )
    rows = list(Application.objects.filter(cohort=cohort).order_by("pk"))
    Review.objects.bulk_create(
        Review(
            application=application,
            reviewer=reviewer,
            status=ReviewStatus.SUBMITTED,
            scores={},
            score=float((i * 7 + j * 13) % 100),
            recommendation=Recommendation.YES,
            submitted_at=now,
        )
        for i, application in enumerate(rows)
        for j, reviewer in enumerate(reviewers[:reviews_per_application])
    )
    Selection.objects.bulk_create(
        Selection(
            application=application,
            staged_status=DECISIONS[i % len(DECISIONS)],
            staged_by=manager,
            staged_at=now,
        )
        for i, application in enumerate(rows)
    )
    return cohort, manager


class QueryCounter:
    """Counts every query (Django's own query log keeps only the last 9000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(client, path: str, requests: int) -> dict:
    from django.db import connection

    timings, queries = [], []
    for _i in range(requests):
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            began = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        queries.append(counter.count)
    return {
        "median_ms": round(statistics.median(timings), 1),
        "max_ms": round(max(timings), 1),
        "queries": max(queries),
        "kb": round(len(response.content) / 1024, 1),
    }


def profile(client, path: str, name: str) -> None:
    """The 25 functions one request spends most time in (cumulative)."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(client.get, path)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"decisions_{name}.prof.txt").write_text(out.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=500)
    parser.add_argument("--reviews", type=int, default=3)
    parser.add_argument("--requests", type=int, default=7)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one request of each page (bench/results/decisions_*.prof.txt)",
    )
    args = parser.parse_args()
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory(prefix="coe-decisions-") as work:
        url = (
            os.environ.get("BENCH_DATABASE_URL")
            or f"sqlite:///{work}/decisions.sqlite3"
        )
        setup(url)
        from django.db import connection
        from django.test import Client

        began = time.perf_counter()
        cohort, manager = seed(args.applications, args.reviews)
        seed_s = time.perf_counter() - began
        client = Client()
        client.force_login(manager)
        base = f"/admin/selection/cohort/{cohort.pk}/"
        client.get(base)  # warm: templates, translations, content types
        result = {
            "database": connection.vendor,
            "applications": args.applications,
            "reviews_per_application": args.reviews,
            "staged_decisions": args.applications,
            "requests": args.requests,
            "seed_seconds": round(seed_s, 1),
            "board": measure(client, base, args.requests),
            "decisions_preview": measure(client, f"{base}decisions/", args.requests),
        }
        if args.profile:
            profile(client, base, "board")
            profile(client, f"{base}decisions/", "decisions_preview")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"decisions_{result['database']}.json").write_text(
        json.dumps(result, indent=2)
    )
    for name in ("board", "decisions_preview"):
        row = result[name]
        print(
            f"{name} ({result['database']}, {args.applications} applications): "
            f"median {row['median_ms']} ms, worst {row['max_ms']} ms, "
            f"{row['queries']} queries, {row['kb']} KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
