"""The second phase of `make mutate` when DATABASE_URL points at PostgreSQL.

The first phase runs on SQLite in memory, one forked child per mutant, and
single-threaded: it cannot see a lock (`select_for_update`) go missing. Here
each mutant that survived it (or that no test executed) runs once more, in a
fresh pytest process with the mutant applied (`mutation.apply_plugin`),
against the tests marked `postgres` of its app (`tests/<app>/`, where the
concurrency tests of that app's rules live). A failure kills it.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

RERUN = ("survived", "not executed")


def is_postgres(url: str | None) -> bool:
    return bool(url) and url.split(":", 1)[0] in ("postgres", "postgresql", "pgsql")


def postgres_tests(root: Path, path: str) -> list[str]:
    """The test files of the module's app that hold postgres-marked tests."""
    app = path.split("/", 1)[0]
    folder = root / "tests" / app
    if not folder.is_dir():
        return []
    return sorted(
        str(test.relative_to(root))
        for test in folder.rglob("test_*.py")
        if "mark.postgres" in test.read_text()
    )


def run_mutant(root: Path, mutant_id: str, tests: list[str], database_url: str):
    """("killed", test) when a postgres test fails with the mutant, else
    ("survived", "") (or "error" when pytest itself could not run)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MUTATION_MUTANT": mutant_id,
        "PYTHONPATH": os.pathsep.join([str(root / "scripts"), str(root)]),
    }
    command = [
        sys.executable,
        "-m",
        "pytest",
        *tests,
        "-m",
        "postgres and not browser",
        "-x",
        "-q",
        "--no-header",
        "-rf",
        "-p",
        "no:xdist",
        "-p",
        "no:randomly",
        "-p",
        "mutation.apply_plugin",
    ]
    done = subprocess.run(  # noqa: S603 -- our own test command
        command, cwd=root, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode == 1:
        failed = [
            line for line in done.stdout.splitlines() if line.startswith("FAILED")
        ]
        return "killed", "postgres: " + (failed[0][7:] if failed else "a test failed")
    if done.returncode in (0, 5):  # passed, or nothing collected
        return "survived", ""
    return "error", (done.stdout + done.stderr)[-600:]


def run_phase(plan, database_url: str) -> float:
    """Run the postgres tests against the first phase's survivors, in place."""
    started = time.monotonic()
    terminal = sys.__stderr__
    todo = [o for o in plan.outcomes if o.status in RERUN]
    for number, outcome in enumerate(todo, 1):
        tests = postgres_tests(plan.root, outcome.mutant.path)
        if not tests:
            continue
        t0 = time.monotonic()
        status, detail = run_mutant(plan.root, outcome.mutant.id, tests, database_url)
        if status == "killed":
            outcome.status, outcome.killer = "killed", detail
        elif status == "error":
            outcome.detail = detail
        outcome.seconds += time.monotonic() - t0
        print(
            f"[postgres {number}/{len(todo)}] {outcome.status:9} "
            f"{time.monotonic() - t0:5.1f}s {outcome.mutant.id}",
            file=terminal,
            flush=True,
        )
    return time.monotonic() - started
