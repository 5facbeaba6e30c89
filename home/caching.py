"""One anonymous page cache in front of every public page, one generation for all.

Everything cached about the site's content (whole pages, the menu, the footer,
site settings, listing filter choices) has the site's generation in its key.
`home.signals` starts a new generation whenever content changes (publish,
unpublish, move, delete, snippet or settings save, view restriction change),
which retires all of it at once; old entries expire on their own.

`PageCacheMiddleware` answers anonymous GETs of Wagtail pages (and their file
routes) from the cache before any view runs. What varies a page is in its key:
scheme, host, path, language and the allowed query parameters. Requests with a
session, another method or other query parameters are never served from it or
stored in it. Seats and other live parts are fetched by the page's JavaScript
from `availability.json`, so a hit touches no database.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

from . import frontcache

GENERATION_KEY = "site:generation"
TTL = 600  # seconds; also bounds how long "upcoming" can lag behind the clock
MAX_QUERY_LENGTH = 512
STATUS_HEADER = "X-Page-Cache"
UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store", "max-age=0")


def generation() -> str:
    """The current generation of the site's content."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, str(time.time_ns()), None)
        value = cache.get(GENERATION_KEY) or "0"
    return value


def new_generation() -> None:
    """Retire everything cached about the site's content."""
    cache.set(GENERATION_KEY, str(time.time_ns()), None)


def cached(name: str, compute, ttl: int = TTL):
    """`compute()`, kept until the site's content changes (or `ttl`)."""
    return cache.get_or_set(f"site:{name}:{generation()}", compute, ttl)


def page_cache_key(request) -> str | None:
    """The cache key of this request's page, or None when it must not be cached.

    Everything a page may vary on is in it; a request with a query parameter a
    page does not declare (settings.PAGE_CACHE_QUERY_PARAMS) is not cached.
    """
    if not settings.CACHE_PAGES or request.method not in ("GET", "HEAD"):
        return None
    cookies = request.COOKIES
    if (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
        or "HTTP_AUTHORIZATION" in request.META
    ):
        return None
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return None
    allowed = settings.PAGE_CACHE_QUERY_PARAMS
    params = sorted(request.GET.lists())
    if any(name not in allowed for name, _values in params):
        return None
    raw = repr(
        (
            request.scheme,
            request.get_host(),
            request.path,
            translation.get_language(),
            params,
        )
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"page:{generation()}:{digest}"


def _storable(request, response) -> bool:
    if (
        request.method != "GET"
        or not getattr(request, "serves_wagtail_page", False)
        or response.status_code != 200
        or response.streaming
        or response.cookies
    ):
        return False
    control = response.get("Cache-Control", "")
    if any(word in control for word in UNCACHEABLE_CONTROL):
        return False
    # A form's CSRF token, a new session or a message is for this visitor only.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    return not getattr(get_messages(request), "added_new", False)


class PageCacheMiddleware:
    """Anonymous GETs of pages from the cache; see the module's docstring."""

    def __init__(self, get_response):
        from wagtail import views as wagtail_views

        self.get_response = get_response
        self.page_view = wagtail_views.serve

    def __call__(self, request):
        key = page_cache_key(request)
        if key is not None:
            hit = cache.get(key)
            if hit is not None:
                content, headers = hit
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                response[STATUS_HEADER] = "hit"
                return response
        response = self.get_response(request)
        storable = key is not None and _storable(request, response)
        frontcache.set_cache_control(response, shared=storable)
        if not getattr(request, "serves_wagtail_page", False):
            return response
        if storable:
            cache.set(key, (response.content, list(response.items())), TTL)
            response[STATUS_HEADER] = "miss"
        else:
            response[STATUS_HEADER] = "off"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Only Wagtail's pages are cached: search, accounts and forms never are.
        request.serves_wagtail_page = view_func is self.page_view
