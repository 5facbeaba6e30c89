"""One anonymous page cache in front of every public page, one generation for all.

Everything cached about the site's content (whole pages, the menu, the footer,
site settings, listing filter choices) has the site's generation in its key.
`home.signals` starts a new generation whenever content changes (publish,
unpublish, move, delete, snippet or settings save, view restriction change),
which retires all of it at once; old entries expire on their own.

`PageCacheMiddleware` answers GETs of Wagtail pages (and their file routes)
from the cache before the session, locale, CSRF, authentication and other
middlewares run. What varies a page is in its key: scheme, host, path,
language and the allowed query parameters with their values. Only the pages of
visitors without a session are kept, so every cached page is the anonymous
version; visitors with a session get it too (their own parts, such as the
account menu or "you are registered", come from /me.json). Requests with
credentials, a pending message, another method or other query parameters are
never served from it. Seats and other live parts are fetched by the page's
JavaScript from `availability.json`, so a hit touches no database. A
browser's hit (Accept-Encoding: gzip) is given the compressed copy this process
made of the page once, with GZipMiddleware's own headers (`GZIPPED`).
"""

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils import translation

from . import frontcache

GENERATION_KEY = "site:generation"
TTL = 600  # seconds; also bounds how long "upcoming" can lag behind the clock
MAX_QUERY_LENGTH = 512
STATUS_HEADER = "X-Page-Cache"
LOCAL_BYTES = 32 * 1024 * 1024  # page bodies each process keeps in memory
LOCAL_ENTRIES = 20_000  # page entries (a few hundred bytes each) it keeps
UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store", "max-age=0")


class Generation:
    """This process's copy of the site's generation, trusted for `window` seconds.

    Reading the generation from the shared cache on every request is one round
    trip to Redis per page (and per cached fragment). Each process keeps the
    value it last read for a short window instead; a change made in this
    process is seen here at once (`new_generation` sets it), a change made in
    another app server within `window` seconds. That is the stale window: at
    most PAGE_CACHE_GENERATION_SECONDS after a publish, another server may
    still answer from the previous generation, which is why the front cache is
    purged a second time after it (`home.frontcache.purge`).
    """

    def __init__(self):
        self.value: tuple[str, float] | None = None  # (generation, read at)

    def fresh(self) -> str | None:
        held = self.value
        window = settings.PAGE_CACHE_GENERATION_SECONDS
        if held is not None and time.monotonic() - held[1] < window:
            return held[0]
        return None

    def remember(self, value: str) -> str:
        self.value = (value, time.monotonic())
        return value

    def forget(self) -> None:
        self.value = None


GENERATION = Generation()


def generation() -> str:
    """The current generation of the site's content (see `Generation`)."""
    value = GENERATION.fresh()
    if value is not None:
        return value
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, str(time.time_ns()), None)
        value = cache.get(GENERATION_KEY) or "0"
    return GENERATION.remember(value)


def new_generation() -> None:
    """Retire everything cached about the site's content."""
    value = str(time.time_ns())
    cache.set(GENERATION_KEY, value, None)
    GENERATION.remember(value)


def cached(name: str, compute, ttl: int = TTL):
    """`compute()`, kept until the site's content changes (or `ttl`)."""
    return cache.get_or_set(f"site:{name}:{generation()}", compute, ttl)


def remembered(name: str, compute):
    """`compute()`, kept in this process's memory until the site's content
    changes: for small facts read on every request of a rush (where an event's
    address leads), which should cost no round trip at all. Another app
    server's change is seen within the generation's window (see `Generation`).
    """
    current = generation()
    held = REMEMBERED.get(name)
    if held is not None and held[0] == current:
        return held[1]
    value = compute()
    REMEMBERED.put(name, (current, value))
    return value


def page_language(request) -> str:
    """The language LocaleMiddleware will choose: English unless the path says.

    Pages live under i18n_patterns without a prefix for the default language,
    so an unprefixed path is always English, whatever Accept-Language or the
    language cookie say (LocaleMiddleware only adds them to Vary).
    """
    return translation.get_language_from_path(request.path_info) or (
        settings.LANGUAGE_CODE
    )


