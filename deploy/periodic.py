"""The periodic jobs of README's "Periodic jobs", for a machine without cron.

Runs each command at its interval (the first time one interval after start, except
`expire_holds`, at once), one at a time, with the environment it was started
with. Every command is safe to run twice and on several machines at once, so a
restart that runs one early does no harm. Stops on SIGTERM.

    python deploy/periodic.py          # what deploy/stack.sh starts
"""

import signal

# Runs our own management commands, nothing typed by anyone.
import subprocess  # nosec B404
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR

# (command, every seconds, run at start)
JOBS = [
    (["expire_holds"], 5 * MINUTE, True),
    (["send_draft_reminders"], HOUR, False),
    (["send_review_reminders"], HOUR, False),
    (["send_usage_reminders"], HOUR, False),
    (["send_compute_review_reminders"], HOUR, False),
    (["delete_orphan_files", "--delete"], DAY, False),
    (["clearsessions"], DAY, False),
    (["prune_db_task_results"], DAY, False),
]

stopping = False


def stop(signum, frame):
    global stopping
    stopping = True


def run(command: list[str]) -> None:
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 # nosec B603
        [sys.executable, str(ROOT / "manage.py"), *command], cwd=ROOT, check=False
    )
    took = time.monotonic() - started
    print(
        f"periodic: {' '.join(command)} exited {result.returncode} in {took:.1f}s",
        flush=True,
    )


def main() -> None:
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    now = time.monotonic()
    due = {
        tuple(command): now if at_start else now + every
        for command, every, at_start in JOBS
    }
    while not stopping:
        for command, every, _at_start in JOBS:
            if stopping:
                break
            if time.monotonic() >= due[tuple(command)]:
                run(command)
                due[tuple(command)] = time.monotonic() + every
        time.sleep(1)


if __name__ == "__main__":
    main()
