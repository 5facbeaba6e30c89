"""Template tags for the site frame: language switch, menu, footer."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.db.models import F, Q
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from home.caching import remembered
from home.links import absolute_url, home_path, local_path
from home.privacy import public
from home.routing import site_for

register = template.Library()


# The listing filters a language switch keeps: values that mean the same in
# every language; never the page number (the other listing may be shorter).
SWITCH_QUERY_PARAMS = settings.PAGE_CACHE_QUERY_PARAMS - {"page"}


def _language_links(context, include_current=False):
    """This same page in each language.

    A Wagtail page links to its live translation, or else to the translation of
    its nearest translated ancestor (`fallback`): never to a page that is not
    there. Any other view links to the same path under the other language's
    prefix. The listing's known filters come along; nothing else does.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    targets = _switch_targets(request, page)
    for code, name in settings.LANGUAGES:
        if code == current and not include_current:
            continue
        url, fallback = None, False
        if code in targets:
            url, fallback = targets[code]
        if url is None and request is not None:
            # The path only: on a 404 for //evil.test/ no link leads off-site.
            url = translate_url(local_path(request.path), code)
            # A page with no translation there is shown in its own language
            # under that prefix: a way in, not an alternate.
            fallback = fallback or (isinstance(page, Page) and bool(page.pk))
        if url is not None and not fallback:
            url += _kept_query(request)
        links.append(
            {
                "code": code,
                "name": name,
                "label": settings.LANGUAGE_SWITCH_LABELS.get(code, name),
                "url": url,
                "fallback": fallback,
            }
        )
    return links


def _kept_query(request) -> str:
    """The request's non-empty listing filters as a query string, or ''."""
    if request is None:
        return ""
    kept = [
        (name, value)
        for name, values in request.GET.lists()
        if name in SWITCH_QUERY_PARAMS
        for value in values
        if value.strip()
    ]
    return "?" + urlencode(kept) if kept else ""


def _switch_targets(request, page) -> dict:
    """Where the switch leads from `page`, by language code: (address, fallback).

    The address of the live translation of `page`, or, for a language it has
    none in, of the deepest ancestor translated into it. Kept in the process's
    memory until the site's content changes (every signed-in page shows it).
    """
    if not isinstance(page, Page) or not page.pk:
        return {}
    host = request.get_host() if request is not None else ""
    return remembered(
        f"switch-targets:{host}:{page.pk}", lambda: _find_switch_targets(request, page)
    )


def _find_switch_targets(request, page) -> dict:
    # One query: the page's live translations and those of its ancestors.
    keys = page.get_ancestors(inclusive=True).filter(depth__gt=1)
    found = (
        Page.objects.filter(
            translation_key__in=keys.values("translation_key"),
            locale__language_code__in=[code for code, _name in settings.LANGUAGES],
            live=True,
        )
        .select_related("locale")
        .order_by("depth")
    )
    targets = {}
    for translated in found:  # deeper ones last: they win
        code = translated.locale.language_code
        if translated.translation_key == page.translation_key:
            targets[code] = (translated, False)
        elif not (code in targets and not targets[code][1]):
            targets[code] = (translated, True)
    return {
        code: (target.get_url(request=request), fallback)
        for code, (target, fallback) in targets.items()
    }


@register.inclusion_tag("components/language_switch.html", takes_context=True)
def language_switch(context):
    return {"links": _language_links(context), "current": translation.get_language()}


@register.simple_tag
def language_fonts(language: str) -> list[str]:
    """The web fonts (static paths) a page in `language` preloads."""
    return settings.LANGUAGE_FONTS.get(language, [])


@register.inclusion_tag("components/alternate_links.html", takes_context=True)
def alternate_links(context):
    request = context.get("request")
    links = _language_links(context, include_current=True)
    for link in links:
        if link["fallback"]:
            link["url"] = None  # another page: not this one's alternate
        if request is not None and link["url"]:
            link["url"] = absolute_url(link["url"], request)
    return {"links": links}


