import unicodedata

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve
from wagtail.models import Locale, Page

SEARCH_PAGE_SIZE = 10
SEARCH_MAX_LENGTH = 200


def clean_search_query(raw: str) -> str:
    """The words to search for: no control characters, no quotes.

    SQLite's full-text syntax fails on an unbalanced double quote and on NUL;
    people do not mean either as search syntax.
    """
    text = "".join(
        " " if ch == '"' or unicodedata.category(ch).startswith("C") else ch
        for ch in raw[: SEARCH_MAX_LENGTH * 2]
    )
    return " ".join(text.split())[:SEARCH_MAX_LENGTH]


@require_GET
def search(request):
    query = clean_search_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(query)
        )
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages or 1)
    return render(
        request,
        "home/search.html",
        {"query": query, "search_results": page, "paginator": paginator},
    )


@never_cache
@require_GET
def healthz(request):
    """200 "ok" when the database answers; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 -- any database failure means unhealthy
        return HttpResponse(
            "database unavailable", status=503, content_type="text/plain"
        )
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /dashboard/",
        "Disallow: /search/",
        "Disallow: /hi/accounts/",
        "Disallow: /hi/dashboard/",
        "Disallow: /hi/search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


# Renditions and originals get a new file name when they change, so a browser may
# keep them for a year; anything else under MEDIA_URL for a day.
MEDIA_MAX_AGE = {"images/": 31_536_000, "original_images/": 31_536_000}
MEDIA_DEFAULT_MAX_AGE = 86_400


@require_GET
def media(request, path):
    """Public media for small deployments that serve it from Django."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    max_age = next(
        (age for prefix, age in MEDIA_MAX_AGE.items() if path.startswith(prefix)),
        MEDIA_DEFAULT_MAX_AGE,
    )
    immutable = ", immutable" if max_age > MEDIA_DEFAULT_MAX_AGE else ""
    response["Cache-Control"] = f"public, max-age={max_age}{immutable}"
    return response
