"""Anonymous GETs of event pages from the cache; seats filled in fresh each time.

The HTML is cached with markers (`<!--events:seats:ID-->`, `<!--events:cta:ID-->`)
where the seats badge and the call to action go. Every response, cached or not,
has the markers replaced from `services.availability_for`, so what changes with
each registration is never stale. Publishing, unpublishing or deleting an event
(or editing a snippet it shows) bumps a generation number that is part of every
key, which retires all cached event pages at once.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils import translation

GENERATION_KEY = "events:generation"
PAGE_TTL = 600  # seconds; also bounds how long "upcoming" can lag behind the clock
CACHED_QUERY_PARAMS = (
    "q",
    "when",
    "type",
    "format",
    "city",
    "language",
    "topic",
    "month",
    "page",
)
UNCACHED_VIEWS = {"availability_json"}
MARKER = re.compile(r"<!--events:(seats|cta):(\d+)-->")


def marker(kind: str, pk: int) -> str:
    return f"<!--events:{kind}:{pk}-->"


def generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = str(time.time_ns())
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def invalidate() -> None:
    cache.set(GENERATION_KEY, str(time.time_ns()), None)


def remember(name: str, compute):
    """`compute()`, kept until the next change to events (or PAGE_TTL)."""
    return cache.get_or_set(f"events:{name}:{generation()}", compute, PAGE_TTL)


def _cache_key(request) -> str:
    params = sorted(
        (key, value[:100])
        for key in CACHED_QUERY_PARAMS
        for value in request.GET.getlist(key)[:1]
        if value
    )
    raw = repr((request.path, params))
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"events:page:{generation()}:{translation.get_language()}:{digest}"


def cached_response(request) -> HttpResponse | None:
    """The cached page for this anonymous request, with fresh seats; or None."""
    if not _cacheable_request(request):
        return None
    hit = cache.get(_cache_key(request))
    if hit is None:
        return None
    content, content_type, headers = hit
    response = HttpResponse(content_type=content_type)
    for name, value in headers:
        response[name] = value
    return _finish(response, content, "hit")


def _cacheable_request(request) -> bool:
    if not getattr(settings, "CACHE_PAGES", True):
        return False
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return False
    # Anyone with a session or pending messages may see something personal.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return not request.user.is_authenticated


def fill_markers(content: str, known=()) -> str:
    """Replace the seats and call-to-action markers with fresh HTML.

    `known` are events already loaded for this response (a fresh render), so
    only a cached page reads them again.
    """
    ids = {int(pk) for _kind, pk in MARKER.findall(content)}
    if not ids:
        return content
    from .models import EventPage
    from .services import availability_for

    events = {event.pk: event for event in known if event.pk in ids}
    missing = ids - events.keys()
    events |= {
        event.pk: event
        for event in EventPage.objects.filter(pk__in=missing).only(
            "id",
            "translation_key",
            "slug",
            "capacity",
            "registration_required",
            "registration_opens",
            "registration_closes",
            "waitlist_enabled",
            "needs_approval",
            "price_paise",
            "status",
            "start",
            "end",
            "url_path",
            "locale_id",
        )
    }
    states = availability_for(events.values())

    def replace(match):
        kind, pk = match.group(1), int(match.group(2))
        event = events.get(pk)
        if event is None:
            return ""
        template = (
            "events/includes/seats_badge.html"
            if kind == "seats"
            else "events/includes/cta.html"
        )
        context = {"event": event, "availability": states[pk]}
        if kind == "cta":
            from .templatetags.events_tags import cta_context

            context = cta_context(event, states[pk])
        return render_to_string(template, context)

    return MARKER.sub(replace, content)


def register_url(event) -> str | None:
    """The registration page's address, once an issue adds that route."""
    try:
        sub = event.reverse_subpage("register")
    except NoReverseMatch:
        return None
    base = event.get_url()
    return f"{base}{sub}" if base else None


def _finish(response, content: str, status: str, known=()) -> HttpResponse:
    response.content = fill_markers(content, known).encode(response.charset)
    response["X-Events-Cache"] = status
    return response


def serve_cached(page, request, serve, *args, **kwargs):
    """Serve `page` (a routable event page) from the cache when it is safe to."""
    view = args[0] if args else kwargs.get("view")
    view_name = getattr(view, "__name__", "")
    if view_name in UNCACHED_VIEWS:
        return serve(request, *args, **kwargs)
    key = _cache_key(request) if _cacheable_request(request) else None
    if key:
        hit = cached_response(request)
        if hit is not None:
            return hit
    response = serve(request, *args, **kwargs)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if getattr(response, "streaming", False) or response.status_code != 200:
        return response
    content = response.content.decode(response.charset)
    if (
        key
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "csrfmiddlewaretoken" not in content
    ):
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() == "content-disposition"
        ]
        cache.set(key, (content, response["Content-Type"], headers), PAGE_TTL)
        status = "miss"
    else:
        status = "off"
    return _finish(response, content, status, _rendered_events(page, response))


def _rendered_events(page, response) -> list:
    """The events a fresh render already loaded: the page itself, or its cards."""
    from .models import EventPage

    if isinstance(page, EventPage):
        return [page]
    context = getattr(response, "context_data", None) or {}
    return list(context.get("events") or ())
