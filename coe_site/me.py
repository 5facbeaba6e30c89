"""/me.json: the signed-in visitor's own parts of pages that are the same for all.

Pages never read the visitor: they may come from the page cache
(home.caching), signed in or not. `js/me.js` asks this endpoint for what is
theirs: the account menu (with "Edit this page" for those who may edit it)
and, on an event or cohort page (`?page=<id>`), their registration or
application. The answer is private and never stored. It combines apps, so it
lives in the project package.
"""

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Page

from cohorts import views as cohort_views
from cohorts.models import CohortPage
from events import views as event_views
from events.models import EventPage

PARTS = {EventPage: event_views.personal_parts, CohortPage: cohort_views.personal_parts}


@never_cache
@require_safe
def me_json(request) -> JsonResponse:
    user = request.user
    if not user.is_authenticated:
        return JsonResponse({"signed_in": False})
    page = visible_page(request, request.GET.get("page", ""))
    edit_url = None
    if page is not None and page.permissions_for_user(user).can_edit():
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    account = render_to_string(
        "components/account_nav.html",
        {"user": user, "edit_url": edit_url},
        request=request,
    )
    parts = PARTS.get(type(page))
    return JsonResponse(
        {
            "signed_in": True,
            "account": account,
            "parts": parts(request, page) if parts else {},
        }
    )


def visible_page(request, page_id: str) -> Page | None:
    """The live page `page_id`, if its view restrictions admit the visitor."""
    if not page_id.isdigit() or len(page_id) > 18:
        return None
    page = Page.objects.live().filter(pk=int(page_id)).first()
    if page is None:
        return None
    if not all(r.accept_request(request) for r in page.get_view_restrictions()):
        return None
    return page.specific
