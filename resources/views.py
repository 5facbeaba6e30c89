"""The library's listing, its JSON catalogue and a resource page's JSON-LD."""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, OuterRef, Q
from django.http import JsonResponse
from django.utils.safestring import mark_safe
from wagtail.coreutils import get_supported_content_language_variant

from home.links import absolute_url
from home.privacy import public

from .choices import LANGUAGE_NAMES, NO_ASSERTION, Kind
from .filters import ResourceFilter
from .models import ResourcePage

PAGE_SIZE = 12
# What json_script escapes, so that JSON-LD cannot end its <script> element.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data) -> str:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 -- escaped above


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
    paginator = Paginator(resources.qs.distinct(), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    filters = resources.active()
    return {
        "filter_form": resources.form,
        "filters": filters,
        "resources": list(page_obj.object_list),
        "page_obj": page_obj,
        "paginator": paginator,
        "querystring": urlencode(filters),
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
