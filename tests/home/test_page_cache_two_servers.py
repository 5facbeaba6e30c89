"""The in-app page cache on two app servers sharing Redis (two processes).

Each process trusts the generation it read for PAGE_CACHE_GENERATION_SECONDS
and answers pages it served lately from its own memory; a publish on one server
must still reach the other within that window.
"""

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings

from home.caching import forget_local, page_cache_key
from tests.home.rules_site import add_page, make_home

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL_FOR_TESTS"),
        reason="set REDIS_URL_FOR_TESTS (e.g. redis://127.0.0.1:6379/15) to use Redis",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
WINDOW = 0.25


@pytest.fixture
def redis_cache():
    prefix = f"coe-two-servers-{uuid.uuid4().hex[:8]}"
    redis = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL_FOR_TESTS"],
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=redis, PAGE_CACHE_GENERATION_SECONDS=WINDOW):
        forget_local()
        yield prefix
        cache.delete_pattern("*")
    forget_local()


class Server:
    """The second app server, in its own process, trusting the generation it
    read for `window` seconds."""

    def __init__(self, prefix, window):
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "home" / "second_app_server.py")],
            cwd=ROOT,
            env={
                **os.environ,
                "CACHE_KEY_PREFIX": prefix,
                "PAGE_CACHE_GENERATION_SECONDS": str(window),
                "PYTHONPATH": str(ROOT),
            },
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline().strip() == "ready"

    def get(self, path):
        self.process.stdin.write(f"get {path}\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture
def start_server(redis_cache):
    servers = []

    def start(window=WINDOW):
        servers.append(Server(redis_cache, window))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def test_other_server_answers_from_memory_without_redis(client, start_server):
    from django.test import RequestFactory

    # A long window: a busy machine must not turn this into a test of timing.
    second_server = start_server(window=60)

    page = add_page(make_home(), "about", "About us")
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    assert second_server.get(page.url) == {
        "status": 200,
        "state": "hit",
        "h1": "About us",
    }
    # The shared entry gone: the second server still answers from its memory.
    cache.delete(page_cache_key(RequestFactory().get(page.url)))
    assert second_server.get(page.url)["state"] == "hit"


def test_publish_on_one_server_reaches_the_other_within_the_window(
    client, start_server
):
    second_server = start_server()
    page = add_page(make_home(), "about", "About us")
    client.get(page.url)
    assert second_server.get(page.url)["h1"] == "About us"
    page.title = "About the centre"
    page.save_revision().publish()
    published = time.monotonic()
    # This server renders the new page (and keeps it under the new generation).
    assert "<h1>About the centre</h1>" in client.get(page.url).content.decode()
    answers = []
    while time.monotonic() - published < 5:
        answers.append((time.monotonic() - published, second_server.get(page.url)))
        if answers[-1][1]["h1"] == "About the centre":
            break
    took, last = answers[-1]
    assert last == {"status": 200, "state": "hit", "h1": "About the centre"}
    # Until then only the previous page, never an error; and not for long
    # (the window, plus a busy machine's delay in answering).
    assert {answer["h1"] for _took, answer in answers[:-1]} <= {"About us"}
    assert took < WINDOW + 1.0
