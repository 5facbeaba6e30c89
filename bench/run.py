"""Benchmark: gunicorn with production settings, the demo plus 500 more events.

    python bench/run.py [--events 500] [--duration 10] [--connections 8]

Serves the site on SQLite, or on PostgreSQL and Redis when DATABASE_URL and
REDIS_URL are set, with the page cache on and then off (CACHE_PAGES=false).
Every page is reported as a share of two baselines measured in the same run,
so that the machine's speed and load cancel out:

- "of hello": `bench/hello.py`, a bare Django "hello" view with no middleware,
  served by gunicorn with the same worker settings, first and last in the run.
  This is the limit: cached pages must reach 0.7 of it (issue 18).
- "of 20 KB": a 20 KB template rendered through the site's whole middleware
  stack (no database), served by the site's own processes, first and last.

Each cached page is also measured between two hello runs as a browser asks
for it (`Accept-Encoding: gzip`: the compressed copy each process keeps), against
the same plain hello.

Also reports p50/p95/p99 latency and the gunicorn workers' peak memory (VmHWM).
Only ever talks to 127.0.0.1; bounded in time; writes only under
bench/results/ (latest.json and a work folder it removes).
"""

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args, env):
    subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found or os.geteuid() != 0:
        return found
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"],
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=180,
        check=False,
    )
    return shutil.which("wrk")


WRK_P95 = """done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
end
"""


def wrk_load(wrk, url, duration, connections, headers=()) -> dict:
    script = RESULTS / "p95.lua"
    script.write_text(WRK_P95)
    out = subprocess.run(
        [
            wrk,
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            *(part for header in headers for part in ("-H", header)),
            "-s",
            script,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=duration + 30,
        check=True,
    ).stdout

    def ms(text):
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": round(rps, 1),
        "p50_ms": ms(pct["50"]),
        "p95_ms": int(re.search(r"P95_US (\d+)", out).group(1)) / 1000,
        "p99_ms": ms(pct["99"]),
        "errors": int(errors.group(1)) if errors else 0,
        "tool": "wrk",
    }


