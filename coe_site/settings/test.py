"""Tests: fast hashing, in-memory email, immediate tasks, a throwaway media folder."""

import tempfile

from .base import *  # noqa: F403 -- settings modules extend the base by design

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105 -- test only
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
ACCOUNT_RATE_LIMITS = False
MEDIA_ROOT = tempfile.mkdtemp(prefix="coe-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="coe-private-")
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405 -- from base
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "coe-tests",
    }
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405 -- from base
# Tests empty the shared cache by hand (`cache.clear()`) and expect the next
# request to see it, which a process trusting its generation for a moment would
# not: the window is off here, and on in the tests of it
# (tests/home/test_page_cache_two_servers.py, test_rules_caching.py).
PAGE_CACHE_GENERATION_SECONDS = 0
