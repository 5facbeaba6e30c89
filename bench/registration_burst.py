"""Benchmark: a burst of concurrent registrations for one event.

    python bench/registration_burst.py [--people 200] [--seats 50] [--threads 16]

Each thread registers people through `events.registration.register_attendee`
(the function the form calls) on its own database connection, all at once.
Reports the burst's wall time, registrations per second, latency percentiles,
the outcome counts and how long each registration held the event's lock (from
the lock to the commit: the serial part that bounds registrations per second at
1000 / mean hold ms), and checks that the event is not overbooked. Uses a fresh
SQLite file unless BENCH_DATABASE_URL names another database (PostgreSQL, e.g.).
Writes bench/results/registration.json.
"""

import argparse
import datetime as dt
import io
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def setup(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "coe_site.settings.test"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def make_event(seats: int):
    from django.utils import timezone

    from events.enums import EventFormat
    from events.models import EventIndexPage, EventPage, EventType
    from home.seed import ensure_home, ensure_tree_roots

    ensure_tree_roots()
    home, _hi = ensure_home(io.StringIO())
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = EventIndexPage(title="Events", slug="events")
        home.add_child(instance=index)
    event_type = EventType.objects.get_or_create(
        slug="workshop", locale=home.locale, defaults={"name": "Workshop"}
    )[0]
    start = timezone.now() + dt.timedelta(days=7)
    event = EventPage(
        title="Registration burst",
        slug=f"burst-{time.time_ns()}",
        summary="Benchmark",
        event_type=event_type,
        format=EventFormat.ONLINE,
        start=start,
        end=start + dt.timedelta(hours=2),
        capacity=seats,
        waitlist_enabled=True,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


def make_people(count: int) -> list:
    from django.contrib.auth import get_user_model

    stamp = time.time_ns()
    model = get_user_model()
    model.objects.bulk_create(
        model(email=f"burst-{stamp}-{i}@example.invalid", first_name=f"P{i}")
        for i in range(count)
    )
    people = list(model.objects.filter(email__startswith=f"burst-{stamp}-"))
    # Registrations go only to verified addresses (events.registration).
    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        EmailAddress(user=p, email=p.email, verified=True, primary=True) for p in people
    )
    return people


class LockHolds:
    """Collects `coe.events.lock`'s hold times (events.registration logs them)."""

    def __init__(self):
        import logging

        self.held: list[float] = []
        self.logger = logging.getLogger("coe.events.lock")
        self.handler = logging.Handler()
        self.handler.emit = lambda record: self.held.append(record.held_ms)

    def __enter__(self):
        self.logger.addHandler(self.handler)
        self.logger.setLevel("DEBUG")
        self.logger.propagate = False
        return self

    def __exit__(self, *exc):
        self.logger.removeHandler(self.handler)

    def report(self) -> dict:
        held = sorted(self.held)
        if not held:
            return {}
        mean = statistics.mean(held)
        return {
            "lock_held_mean_ms": round(mean, 2),
            "lock_held_p50_ms": round(statistics.median(held), 2),
            "lock_held_p95_ms": round(held[int(len(held) * 0.95) - 1], 2),
            "lock_held_max_ms": round(held[-1], 2),
            "lock_bound_per_second": round(1000 / mean, 1),
        }


def burst(event, people, threads: int) -> dict:
    from django.db import connection

    from events.registration import RegistrationError, register_attendee

    queue = list(people)
    lock = threading.Lock()
    latencies, outcomes, errors = [], [], []
    start = threading.Barrier(threads)

    def worker():
        start.wait()
        while True:
            with lock:
                if not queue:
                    break
                person = queue.pop()
            began = time.perf_counter()
            try:
                status = str(
                    register_attendee(
                        event,
                        user=person,
                        details={"name": person.first_name, "email": person.email},
                        language="en",
                    ).status
                )
            except RegistrationError as refusal:
                status = f"refused: {refusal.message}"
            except Exception as error:  # noqa: BLE001 -- counted and reported
                status = "error"
                errors.append(repr(error))
            with lock:
                latencies.append((time.perf_counter() - began) * 1000)
                outcomes.append(status)
        connection.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    began = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    seconds = time.perf_counter() - began
    latencies.sort()
    counts = {name: outcomes.count(name) for name in sorted(set(outcomes))}
    return {
        "seconds": round(seconds, 3),
        "per_second": round(len(outcomes) / seconds, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 1),
        "max_ms": round(latencies[-1], 1),
        "outcomes": counts,
        "errors": errors[:5],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coe-burst-") as work:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{work}/burst.sqlite3"
        setup(url)
        from django.db import connection

        from events.models import Registration

        event = make_event(args.seats)
        people = make_people(args.people)
        import logging

        logging.getLogger("coe.events").setLevel("WARNING")
        with LockHolds() as holds:
            result = burst(event, people, args.threads)
        result.update(holds.report())
        confirmed = Registration.objects.filter(event=event, status="confirmed").count()
        result.update(
            database=connection.vendor,
            people=args.people,
            seats=args.seats,
            threads=args.threads,
            confirmed=confirmed,
            overbooked=confirmed > args.seats,
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "registration.json").write_text(json.dumps(result, indent=2))
    print(
        f"registration burst ({result['database']}): {args.people} people, "
        f"{args.seats} seats, {args.threads} threads: {result['seconds']} s, "
        f"{result['per_second']}/s, p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms; {result['outcomes']}; lock held mean "
        f"{result.get('lock_held_mean_ms')} ms, p95 {result.get('lock_held_p95_ms')} ms "
        f"(bound {result.get('lock_bound_per_second')}/s)"
    )
    ok = not result["overbooked"] and confirmed == args.seats and not result["errors"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
