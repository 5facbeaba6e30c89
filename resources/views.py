"""The library's listing, its JSON catalogue and a resource page's JSON-LD."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import JsonResponse
from wagtail.coreutils import get_supported_content_language_variant

from home.links import absolute_url
from home.listing_pages import json_ld, paginate, valid_filters
from home.privacy import public

from .enums import LANGUAGE_NAMES, NO_ASSERTION, Kind
from .filters import ResourceFilter
from .models import ResourcePage

PAGE_SIZE = 12


def listed(locale):
    """Live public resources in `locale`, and in the default language those not
    translated into it yet (once each)."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    pages = ResourcePage.objects.live()
    translated = ResourcePage.objects.live().filter(
        locale=locale, translation_key=OuterRef("translation_key")
    )
    shown = Q(locale=locale) | (Q(locale__language_code=default) & ~Exists(translated))
    return (
        public(pages.filter(shown))
        .select_related("locale")
        .prefetch_related("resource_languages")
        .order_by("title", "pk")
    )


def listing_context(request, index_page) -> dict:
    resources = ResourceFilter(request.GET or None, queryset=listed(index_page.locale))
    filters = valid_filters(resources.form)
    listing = paginate(
        resources.qs.distinct(), request, per_page=PAGE_SIZE, filters=filters
    )
    return {
        **listing,
        "filter_form": resources.form,
        "resources": list(listing["page_obj"].object_list),
    }


def resource_schema(request, page) -> dict:
    url = absolute_url(page.get_url(request=request), request=request)
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "inLanguage": page.language_codes,
        "creator": {"@type": "Organization", "name": page.maintainer},
        "sameAs": [link.url for link in page.links.all()],
    }
    if page.licence != NO_ASSERTION:
        data["license"] = f"https://spdx.org/licenses/{page.licence}.html"
    if page.size:
        data["size"] = page.size
    return data


def resource_context(request, page) -> dict:
    context = {"language_names": page.language_names}
    if page.kind == Kind.DATASET:
        context["json_ld"] = json_ld(resource_schema(request, page))
    return context


def catalogue_entry(request, page) -> dict:
    return {
        "id": str(page.translation_key),
        "url": absolute_url(page.get_url(request=request), request=request),
        "title": page.title,
        "summary": page.summary,
        "kind": page.kind,
        "languages": [
            {"code": code, "name": str(LANGUAGE_NAMES.get(code, code))}
            for code in page.language_codes
        ],
        "modality": page.modality,
        "task": page.task,
        "licence": page.licence,
        "size": page.size,
        "maintainer": page.maintainer,
        "links": [{"kind": link.kind, "url": link.url} for link in page.links.all()],
    }


def catalogue_json(request, index_page):
    """The whole catalogue in the index's language (untranslated ones in English)."""
    pages = listed(index_page.locale).prefetch_related("links")
    data = {
        "title": index_page.title,
        "url": absolute_url(index_page.get_url(request=request), request=request),
        "language": index_page.locale.language_code,
        "count": len(pages),
        "resources": [catalogue_entry(request, page) for page in pages],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
