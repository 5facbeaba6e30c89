"""Run the load test against a running stack and write its results.

    .venv/bin/python bench/load/run.py browse  [--target varnish|nginx] [--users 50]
    .venv/bin/python bench/load/run.py opening [--people 500] [--seats 100] [--over 10]

`browse`: the anonymous browsing mix for `--seconds`, through Varnish (:8080) or
straight to nginx (:8081, no front cache). `opening`: makes the accounts,
sessions and a fresh free event (bench/load/setup_load.py), then `--people`
signed-in people arrive evenly over `--over` seconds (0: all at once), each
opening the form and registering once; afterwards it counts the event's
confirmed and waitlisted registrations in the database and fails if the event is
overbooked. Each run reports requests per second, p50/p95/p99/max and errors
per request name (and registrations per second), appended to
bench/results/load/runs.json and written to bench/results/load/latest.md.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "results" / "load"
STACK = ROOT / "deploy" / "stack.sh"
TARGETS = {"varnish": "http://127.0.0.1:8080", "nginx": "http://127.0.0.1:8081"}


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(share * (len(values) - 1))))]


def summarise(requests: list) -> dict:
    by_name: dict[str, list] = {}
    for name, start, took_ms, failed in requests:
        by_name.setdefault(name, []).append((start, took_ms, failed))
    result = {}
    for name, rows in sorted(by_name.items()):
        took = [row[1] for row in rows]
        begin = min(row[0] for row in rows)
        end = max(row[0] + row[1] / 1000 for row in rows)
        result[name] = {
            "requests": len(rows),
            "errors": sum(1 for row in rows if row[2]),
            "per_second": round(len(rows) / max(end - begin, 0.001), 1),
            "p50_ms": round(percentile(took, 0.50)),
            "p95_ms": round(percentile(took, 0.95)),
            "p99_ms": round(percentile(took, 0.99)),
            "max_ms": round(max(took)),
            "first_to_last_s": round(end - begin, 2),
        }
    return result


def locust(
    user_class: str, host: str, users: int, rate: float, seconds: int, **env
) -> tuple[dict, dict]:
    OUT.mkdir(parents=True, exist_ok=True)
    outcomes = OUT / "outcomes.json"
    outcomes.unlink(missing_ok=True)
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "locust"),
            "-f",
            str(ROOT / "bench" / "load" / "locustfile.py"),
            "--headless",
            "--host",
            host,
            "-u",
            str(users),
            "-r",
            str(rate),
            "-t",
            f"{seconds}s",
            "--stop-timeout",
            "30",
            "--only-summary",
            "--loglevel",
            "WARNING",
            user_class,
        ],
        env={**os.environ, "LOAD_OUTCOMES": str(outcomes), **env},
        check=False,
        cwd=ROOT,
    )
    data = json.loads(outcomes.read_text())
    return summarise(data["requests"]), data["outcomes"]


def stack_python(script: str, *args: str) -> str:
    return subprocess.run(
        [str(STACK), "run", str(ROOT / ".venv" / "bin" / "python"), script, *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


COUNT = """
import json
from events.models import Registration
rows = Registration.objects.filter(event_id=%d)
print(json.dumps({s: rows.filter(status=s).count()
                  for s in ("confirmed", "waitlisted", "pending_approval")}))
