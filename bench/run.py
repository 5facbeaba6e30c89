"""Benchmark: gunicorn + production settings + SQLite seeded with 500 extra events.

    python bench/run.py [--events 500] [--duration 10] [--connections 16]

Measures requests/second and latency percentiles for /, /events/ and one event
page (anonymous), with the events page cache on and off, and the peak memory
(VmHWM) of the gunicorn workers. Only ever talks to 127.0.0.1; bounded in time.
Writes bench/results/latest.json and prints a table.
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


def wrk_load(wrk, url, duration, connections) -> dict:
    out = subprocess.run(
        [wrk, "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
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
        "p90_ms": ms(pct["90"]),
        "p99_ms": ms(pct["99"]),
        "errors": int(errors.group(1)) if errors else 0,
        "tool": "wrk",
    }


def python_load(port, path, duration, connections) -> dict:
    """A bounded threaded load generator (when wrk is unavailable)."""
    latencies, errors = [], [0]
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        local = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", path)
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
        "p90_ms": round(q[89], 2),
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


def serve_and_measure(env, port, paths, args, wrk) -> dict:
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "coe_site.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_ready(port)
        results = {}
        for name, path in paths.items():
            # Warm up: renditions, caches, imports.
            for _ in range(5):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path)
                conn.getresponse().read()
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
        workers = children(server.pid)
        results["_peak_rss_mb"] = round(
            max((vm_hwm_kb(pid) for pid in workers), default=0) / 1024, 1
        )
        return results
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    args.duration = min(max(args.duration, 1), 60)
    args.connections = min(max(args.connections, 1), 64)

    work = Path(tempfile.mkdtemp(prefix="coe-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coe_site.settings.production",
        "SECRET_KEY": "bench-only-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(work / "media"),
        "TASKS_BACKEND": "immediate",
        "LOG_LEVEL": "WARNING",
        # Measures one machine's own cache; production uses REDIS_URL.
        "ALLOW_LOCAL_CACHE": "true",
    }
    env.pop("REDIS_URL", None)
    try:
        print(f"preparing {work} (migrate, seed --events {args.events}, collectstatic)")
        started = time.monotonic()
        run(["manage.py", "migrate", "--noinput"], env)
        run(["manage.py", "seed_demo", "--events", str(args.events)], env)
        run(
            ["manage.py", "collectstatic", "--noinput"],
            {**env, "STATIC_ROOT": str(work / "static")},
        )
        print(f"prepared in {time.monotonic() - started:.0f}s")
        paths = {
            "home": "/",
            "listing": "/events/",
            "event": "/events/india-language-ai-conference/",
        }
        wrk = ensure_wrk()
        print(f"load tool: {wrk or 'python threads'}")
        results = {}
        for label, cache_pages in (("cache on", "true"), ("cache off", "false")):
            results[label] = serve_and_measure(
                {
                    **env,
                    "CACHE_PAGES": cache_pages,
                    "STATIC_ROOT": str(work / "static"),
                },
                free_port(),
                paths,
                args,
                wrk,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    summary = {
        "events_extra": args.events,
        "duration_s": args.duration,
        "connections": args.connections,
        "workers": 2,
        "database": "sqlite",
        "results": results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(
        f"\n{'mode':<10} {'page':<8} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'errors':>7}"
    )
    for label, pages in results.items():
        for name, r in pages.items():
            if name.startswith("_"):
                continue
            print(
                f"{label:<10} {name:<8} {r['rps']:>8} {r['p50_ms']:>8} "
                f"{r['p90_ms']:>8} {r['p99_ms']:>8} {r['errors']:>7}"
            )
        print(f"{label:<10} peak worker RSS (VmHWM): {pages['_peak_rss_mb']} MB")
    print(f"\nwritten to {RESULTS / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
