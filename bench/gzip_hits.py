"""Benchmark: a browser's page-cache hit (Accept-Encoding: gzip), in-process.

    .venv/bin/python bench/gzip_hits.py [--requests 300] [--rounds 3]

Seeds the demo (migrate, seed_demo) into a SQLite database in a temporary
folder with the test settings (in-memory cache), trusts the generation for
production's window (0.25 s), and asks `django.test.Client` for `/`, `/hi/`,
`/events/` and `/cohorts/`, each already kept by the page cache, timing each
request:

- "plain": a hit without gzip (what `make bench`'s wrk asks for);
- "before": a browser's hit as it was before the page cache kept gzipped
  copies: `home.caching` never sees gzip, so GZipMiddleware above compresses
  the page on every hit;
- "forgotten": this process's gzipped copies dropped before every request, so
  the page cache runs GZipMiddleware on every hit;
- "after": a browser's hit given the copy compressed once (`GZIPPED`).

Each mode is timed in `--rounds` interleaved blocks of `--requests` /
`--rounds` requests; the table gives the median and the mean of every
request. Writes bench/results/gzip_hits.json; touches nothing else (the
temporary folder is removed).
"""

import argparse
import io
import json
import logging
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PAGES = ["/", "/hi/", "/events/", "/cohorts/"]
MODES = ("plain", "before", "forgotten", "after")
GZIP = "gzip, deflate, br"  # as browsers ask
NEVER = re.compile(r"(?!)")


def seed(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "coe_site.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PAGE_CACHE_GENERATION_SECONDS = 0.25  # production's window
    # The demo's images go into the folder removed at the end; the test
    # settings' own (empty) media folders go now.
    for empty in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        os.rmdir(empty)
    settings.MEDIA_ROOT = str(folder / "media")
    settings.STORAGES["private"]["OPTIONS"]["location"] = str(folder / "private")
    logging.disable(logging.INFO)  # seed_demo's registrations, one line each
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    logging.disable(logging.NOTSET)


def timed(client, url, mode) -> float:
    from home import caching

    if mode == "forgotten":
        caching.GZIPPED.clear()
    encoding = "" if mode == "plain" else GZIP
    start = time.perf_counter()
    response = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
    elapsed = time.perf_counter() - start
    gzipped = response.get("Content-Encoding") == "gzip"
    if response["X-Page-Cache"] != "hit" or gzipped != (mode != "plain"):
        raise RuntimeError(f"{url} ({mode}): not the hit measured")
    return elapsed * 1000


def measure(requests: int, rounds: int) -> dict:
    from django.test import Client

    from home import caching

    client = Client()
    accepts_gzip = caching.re_accepts_gzip
    pages = {}
    for url in PAGES:
        client.get(url)
        plain = client.get(url)
        gzipped = client.get(url, HTTP_ACCEPT_ENCODING=GZIP)
        if gzipped["X-Page-Cache"] != "hit":
            raise RuntimeError(f"{url} is not kept by the page cache")
        times = {mode: [] for mode in MODES}
        for _round in range(rounds):
            for mode in MODES:
                # "before": the page cache does not see gzip (as before it
                # kept gzipped copies); GZipMiddleware still does.
                caching.re_accepts_gzip = NEVER if mode == "before" else accepts_gzip
                for _ in range(requests // rounds):
                    times[mode].append(timed(client, url, mode))
        caching.re_accepts_gzip = accepts_gzip
        pages[url] = {
            "plain_bytes": len(plain.content),
            "gzip_bytes": len(gzipped.content),
            "ms_median": {m: round(statistics.median(t), 4) for m, t in times.items()},
            "ms_mean": {m: round(statistics.fmean(t), 4) for m, t in times.items()},
        }
    return pages


def table(pages: dict) -> str:
    lines = [
        "| page | plain KB | gzip KB | plain hit | gzip before | gzip forgotten "
        "| gzip after | saved |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for url, row in pages.items():
        ms = row["ms_median"]
        lines.append(
            f"| {url} | {row['plain_bytes'] / 1024:.1f} | "
            f"{row['gzip_bytes'] / 1024:.1f} | {ms['plain']:.3f} | "
            f"{ms['before']:.3f} | {ms['forgotten']:.3f} | {ms['after']:.3f} | "
            f"{ms['before'] - ms['after']:.3f} |"
        )
    return "\n".join(lines) + "\n(ms a request, median)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="coe-gzip-bench-"))
    try:
        seed(folder)
        pages = measure(args.requests, args.rounds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    import django

    result = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "requests_a_mode": args.requests // args.rounds * args.rounds,
        "rounds": args.rounds,
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "load_average": list(os.getloadavg()),
        "pages": pages,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "gzip_hits.json").write_text(json.dumps(result, indent=2) + "\n")
    print(table(pages))
    print(f"load average {result['load_average']}; bench/results/gzip_hits.json")


if __name__ == "__main__":
    main()
