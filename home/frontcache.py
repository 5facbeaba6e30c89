"""The front cache (Varnish, a CDN): what it may keep, and purging what changed.

Headers: a page the in-app page cache may store (`home.caching`: an anonymous GET
of a public page, no cookie set, no CSRF token, no message) is the same for every
anonymous visitor, so it is `public` with an `s-maxage` for shared caches and
`max-age=0` for browsers (a publish shows at once). Every other response without
its own Cache-Control is `private`: it may belong to one person.

Purging: `home.signals` calls `purge_pages` when a page is published, unpublished
or deleted (the page in every language, with the listings and home pages above
it) and `purge_all` for anything shown on every page (menu, footer, settings,
moves). Both run after the transaction commits, through Wagtail's frontend cache
backends (`WAGTAILFRONTENDCACHE`, configured from the environment in settings),
and once more PAGE_CACHE_GENERATION_SECONDS later (see `purge`).
"""

import logging
import threading

import requests
from django.conf import settings
from django.db import transaction
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.backends import cloudflare
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import Page, Site

logger = logging.getLogger("coe.frontcache")


def set_cache_control(response, *, shared: bool) -> None:
    """Public for a page every anonymous visitor shares, else private."""
    if shared:
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.FRONT_CACHE_SECONDS
        )
    elif not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True)


def page_urls(page: Page) -> set[str]:
    """The page's addresses in every language, and those of the pages above it
    (listings, home) that show it; Wagtail's site root is never a page shown."""
    urls = set()
    cache_object = Site.objects.first()
    for version in page.get_translations(inclusive=True).specific(defer=True):
        for shown in [version, *version.get_ancestors().filter(depth__gt=1)]:
            root = shown.get_full_url(cache_object)
            if root:
                urls.update(
                    root + path.lstrip("/")
                    for path in shown.specific_deferred.get_cached_paths()
                )
    return urls


def site_urls() -> set[str]:
    """Everything: `/*` of each site (a prefix ban in Varnish, `/*` in CloudFront)."""
    return {site.root_url.rstrip("/") + "/*" for site in Site.objects.all()}


def purge(urls: set[str]) -> None:
    # Purges right after the commit, in this process: the next visitor gets the
    # change at once, without waiting for the task worker.
    if urls and settings.WAGTAILFRONTENDCACHE:
        purge_urls_from_cache_task.call(sorted(urls))
        # Another app server trusts the generation it read for up to
        # PAGE_CACHE_GENERATION_SECONDS (home.caching.Generation) and may give
        # the front cache the previous page meanwhile: purge once more after it.
        delay = settings.PAGE_CACHE_GENERATION_SECONDS
        if delay > 0:
            threading.Timer(
                delay + 0.1, purge_urls_from_cache_task.call, [sorted(urls)]
            ).start()


def purge_pages(pages) -> None:
    if not settings.WAGTAILFRONTENDCACHE:
        return
    urls = set()
    for page in pages:
        urls |= page_urls(page)
    transaction.on_commit(lambda: purge(urls))


def purge_all() -> None:
    if settings.WAGTAILFRONTENDCACHE:
        urls = site_urls()
        transaction.on_commit(lambda: purge(urls))


class CloudflareBackend(cloudflare.CloudflareBackend):
    """Wagtail's Cloudflare backend, where `https://host/*` purges the whole zone
    (Cloudflare purges single URLs only; "everything" is its own call)."""

    def purge_batch(self, urls) -> None:
        if not any(url.endswith("/*") for url in urls):
            super().purge_batch(urls)
            return
        if self.cloudflare_token:
            headers = {"Authorization": f"Bearer {self.cloudflare_token}"}
        else:
            headers = {
                "X-Auth-Email": self.cloudflare_email,
                "X-Auth-Key": self.cloudflare_api_key,
            }
        response = requests.post(
            self.cloudflare_purge_endpoint_url,
            json={"purge_everything": True},
            headers=headers,
            timeout=30,
        )
        if not response.ok:
            logger.error("Couldn't purge everything from Cloudflare: %s", response.text)
