"""A programme's application questions: plain dicts, form fields and answers.

Answers are stored keyed by the question block's id, each with a snapshot of the
question's label and type, so editing the questions later leaves old answers
readable. A choice answer stores the choice's stable id (the list item's id, the
same in every translation of the programme page), so an answer given in Hindi reads
correctly in English; the labels chosen are kept as a snapshot beside it.
"""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from home.facts import source_of

from .enums import QuestionType
from .files import FILE_ERROR_MESSAGES, private_storage, validate_pdf

YES, NO = "yes", "no"
CHOICE_TYPES = frozenset({QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE})


def questions_of(page) -> list[dict]:
    """The questions `page` asks: which, in what order and by what rules are the
    source page's (a fact, home.facts); the words are this page's where it has
    translated them (matched by block and choice ids), else the source's."""
    source = source_of(page)
    if source.pk == page.pk:
        return _questions_of(page)
    words = {question["id"]: question for question in _questions_of(page)}
    questions = []
    for question in _questions_of(source):
        translated = words.get(question["id"])
        if translated is not None:
            question["label"] = translated["label"] or question["label"]
            question["help_text"] = translated["help_text"]
            if "choices" in question:
                labels = dict(translated.get("choices", []))
                question["choices"] = [
                    (choice_id, labels.get(choice_id) or label)
                    for choice_id, label in question["choices"]
                ]
        questions.append(question)
    return questions


def _questions_of(page) -> list[dict]:
    questions = []
    for block in page.questions:
        value = block.value
        question = {
            "id": block.id,
            "type": str(block.block.question_type),
            "label": value.get("label", ""),
            "help_text": value.get("help_text", ""),
            "required": bool(value.get("required")),
        }
        for extra in ("word_limit", "min_value", "max_value"):
            if extra in value:
                question[extra] = value.get(extra)
        if "choices" in value:
            question["choices"] = choices_of(value["choices"])
        questions.append(question)
    return questions


def choices_of(list_value) -> list[tuple[str, str]]:
    """(stable id, label) of each choice of a choice question block."""
    return [
        (child.id or str(child.value), str(child.value))
        for child in list_value.bound_blocks
    ]


def choice_ids(question, value) -> str | list[str] | None:
    """`value` as choice ids; a label (answers stored before ids) maps to its id."""
    by_label = {label: choice_id for choice_id, label in question.get("choices", [])}
    if isinstance(value, list):
        return [by_label.get(item, item) for item in value]
    return by_label.get(value, value)


def count_words(text: str) -> int:
    return len(text.split())


def word_limit_validator(limit):
    def validate(value):
        words = count_words(value or "")
        if words > limit:
            raise ValidationError(
                ngettext(
                    "Use at most %(limit)d word (you have %(words)d).",
                    "Use at most %(limit)d words (you have %(words)d).",
                    limit,
                )
                % {"limit": limit, "words": words}
            )

    return validate


def field_name(question) -> str:
    return f"q_{question['id']}"


def make_field(question, *, draft: bool, has_file: bool = False) -> forms.Field:
    qtype = question["type"]
    required = question["required"] and not draft
    common = {
        "label": question["label"],
        "help_text": question.get("help_text") or "",
        "required": required,
    }
    if qtype == QuestionType.LONG_TEXT:
        limit = question.get("word_limit")
        field = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), **common)
        if limit:
            field.validators.append(word_limit_validator(limit))
            note = ngettext(
                "At most %(limit)d word.", "At most %(limit)d words.", limit
            ) % {"limit": limit}
            field.help_text = f"{field.help_text} {note}".strip()
        return field
    if qtype == QuestionType.SINGLE_CHOICE:
        return forms.ChoiceField(
            choices=question.get("choices", []),
            widget=forms.RadioSelect,
            **common,
        )
    if qtype == QuestionType.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=question.get("choices", []),
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if qtype == QuestionType.NUMBER:
        return forms.IntegerField(
            min_value=question.get("min_value"),
            max_value=question.get("max_value"),
            **common,
        )
    if qtype == QuestionType.URL:
        return forms.URLField(assume_scheme="https", max_length=500, **common)
    if qtype == QuestionType.YES_NO:
        return forms.ChoiceField(
            choices=[(YES, gettext_lazy("Yes")), (NO, gettext_lazy("No"))],
            widget=forms.RadioSelect,
            **common,
        )
    if qtype == QuestionType.FILE:
        common["required"] = required and not has_file
        note = _("PDF, at most 10 MB.")
        common["help_text"] = f"{common['help_text']} {note}".strip()
        return forms.FileField(
            validators=[validate_pdf], error_messages=FILE_ERROR_MESSAGES, **common
        )
    return forms.CharField(max_length=300, **common)


