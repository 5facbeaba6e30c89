"""gunicorn settings of each app server (deploy/stack.sh passes the port and files)."""

import os

wsgi_app = "coe_site.wsgi"
# Processes, not threads: the work is CPU-bound Python, and a thread that holds
# an event's row lock waits for the GIL behind its siblings rendering pages (at
# an opening, 2 workers x 4 threads held each lock 92 ms on average; 4 sync
# workers 47-50 ms, and served 2.8x the registrations: bench/results/load/).
# nginx in front buffers slow clients, as gunicorn's sync workers want.
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
keepalive = 30
timeout = 120
graceful_timeout = 10
max_requests = 5000
max_requests_jitter = 500
