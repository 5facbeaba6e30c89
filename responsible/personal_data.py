"""The responsible app's part of the user's data rights (see coe_site.personal_data):
the download shows every self-assessment the user filled in; deleting the account
deletes them (an application they were attached to keeps none)."""

from .models import SelfAssessment


def assessment_rows(user):
    return SelfAssessment.objects.filter(owner=user).select_related("checklist")


def _assessment_data(assessment):
    return {
        "subject": assessment.subject,
        "checklist": assessment.checklist.title,
        "status": assessment.status,
        "language": assessment.language,
        "answers": assessment.answers,
        "submitted_at": assessment.submitted_at,
        "created_at": assessment.created_at,
        "updated_at": assessment.updated_at,
    }


PERSONAL_DATA = {"self_assessments": (assessment_rows, _assessment_data)}
