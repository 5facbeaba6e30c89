"""Events before Wagtail's page routing: cached pages, one-query routing, files.

1. An anonymous GET of a cached event page is answered from the cache before
   anything else looks at the database (seats are still filled in fresh).
2. `/events/` and `/events/<slug>/` (and their `/hi/` twins) are found in one
   query instead of Wagtail's two a tree level. The page goes into the route
   that Wagtail's `serve` view caches on the request, so Wagtail still runs its
   hooks (view restrictions included) and the page's own `serve`.
3. Wagtail's page URL only matches paths of slugs ending in "/", so
   `/events/feed.ics` never reaches the page's routes. This middleware routes it
   the same way and then hands it to Wagtail's `serve` view.
"""

import re

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, resolve
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from home.caching import frame_cached
from home.routing import in_localized_site, parent_title, with_restriction_flag

FILES = ("feed.ics", "feed.rss", "calendar.ics", "availability.json")
FILE_PATTERN = re.compile(
    r"^/(?:(?P<lang>[a-z]{2})/)?(?P<path>(?:[\w\-]+/)+)(?P<file>"
    + "|".join(re.escape(name) for name in FILES)
    + r")$"
)


def find_event_page(request, components: list[str]):
    """The events index or event page that `components` start with, or None.

    Returns (page, remaining components). One query: an index is a child of the
    home page, an event a child of an index.
    """
    from .models import EventIndexPage, EventPage

    site = Site.find_for_request(request)
    if site is None or not components:
        return None
    if len(components) == 1:
        depth, queryset = 1, EventIndexPage.objects.all()
    else:
        depth = 2
        queryset = EventPage.objects.select_related("event_type", "venue", "hero_image")
    own = components[:depth]
    page = (
        with_restriction_flag(in_localized_site(queryset, site, depth))
        .filter(slug=own[-1], url_path__endswith="/" + "/".join(own) + "/")
        .annotate(parent_title=parent_title())
        .order_by()[:1]
    )
    page = page[0] if page else None
    if page is None:
        return None
    return page, components[depth:]


def index_slugs() -> set[str]:
    """Slugs of the events indexes, so that other pages are not looked up twice.

    Kept with the site frame: an index is in the menu, so publishing, moving or
    deleting one starts a new frame; publishing an event does not.
    """
    from .models import EventIndexPage

    return frame_cached(
        "events-index-slugs",
        lambda: set(EventIndexPage.objects.values_list("slug", flat=True)),
    )


def preroute(request, path: str) -> bool:
    """Put the event page at `path` where Wagtail's serve view will find it."""
    components = [part for part in path.split("/") if part]
    if not components or components[0] not in index_slugs():
        return False
    found = find_event_page(request, components)
    if found is None:
        return False
    page, remaining = found
    try:
        route = page.route(request, remaining)
    except Http404:
        route = None
    request._wagtail_route_for_request = route
    return True


class EventsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path_info.endswith("/"):
            from .caching import cached_response

            hit = cached_response(request)
            if hit is not None:
                return hit
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            if match is not None and match.func is wagtail_views.serve:
                # Wagtail's serve pattern passes the path positionally.
                path = match.args[0] if match.args else match.kwargs.get("path", "")
                preroute(request, path)
            return self.get_response(request)
        match = FILE_PATTERN.match(request.path_info)
        if match:
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

        components = [part for part in match["path"].split("/") if part]
        found = find_event_page(request, components)
        if found is None:
            # An index somewhere other than just below the home page.
            route = Page.route_for_request(request, match["path"])
            del request._wagtail_route_for_request
            if route is None or not isinstance(route[0], EventIndexPage | EventPage):
                return None
            page = route[0]
        else:
            page, remaining = found
            if remaining:
                return None
        try:
            view, args, kwargs = page.resolve_subpage("/" + match["file"])
        except Http404:
            return None
        request._wagtail_route_for_request = RouteResult(
            page, args=(view, args, kwargs)
        )
        # Wagtail's own view: its hooks check view restrictions before serving.
        return wagtail_views.serve(request, match["path"] + match["file"])
