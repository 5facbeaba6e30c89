"""A self-assessment is saved on the row as it is once locked (PostgreSQL)."""

import pytest
from django.db import transaction

from responsible.enums import AssessmentStatus
from responsible.models import SelfAssessment
from responsible.services import AssessmentError, save_assessment
from tests.factories.responsible import SelfAssessmentFactory, all_answered
from tests.locking import blocked_thread, lock

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_save_from_another_tab_waits_and_never_reopens_a_submitted_assessment():
    """Submitted in one tab while the other tab saves a draft: the draft save
    waits, then is refused; what was submitted (and may be attached to an
    application) stays as submitted."""
    assessment = SelfAssessmentFactory(answers={})
    owner = assessment.owner
    answers = all_answered(assessment.checklist, answer="yes", note="Consent kept")
    other_tab = SelfAssessment.objects.get(pk=assessment.pk)
    with transaction.atomic():
        lock(SelfAssessment, assessment)
        thread, outcome = blocked_thread(
            lambda: save_assessment(
                other_tab, by=owner, subject="Changed later", answers={}
            )
        )
        save_assessment(
            assessment, by=owner, subject="Vaani", answers=answers, submit=True
        )
    thread.join()
    assert isinstance(outcome.get("error"), AssessmentError), outcome
    assert "can no longer change" in outcome["error"].message
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert assessment.subject == "Vaani"
    assert {a["note"] for a in assessment.answers.values()} == {"Consent kept"}
