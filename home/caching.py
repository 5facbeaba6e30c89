"""The site frame (menu, footer) is cached per language and dropped on any change.

A generation token names the current cached frame; publishing, unpublishing,
moving or deleting a page, or saving the site settings, starts a new one.
"""

import uuid

from django.core.cache import cache

FRAME_KEY = "home:frame-generation"


def frame_generation() -> str:
    generation = cache.get(FRAME_KEY)
    if generation is None:
        cache.add(FRAME_KEY, uuid.uuid4().hex[:12], None)
        generation = cache.get(FRAME_KEY) or "0"
    return generation


def new_frame_generation(**kwargs) -> None:
    cache.set(FRAME_KEY, uuid.uuid4().hex[:12], None)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_slug_changed, page_unpublished

    from .models import SiteSettings

    page_published.connect(new_frame_generation, dispatch_uid="home-frame-published")
    page_unpublished.connect(
        new_frame_generation, dispatch_uid="home-frame-unpublished"
    )
    page_slug_changed.connect(new_frame_generation, dispatch_uid="home-frame-slug")
    post_save.connect(
        new_frame_generation, sender=SiteSettings, dispatch_uid="home-frame-settings"
    )

    def on_delete(sender, instance, **kwargs):
        if isinstance(instance, Page):
            new_frame_generation()

    post_delete.connect(on_delete, weak=False, dispatch_uid="home-frame-deleted")
