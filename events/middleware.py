"""Events before Wagtail's page routing: cached pages, and dotted file routes.

1. An anonymous GET of a cached event page is answered from the cache before
   Wagtail looks the page up (seats are still filled in fresh).
2. Wagtail's catch-all page URL only matches paths of slugs ending in "/", so
   `/events/feed.ics` never reaches the page's routes. This middleware finds the
   page the way Wagtail's serve view does and hands the file to the page's own
   route (RoutablePageMixin), so caching stays in one place.
"""

import re

from django.conf import settings
from django.http import Http404
from django.utils import translation
from wagtail.models import Site

FILES = ("feed.ics", "feed.rss", "calendar.ics", "availability.json")
PATTERN = re.compile(
    r"^/(?:(?P<lang>[a-z]{2})/)?(?P<path>(?:[\w\-]+/)+)(?P<file>"
    + "|".join(re.escape(name) for name in FILES)
    + r")$"
)


class EventsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        # Only page URLs (ending in "/") can be cached pages; /healthz, static
        # files and the like pass straight through without touching the database.
        if request.method in ("GET", "HEAD") and request.path_info.endswith("/"):
            from .caching import cached_response

            hit = cached_response(request)
            if hit is not None:
                return hit
        match = PATTERN.match(request.path_info)
        if match and request.method in ("GET", "HEAD"):
            lang = match["lang"]
            if lang is None or (
                lang in self.languages and lang != settings.LANGUAGE_CODE
            ):
                response = self.serve_file(request, match)
                if response is not None:
                    return response
        return self.get_response(request)

    def serve_file(self, request, match):
        from .models import EventIndexPage, EventPage

        site = Site.find_for_request(request)
        if site is None:
            return None
        components = [part for part in match["path"].split("/") if part]
        with translation.override(match["lang"] or settings.LANGUAGE_CODE):
            root = site.root_page.localized.specific
            try:
                page, _args, _kwargs = root.route(request, components)
            except Http404:
                return None
            if not isinstance(page, EventIndexPage | EventPage):
                return None
            try:
                view, args, kwargs = page.resolve_subpage("/" + match["file"])
            except Http404:
                return None
            return page.serve(request, view, args, kwargs)
