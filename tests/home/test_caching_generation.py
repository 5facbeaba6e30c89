"""The site's generation as one process holds it (home.caching.Generation and
generation()), on this process's clock: trusted for exactly the window, read
from the shared cache once per window, made when the cache has none, and
dropped by forget_local. Found by the mutation run of home/: the suite runs
with the window off, so none of this was pinned."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from home import caching
from home.caching import GENERATION, GENERATION_KEY, forget_local, generation


@pytest.fixture
def clock(monkeypatch, settings):
    """A window of 0.25 s and a monotonic clock the test moves."""
    settings.PAGE_CACHE_GENERATION_SECONDS = 0.25
    now = SimpleNamespace(value=100.0)
    fake = SimpleNamespace(monotonic=lambda: now.value, time_ns=caching.time.time_ns)
    monkeypatch.setattr(caching, "time", fake)
    forget_local()
    cache.delete(GENERATION_KEY)
    yield now
    forget_local()


@pytest.fixture
def reads(monkeypatch):
    """The shared cache's reads of the generation key."""
    seen = []
    get = caching.cache.get

    def counting(key, *args, **kwargs):
        if key == GENERATION_KEY:
            seen.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(caching.cache, "get", counting)
    return seen


def test_without_a_generation_one_is_made_and_shared(clock):
    """Mistakes: answering '0' (or nothing) without storing one, so each app
    server would go on with its own."""
    made = generation()
    assert made not in (None, "0")
    assert cache.get(GENERATION_KEY) == made


def test_the_generation_is_read_once_a_window_and_trusted_until_its_end(clock, reads):
    cache.set(GENERATION_KEY, "g1", None)
    assert generation() == "g1"
    cache.set(GENERATION_KEY, "g2", None)  # another app server publishes
    clock.value += 0.2499
    assert generation() == "g1"  # no round trip within the window
    assert len(reads) == 1
    clock.value = 100.25  # exactly the window later: read again
    assert generation() == "g2"
    assert len(reads) == 2


def test_forgetting_drops_the_held_generation(clock):
    cache.set(GENERATION_KEY, "g1", None)
    assert generation() == "g1"
    cache.set(GENERATION_KEY, "g2", None)
    forget_local()
    assert GENERATION.fresh() is None
    assert generation() == "g2"
