"""Load against the stack (`make stack`): a browsing mix and an opening burst.

Two user classes, chosen with locust's class arguments (bench/load/run.py does):

- `Browser`: anonymous visitors reading the site (home, listings with filters,
  event and cohort pages, Hindi pages, the calendar feed, live seats).
- `Registrant`: a signed-in person (a session made by setup_load.py) who opens
  the registration form of the opening event and registers once, then stops.

Results are collected by locust itself (`--csv`, `--json`) and summarised by
bench/load/run.py into bench/results/load/.
"""

import json
import os
import random
import re
import secrets
import string
from pathlib import Path

from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

SETUP = Path(
    os.environ.get(
        "LOAD_SETUP",
        Path(__file__).resolve().parents[2] / "bench/results/load/setup.json",
    )
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
OUTCOMES: dict[str, int] = {}

_setup = json.loads(SETUP.read_text()) if SETUP.exists() else {"sessions": []}
_sessions = list(_setup["sessions"])
# The opening ends when every registrant has had an answer (run.py sets it).
REGISTRANTS = int(os.environ.get("LOAD_REGISTRANTS", "0"))

PAGES = [
    ("/", 10),
    ("/hi/", 4),
    ("/events/", 8),
    ("/events/?type=workshop", 2),
    ("/events/?when=past", 1),
    ("/hi/events/", 3),
    ("/cohorts/", 3),
    ("/hi/cohorts/", 1),
    ("/events/feed.ics", 1),
]


class Browser(FastHttpUser):
    """An anonymous visitor: pages, and the live seats the pages fetch."""

    wait_time = between(0.5, 2)

    def on_start(self):
        self.events = []
        page = self.client.get("/events/", name="/events/")
        self.events = sorted(set(re.findall(r'href="(/events/[\w-]+/)"', page.text)))

    @task(30)
    def page(self):
        paths, weights = zip(*PAGES, strict=True)
        path = random.choices(paths, weights)[0]  # noqa: S311 -- a load mix
        self.client.get(path, name=path)

    @task(10)
    def event_page(self):
        if self.events:
            path = random.choice(self.events)  # noqa: S311 -- a load mix
            self.client.get(path, name="/events/<slug>/")
            self.client.get(path + "availability.json", name="availability.json")


def csrf_secret() -> str:
    """A CSRF cookie as Django makes them (32 letters and digits)."""
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(32))


class Registrant(FastHttpUser):
    """A signed-in person at the opening: the form, then one registration.

    geventhttpclient (FastHttpUser) rather than requests: the load generator
    runs on the same two cores as the stack and should take as little as it can.
    The person already has their session and CSRF cookies (they browsed the
    site signed in); the stack's cookies are Secure and it speaks plain HTTP
    here, so they are sent by hand, as a browser on 127.0.0.1 would.
    """

    wait_time = between(0, 0)
    # Everyone waits for their answer, however long it takes.
    network_timeout = 300.0
    connection_timeout = 300.0

    def on_start(self):
        if not _sessions:
            raise StopUser
        self.cookie = f"sessionid={_sessions.pop()}; csrftoken={csrf_secret()}"

    @task
    def register(self):
        path = _setup["event_path"] + "register/"
        headers = {"Cookie": self.cookie}
        form = self.client.get(path, name="register form", headers=headers)
        token = CSRF.search(form.text or "")
        if form.status_code != 200 or token is None:
            OUTCOMES["no form"] = OUTCOMES.get("no form", 0) + 1
            self.finished()
        with self.client.post(
            path,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "name": "Load Test",
                "email": "load@example.invalid",
            },
            headers={**headers, "Referer": self.host + path},
            name="register POST",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            location = answer.headers.get("Location", "") if answer.headers else ""
            if answer.status_code == 302 and "/registrations/" in location:
                answer.success()
                OUTCOMES["registered"] = OUTCOMES.get("registered", 0) + 1
                self.client.get(location, name="ticket page", headers=headers)
            elif answer.status_code == 409:
                # Told clearly ("full", "closed"): a right answer, not an error.
                answer.success()
                OUTCOMES["told full"] = OUTCOMES.get("told full", 0) + 1
            else:
                answer.failure(f"status {answer.status_code}")
                OUTCOMES["error"] = OUTCOMES.get("error", 0) + 1
        self.finished()

    def finished(self):
        if REGISTRANTS and sum(OUTCOMES.values()) >= REGISTRANTS:
            self.environment.runner.quit()
        raise StopUser


REQUESTS: list[tuple] = []


@events.request.add_listener
def _record(request_type, name, response_time, exception, start_time=None, **kw):
    REQUESTS.append((name, start_time, response_time, exception is not None))


@events.quitting.add_listener
def _report(environment, **kwargs):
    out = os.environ.get("LOAD_OUTCOMES")
    if out:
        Path(out).write_text(json.dumps({"outcomes": OUTCOMES, "requests": REQUESTS}))
