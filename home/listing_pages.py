"""What the public listings (events, resources) share: the page of results asked
for, the filters its links keep, and JSON-LD safe inside a page. Their index
pages are home.models.ListingIndexPage."""

import json
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

# What json_script escapes, so that JSON-LD cannot end its <script> element.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data) -> str:
    """JSON safe inside a <script> element (as json_script escapes it)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 -- escaped above


def valid_filters(form) -> dict:
    """The form's valid, non-empty fields: a field with a bad value counts as
    not given, and the others still apply."""
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    return {
        name: cleaned[name]
        for name in form.fields
        if cleaned.get(name) and name not in form.errors
    }


def page_number(value, num_pages: int) -> int:
    """The nearest sensible page for whatever came in `?page=`."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(num_pages, 1))


def paginate(items, request, *, per_page: int, filters: dict) -> dict:
    """The page of `items` the request asks for, and the query string that
    keeps `filters` in the pagination's links."""
    paginator = Paginator(items, per_page)
    page_obj = paginator.page(page_number(request.GET.get("page"), paginator.num_pages))
    return {
        "filters": filters,
        "page_obj": page_obj,
        "paginator": paginator,
        "querystring": urlencode(filters),
    }
