"""Retire cached event pages whenever what they show changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .caching import invalidate


def _invalidate(sender, **kwargs):
    invalidate()


def connect() -> None:
    from .models import (
        EventIndexPage,
        EventPage,
        EventType,
        Language,
        Speaker,
        Topic,
        Venue,
    )

    for model in (EventPage, EventIndexPage):
        page_published.connect(
            _invalidate, sender=model, dispatch_uid=f"events-pub-{model.__name__}"
        )
        page_unpublished.connect(
            _invalidate, sender=model, dispatch_uid=f"events-unpub-{model.__name__}"
        )
        post_delete.connect(
            _invalidate, sender=model, dispatch_uid=f"events-del-{model.__name__}"
        )
        post_page_move.connect(
            _invalidate, sender=model, dispatch_uid=f"events-move-{model.__name__}"
        )
    # A page made private must leave the cache at once, as must one made public.
    for model in (EventType, Venue, Speaker, Topic, Language, PageViewRestriction):
        post_save.connect(
            _invalidate, sender=model, dispatch_uid=f"events-save-{model.__name__}"
        )
        post_delete.connect(
            _invalidate, sender=model, dispatch_uid=f"events-sdel-{model.__name__}"
        )
