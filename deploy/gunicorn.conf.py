"""gunicorn settings of each app server (deploy/stack.sh passes the port and files)."""

import os

wsgi_app = "coe_site.wsgi"
# Processes, not threads: the work is CPU-bound Python, and a thread holding an
# event's row lock waits for the GIL behind its siblings rendering pages. At an
# opening (bench/results/load/runs.json, same priority, same minutes) 2 workers
# x 4 threads held each lock 66 ms on average (p95 131 ms), 4 sync workers
# 47-50 ms (p95 80-87 ms); registrations per second were about the same (12.1
# and 12.4-13.0: the cores are the limit). nginx in front buffers slow clients,
# as gunicorn's sync workers want.
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
keepalive = 30
timeout = 120
graceful_timeout = 10
max_requests = 5000
max_requests_jitter = 500
