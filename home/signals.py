"""The one place that retires cached content: a new site generation on any change.

Pages (publish, unpublish, move, slug change, delete), view restrictions,
snippets, site settings, sites and locales all show on cached pages, menus or
footers; changing any of them starts a new generation (`home.caching`), so the
next visitor gets a fresh render everywhere at once. Which groups a restriction
admits changes nothing cached: only anonymous visitors get cached pages, and
listings hide a restricted page from everyone.

Beside it, the front cache (Varnish, a CDN; `home.frontcache`) is purged after
the commit: a published, unpublished or deleted page in every language with the
listings and home pages above it; everything for moves, slug changes and what
shows on every page. The commit also starts one more generation, so that a
page rendered from the old rows between the change and its commit is not kept.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)
from wagtail.snippets.models import get_snippet_models

from . import frontcache
from .caching import new_generation

SHOWN = (PageViewRestriction, Site, Locale, BaseSiteSetting, BaseGenericSetting)


def shows_on_pages(model) -> bool:
    return issubclass(model, SHOWN) or model in get_snippet_models()


def on_commit_new_generation() -> None:
    transaction.on_commit(new_generation)


def purge_page(page) -> None:
    # Pages in the menu or footer show on every page; others (events) only on
    # their own addresses and the listings above them.
    if getattr(page.specific_class, "in_site_frame", True):
        frontcache.purge_all()
    else:
        frontcache.purge_pages([page])


def on_page_change(sender, **kwargs) -> None:
    new_generation()
    on_commit_new_generation()
    purge_page(kwargs["instance"])


def on_page_path_change(sender, **kwargs) -> None:
    # The old address is not the page's any more: drop everything.
    new_generation()
    on_commit_new_generation()
    frontcache.purge_all()


def on_save(sender, created=False, **kwargs) -> None:
    # Saving a page's draft changes nothing public; publishing signals above.
    # Settings are created with their defaults on first read: nothing changes.
    if created and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        return
    # A page created live (an alias) is public at once, without a publish.
    live_page = created and issubclass(sender, Page) and kwargs["instance"].live
    if live_page or shows_on_pages(sender):
        new_generation()
        on_commit_new_generation()
        frontcache.purge_all()


def on_delete(sender, **kwargs) -> None:
    # A live page is unpublished before it is deleted (Wagtail's pre_delete
    # handler, for queryset deletes too), which purges its addresses in
    # `on_page_change`; a draft was never public.
    shown = shows_on_pages(sender)
    if shown or issubclass(sender, Page):
        new_generation()
        on_commit_new_generation()
    if shown:
        frontcache.purge_all()


def connect() -> None:
    for signal in (page_published, page_unpublished):
        signal.connect(on_page_change, dispatch_uid=f"site-generation-{id(signal)}")
    for signal in (page_slug_changed, post_page_move):
        signal.connect(
            on_page_path_change, dispatch_uid=f"site-generation-{id(signal)}"
        )
    post_save.connect(on_save, dispatch_uid="site-generation-save")
    post_delete.connect(on_delete, dispatch_uid="site-generation-delete")