def python_load(port, path, duration, connections, headers=()) -> dict:
    """A bounded threaded load generator (when wrk is unavailable)."""
    latencies, errors = [], [0]
    lock = threading.Lock()
    deadline = time.monotonic() + duration
    sent = dict(header.split(": ", 1) for header in headers)

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        local = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=sent)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[0] += 1
            except OSError:
                errors[0] += 1
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            local.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(local)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    begun = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - begun
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    return {
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(q[49], 2),
        "p95_ms": round(q[94], 2),
        "p99_ms": round(q[98], 2),
        "errors": errors[0],
        "tool": "python",
    }


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def vm_hwm_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pids) -> float:
    """User plus system CPU time the processes have used."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def wait_ready(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


WORKERS = 2
HELLO_TARGET = 0.7  # cached pages, as a share of the bare hello view


def start_server(env, port, app) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )


def load(wrk, port, path, args, headers=()) -> dict:
    if wrk:
        return wrk_load(
            wrk,
            f"http://127.0.0.1:{port}{path}",
            args.duration,
            args.connections,
            headers,
        )
    return python_load(port, path, args.duration, args.connections, headers)


def paired_with_hello(env, hello_env, args, wrk, headers=()) -> dict:
    """Each cached page measured right between two runs of hello.

    Both servers are up (the one not measured idles); hello, page, hello, page,
    ..., hello. A page's share is its req/s over the mean of the hello runs just
    before and just after it, so that a busy machine's swings between the start
    and the end of the run do not land on one side of the ratio. `headers` go
    with the page's requests only (a browser's `Accept-Encoding: gzip`): hello
    stays the bare view's plain answer, the limit.
    """
    site_port, hello_port = free_port(), free_port()
    site = start_server(env, site_port, "coe_site.wsgi:application")
    hello = start_server(hello_env, hello_port, "bench.hello")
    try:
        wait_ready(site_port)
        wait_ready(hello_port)
        for path in PAGES.values():
            for _ in range(5):
                conn = http.client.HTTPConnection("127.0.0.1", site_port, timeout=30)
                conn.request("GET", path)
                conn.getresponse().read()
        before = load(wrk, hello_port, "/", args)["rps"]
        paired = {}
        for name, path in PAGES.items():
            page = load(wrk, site_port, path, args, headers)["rps"]
            after = load(wrk, hello_port, "/", args)["rps"]
            paired[name] = {
                "rps": page,
                "hello_before": before,
                "hello_after": after,
                "of_hello": round(page / ((before + after) / 2), 3),
            }
            before = after
        return paired
    finally:
        for server in (site, hello):
            server.terminate()
            server.wait(timeout=20)


def serve_and_measure(env, port, paths, args, wrk, app="coe_site.wsgi:application"):
    server = start_server(env, port, app)
    try:
        wait_ready(port)
        results = {}
        for name, path in paths.items():
            # Warm up: renditions, caches, imports.
            for _ in range(5):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path)
                conn.getresponse().read()
            workers = children(server.pid)
            cpu_before = cpu_seconds(workers)
            if wrk:
                results[name] = wrk_load(
                    wrk,
                    f"http://127.0.0.1:{port}{path}",
                    args.duration,
                    args.connections,
                )
            else:
                results[name] = python_load(port, path, args.duration, args.connections)
            results[name]["path"] = path
            # CPU the app's workers spent per request: unlike req/s, barely
            # moved by other processes competing for the cores.
            served = results[name]["rps"] * args.duration
            used = cpu_seconds(workers) - cpu_before
            results[name]["cpu_ms"] = round(used * 1000 / served, 3) if served else 0
        workers = children(server.pid)
        results["_peak_rss_mb"] = round(
            max((vm_hwm_kb(pid) for pid in workers), default=0) / 1024, 1
        )
        return results
    finally:
        server.terminate()
        server.wait(timeout=20)


def ensure_postgres_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database when it does not exist."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


GZIP = "Accept-Encoding: gzip, deflate, br"
PAGES = {
    "home": "/",
    "listing": "/events/",
    "event": "/events/india-language-ai-conference/",
    "cohorts": "/cohorts/",
    "cohort": "/cohorts/indic-llm-cohort-3/",
}


def table(results, hello_rps) -> str:
    lines = [
        f"{'page':<10} {'mode':<9} {'req/s':>8} {'of hello':>8} {'of 20 KB':>8} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6} {'cpu ms':>7}"
    ]
    for label, pages in results.items():
        bare = (pages["bare"]["rps"] + pages["bare again"]["rps"]) / 2
        for name, r in pages.items():
            if name.startswith("_"):
                continue
            of_hello = r["rps"] / hello_rps if hello_rps else 0
            of_bare = r["rps"] / bare if bare else 0
            lines.append(
                f"{name:<10} {label:<9} {r['rps']:>8} {of_hello:>8.3f} "
                f"{of_bare:>8.3f} {r['p50_ms']:>7} {r['p95_ms']:>7} {r['p99_ms']:>7} "
                f"{r['errors']:>6} {r.get('cpu_ms', 0):>7}"
            )
        lines.append(f"{label}: peak worker memory (VmHWM) {pages['_peak_rss_mb']} MB")
    return "\n".join(lines)


def verdict(results, hello_rps, hello_cpu, paired) -> list[str]:
    """Each cached page against the limit: HELLO_TARGET of the hello view, by
    req/s between two hello runs (paired), by req/s against the run's first and
    last hello, and (less moved by a busy machine) by worker CPU per request."""
    lines = []
    for name in PAGES:
        page = results["cached"][name]
        share = page["rps"] / hello_rps if hello_rps else 0
        by_cpu = hello_cpu / page["cpu_ms"] if page.get("cpu_ms") else 0
        pair = paired[name]
        mark = "ok" if pair["of_hello"] >= HELLO_TARGET else "BELOW"
        lines.append(
            f"  {name:<9} cached {pair['of_hello']:.3f} of hello between two hello "
            f"runs ({pair['rps']:.0f} req/s; hello {pair['hello_before']:.0f} and "
            f"{pair['hello_after']:.0f}) (target {HELLO_TARGET}) {mark}; "
            f"{share:.3f} of the run's hello; by worker CPU per request {by_cpu:.3f}"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    args.duration = min(max(args.duration, 1), 60)
    args.connections = min(max(args.connections, 1), 64)
    load_at_start = os.getloadavg()

    RESULTS.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="work-", dir=RESULTS))
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    on_postgres = database_url.startswith(("postgres://", "postgresql://"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_WORK": str(work),
        "SECRET_KEY": "bench-only-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url
        if on_postgres
        else f"sqlite:///{work / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private_media"),
        "TASKS_BACKEND": "immediate",
        "LOG_LEVEL": "WARNING",
        # Measures one machine's own cache; production uses REDIS_URL.
        "ALLOW_LOCAL_CACHE": "true",
        "CACHE_KEY_PREFIX": "bench-" + os.urandom(4).hex(),
    }
    if not redis_url:
        env.pop("REDIS_URL", None)
    database = "postgresql" if on_postgres else "sqlite"
    cache = "redis" if redis_url else "local memory"
    try:
        print(f"preparing {work} on {database} + {cache} (seed --events {args.events})")
        started = time.monotonic()
        if on_postgres:
            ensure_postgres_database(database_url)
        run(["manage.py", "migrate", "--noinput"], env)
        run(["manage.py", "seed_demo", "--events", str(args.events)], env)
        run(["manage.py", "collectstatic", "--noinput"], env)
        print(f"prepared in {time.monotonic() - started:.0f}s")
        # The bare view first and last: its mean is the run's baseline.
        paths = {"bare": "/bench/bare/", **PAGES, "bare again": "/bench/bare/"}
        wrk = ensure_wrk()
        print(f"load tool: {wrk or 'python threads'}")
        # The bare hello view (no middleware, no settings of ours) before and
        # after the site, with the same gunicorn settings: the limit.
        hello_env = {
            k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"
        }
        hello = {"hello": "/", "hello again": "/"}
        results = {}
        hello_runs = [
            serve_and_measure(
                hello_env, free_port(), {"hello": "/"}, args, wrk, "bench.hello"
            )
        ]
        for label, cache_pages in (("cached", "true"), ("uncached", "false")):
            results[label] = serve_and_measure(
                {**env, "CACHE_PAGES": cache_pages},
                free_port(),
                paths,
                args,
                wrk,
            )
        hello_runs.append(
            serve_and_measure(
                hello_env, free_port(), {"hello": "/"}, args, wrk, "bench.hello"
            )
        )
        results["hello"] = {
            name: run["hello"] for name, run in zip(hello, hello_runs, strict=True)
        }
        results["hello"]["_peak_rss_mb"] = max(r["_peak_rss_mb"] for r in hello_runs)
        paired = paired_with_hello({**env, "CACHE_PAGES": "true"}, hello_env, args, wrk)
        # As a browser asks: the compressed copy (home.caching.GZIPPED).
        paired_gzip = paired_with_hello(
            {**env, "CACHE_PAGES": "true"}, hello_env, args, wrk, (GZIP,)
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    hello_rps = (
        results["hello"]["hello"]["rps"] + results["hello"]["hello again"]["rps"]
    ) / 2
    hello_cpu = (
        results["hello"]["hello"]["cpu_ms"] + results["hello"]["hello again"]["cpu_ms"]
    ) / 2
    site = {label: pages for label, pages in results.items() if label != "hello"}
    summary = {
        "events_extra": args.events,
        "duration_s": args.duration,
        "connections": args.connections,
        "workers": WORKERS,
        "database": database,
        "cache": cache,
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_at_start": load_at_start,
        "load": os.getloadavg(),
        "hello_rps": hello_rps,
        "hello_cpu_ms": hello_cpu,
        "hello_target": HELLO_TARGET,
        "cached_of_hello": {
            name: round(site["cached"][name]["rps"] / hello_rps, 3) for name in PAGES
        },
        "cached_of_hello_paired": {name: paired[name]["of_hello"] for name in PAGES},
        "paired": paired,
        "cached_gzip_of_hello_paired": {
            name: paired_gzip[name]["of_hello"] for name in PAGES
        },
        "paired_gzip": paired_gzip,
        "results": results,
    }
    (RESULTS / "latest.json").write_text(json.dumps(summary, indent=2) + "\n")
    history = RESULTS / "bench_runs.json"
    runs = json.loads(history.read_text()) if history.exists() else []
    history.write_text(json.dumps([*runs, summary], indent=2) + "\n")
    print(
        f"\n{database} + {cache}; load average {os.getloadavg()[0]:.2f}\n"
        f"of hello = share of the bare hello view (bench/hello.py, no middleware, "
        f"{hello_rps:.0f} req/s, mean of first and last);\n"
        "of 20 KB = share of a 20 KB template through the whole middleware stack "
        "(same processes)"
    )
    hello_line = ", ".join(
        f"{name} {r['rps']} req/s"
        for name, r in results["hello"].items()
        if not name.startswith("_")
    )
    print(f"hello: {hello_line}; worker CPU {hello_cpu:.3f} ms per request")
    print(table(site, hello_rps))
    print(
        "\n".join(["against the limit:", *verdict(site, hello_rps, hello_cpu, paired)])
    )
    print(
        "\n".join(
            [
                f"as a browser asks ({GZIP}), each page between two hello runs:",
                *(
                    f"  {name:<9} {pair['of_hello']:.3f} of hello ({pair['rps']:.0f} "
                    f"req/s) {'ok' if pair['of_hello'] >= HELLO_TARGET else 'BELOW'}"
                    for name, pair in paired_gzip.items()
                ),
            ]
        )
    )
    print(f"\nwritten to {RESULTS / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
