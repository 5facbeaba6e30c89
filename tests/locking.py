"""Helpers of the PostgreSQL concurrency tests: hold a row lock, and start a
service in a thread that returns once the thread queues behind it."""

import threading
import time

from django.db import connection


def lock(model, instance):
    """Take `instance`'s row lock in the current transaction."""
    return model.objects.select_for_update().get(pk=instance.pk)


def waiting_for_a_lock() -> int:
    """Sessions of this test database waiting for a lock (the server is shared:
    other databases' waits do not count)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
            "WHERE NOT l.granted AND a.datname = current_database()"
        )
        return cursor.fetchone()[0]


def blocked_thread(function, *, seconds=10):
    """Start `function` in a thread; return (thread, outcome) once it waits
    for a lock. `outcome` gets "result" or "error" when the thread ends."""
    outcome = {}

    def run():
        try:
            outcome["result"] = function()
        except Exception as error:  # noqa: BLE001 -- the test reads it
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + seconds
    while not waiting_for_a_lock():
        if not thread.is_alive():
            thread.join()
            raise AssertionError(f"the thread ended without waiting: {outcome}")
        assert time.monotonic() < deadline, "the thread never waited for the lock"
        time.sleep(0.02)
    return thread, outcome
