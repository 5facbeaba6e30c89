"""What a registration's requests cost in one process, against Django's floor.

    make stack        # once: the stack's database with the demo (it may be stopped after)
    deploy/stack.sh run .venv/bin/python bench/load/in_process.py [--people 200]

The stack's settings and database, no server: `django.test.Client` in this
process, CPU time (`time.process_time`) per request, so what other processes do
on the machine moves it little. Three references and the three steps of an
opening:

- `hello`: `bench/hello.py`'s view with no middleware (the reference of
  `make bench`);
- `floor`: the least a signed-in form page can cost here: a view rendering a
  form with the CSRF token and the person's name, through the site's whole
  middleware (session, CSRF, authentication, ...), signed in;
- `floor, session and authentication only`: the same with only the three
  middlewares such a page needs;
- `register form`, `register POST`, `ticket page`: the real ones, each person
  of `--people` once (signed in as `setup_load.py` does, a fresh free event with
  seats for all), after as many others have warmed the process.

It prints milliseconds per request and each step as a multiple of the floor, and
appends to bench/results/load/in_process.json. The database's own CPU is not in
these figures (`cpu_per_request.py` measures the whole stack's).
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "results" / "load"
HOST = "127.0.0.1:8080"
FORM = (
    "<!doctype html><title>Register</title><form method=post>{% csrf_token %}"
    "<label>Name <input name=name value='{{ user.first_name }}'></label>"
    "<button>Register</button></form>"
)


def references(keys: list[str], rounds: int) -> dict[str, float]:
    from django.conf import settings
    from django.http import HttpResponse
    from django.template import engines
    from django.test import Client, override_settings
    from django.urls import path

    import coe_site.urls
    from bench.hello import hello  # make bench's reference view

    template = engines["django"].from_string(FORM)

    def form(request):
        if not request.user.is_authenticated:
            raise SystemExit("the floor's person is not signed in")
        return HttpResponse(template.render({"user": request.user}, request))

    class urls:
        # The site's own patterns too: its middlewares reverse some of them.
        urlpatterns = [
            path("bench-hello/", hello),
            path("bench-form/", form),
            *coe_site.urls.urlpatterns,
        ]

    few = [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ]
    runs = {
        "hello (no middleware)": ([], "/bench-hello/"),
        "floor: signed-in form page, the site's middleware": (
            settings.MIDDLEWARE,
            "/bench-form/",
        ),
        "floor, session and authentication only": (few, "/bench-form/"),
    }
    result = {}
    for name, (middleware, url) in runs.items():
        with override_settings(ROOT_URLCONF=urls, MIDDLEWARE=middleware):
            client = Client(HTTP_HOST=HOST)
            for i in range(rounds // 10):
                client.cookies["sessionid"] = keys[i % len(keys)]
                client.get(url)
            started = time.process_time()
            for i in range(rounds):
                client.cookies["sessionid"] = keys[i % len(keys)]
                answer = client.get(url)
            if answer.status_code != 200:
                raise SystemExit(f"{name} answered {answer.status_code}")
            result[name] = 1000 * (time.process_time() - started) / rounds
    return result


def steps(keys: list[str], path: str) -> dict[str, float]:
    """The form, the POST and the ticket page, each person once; the first
    half of `keys` warms the process and is not counted."""
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    half = len(keys) // 2
    tickets = {}
    spent = {"register form": 0.0, "register POST": 0.0, "ticket page": 0.0}

    def as_person(key):
        client.cookies.clear()
        client.cookies["sessionid"] = key

    for counted, people in ((False, keys[:half]), (True, keys[half:])):
        for step in spent:
            for key in people:
                as_person(key)
                started = time.process_time()
                if step == "register form":
                    answer = client.get(path)
                    expected = 200
                elif step == "register POST":
                    answer = client.post(path, {"name": "Load Test"})
                    expected = 302
                    tickets[key] = answer.get("Location")
                else:
                    answer = client.get(tickets[key])
                    expected = 200
                took = time.process_time() - started
                if answer.status_code != expected:
                    raise SystemExit(f"{step} answered {answer.status_code}")
                if counted:
                    spent[step] += took
    return {step: 1000 * total / (len(keys) - half) for step, total in spent.items()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench" / "load"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coe_site.settings.production")
    import django

    django.setup()
    import setup_load

    users = setup_load.people(args.people)
    setup_load.fresh_limits(users)
    keys = setup_load.sign_in(users)
    event = setup_load.opening(args.people)
    ms = references(keys, args.rounds)
    ms.update(steps(keys, event.url + "register/"))
    floor = ms["floor: signed-in form page, the site's middleware"]
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": round(os.getloadavg()[0], 1),
        "people": args.people // 2,
        "ms_per_request": {name: round(value, 3) for name, value in ms.items()},
        "times_the_floor": {
            name: round(value / floor, 1) for name, value in ms.items()
        },
    }
    history = OUT / "in_process.json"
    runs = json.loads(history.read_text()) if history.exists() else []
    history.write_text(json.dumps([*runs, result], indent=2) + "\n")
    width = max(map(len, ms))
    for name, value in ms.items():
        print(f"{name:<{width}}  {value:7.3f} ms  {value / floor:5.1f} x floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
