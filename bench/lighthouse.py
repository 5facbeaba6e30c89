"""Lighthouse mobile performance of some pages (issue 19: >= 95 in Tamil).

Serve the site as in production first (gunicorn, production settings, compiled
catalogues, collectstatic), then:

    npm install lighthouse           # anywhere; or put it on PATH
    python bench/lighthouse.py http://127.0.0.1:8600 /ta/ /ta/events/ --runs 3

Prints each page's median score and metrics over the runs (Lighthouse's default
mobile emulation and throttling, Debian's chromium via CHROME_PATH). Scores on a
loaded machine vary by several points: total blocking time is measured CPU time.
Not a test: it takes about a minute per run.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


def lighthouse_command() -> list[str]:
    found = os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    if found:
        return [found]
    local = Path("node_modules/.bin/lighthouse")
    return [str(local.resolve())] if local.exists() else ["npx", "lighthouse"]


def measure(url: str) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        subprocess.run(
            [
                *lighthouse_command(),
                url,
                "--only-categories=performance",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                "--disable-dev-shm-usage",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
            ],
            check=True,
            env={
                **os.environ,
                "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
            },
        )
        data = json.loads(report.read_text())
    result = {"score": round(data["categories"]["performance"]["score"] * 100)}
    for audit, name in METRICS.items():
        result[name] = data["audits"][audit]["numericValue"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    report = {}
    for path in options.paths:
        runs = [measure(options.base.rstrip("/") + path) for _ in range(options.runs)]
        report[path] = {
            "scores": [run["score"] for run in runs],
            **{
                key: round(statistics.median(run[key] for run in runs), 3)
                for key in ["score", *METRICS.values()]
            },
        }
    json.dump(report, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
