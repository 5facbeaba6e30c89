"""Production: everything from the environment, no default for secrets."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403 -- settings modules extend the base by design
from .base import env_bool, env_list

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings refuse to start without it: "
        "set SECRET_KEY to a long random string (for example the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Production settings refuse to start without it: "
        "set ALLOWED_HOSTS to a comma-separated list of host names, "
        "for example 'coe.example.in,www.coe.example.in'."
    )
DEBUG = False
# `make build` compiles them; a system check error and coe_site.wsgi refuse otherwise.
REQUIRE_COMPILED_CATALOGUES = True

# Rate limits (sign-in, passwords of private pages) and the page cache must be shared
# by every worker: a per-process cache multiplies each limit by the number of workers.
if not REDIS_URL and not env_bool("ALLOW_LOCAL_CACHE", False):  # noqa: F405 -- from base
    raise ImproperlyConfigured(
        "REDIS_URL is not set. Production settings refuse to start without a shared "
        "cache, because rate limits held in one process's memory do not hold across "
        "workers: set REDIS_URL (for example redis://127.0.0.1:6379/0), or set "
        "ALLOW_LOCAL_CACHE=true to run a single process with its own cache."
    )

# Absolute links come from configuration, never from a request's Host header.
if not SITE_URL:  # noqa: F405 -- from base
    host = ALLOWED_HOSTS[0].lstrip(".")
    if "*" in host:
        raise ImproperlyConfigured(
            "SITE_URL is not set and ALLOWED_HOSTS does not name the site: set "
            "SITE_URL to the site's public address, e.g. https://coe.example.in."
        )
    SITE_URL = f"https://{host}"
    if not os.environ.get("WAGTAILADMIN_BASE_URL"):
        WAGTAILADMIN_BASE_URL = SITE_URL

# Private uploads must not be reachable under MEDIA_URL (served by a web server or
# by SERVE_MEDIA): neither folder may hold the other.
_public = Path(MEDIA_ROOT).resolve()  # noqa: F405 -- from base
_private = Path(PRIVATE_MEDIA_ROOT).resolve()  # noqa: F405 -- from base
if _private.is_relative_to(_public) or _public.is_relative_to(_private):
    raise ImproperlyConfigured(
        "PRIVATE_MEDIA_ROOT and MEDIA_ROOT overlap: private files (pitch decks) "
        "would be served as public media. Give each its own folder, e.g. "
        "/srv/shared/media and /srv/shared/private_media."
    )

STORAGES["staticfiles"] = {  # noqa: F405 -- from base
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe app servers over plain HTTP, inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# A proxy that terminates TLS says so with X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Rate limits count per client address: behind N proxies that append to
# X-Forwarded-For, the client is the Nth address from the right.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

if os.environ.get("TASKS_BACKEND", "database") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
