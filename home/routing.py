"""Page lookups in single queries, where Wagtail's generic ones take several.

Wagtail walks the tree one level at a time (two queries a level), checks view
restrictions in two queries, and `PageQuerySet.public()` reads every restriction
before it filters. On the busiest pages those add up; these helpers express the
same rules as SQL conditions so that each costs one query, or none.
"""

from django.db.models import CharField, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Length, Substr
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site


def _restrictions_over(path) -> Q:
    """Restrictions that apply to the page at tree `path` (an expression): those
    on the page or an ancestor, where an alias has its source page's (Wagtail's
    rule)."""
    return Q(
        page__path=Substr(path, 1, Length("page__path")),
        page__alias_of__isnull=True,
    ) | Q(page__aliases__path=Substr(path, 1, Length("page__aliases__path")))


def view_restricted() -> Exists:
    """True for a page under a view restriction."""
    return Exists(
        PageViewRestriction.objects.filter(_restrictions_over(OuterRef("path")))
    )


def public(queryset):
    """`queryset` without pages under a view restriction, in the same query
    (`PageQuerySet.public()` reads the restrictions first)."""
    return queryset.exclude(view_restricted())


def with_restriction_flag(queryset):
    """Pages that know whether any view restriction applies to them, so that
    serving one that has none skips the restrictions query."""
    return queryset.annotate(has_view_restrictions=view_restricted())


def in_localized_site(queryset, site: Site, depth: int):
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
        locale__language_code=translation.get_language(),
    )


class ViewRestrictionsInOneQuery:
    """A page mixin: the restrictions that apply to a page, in one query.

    The same rule as `Page.get_view_restrictions` (and `view_restricted`).
    """

    def get_view_restrictions(self):
        if getattr(self, "has_view_restrictions", None) is False:
            return PageViewRestriction.objects.none()
        path = Value(self.path, output_field=CharField())
        return PageViewRestriction.objects.filter(_restrictions_over(path)).distinct()


def parent_title() -> Subquery:
    """The title of a page's parent, for breadcrumbs without another query."""
    return Subquery(
        Page.objects.filter(
            path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Page.steplen)
        ).values("title")[:1]
    )
