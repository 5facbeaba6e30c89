"""The site's public address: one source for every absolute link.

`settings.SITE_URL` (e.g. https://coe.example.in) when it is set, as it always
is in production; in development the request's own scheme and host, so that
links work on whatever port `runserver` uses.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import reverse


def site_url(request=None) -> str:
    """The site's scheme and host, without a trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def local_path(url: str) -> str:
    """`url` as a path on this site: `//evil.test/x` names no other host here."""
    parts = urlsplit(url)
    path = "/" + parts.path.lstrip("/")
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def absolute_url(url: str, request=None) -> str:
    """`url` (a path of this site, or an address elsewhere) as an absolute URL."""
    if urlsplit(url).scheme:
        return url  # already absolute: another site, or media on a CDN
    return site_url(request) + local_path(url)


def site_address() -> tuple[str, int] | None:
    """Host name and port of SITE_URL, for the Wagtail Site record."""
    if not settings.SITE_URL:
        return None
    parts = urlsplit(settings.SITE_URL)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname, parts.port or default_port


def home_path() -> str:
    """The home page's path in the active language ("/", "/hi/"), no query."""
    return reverse("wagtail_serve", args=[""])