@register.filter
def is_within(current_path, url_path):
    """True when the page at `current_path` is `url_path` or below it."""
    return bool(current_path and url_path and current_path.startswith(url_path))


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's children in the menu, in the active language.

    The items are cached per language until the site's content changes; only
    which one is current is worked out per page.
    """
    request = context.get("request")
    site = site_for(request) if request else None
    page = context.get("page")

    def menu_items():
        home = site.root_page
        if not isinstance(page, Page):
            home = home.localized
        elif page.translation_key == home.translation_key:
            home = page  # a translation of the home page: it is the root here
        elif home.locale_id != page.locale_id:
            # The served page is in the tree of the active language: its locale
            # spares `localized` a query for the active Locale.
            home = home.get_translation_or_none(page.locale_id) or home
        pages = public(home.get_children().live().in_menu())
        return [
            {
                "title": page.title,
                "url": page.get_url(request=request),
                "url_path": page.url_path,
            }
            for page in pages.order_by("path").only(
                "title", "url_path", "path", "depth"
            )
        ]

    items = []
    if site is not None:
        language = translation.get_language()
        items = remembered(f"menu:{site.pk}:{language}", menu_items)
    current_path = page.url_path if isinstance(page, Page) else None
    return {"items": items, "current_path": current_path}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The way from the home page down to this one.

    Pages below the first level read their ancestors.
    """
    page = context.get("page")
    request = context.get("request")
    site = site_for(request) if request else None
    if not isinstance(page, Page) or site is None:
        return {"crumbs": []}
    home_depth = site.root_page.depth
    if page.depth <= home_depth:
        return {"crumbs": []}
    crumbs = [{"title": _("Home"), "url": home_url()}]
    if page.depth > home_depth + 1:
        crumbs += [
            {"title": ancestor.title, "url": ancestor.get_url(request=request)}
            for ancestor in page.get_ancestors().filter(depth__gt=home_depth)
        ]
    return {"crumbs": crumbs, "page": page}


@register.filter
def localized_page(page):
    """The live translation of `page` in the active language, or the page itself."""
    if page is None:
        return None
    localized = page.localized
    return localized if localized.live else page


@register.simple_tag
def frame_generation():
    """The site's content generation: cached fragments of the frame key on it."""
    from home.caching import generation

    return generation()


@register.simple_tag
def home_url():
    """The home page's URL in the active language, without a database query."""
    return home_path()


@register.simple_tag
def home_address():
    """The home page's absolute address in the active language (for emails)."""
    return absolute_url(home_path())


@register.simple_tag(takes_context=True)
def site_settings(context):
    """The site's settings, cached with the frame."""
    from home.models import SiteSettings

    request = context.get("request")
    return SiteSettings.cached_for(request) if request is not None else None


@register.simple_tag(takes_context=True)
def policy_links(context):
    """The footer's policy pages in the active language, in one query, then
    remembered until the site's content changes (the registration form shows
    them to every signed-in person)."""
    s = site_settings(context)
    if s is None:
        return []
    request = context.get("request")
    host = request.get_host() if request is not None else ""
    return remembered(
        f"policy-links:{host}:{translation.get_language()}",
        lambda: _find_policy_links(s, request),
    )


def _find_policy_links(s, request) -> list[dict]:
    chosen = [
        s.privacy_page_id,
        s.terms_page_id,
        s.refund_page_id,
        s.accessibility_page_id,
        s.hyperlinking_page_id,
        s.copyright_page_id,
    ]
    KINDS = {
        s.privacy_page_id: "privacy",
        s.terms_page_id: "terms",
        s.refund_page_id: "refunds",
    }
    chosen = [pk for pk in chosen if pk]
    if not chosen:
        return []
    # The chosen pages and their translations in the active language together.
    pages = list(
        Page.objects.filter(
            Q(pk__in=chosen)
            | Q(
                translation_key__in=Page.objects.filter(pk__in=chosen).values(
                    "translation_key"
                ),
                locale__language_code=translation.get_language(),
                live=True,
            )
        )
        .annotate(language=F("locale__language_code"))
        .only(
            "id",
            "title",
            "url_path",
            "translation_key",
            "locale_id",
            "path",
            "depth",
            "live",
        )
    )
    by_id = {page.pk: page for page in pages}
    language = translation.get_language()
    localized = {
        page.translation_key: page
        for page in pages
        if page.live and page.language == language
    }
    links = []
    for pk in chosen:
        original = by_id.get(pk)
        page = original and localized.get(original.translation_key)
        if page is not None:
            links.append(
                {
                    "title": page.title,
                    "url": page.get_url(request=request),
                    "kind": KINDS.get(pk),
                }
            )
    return links


@register.inclusion_tag("includes/policy_notice.html", takes_context=True)
def policy_notice(context, accept=True):
    """'By continuing you accept the terms of use' and the privacy policy, linked
    (sign-up, registration, receipts); nothing when neither page is chosen."""
    links = {link["kind"]: link for link in policy_links(context)}
    return {
        "terms": links.get("terms"),
        "privacy": links.get("privacy"),
        "refunds": links.get("refunds"),
        "links": [
            links[kind] for kind in ("terms", "privacy", "refunds") if kind in links
        ],
        "accept": accept,
    }


@register.simple_tag(takes_context=True)
def page_url(context, page):
    """`{% pageurl page %}`, remembered until the site's content changes (moves
    and slug changes start a new generation): Wagtail's finds the request's
    site with a query each time."""
    request = context.get("request")
    if request is None or not page.pk:
        return page.get_url(request=request)
    return remembered(
        f"page-url:{request.get_host()}:{page.pk}",
        lambda: page.get_url(request=request),
    )