def page_cache_key(request) -> str | None:
    """The cache key of this request's page, or None when it must not be served
    from the cache.

    Everything a page may vary on is in it: scheme, host, path, language and
    every allowed query parameter with its values. A request with credentials,
    a pending message or a query parameter pages do not read
    (settings.PAGE_CACHE_QUERY_PARAMS) is never served from the cache. A
    session cookie alone does not matter: cached pages are the anonymous
    version, and signed-in visitors get their own parts from /me.json.
    """
    if not settings.CACHE_PAGES or request.method not in ("GET", "HEAD"):
        return None
    if request.COOKIES.get("messages") or "HTTP_AUTHORIZATION" in request.META:
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
            page_language(request),
            params,
        )
    )
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _storable(request, response) -> bool:
    """Whether `response` is the anonymous page anyone may be given."""
    if (
        request.method != "GET"
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or not getattr(request, "serves_wagtail_page", False)
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or getattr(request, "LANGUAGE_CODE", None) != page_language(request)
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


def _for_session(headers: dict) -> dict:
    """The stored headers for a visitor with a session: never for shared caches."""
    control = [
        word
        for word in (w.strip() for w in headers.get("Cache-Control", "").split(","))
        if word and word != "public" and not word.startswith("s-maxage")
    ]
    return {**headers, "Cache-Control": ", ".join(["private", *control])}


class Bodies:
    """Page bodies by their SHA-256, in this process's memory, least recently
    used out first. A body never changes under its digest, so a copy here is
    never stale: the shared entry says which digest is current, and a hit then
    reads a few hundred bytes from Redis instead of the whole page. (`GZIPPED`
    holds `Gzipped` copies, by digest and headers, the same way.)"""

    def __init__(self, limit: int):
        self.limit = limit
        self.items: OrderedDict[Hashable, bytes] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, digest: Hashable) -> bytes | None:
        with self.lock:
            body = self.items.get(digest)
            if body is not None:
                self.items.move_to_end(digest)
            return body

    def put(self, digest: Hashable, body: bytes) -> None:
        with self.lock:
            if digest in self.items or len(body) > self.limit:
                return
            self.items[digest] = body
            self.size += len(body)
            while self.size > self.limit:
                _digest, old = self.items.popitem(last=False)
                self.size -= len(old)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.size = 0


BODIES = Bodies(LOCAL_BYTES)


@dataclass(frozen=True)
class Gzipped:
    """A kept page as GZipMiddleware gave it: its body and headers."""

    content: bytes
    headers: dict

    def __len__(self) -> int:
        return len(self.content)  # what Bodies counts against its limit


