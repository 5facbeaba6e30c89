"""CPU time one registration costs the stack, request by request (`make stack`).

    deploy/stack.sh run .venv/bin/python bench/load/setup_load.py --people 100
    .venv/bin/python bench/load/cpu_per_request.py [--people 100]

One person at a time (no queueing, no lock waits): each signed-in person of
setup.json opens the registration form, registers, opens the ticket page, then
the home page; before and after each phase it reads the CPU time (/proc) the
stack's processes used, by group: the app servers (gunicorn), the task worker,
Varnish, nginx, Redis, and PostgreSQL's backends serving the stack's database;
the rest of PostgreSQL is shared with other work on this machine, so its figure
is only indicative. `1000 × cores / total ms` bounds registrations
per second on this machine whatever the concurrency. Everyone first opens the
form and the home page once (not counted: the workers warm up). Appends to
bench/results/load/cpu_per_request.json.
"""

import argparse
import json
import os
import re
import time
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "results" / "load"
HOST = "http://127.0.0.1:8080"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# The stack's own database connections (PostgreSQL names the database in each
# backend's title); the rest of PostgreSQL serves other work on this machine too.
STACK_DATABASE = os.environ.get(
    "STACK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/coe_stack"
).rsplit("/", 1)[-1]


def group(command: str) -> str | None:
    if "gunicorn" in command and "coe-app" in command:
        return "gunicorn"
    if "db_worker" in command:
        return "task worker"
    if command.startswith("postgres:") and f" {STACK_DATABASE} " in command:
        return "postgres (stack's connections)"
    if command.startswith("postgres"):
        return "postgres (shared)"
    for name in ("redis", "varnish", "nginx"):
        if name in command:
            return name
    return None


def cpu_by_group() -> dict[str, float]:
    tick = os.sysconf("SC_CLK_TCK")
    groups: dict[str, float] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
        except OSError:
            continue
        name = group(command) if command else None
        if name is None and "cache-main" in stat:
            name = "varnish"
        if name:
            fields = stat.rpartition(")")[2].split()
            groups[name] = (
                groups.get(name, 0) + (int(fields[11]) + int(fields[12])) / tick
            )
    return groups


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100)
    args = parser.parse_args()
    setup = json.loads((OUT / "setup.json").read_text())
    path = setup["event_path"] + "register/"
    people = []
    for key in setup["sessions"][: args.people]:
        session = requests.Session()
        # A person's connection idles while the others take their turn, and
        # Varnish closes idle connections (timeout_idle): a GET that finds its
        # kept connection closed is sent again; a POST never is.
        retry = Retry(total=1, connect=1, read=1, allowed_methods={"GET"})
        session.mount("http://", HTTPAdapter(max_retries=retry))
        session.headers["Cookie"] = f"sessionid={key}; csrftoken={'x' * 32}"
        people.append({"session": session})

    def form(person):
        page = person["session"].get(HOST + path)
        person["token"] = CSRF.search(page.text).group(1)

    def register(person):
        answer = person["session"].post(
            HOST + path,
            data={"csrfmiddlewaretoken": person["token"], "name": "Load Test"},
            headers={"Referer": HOST + path},
            allow_redirects=False,
        )
        if answer.status_code != 302:
            raise SystemExit(f"registration answered {answer.status_code}")
        person["ticket"] = answer.headers["Location"]

    def ticket(person):
        person["session"].get(HOST + person["ticket"])

    def home(person):
        person["session"].get(HOST + "/")

    result = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": round(os.getloadavg()[0], 1),
        "people": len(people),
        "phases": {},
    }
    # Every worker warm first (imports, templates, connections): a form and a
    # home page for each person, not counted.
    for person in people:
        form(person)
        home(person)
    for name, step in (
        ("register form", form),
        ("register POST", register),
        ("ticket page", ticket),
        ("home, signed in", home),
    ):
        before, started = cpu_by_group(), time.perf_counter()
        for person in people:
            step(person)
        wall = time.perf_counter() - started
        after = cpu_by_group()
        result["phases"][name] = {
            "wall_ms": round(1000 * wall / len(people), 1),
            "cpu_ms": {
                key: round(1000 * (after[key] - before.get(key, 0)) / len(people), 1)
                for key in sorted(after)
            },
        }
    flow = ("register form", "register POST", "ticket page")
    own = [
        k for k in result["phases"]["register form"]["cpu_ms"] if "postgres" not in k
    ]
    total = sum(result["phases"][p]["cpu_ms"].get(k, 0) for p in flow for k in own)
    result["registration_cpu_ms_without_postgres"] = round(total, 1)
    result["bound_per_second_on_2_cores"] = round(2000 / total, 1) if total else None
    # Only what the stack's own connections spent: the WAL writer and other
    # background work of PostgreSQL come on top.
    database = sum(
        result["phases"][p]["cpu_ms"].get("postgres (stack's connections)", 0)
        for p in flow
    )
    result["registration_cpu_ms_with_stack_postgres"] = round(total + database, 1)
    result["bound_per_second_with_stack_postgres"] = (
        round(2000 / (total + database), 1) if total + database else None
    )
    history = OUT / "cpu_per_request.json"
    runs = json.loads(history.read_text()) if history.exists() else []
    history.write_text(json.dumps([*runs, result], indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