"""


def counts(event_id: int) -> dict:
    out = subprocess.run(
        [str(STACK), "manage", "shell", "-v", "0", "-c", COUNT % event_id],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


LOGS = ROOT / "deploy" / "state" / "logs"
LOCK_HELD = re.compile(r"lock held ([\d.]+) ms")


def log_offsets() -> dict:
    return {path: path.stat().st_size for path in LOGS.glob("app-*.log")}


def lock_times(offsets: dict) -> dict:
    """How long each registration held its event's lock, from the app servers'
    logs since `offsets` (events.registration logs it at DEBUG: the stack sets
    LOCK_LOG_LEVEL=DEBUG). 1000 / mean bounds registrations per second."""
    held = []
    for path in LOGS.glob("app-*.log"):
        with path.open("rb") as log:
            log.seek(offsets.get(path, 0))
            text = log.read().decode(errors="replace")
        held += [float(ms) for ms in LOCK_HELD.findall(text)]
    if not held:
        return {}
    mean = sum(held) / len(held)
    return {
        "count": len(held),
        "mean_ms": round(mean, 2),
        "p50_ms": round(percentile(held, 0.50), 2),
        "p95_ms": round(percentile(held, 0.95), 2),
        "max_ms": round(max(held), 2),
        "bound_per_second": round(1000 / mean, 1),
    }


def app_servers() -> int:
    upstream = (ROOT / "deploy" / "state" / "upstream.conf").read_text()
    return upstream.count("server 127.0.0.1:")


def stack_config() -> dict:
    """Workers, threads and priority the stack was started with (stack.sh)."""
    path = ROOT / "deploy" / "state" / "stack.json"
    return json.loads(path.read_text()) if path.exists() else {}


def record(run: dict) -> None:
    runs_file = OUT / "runs.json"
    runs = json.loads(runs_file.read_text()) if runs_file.exists() else []
    runs.append(run)
    runs_file.write_text(json.dumps(runs, indent=2))
    lines = [
        f"{run['scenario']} via {run['target']}, {run['app_servers']} app server(s) "
        f"{run.get('stack')}, {run['when']}, load average {run['load_average']}",
        "",
        "| request | count | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in run["requests"].items():
        lines.append(
            f"| {name} | {row['requests']} | {row['errors']} | {row['per_second']} "
            f"| {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['max_ms']} |"
        )
    if "load_average_after" in run:
        lines.append(f"\nload average after: {run['load_average_after']}")
    for key in ("outcomes", "database", "lock_held"):
        if key in run:
            lines.append(f"\n{key}: {json.dumps(run[key])}")
    (OUT / "latest.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=["browse", "opening"])
    parser.add_argument("--target", choices=sorted(TARGETS), default="varnish")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--over", type=float, default=10)
    args = parser.parse_args()
    host = TARGETS[args.target]
    run = {
        "scenario": args.scenario,
        "target": args.target,
        "app_servers": app_servers(),
        "stack": stack_config(),
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": round(os.getloadavg()[0], 1),
    }
    if args.scenario == "browse":
        run["requests"], _ = locust(
            "Browser", host, args.users, args.users, args.seconds
        )
        total = sum(row["requests"] for row in run["requests"].values())
        run["total_per_second"] = round(total / args.seconds, 1)
        run["load_average_after"] = round(os.getloadavg()[0], 1)
        record(run)
        return 0 if not any(r["errors"] for r in run["requests"].values()) else 1
    print(
        stack_python(
            "bench/load/setup_load.py",
            "--people",
            str(args.people),
            "--seats",
            str(args.seats),
        ).strip()
    )
    setup = json.loads((OUT / "setup.json").read_text())
    rate = args.people / args.over if args.over > 0 else args.people
    run.update(people=args.people, seats=args.seats, over_seconds=args.over)
    offsets = log_offsets()
    # Runs until everyone has had an answer (at most 5 minutes more).
    run["requests"], run["outcomes"] = locust(
        "Registrant",
        host,
        args.people,
        rate,
        int(args.over) + 300,
        LOAD_REGISTRANTS=str(args.people),
    )
    run["load_average_after"] = round(os.getloadavg()[0], 1)
    run["lock_held"] = lock_times(offsets)
    run["database"] = counts(setup["event_id"])
    record(run)
    posts = run["requests"].get("register POST", {})
    ok = (
        run["database"]["confirmed"] == args.seats
        and posts.get("errors", 1) == 0
        and posts.get("requests") == args.people
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
