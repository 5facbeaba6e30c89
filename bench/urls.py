"""The site's URLs, plus the bare Django view the pages are measured against."""

from django.shortcuts import render
from django.urls import path

from coe_site.urls import handler404, handler500
from coe_site.urls import urlpatterns as site_urlpatterns

ITEMS = [
    {
        "slug": f"item-{n}",
        "title": f"A bare list item number {n}",
        "summary": "Plain text of about the length of an event card's summary line.",
    }
    for n in range(100)
]


def bare(request):
    """A 20 KB template and no database: the baseline every page is compared to."""
    return render(request, "bench/bare.html", {"items": ITEMS})


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
__all__ = ["handler404", "handler500", "urlpatterns"]
