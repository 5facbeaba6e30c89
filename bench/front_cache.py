"""The front cache against bare Django, in one run, on a running stack (`make stack`).

Serves the bare "hello" view (bench/hello.py: Django, no middleware) with the
stack's gunicorn settings on :8111, then loads it and pages through Varnish
(:8080) with wrk, hello first and last; every page is reported as a multiple of
hello's mean requests per second. Also checks what the acceptance asks: a second
anonymous GET of `/` is a Varnish hit, and a request with a session cookie never
is. Writes bench/results/front_cache.json and .md.

    .venv/bin/python bench/front_cache.py [--seconds 10] [--connections 8] [--repeat 3]

Each repeat is a whole run (hello, the pages, hello); the load average is
recorded before and after each, and every run is appended to
bench/results/front_cache_runs.json.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
HELLO = "http://127.0.0.1:8111/"
FRONT = "http://127.0.0.1:8080"
PAGES = ["/", "/hi/", "/events/", "/cohorts/"]


def get(url: str, cookie: str = "") -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request) as response:
        response.read()
        return response.status, dict(response.headers)


def wrk(url: str, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            # As browsers ask: Varnish keeps pages gzipped and sends them as kept.
            "-H",
            "Accept-Encoding: gzip, deflate, br",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    latency = {
        p: re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1) for p in ("50", "90", "99")
    }
    return {
        "rps": rate,
        "latency": latency,
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def start_hello() -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "-b",
            "127.0.0.1:8111",
            "--chdir",
            str(ROOT),
            "--control-socket",
            str(RESULTS / "hello.ctl"),
            "bench.hello:application",
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            get(HELLO)
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("the hello server did not start")


def checks() -> dict:
    get(FRONT + "/")
    _, second = get(FRONT + "/")
    _, signed_in = get(FRONT + "/", cookie="sessionid=someone")
    return {
        "second_get_of_home": second.get("X-Cache"),
        "second_get_age": second.get("Age"),
        "with_session_cookie": signed_in.get("X-Cache"),
        "with_session_cookie_cache_control": signed_in.get("Cache-Control"),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    worst = 0
    for _ in range(max(1, args.repeat)):
        worst = max(worst, measure(args))
    return worst


def measure(args) -> int:
    RESULTS.mkdir(parents=True, exist_ok=True)
    try:
        found = checks()
    except OSError as error:
        print(f"no stack at {FRONT} ({error}): run `make stack` first", file=sys.stderr)
        return 2
    load_before = round(os.getloadavg()[0], 1)
    hello = start_hello()
    try:
        runs = {"hello (first)": wrk(HELLO, args.seconds, args.connections)}
        for path in PAGES:
            get(FRONT + path)  # in the cache before it is measured
            runs[f"Varnish {path}"] = wrk(FRONT + path, args.seconds, args.connections)
        runs["hello (last)"] = wrk(HELLO, args.seconds, args.connections)
    finally:
        hello.terminate()
        hello.wait()
    base = (runs["hello (first)"]["rps"] + runs["hello (last)"]["rps"]) / 2
    for run in runs.values():
        run["ratio_to_hello"] = round(run["rps"] / base, 2)
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "connections": args.connections,
        "seconds": args.seconds,
        "load_average": [load_before, round(os.getloadavg()[0], 1)],
        "checks": found,
        "runs": runs,
        "pages_min_ratio": min(
            run["ratio_to_hello"]
            for name, run in runs.items()
            if name.startswith("Varnish")
        ),
    }
    (RESULTS / "front_cache.json").write_text(json.dumps(result, indent=2))
    history = RESULTS / "front_cache_runs.json"
    runs_so_far = json.loads(history.read_text()) if history.exists() else []
    history.write_text(json.dumps([*runs_so_far, result], indent=2))
    lines = [
        f"Front cache vs bare Django hello, {result['when']}, wrk -c{args.connections}"
        f" -d{args.seconds}s, load average {load_before} before,"
        f" {result['load_average'][1]} after",
        "",
        "| what | req/s | × hello | p50 | p90 | p99 | non-2xx |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, run in runs.items():
        lat = run["latency"]
        lines.append(
            f"| {name} | {run['rps']:.0f} | {run['ratio_to_hello']} | {lat['50']} "
            f"| {lat['90']} | {lat['99']} | {run['non_2xx']} |"
        )
    lines += ["", f"Checks: {json.dumps(found)}"]
    (RESULTS / "front_cache.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    ok = found["second_get_of_home"] == "HIT" and found["with_session_cookie"] != "HIT"
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
