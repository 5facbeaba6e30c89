"""Page lookups in single queries, where Wagtail's generic ones take several.

Wagtail walks the tree one level at a time (two queries a level), checks view
restrictions in two queries, and `PageQuerySet.public()` reads every restriction
before it filters. On the busiest pages those add up; these helpers express the
same rules as SQL conditions so that each costs one query, or none.
"""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site


def view_restricted() -> Exists:
    """True for a page under a view restriction: one on the page or an ancestor,
    where an alias has its source page's restrictions (Wagtail's rule)."""
    return Exists(
        PageViewRestriction.objects.filter(
            Q(
                page__path=Substr(OuterRef("path"), 1, Length("page__path")),
                page__alias_of__isnull=True,
            )
            | Q(
                page__aliases__path=Substr(
                    OuterRef("path"), 1, Length("page__aliases__path")
                )
            )
        )
    )


def public(queryset):
    """`queryset` without pages under a view restriction, in the same query
    (`PageQuerySet.public()` reads the restrictions first)."""
    return queryset.exclude(view_restricted())


def with_restriction_flag(queryset):
    """Pages that know whether any view restriction applies to them, so that
    serving one that has none skips the restrictions query."""
    return queryset.annotate(has_view_restrictions=view_restricted())


def in_localized_site(queryset, site: Site, depth: int, language: str | None = None):
    """Pages `depth` levels below `site`'s home page in the active language.

    The home page in another language is its translation, a sibling of the
    site's root page; this finds the pages under either without looking the
    translation up first.
    """
    root = site.root_page
    roots = Page.objects.filter(
        translation_key=root.translation_key,
        depth=root.depth,
        path=Substr(OuterRef("path"), 1, root.depth * Page.steplen),
    )
    return queryset.filter(
        Exists(roots),
        depth=root.depth + depth,
        locale__language_code=language or translation.get_language(),
    )


class ViewRestrictionsInOneQuery:
    """A page mixin: the restrictions that apply to a page, in one query.

    Same rule as `Page.get_view_restrictions`: restrictions on the page and its
    ancestors, where an alias takes its source page's restrictions.
    """

    def get_view_restrictions(self):
        if getattr(self, "has_view_restrictions", None) is False:
            return PageViewRestriction.objects.none()
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True)
            | Q(page__aliases__path__in=paths)
        ).distinct()


def parent_title() -> Subquery:
    """The title of a page's parent, for breadcrumbs without another query."""
    return Subquery(
        Page.objects.filter(
            path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Page.steplen)
        ).values("title")[:1]
    )
