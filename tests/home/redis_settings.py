"""Test settings on Redis (REDIS_URL_FOR_TESTS), for the second app server."""

import os
import tempfile

from coe_site.settings.test import *  # noqa: F403 -- extends the test settings

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL_FOR_TESTS"],
        "KEY_PREFIX": os.environ["CACHE_KEY_PREFIX"],
    }
}
# The window the test gives (the other tests' settings turn it off).
PAGE_CACHE_GENERATION_SECONDS = float(os.environ["PAGE_CACHE_GENERATION_SECONDS"])
# No database: this server only answers from the cache (a query would fail).
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.path.join(tempfile.mkdtemp(prefix="coe-none-"), "none.sqlite3"),
    }
}
