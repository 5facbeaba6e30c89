"""gunicorn settings of each app server (deploy/stack.sh passes the port and files)."""

import os

wsgi_app = "coe_site.wsgi"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
# Keep-alive to nginx's pooled connections; requests waiting on a lock use a thread.
keepalive = 30
timeout = 120
graceful_timeout = 10
max_requests = 5000
max_requests_jitter = 500
