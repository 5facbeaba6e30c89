"""The self-assessment form: one answer and one note per checklist item."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import Answer


def answer_name(item_id: str) -> str:
    return f"answer-{item_id}"


def note_name(item_id: str) -> str:
    return f"note-{item_id}"


class AssessmentForm(forms.Form):
    subject = forms.CharField(
        label=_("What are you assessing?"),
        help_text=_("The product, model or dataset, e.g. “Vaani speech model v2”."),
        max_length=200,
        error_messages={"required": _("Say what you are assessing.")},
    )

    def __init__(self, *args, checklist, assessment=None, **kwargs):
        saved = assessment.answers if assessment else {}
        kwargs.setdefault(
            "initial", {"subject": assessment.subject if assessment else ""}
        )
        super().__init__(*args, **kwargs)
        self.checklist_sections = checklist.checklist_sections()
        number = 0
        for section in self.checklist_sections:
            for item in section["items"]:
                number += 1
                item["number"] = number
                given = saved.get(item["id"]) or {}
                self.fields[answer_name(item["id"])] = forms.ChoiceField(
                    label=item["text"],
                    choices=Answer.choices,
                    widget=forms.RadioSelect,
                    required=False,
                    initial=given.get("answer") or None,
                )
                self.fields[note_name(item["id"])] = forms.CharField(
                    label=_("Note on item %(number)s") % {"number": number},
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=given.get("note", ""),
                )

    def sections(self):
        """Sections with each item's bound answer and note fields, to render."""
        return [
            {
                **section,
                "items": [
                    {
                        **item,
                        "answer": self[answer_name(item["id"])],
                        "note": self[note_name(item["id"])],
                    }
                    for item in section["items"]
                ],
            }
            for section in self.checklist_sections
        ]

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            item["id"]: {
                "answer": data.get(answer_name(item["id"])) or "",
                "note": data.get(note_name(item["id"])) or "",
            }
            for section in self.checklist_sections
            for item in section["items"]
        }

    def mark_missing(self, missing: list[str]) -> None:
        for item_id in missing:
            self.add_error(answer_name(item_id), _("Choose an answer."))
