"""Saving a self-assessment (responsible.services) and reading it back
(responsible.attach), at the edges the pages do not reach: what is kept of
what was typed, answers to items since removed, a translation not published."""

import pytest
from django.utils import translation

from responsible.models import SelfAssessment
from responsible.services import save_assessment
from tests.factories.responsible import (
    SelfAssessmentFactory,
    SubmittedAssessmentFactory,
    checklist,
    in_hindi,
    item_ids,
)

pytestmark = pytest.mark.django_db


def test_what_is_kept_of_a_long_subject_and_note_is_what_fits():
    assessment = SelfAssessmentFactory(answers={})
    first = item_ids(assessment.checklist)[0]
    saved = save_assessment(
        assessment,
        by=assessment.owner,
        subject="  " + "S" * 250,
        answers={first: {"answer": "yes", "note": "  " + "n" * 2100 + "  "}},
    )
    saved.refresh_from_db()
    assert saved.subject == "S" * 200
    assert saved.answers[first]["note"] == "n" * 2000


def test_only_answers_from_the_list_and_items_with_something_typed_are_kept():
    assessment = SelfAssessmentFactory(answers={})
    first, second, third, *_ = item_ids(assessment.checklist)
    saved = save_assessment(
        assessment,
        by=assessment.owner,
        subject="Vaani",
        answers={
            first: {"answer": "definitely", "note": "Asked every speaker"},
            second: {"answer": "", "note": ""},
            third: {"answer": "partly", "note": ""},
            "an-item-of-another-checklist": {"answer": "yes", "note": "x"},
        },
    )
    saved.refresh_from_db()
    assert saved.answers == {
        first: {
            "answer": "",
            "note": "Asked every speaker",
            "text": saved.answers[first]["text"],
        },
        third: {
            "answer": "partly",
            "note": "",
            "text": saved.answers[third]["text"],
        },
    }


def test_an_answer_off_the_list_does_not_count_towards_submitting():
    page = checklist()
    assessment = SelfAssessmentFactory(checklist=page, answers={})
    answers = {item_id: {"answer": "yes"} for item_id in item_ids(page)}
    answers[item_ids(page)[-1]] = {"answer": "maybe"}
    with pytest.raises(Exception, match="Answer every item") as refused:
        save_assessment(
            assessment,
            by=assessment.owner,
            subject="Vaani",
            answers=answers,
            submit=True,
        )
    assert refused.value.missing == [item_ids(page)[-1]]
    assert SelfAssessment.objects.get().is_draft


def test_the_language_of_the_last_save_is_kept_and_a_save_without_one_keeps_it():
    assessment = SelfAssessmentFactory(answers={}, language="en")
    save_assessment(
        assessment, by=assessment.owner, subject="Vaani", answers={}, language="hi"
    )
    assert SelfAssessment.objects.get().language == "hi"
    save_assessment(
        SelfAssessment.objects.get(), by=assessment.owner, subject="Vaani", answers={}
    )
    assert SelfAssessment.objects.get().language == "hi"


def test_answers_to_items_since_removed_are_shown_last_in_the_persons_words(client):
    assessment = SubmittedAssessmentFactory()
    assessment.answers["removed-item"] = {
        "answer": "no",
        "note": "Not yet asked",
        "text": "Did speakers agree to commercial use?",
    }
    assessment.save()
    client.force_login(assessment.owner)
    page = client.get(assessment.get_absolute_url()).content.decode()
    removed = page.index("Items no longer in the checklist")
    assert page.index("Did speakers agree to commercial use?") > removed
    assert page.index("Not yet asked") > removed


def test_without_removed_items_there_is_no_section_for_them(client):
    assessment = SubmittedAssessmentFactory()
    client.force_login(assessment.owner)
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "Yes" in page
    assert "Items no longer in the checklist" not in page


def test_a_hindi_checklist_not_yet_published_is_read_in_english():
    page = checklist()
    hindi = in_hindi(page)
    assessment = SubmittedAssessmentFactory(checklist=page)
    with translation.override("hi"):
        assert assessment.localized_checklist.pk == hindi.pk
    hindi.unpublish()
    assessment = SelfAssessment.objects.get()
    with translation.override("hi"):
        assert assessment.localized_checklist.pk == page.pk


def test_nobody_saves_someone_elses_assessment():
    from responsible.services import AssessmentError
    from tests.factories.home import VerifiedUserFactory

    assessment = SelfAssessmentFactory(answers={}, subject="Vaani")
    with pytest.raises(AssessmentError, match="Only its owner"):
        save_assessment(
            assessment, by=VerifiedUserFactory(), subject="Mine now", answers={}
        )
    assert SelfAssessment.objects.get().subject == "Vaani"


def test_a_copy_read_before_submitting_cannot_reopen_the_assessment():
    from responsible.services import AssessmentError

    SelfAssessmentFactory()  # someone else's, beside it
    assessment = SelfAssessmentFactory(answers={})
    stale = SelfAssessment.objects.get(pk=assessment.pk)
    answers = {i: {"answer": "yes"} for i in item_ids(assessment.checklist)}
    save_assessment(
        assessment, by=assessment.owner, subject="Vaani", answers=answers, submit=True
    )
    with pytest.raises(AssessmentError, match="can no longer change"):
        save_assessment(stale, by=assessment.owner, subject="Later", answers={})
    assert not SelfAssessment.objects.get(pk=assessment.pk).is_draft


def test_an_incomplete_first_submission_is_kept_and_the_form_posts_to_it(client):
    page = checklist()
    owner = SelfAssessmentFactory().owner
    client.force_login(owner)
    first = item_ids(page)[0]
    response = client.post(
        f"/responsible-ai/assessments/new/{page.pk}/",
        {"subject": "Vaani", f"answer-{first}": "yes", "submit": ""},
    )
    assert response.status_code == 400
    draft = SelfAssessment.objects.filter(owner=owner).latest("pk")
    assert draft.subject == "Vaani"
    assert f'action="{draft.get_absolute_url()}"' in response.content.decode()


def test_a_visitor_who_is_not_signed_in_owns_no_assessment():
    from django.contrib.auth.models import AnonymousUser

    SubmittedAssessmentFactory()
    assert not SelfAssessment.objects.owned_by(AnonymousUser()).exists()
    assert not SelfAssessment.objects.attachable_by(AnonymousUser()).exists()


def test_an_anonymised_reviewer_reads_the_subject_with_names_taken_out():
    """The subject is the applicant's own words, like the answers: under
    anonymised review it goes through the same redaction (found by the mutation
    run of responsible/: only the answers were checked)."""
    from responsible.attach import reviewer_context

    assessment = SubmittedAssessmentFactory(subject="Bhasha Labs speech corpus")

    def redact(text):
        return text.replace("Bhasha Labs", "[startup]")

    shown = reviewer_context(assessment, redact=redact)
    assert shown["self_assessment_subject"] == "[startup] speech corpus"
    assert reviewer_context(assessment)["self_assessment_subject"] == (
        "Bhasha Labs speech corpus"
    )
    assert reviewer_context(None) == {
        "self_assessment": None,
        "self_assessment_sections": [],
    }
