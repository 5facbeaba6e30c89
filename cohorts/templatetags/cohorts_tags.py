"""Template tags of the cohorts app, including `{% open_cohorts %}` for the home page."""

from django import template
from django.conf import settings

from ..models import Application
from ..queries import open_cohorts as open_cohorts_query
from ..timeutils import closes_in as closes_in_text

register = template.Library()


@register.inclusion_tag("cohorts/includes/open_cohorts.html", takes_context=True)
def open_cohorts(context, limit=3):
    return {"cohorts": open_cohorts_query(limit), "request": context.get("request")}


@register.simple_tag
def closes_in(deadline):
    return closes_in_text(deadline)


@register.inclusion_tag("cohorts/includes/decision_notice.html", takes_context=True)
def decision_notice(context, application):
    """The decision and what happens next, on the applicant's application page."""
    from ..models import Selection

    selection = Selection.objects.filter(application=application).first()
    return {
        "application": application,
        "selection": selection,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


@register.inclusion_tag("cohorts/includes/alumni.html")
def alumni_directory(cohort):
    """Accepted startups of the cohort that chose to be listed."""
    from ..selection import alumni_of

    return {"alumni": list(alumni_of(cohort)), "cohort": cohort}


@register.simple_tag(takes_context=True)
def my_application(context, cohort):
    """The signed-in user's application to `cohort`, for "Continue your application".

    Anonymous requests (no session cookie) never touch the session, so the page
    stays cacheable for them; signed-in requests skip the page cache.
    """
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    if not request.user.is_authenticated:
        return None
    return (
        Application.objects.for_user(request.user)
        .filter(cohort__translation_key=cohort.translation_key)
        .order_by("-created_at")
        .first()
    )
