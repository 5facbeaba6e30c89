from django import template

from ..attach import answer_sections
from ..models import SelfAssessment, with_localized_checklists

register = template.Library()


@register.inclusion_tag("responsible/includes/answers.html")
def assessment_answers(assessment):
    """An attached assessment's answers, read-only: only where the caller has
    checked who may read them (responsible.attach)."""
    return {
        "assessment": assessment,
        "sections": answer_sections(assessment) if assessment else [],
    }


@register.inclusion_tag("responsible/includes/dashboard.html", takes_context=True)
def my_assessments(context):
    """The signed-in user's self-assessments, for the dashboard."""
    user = context["request"].user
    return {
        "assessments": with_localized_checklists(
            SelfAssessment.objects.owned_by(user).select_related("checklist")[:10]
        )
    }
