"""Daily limits on actions that send email, counted in the shared cache.

Several app servers share the count because the cache is Redis in production.
A count lives for a day from its first use; past the limit the action is refused
(the caller says so in the user's language).
"""

from django.core.cache import cache

DAY = 24 * 60 * 60  # seconds


def count_within_limit(key: str, limit: int, *, period: int = DAY) -> bool:
    """Count one more use of `key`; False once past `limit` within `period`."""
    cache.add(key, 0, period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, period)
        count = 1
    return count <= limit


def address_key(email: str) -> str:
    """A cache key part for an address that does not store the address itself."""
    import hashlib

    return hashlib.sha256(email.strip().lower().encode()).hexdigest()
