"""Selection: answers by value, status changes, assignment, decisions."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.utils import translation

from cohorts.models import Application, CohortPage
from cohorts.questions import QuestionsForm, display_value, readable_answers
from tests.factories.cohorts import ApplicationFactory, create_cohort

pytestmark = pytest.mark.django_db


def hindi_labels(cohort):
    """Give the Hindi translation Hindi choice labels, keeping the choice ids."""
    hindi = cohort.get_translations().get(locale__language_code="hi").specific
    raw = list(hindi.questions.raw_data)
    for block in raw:
        if block["id"] == "q-model":
            block["value"]["choices"] = [
                {"type": "item", "value": "खुला LLM", "id": "c-open"},
                {"type": "item", "value": "अपना मॉडल", "id": "c-own"},
            ]
    hindi.questions = raw
    hindi.save_revision().publish()
    return CohortPage.objects.get(pk=hindi.pk)


def test_choice_answer_given_in_hindi_reads_in_english():
    cohort = create_cohort()
    hindi = hindi_labels(cohort)
    form = QuestionsForm(
        {"q_q-model": "c-own"}, questions=hindi.question_list, draft=True
    )
    assert form.is_valid(), form.errors
    answers = form.updated_answers(owner_uuid="x")
    assert answers["q-model"]["value"] == "c-own"
    english = {q["id"]: q for q in cohort.question_list}
    assert display_value(answers["q-model"], english["q-model"]) == "Own model"
    hindi_question = {q["id"]: q for q in hindi.question_list}["q-model"]
    assert display_value(answers["q-model"], hindi_question) == "अपना मॉडल"
    # The same form in English shows the Hindi answer as selected.
    english_form = QuestionsForm(questions=cohort.question_list, answers=answers)
    assert english_form.initial["q_q-model"] == "c-own"


def test_removed_question_still_reads_under_its_old_label():
    answers = {"gone": {"label": "Old question", "type": "short_text", "value": "Kept"}}
    rows = readable_answers(answers, [])
    assert rows == [
        {"id": "gone", "label": "Old question", "type": "short_text", "value": "Kept"}
    ]


def test_migration_turns_hindi_labels_into_choice_ids():
    cohort = create_cohort()
    hindi_labels(cohort)
    application = ApplicationFactory(cohort=cohort)
    application.answers = {
        "q-model": {
            "label": "मॉडल परिवार",
            "type": "single_choice",
            "value": "अपना मॉडल",
        }
    }
    application.save()
    migration = importlib.import_module(
        "cohorts.migrations.0002_answers_store_choice_ids"
    )
    migration.forwards(django_apps, None)
    answer = Application.objects.get(pk=application.pk).answers["q-model"]
    assert answer["value"] == "c-own"
    assert answer["choice_labels"] == {"c-own": "अपना मॉडल"}
    with translation.override("en"):
        english = {q["id"]: q for q in cohort.question_list}
        assert display_value(answer, english["q-model"]) == "Own model"
