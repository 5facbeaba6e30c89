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


def restricted_roots():
    """Pages whose subtree is private in some language: every translation of a
    restricted page, and the aliases of those."""
    keys = PageViewRestriction.objects.values("page__translation_key")
    return Page.objects.filter(
        Q(translation_key__in=keys) | Q(alias_of__translation_key__in=keys)
    )


def public(queryset):
    """`queryset` without pages under a view restriction in any language."""
    hidden = Q()
    for path in restricted_roots().values_list("path", flat=True):
        hidden |= Q(path__startswith=path)
    return queryset.public().exclude(hidden) if hidden else queryset.public()


class RestrictionsCoverTranslations:
    """A page mixin: the restrictions that apply to this page in any language."""

    def get_view_restrictions(self):
        steps = range(Page.steplen, len(self.path) + 1, Page.steplen)
        lineage = Page.objects.filter(path__in=[self.path[:end] for end in steps])
        return PageViewRestriction.objects.filter(
            Q(page__translation_key__in=lineage.values("translation_key"))
            | Q(
                page__translation_key__in=lineage.filter(alias_of__isnull=False).values(
                    "alias_of__translation_key"
                )
            )
        )
