"""Another app server for tests/home/test_page_cache_two_servers.py: its own
process, the same Redis, no database of its own (it only ever answers hits).

Reads commands from stdin, one a line: `get <path>` answers one JSON line with
the status, the page cache's state and the page's <h1>.
"""

import json
import os
import re
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.home.redis_settings"

import django  # noqa: E402 -- after the settings module is chosen

django.setup()

from django.test import Client  # noqa: E402

client = Client(raise_request_exception=False)
print("ready", flush=True)
for line in sys.stdin:
    command, _, path = line.strip().partition(" ")
    if command != "get":
        break
    response = client.get(path)
    heading = re.search(r"<h1>(.*?)</h1>", response.content.decode())
    answer = {
        "status": response.status_code,
        "state": response.get("X-Page-Cache"),
        "h1": heading.group(1) if heading else None,
    }
    print(json.dumps(answer), flush=True)