# Pages gzip to a third to a fifth of their size (the demo's: 2-5 KB): a
# quarter of BODIES' room keeps a browser's copy of about as many pages.
GZIPPED = Bodies(LOCAL_BYTES // 4)


class Entries:
    """The page entries (generation, digest, headers, stored at) this process
    served, by page key, least recently used out first. An entry is only used
    while its generation is the current one and its TTL has not run out, so a
    copy here answers exactly as the shared one would, without a round trip."""

    def __init__(self, limit: int):
        self.limit = limit
        self.items: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> tuple | None:
        with self.lock:
            entry = self.items.get(key)
            if entry is not None:
                self.items.move_to_end(key)
            return entry

    def put(self, key: str, entry: tuple) -> None:
        with self.lock:
            self.items[key] = entry
            self.items.move_to_end(key)
            while len(self.items) > self.limit:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


ENTRIES = Entries(LOCAL_ENTRIES)
REMEMBERED = Entries(LOCAL_ENTRIES)  # (generation, value) by name: `remembered`


def forget_local() -> None:
    """Drop this process's copies (the generation, entries, bodies, gzipped
    bodies): tests that empty the shared cache by hand call it, as a restart
    would."""
    GENERATION.forget()
    ENTRIES.clear()
    REMEMBERED.clear()
    BODIES.clear()
    GZIPPED.clear()


def _current(entry, generation_now) -> bool:
    return (
        entry is not None
        and generation_now is not None
        and entry[0] == generation_now
        and (len(entry) < 4 or entry[3] + TTL > time.time())
    )


def body_key(digest: str) -> str:
    return f"page-body:{digest}"


class PageCacheMiddleware:
    """Pages from the cache before the middlewares a hit does not need.

    It sits right after SecurityMiddleware, WhiteNoise and GZip: a hit runs no
    session, locale, CSRF, authentication, messages, CSP or account middleware
    and touches no database. A miss runs the whole stack; the page is kept with
    every header the stack gave it (CSP, X-Frame-Options, Vary,
    Content-Language, Cache-Control, ...) and a hit replays them as they were.
    Only the pages of visitors without a session are kept, so a cached page is
    always the anonymous version; a visitor with a session is given it too
    (as `private`), and their own parts come from /me.json.

    The entry holds the generation it was rendered in, the digest of the body,
    the headers and when it was stored; a page of an older generation (or past
    its TTL) is a miss. The body is kept apart under its digest. Each process
    keeps the bodies and entries it served (`Bodies`, `Entries`) and trusts the
    generation it read for PAGE_CACHE_GENERATION_SECONDS (`Generation`), so a
    hit of a page this process served lately makes no round trip to Redis;
    otherwise the generation and the entry come in one.

    GZipMiddleware above would compress a browser's hit again on every request
    (about as long as the rest of the hit): each process instead runs it once
    on a kept page and keeps what it gave (`GZIPPED`), which GZip then leaves
    alone. One compressed output, with one random padding, serves everyone:
    BREACH needs a secret in the body, and a kept page has none (no CSRF
    token, no session: `_storable`).
    """

    def __init__(self, get_response):
        from wagtail import views as wagtail_views

        self.get_response = get_response
        self.page_view = wagtail_views.serve
        self.gzip = GZipMiddleware(get_response)

    def __call__(self, request):
        key = page_cache_key(request)
        if key is None:
            response = self.get_response(request)
            frontcache.set_cache_control(response, shared=False)
            return self._label(request, response, "off")
        current = GENERATION.fresh()
        if current is None:
            # One round trip for both; the generation is then trusted for a
            # moment (see Generation).
            found = cache.get_many([GENERATION_KEY, key])
            current = found.get(GENERATION_KEY)
            if current is not None:
                GENERATION.remember(current)
            entry = found.get(key)
        else:
            # No round trip at all when this process served the page lately.
            entry = ENTRIES.get(key)
            if not _current(entry, current):
                entry = cache.get(key)
        if _current(entry, current):
            digest, headers = entry[1], entry[2]
            content = BODIES.get(digest)
            if content is None:
                content = cache.get(body_key(digest))
                if content is not None:
                    BODIES.put(digest, content)
            if content is not None:
                ENTRIES.put(key, entry)
                return self._replay(request, digest, content, headers)
        # The generation is read before rendering: a change published while
        # the page renders retires it.
        current = current or generation()
        response = self.get_response(request)
        storable = _storable(request, response)
        frontcache.set_cache_control(response, shared=storable)
        if storable:
            content = response.content
            digest = hashlib.sha256(content).hexdigest()
            headers = dict(response.items())
            entry = (current, digest, headers, time.time())
            # The body first: an entry is never there without its body.
            cache.set_many({body_key(digest): content, key: entry}, TTL)
            BODIES.put(digest, content)
            ENTRIES.put(key, entry)
            return self._label(request, response, "miss")
        return self._label(request, response, "off")

    def _replay(self, request, digest, content, headers):
        if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            content, headers = self._gzipped(request, digest, content, headers)
        # After gzip: the kept headers stay the anonymous ones.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            headers = _for_session(headers)
        response = HttpResponse(content, headers=headers)
        response[STATUS_HEADER] = "hit"
        return response

    def _gzipped(self, request, digest, content, headers):
        """The kept page as GZipMiddleware gives it to `request` (which accepts
        gzip), made once per process for these headers (their Vary, ETag).

        A page GZip leaves as it is (under 200 bytes, or no smaller gzipped)
        is kept as GZip gave it too, so this process does not try again; GZip
        above still tries on each hit, as before, since only a
        Content-Encoding would stop it.
        """
        key = (digest, tuple(headers.items()))
        kept = GZIPPED.get(key)
        if kept is None:
            plain = HttpResponse(content, headers=headers)
            response = self.gzip.process_response(request, plain)
            kept = Gzipped(response.content, dict(response.items()))
            GZIPPED.put(key, kept)
        return kept.content, kept.headers

    @staticmethod
    def _label(request, response, state):
        # Only Wagtail's pages say: search, accounts and forms are never cached.
        if getattr(request, "serves_wagtail_page", False):
            response[STATUS_HEADER] = state
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Runs after URL resolution, whatever this middleware's place.
        request.serves_wagtail_page = view_func is self.page_view