class QuestionsForm(forms.Form):
    """One field per question; `draft=True` relaxes "required" for saving drafts."""

    def __init__(self, *args, questions, answers=None, draft=False, **kwargs):
        answers = answers or {}
        initial = {}
        for question in questions:
            answer = answers.get(question["id"])
            if answer and question["type"] in CHOICE_TYPES:
                initial[field_name(question)] = choice_ids(
                    question, answer.get("value")
                )
            elif answer and question["type"] != QuestionType.FILE:
                initial[field_name(question)] = answer.get("value")
        super().__init__(*args, initial=initial, **kwargs)
        self.questions = questions
        self.answers = answers
        for question in questions:
            answer = answers.get(question["id"]) or {}
            has_file = (
                bool(answer.get("value")) if question["type"] == "file" else False
            )
            field = make_field(question, draft=draft, has_file=has_file)
            if has_file:
                field.current_file = answer["value"].get("filename")
            self.fields[field_name(question)] = field

    def updated_answers(self, *, owner_uuid) -> dict:
        """The stored answers with this form's cleaned values merged in."""
        now = timezone.now().isoformat()
        answers = dict(self.answers)
        for question in self.questions:
            name = field_name(question)
            value = self.cleaned_data.get(name)
            if question["type"] == QuestionType.FILE:
                if not value:
                    continue  # keep the earlier upload
                stored = private_storage().save(
                    f"answers/{owner_uuid}/{uuid.uuid4().hex}.pdf", value
                )
                # The replaced file goes after the save commits (update_draft).
                value = {"name": stored, "filename": value.name[:200]}
            answers[question["id"]] = {
                "label": question["label"],
                "type": question["type"],
                "value": value,
                "answered_at": now,
            }
            if question["type"] in CHOICE_TYPES:
                labels = dict(question.get("choices", []))
                chosen = value if isinstance(value, list) else [value]
                answers[question["id"]]["choice_labels"] = {
                    choice_id: labels[choice_id]
                    for choice_id in chosen
                    if choice_id in labels
                }
        return answers


def is_blank(value) -> bool:
    return value in (None, "", [], {})


def answer_problems(questions, answers) -> dict[str, str]:
    """Problems with stored answers against the current questions, by question id."""
    problems = {}
    for question in questions:
        answer = answers.get(question["id"]) or {}
        value = answer.get("value")
        if is_blank(value):
            if question["required"]:
                problems[question["id"]] = _("This question needs an answer.")
            continue
        if question["type"] == QuestionType.LONG_TEXT and question.get("word_limit"):
            if count_words(str(value)) > question["word_limit"]:
                problems[question["id"]] = _("This answer is over the word limit.")
        ids = {choice_id for choice_id, _label in question.get("choices", [])}
        if question["type"] == QuestionType.SINGLE_CHOICE and value not in ids:
            problems[question["id"]] = _("Choose one of the options again.")
        if (
            question["type"] == QuestionType.MULTIPLE_CHOICE
            and not set(value or []) <= ids
        ):
            problems[question["id"]] = _("Choose from the options again.")
    return problems


def display_value(answer, question=None) -> str:
    """An answer as text, for the review page, emails and exports.

    `question` is the question in the reader's language: choices are shown with
    its labels, falling back to the labels the applicant saw.
    """
    value = answer.get("value")
    qtype = answer.get("type")
    if is_blank(value):
        return ""
    if qtype in CHOICE_TYPES:
        labels = dict(answer.get("choice_labels") or {})
        if question is not None:
            labels.update(dict(question.get("choices", [])))
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(item, item)) for item in chosen)
    if qtype == QuestionType.YES_NO:
        return _("Yes") if value == YES else _("No")
    if qtype == QuestionType.FILE:
        return value.get("filename", "")
    return str(value)


def readable_answers(answers, questions) -> list[dict]:
    """Every answer as {id, label, value} in the language of `questions`.

    Questions in the programme's current order first, then answers to questions
    removed since, under the label they were asked with.
    """
    answers = answers or {}
    rows = []
    for question in questions:
        answer = answers.get(question["id"])
        rows.append(
            {
                "id": question["id"],
                "label": question["label"],
                "type": question["type"],
                "value": display_value(answer, question) if answer else "",
            }
        )
    asked = {question["id"] for question in questions}
    for question_id, answer in answers.items():
        if question_id not in asked:
            rows.append(
                {
                    "id": question_id,
                    "label": answer.get("label", ""),
                    "type": answer.get("type", ""),
                    "value": display_value(answer),
                }
            )
    return rows
