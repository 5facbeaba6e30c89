"""A cohort's facts live once: dates, places, GPU-hours and which questions are
asked (and how) are the same in every language (issue 19)."""

import copy
import datetime as dt

import pytest
from django.conf import settings

from cohorts.models import CohortPage
from tests.factories.cohorts import QUESTIONS, create_cohort

pytestmark = pytest.mark.django_db


def translations_of(cohort):
    return CohortPage.objects.filter(translation_key=cohort.translation_key).exclude(
        pk=cohort.pk
    )


def test_dates_published_in_english_are_the_dates_everywhere_at_once(client):
    cohort = create_cohort()
    later = cohort.applications_close_at + dt.timedelta(days=3)
    cohort.applications_close_at = later
    cohort.places = 7
    cohort.compute_gpu_hours = 4242
    cohort.save_revision().publish()
    assert translations_of(cohort).exists()
    for translation in translations_of(cohort):
        assert translation.applications_close_at == later
        assert (translation.places, translation.compute_gpu_hours) == (7, 4242)
        draft = translation.get_latest_revision_as_object()
        assert draft.applications_close_at == later


def test_translation_asks_the_questions_the_english_page_asks():
    """A question added or made optional in English, not yet translated: the
    other languages ask it too (in English until translated), with its rules."""
    cohort = create_cohort()
    questions = copy.deepcopy(QUESTIONS)
    questions[0]["value"]["required"] = False
    questions[1]["value"]["word_limit"] = 50
    questions.append(
        {
            "type": "short_text",
            "id": "q-new",
            "value": {"label": "Team languages", "help_text": "", "required": True},
        }
    )
    cohort.questions = questions
    cohort.save_revision().publish()
    english = CohortPage.objects.get(pk=cohort.pk).question_list
    for translation in translations_of(cohort):
        asked = translation.question_list
        assert [q["id"] for q in asked] == [q["id"] for q in english]
        for mine, source in zip(asked, english, strict=True):
            for rule in ("type", "required", "word_limit", "min_value", "max_value"):
                assert mine.get(rule) == source.get(rule), (mine["id"], rule)
            ids = [choice_id for choice_id, _label in mine.get("choices", [])]
            assert ids == [c for c, _label in source.get("choices", [])]
        assert asked[-1]["label"] == "Team languages"


def test_translated_question_labels_stay_translated():
    cohort = create_cohort()
    translation = translations_of(cohort).first()
    questions = copy.deepcopy(QUESTIONS)
    questions[0]["value"]["label"] = "उत्पाद का नाम"
    questions[2]["value"]["choices"][0]["value"] = "खुला LLM"
    translation.questions = questions
    translation.save_revision().publish()
    asked = CohortPage.objects.get(pk=translation.pk).question_list
    assert asked[0]["label"] == "उत्पाद का नाम"
    assert asked[2]["choices"][0] == ("c-open", "खुला LLM")
    assert settings.LANGUAGE_CODE != translation.locale.language_code
