"""Template tags of the cohorts app, including `{% open_cohorts %}` for the home page."""

from django import template

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
