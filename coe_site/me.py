"""/me.json: the signed-in visitor's own parts of a page that may be cached.

Cached pages are the anonymous version for everybody (home.caching); a
visitor with a session is given them too, and `js/me.js` asks this endpoint
for what is theirs: the account menu and, on an event or cohort page
(`?page=<id>`), their registration or application. The answer is private and
never stored. It combines apps, so it lives in the project package.
"""

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from cohorts import views as cohort_views
from cohorts.models import CohortPage
from events import views as event_views
from events.models import EventPage

PARTS = {EventPage: event_views.personal_parts, CohortPage: cohort_views.personal_parts}


@never_cache
def me_json(request) -> JsonResponse:
    user = request.user
    if not user.is_authenticated:
        return JsonResponse({"signed_in": False})
    account = render_to_string(
        "components/account_nav.html", {"user": user}, request=request
    )
    return JsonResponse(
        {
            "signed_in": True,
            "account": account,
            "parts": page_parts(request, request.GET.get("page", "")),
        }
    )


def page_parts(request, page_id: str) -> dict[str, str]:
    """The visitor's parts of the page `page_id`, if it is live and theirs to see."""
    if not page_id.isdigit() or len(page_id) > 18:
        return {}
    page = Page.objects.live().filter(pk=int(page_id)).first()
    if page is None:
        return {}
    page = page.specific
    parts = PARTS.get(type(page))
    if parts is None:
        return {}
    if not all(r.accept_request(request) for r in page.get_view_restrictions()):
        return {}
    return parts(request, page)
