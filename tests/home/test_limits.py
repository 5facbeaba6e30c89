"""Daily limits counted in the shared cache (home.limits): invitations and
registration emails count with them."""

from home import limits


def test_a_daily_count_that_expires_between_add_and_incr_starts_again(db, monkeypatch):
    from django.core.cache import caches

    cache = caches["default"]
    incr = cache.incr

    def expiring_incr(key, delta=1, version=None):
        cache.delete(key)  # the day ends just between add and incr
        return incr(key, delta, version)

    monkeypatch.setattr(cache, "incr", expiring_incr)
    # The first use of the new day counts as one: within a limit of one, not of none.
    assert limits.count_within_limit("test:one", 1)
    assert not limits.count_within_limit("test:none", 0)
    assert limits.count_within_limit("test:test", 2)
    monkeypatch.setattr(cache, "incr", incr)
    # The new day's count started at one: one more use is allowed, not two.
    assert limits.count_within_limit("test:test", 2)
    assert not limits.count_within_limit("test:test", 2)
