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
