"""View restrictions cover every translation of a page.

Wagtail's rule: a restriction on a page covers the page and everything below
it, and an alias takes its source page's restrictions. Translations live in a
tree of their own per language, so Wagtail alone would leave `/hi/…` of a
private English page public. Here a restriction on any translation of a page
or of one of its ancestors applies to it too, in page views (the hook
`check_view_restrictions` calls `get_view_restrictions`) and in every listing,
feed and sitemap (`public`).
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from .caching import cached


def restricted_roots() -> list[tuple]:
    """(path, translation key, alias source's translation key) of every page
    whose subtree is private in some language: each translation of a
    restricted page, and the aliases of those.

    Kept with the site's generation, which a restriction change renews: most
    pages are public, and then neither a view nor a listing asks the database.
    """

    def compute():
        keys = PageViewRestriction.objects.values("page__translation_key")
        return list(
            Page.objects.filter(
                Q(translation_key__in=keys) | Q(alias_of__translation_key__in=keys)
            ).values_list("path", "translation_key", "alias_of__translation_key")
        )

    return cached("restricted-roots", compute)


def public(queryset):
    """`queryset` without pages under a view restriction in any language."""
    hidden = Q()
    for path, *_keys in restricted_roots():
        hidden |= Q(path__startswith=path)
    # A superset of Wagtail's public(), which would read the restrictions again.
    return queryset.exclude(hidden) if hidden else queryset


class RestrictionsCoverTranslations:
    """A page mixin: the restrictions that apply to this page in any language."""

    def get_view_restrictions(self):
        keys = {
            key
            for path, *pair in restricted_roots()
            if self.path.startswith(path)
            for key in pair
            if key
        }
        if not keys:
            return PageViewRestriction.objects.none()
        found = PageViewRestriction.objects.filter(
            page__translation_key__in=keys
        ).values_list("pk", "page__translation_key", "page__path")
        # Where this language has its own restriction (e.g. each translation
        # has its password), that one applies, not the others' as well.
        own = {key for _pk, key, path in found if self.path.startswith(path)}
        return PageViewRestriction.objects.filter(
            pk__in=[
                pk
                for pk, key, path in found
                if key not in own or self.path.startswith(path)
            ]
        )
