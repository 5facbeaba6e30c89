"""The site frame (menu, footer) is cached per language and dropped on any change.

A generation token names the current cached frame; publishing, unpublishing,
moving or deleting a page that can show in it, or saving the site settings,
starts a new one.
"""

import uuid

from django.core.cache import cache

FRAME_KEY = "home:frame-generation"
FRAME_TTL = 3600


def frame_generation() -> str:
    generation = cache.get(FRAME_KEY)
    if generation is None:
        cache.add(FRAME_KEY, uuid.uuid4().hex[:12], None)
        generation = cache.get(FRAME_KEY) or "0"
    return generation


def frame_cached(name: str, compute):
    """`compute()`, kept until the frame changes (or FRAME_TTL)."""
    return cache.get_or_set(f"home:{name}:{frame_generation()}", compute, FRAME_TTL)


def new_frame_generation(instance=None, **kwargs) -> None:
    if instance is not None and not _in_frame(instance):
        return
    cache.set(FRAME_KEY, uuid.uuid4().hex[:12], None)


def _in_frame(page) -> bool:
    """Whether a page can show in the frame: page types say `in_site_frame = False`
    when they never do (events sit below the events index, never in the menu)."""
    model = getattr(page, "specific_class", None) or type(page)
    return getattr(model, "in_site_frame", True)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, PageViewRestriction
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    from .models import SiteSettings

    page_published.connect(new_frame_generation, dispatch_uid="home-frame-published")
    page_unpublished.connect(
        new_frame_generation, dispatch_uid="home-frame-unpublished"
    )
    page_slug_changed.connect(new_frame_generation, dispatch_uid="home-frame-slug")
    post_save.connect(
        new_frame_generation, sender=SiteSettings, dispatch_uid="home-frame-settings"
    )
    # The menu leaves out private pages.
    for signal in (post_save, post_delete):
        signal.connect(
            new_frame_generation,
            sender=PageViewRestriction,
            dispatch_uid=f"home-frame-restriction-{id(signal)}",
        )
    post_page_move.connect(new_frame_generation, dispatch_uid="home-frame-moved")

    def on_delete(sender, instance, **kwargs):
        if isinstance(instance, Page):
            new_frame_generation(instance)

    post_delete.connect(on_delete, weak=False, dispatch_uid="home-frame-deleted")


def site_settings(request):
    """The site's settings, cached with the frame (saving them starts a new one)."""
    from wagtail.models import Site

    from .models import SiteSettings

    site = Site.find_for_request(request)
    if site is None:
        return SiteSettings()
    return frame_cached(f"settings:{site.pk}", lambda: SiteSettings.for_site(site))
