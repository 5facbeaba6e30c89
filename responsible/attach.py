"""What another programme uses to attach a self-assessment and show it.

- `AttachAssessmentForm(user=...)`: one field, `self_assessment`, offering the
  user's own submitted assessments (or none);
- `answer_sections(assessment, redact=...)`: its answers read against the
  checklist in the active language, for `responsible/includes/answers.html`;
- `reviewer_context(assessment, redact=...)`: what the admin include
  `responsible/includes/admin_answers.html` reads, beside an application;
- `{% load responsible_tags %}{% assessment_answers assessment %}`: the answers
  on a page of the site.

Who may read the answers is the caller's rule (the reviewers of the application
it is attached to): call these only where that rule has been checked.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.timefmt import format_date

from .enums import Answer
from .models import SelfAssessment


class AssessmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(subject)s – %(checklist)s (submitted %(date)s)") % {
            "subject": obj.subject,
            # As filled in: one query for the whole list.
            "checklist": obj.checklist.title,
            "date": format_date(obj.submitted_at),
        }


class AttachAssessmentForm(forms.Form):
    self_assessment = AssessmentChoiceField(
        label=_("Responsible-AI self-assessment"),
        help_text=_("Only your own submitted self-assessments are offered."),
        queryset=SelfAssessment.objects.none(),
        required=False,
        empty_label=_("None attached"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["self_assessment"].queryset = (
            SelfAssessment.objects.attachable_by(user)
            .select_related("checklist")
            .order_by("-submitted_at", "-pk")
        )


def answer_sections(assessment: SelfAssessment, *, redact=None) -> list[dict]:
    """[{heading, items: [{text, why, answer, answer_label, note}]}], in the
    active language; answers to items since removed come last, in their words.
    `redact(text)` is applied to what the person wrote (anonymised review)."""
    redact = redact or (lambda value: value)
    labels = dict(Answer.choices)
    answers = dict(assessment.answers or {})
    sections = []
    for section in assessment.localized_checklist.checklist_sections():
        items = []
        for item in section["items"]:
            given = answers.pop(item["id"], {})
            items.append(answer_row(item["text"], item["why"], given, labels, redact))
        sections.append({"heading": section["heading"], "items": items})
    if answers:
        sections.append(
            {
                "heading": _("Items no longer in the checklist"),
                "items": [
                    answer_row(given.get("text", ""), "", given, labels, redact)
                    for given in answers.values()
                ],
            }
        )
    return sections


def answer_row(text, why, given, labels, redact) -> dict:
    answer = given.get("answer", "")
    return {
        "text": text,
        "why": why,
        "answer": answer,
        "answer_label": labels.get(answer, _("Not answered")),
        "note": redact(given.get("note", "")),
    }


def reviewer_context(assessment: SelfAssessment | None, *, redact=None) -> dict:
    """The context of `responsible/includes/admin_answers.html`."""
    if assessment is None:
        return {"self_assessment": None, "self_assessment_sections": []}
    return {
        "self_assessment": assessment,
        "self_assessment_subject": redact(assessment.subject)
        if redact
        else assessment.subject,
        "self_assessment_sections": answer_sections(assessment, redact=redact),
    }
