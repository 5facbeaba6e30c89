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


def test_a_limit_lasts_a_day_from_the_first_use(db):
    import time_machine

    with time_machine.travel("2026-12-01 10:00Z", tick=False) as traveller:
        assert limits.count_within_limit("test:day", 1)
        traveller.shift(limits.DAY - 1)
        assert not limits.count_within_limit("test:day", 1)
        traveller.shift(2)
        assert limits.count_within_limit("test:day", 1)
        assert not limits.count_within_limit("test:day", 1)


def test_an_address_counts_as_one_whatever_its_case_and_spaces():
    key = limits.address_key("asha@example.in")
    assert limits.address_key(" Asha@Example.IN ") == key
    assert limits.address_key("ravi@example.in") != key
    assert "asha" not in key  # the address itself is not stored
