"""Benchmark: the check-in desk of a large event.

    python bench/check_in_desk.py [--tickets 2000] [--sync 500]

Builds an event with that many confirmed tickets, then measures what a door
does: download the ticket list (`events.checkin.desk.ticket_list`, its JSON and
gzipped size), sync a queue of check-ins made offline
(`events.checkin.desk.sync_check_ins`, one locked `check_in` each) and check in
one typed code at a time (latency). Uses a fresh SQLite file unless
BENCH_DATABASE_URL names another database. Writes bench/results/check_in.json.
"""

import argparse
import datetime as dt
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from registration_burst import RESULTS, make_event, make_people, setup  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--sync", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coe-checkin-") as work:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{work}/desk.sqlite3"
        setup(url)
        from django.db import connection
        from django.utils import timezone

        from events.checkin import desk
        from events.models import Registration
        from events.registration import check_in

        event = make_event(args.tickets)
        people = make_people(args.tickets)
        staff = people[0]
        Registration.objects.bulk_create(
            Registration(
                event=event,
                user=person,
                status="confirmed",
                name=f"Person {i}",
                email=person.email,
            )
            for i, person in enumerate(people)
        )
        queryset = Registration.objects.all()

        began = time.perf_counter()
        body = json.dumps({"tickets": desk.ticket_list(event, queryset=queryset)})
        list_ms = (time.perf_counter() - began) * 1000

        codes = list(
            Registration.objects.filter(event=event)
            .order_by("pk")
            .values_list("ticket_code", flat=True)
        )
        at = (timezone.now() - dt.timedelta(minutes=5)).isoformat()
        items = [{"code": code, "at": at} for code in codes[: args.sync]]
        began = time.perf_counter()
        results = desk.sync_check_ins(event, items, by=staff, queryset=queryset)
        sync_s = time.perf_counter() - began

        latencies = []
        for code in codes[args.sync : args.sync + 200]:
            began = time.perf_counter()
            check_in(code.lower(), by=staff, event=event, queryset=queryset)
            latencies.append((time.perf_counter() - began) * 1000)
        latencies.sort()
        result = {
            "database": connection.vendor,
            "tickets": args.tickets,
            "list_ms": round(list_ms, 1),
            "list_json_kb": round(len(body.encode()) / 1024, 1),
            "list_gzip_kb": round(len(gzip.compress(body.encode())) / 1024, 1),
            "sync_items": len(items),
            "sync_seconds": round(sync_s, 3),
            "sync_per_second": round(len(items) / sync_s, 1),
            "sync_ok": sum(r["result"] == "ok" for r in results),
            "typed_p50_ms": round(statistics.median(latencies), 2),
            "typed_p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 2),
        }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "check_in.json").write_text(json.dumps(result, indent=2))
    print(
        f"check-in desk ({result['database']}): {args.tickets} tickets: list "
        f"{result['list_ms']} ms, {result['list_json_kb']} KB "
        f"({result['list_gzip_kb']} KB gzipped); sync of {len(items)} in "
        f"{result['sync_seconds']} s ({result['sync_per_second']}/s); typed "
        f"check-in p50 {result['typed_p50_ms']} ms, p95 {result['typed_p95_ms']} ms"
    )
    return 0 if result["sync_ok"] == len(items) else 1


if __name__ == "__main__":
    sys.exit(main())
