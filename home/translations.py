"""Listings in a language that is only partly translated.

A page not yet translated into a language is listed there in the language it
has (the site's main one, usually) rather than left out: a language never
lists less than the main one. Each item carries `listed_language` so that a
card can mark its text with `lang` and say it is not translated yet.
"""

from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page


def in_language(qs, language: str):
    """`qs` (live pages of one model) in `language`, and in the main language
    where a page has no live translation into `language`."""
    translated = qs.model.objects.live().filter(locale__language_code=language)
    return qs.annotate(listed_language=F("locale__language_code")).filter(
        Q(locale__language_code=language)
        | Q(locale__language_code=settings.LANGUAGE_CODE)
        & ~Q(translation_key__in=translated.values("translation_key"))
    )


def listed_under(qs, index_page):
    """`qs` narrowed to the children of `index_page`, plus, once each, those of
    its translations that have no live translation into its language yet: in
    the main language, or else in the language they have."""
    own = index_page.locale_id
    indexes = Page.objects.filter(translation_key=index_page.translation_key)
    live = qs.model.objects.live()
    translated = live.filter(locale_id=own).values("translation_key")
    in_main = live.filter(locale__language_code=settings.LANGUAGE_CODE).values(
        "translation_key"
    )
    return (
        qs.annotate(
            parent_path=Substr("path", 1, Length("path") - Page.steplen),
            listed_language=F("locale__language_code"),
        )
        .filter(parent_path__in=indexes.values("path"))
        .filter(
            Q(locale_id=own)
            | ~Q(translation_key__in=translated)
            & (
                Q(locale__language_code=settings.LANGUAGE_CODE)
                | ~Q(translation_key__in=in_main)
            )
        )
    )


def localized_pages(pages) -> dict:
    """{pk: the page's live translation in the active language, or the page
    itself} for `pages` (one model), in one query, where `page.localized`
    takes one per page."""
    from django.utils.translation import get_language, get_supported_language_variant

    pages = list(pages)
    if not pages:
        return {}
    language = get_supported_language_variant(get_language())
    found = {
        page.translation_key: page
        for page in type(pages[0])
        .objects.live()
        .filter(
            translation_key__in={page.translation_key for page in pages},
            locale__language_code=language,
        )
    }
    return {page.pk: found.get(page.translation_key, page) for page in pages}


def locale_id(language: str | None = None) -> int | None:
    """The id of the Locale of `language` (the active one by default; the
    site's main one when that has none), remembered until the site's content
    changes: Wagtail's `Locale.get_active()` is a query each time."""
    from django.utils import translation
    from wagtail.models import Locale

    from .caching import remembered

    language = language or translation.get_language() or settings.LANGUAGE_CODE

    def find() -> int | None:
        try:
            return Locale.objects.get_for_language(language).pk
        except (Locale.DoesNotExist, LookupError):
            if language == settings.LANGUAGE_CODE:
                return None
            return locale_id(settings.LANGUAGE_CODE)

    return remembered(f"locale-id:{language}", find)


def localized(obj):
    """`obj.localized` (its live translation in the active language, else
    `obj`) without a query for the active Locale."""
    from wagtail.models import DraftStateMixin

    active = locale_id()
    if active is None or active == obj.locale_id:
        return obj
    found = obj.get_translation_or_none(active)
    if found is None or (isinstance(found, DraftStateMixin) and not found.live):
        return obj
    return found
