"""Run one function from several threads at once (PostgreSQL tests)."""

import threading

from django.db import connection


def at_once(count, function):
    """Call `function()` from `count` threads released together; their results."""
    barrier = threading.Barrier(count)
    results = []

    def run():
        barrier.wait()
        try:
            results.append(function())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
