"""Serving a page's route from a plain Django URL, with Wagtail's hooks.

A few routes are hot enough (an event's registration form at an opening) that
Wagtail's routing, a site, a locale and a page query per path segment, is most
of their cost. Their own URL pattern finds the page in one query and hands it
here, where it is served exactly as `wagtail.views.serve` serves a routed page:
the `before_serve_page` hooks (the request method), then the `on_serve_page`
chain (view restrictions, the second factor for group restrictions), then the
page's route.
"""

from django.http import HttpResponse
from wagtail import hooks


def serve_route(page, request, view, args=(), kwargs=None):
    """`page`'s route `view` (a bound method of it) as Wagtail would serve it
    after routing `request` there (RoutablePageMixin's route arguments)."""
    route_args, route_kwargs = (view, list(args), dict(kwargs or {})), {}

    def serve_chain(page, request, serve_args, serve_kwargs):
        return page.serve(request, *serve_args, **serve_kwargs)

    chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, route_args, route_kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, route_args, route_kwargs)


def site_for(request):
    """`Site.find_for_request(request)` without its query on every request:
    remembered per host and port until the site's content changes (saving a
    site starts a new generation, home.signals)."""
    from wagtail.models import Site

    from home.caching import remembered

    return remembered(
        f"site-for:{request.get_host()}", lambda: Site.find_for_request(request)
    )
