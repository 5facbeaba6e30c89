"""Saving and submitting a self-assessment: one entry point for views and tests."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import Answer, AssessmentStatus
from .models import ChecklistPage, SelfAssessment


class AssessmentError(Exception):
    """A change refused for a reason the user can read (already translated)."""

    def __init__(self, message, *, missing=None):
        super().__init__(message)
        self.message = message
        self.missing = missing or []


def clean_answers(checklist: ChecklistPage, answers: dict) -> dict:
    """Answers to this checklist's items only, each with the item's text as the
    person read it (kept if an editor later drops or rewrites the item)."""
    valid = set(Answer.values)
    cleaned = {}
    for section in checklist.checklist_sections():
        for item in section["items"]:
            given = answers.get(item["id"]) or {}
            answer = given.get("answer", "")
            note = (given.get("note") or "").strip()[:2000]
            if answer not in valid:
                answer = ""
            if answer or note:
                cleaned[item["id"]] = {
                    "answer": answer,
                    "note": note,
                    "text": item["text"],
                }
    return cleaned


def unanswered(checklist: ChecklistPage, answers: dict) -> list[str]:
    return [
        item["id"]
        for section in checklist.checklist_sections()
        for item in section["items"]
        if not (answers.get(item["id"]) or {}).get("answer")
    ]


def save_assessment(
    assessment: SelfAssessment,
    *,
    by,
    subject: str,
    answers: dict,
    submit: bool = False,
    language: str = "",
) -> SelfAssessment:
    """Save `by`'s answers to their draft (a new one is created), and with
    `submit` submit it once every item has an answer; an incomplete one stays
    a saved draft and the error lists what is missing. Locks the row; sends
    nothing. A submitted assessment is final."""
    if assessment.owner_id != by.pk:
        raise AssessmentError(_("Only its owner can change a self-assessment."))
    checklist = assessment.localized_checklist
    with transaction.atomic():
        if assessment.pk:
            assessment = SelfAssessment.objects.select_for_update().get(
                pk=assessment.pk
            )
        if assessment.status != AssessmentStatus.DRAFT:
            raise AssessmentError(
                _("This self-assessment was submitted and can no longer change.")
            )
        assessment.subject = subject.strip()[:200]
        assessment.answers = clean_answers(checklist, answers)
        if language:
            assessment.language = language
        missing = unanswered(checklist, assessment.answers) if submit else []
        if submit and not missing:
            assessment.status = AssessmentStatus.SUBMITTED
            assessment.submitted_at = timezone.now()
        assessment.save()
    if missing:
        error = AssessmentError(
            _("Your answers were saved as a draft. Answer every item to submit."),
            missing=missing,
        )
        error.assessment = assessment
        raise error
    return assessment
