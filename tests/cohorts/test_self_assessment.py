"""A startup attaches its own submitted self-assessment to its application;
the application's reviewers and managers read the answers beside it, nobody else."""

import pytest

from cohorts import selection
from cohorts.enums import ApplicationStatus
from cohorts.models import Review
from cohorts.self_assessment import attach_self_assessment
from cohorts.services import ApplicationError
from tests.factories.cohorts import ApplicationFactory, StartupFactory
from tests.factories.home import VerifiedUserFactory
from tests.factories.responsible import (
    SelfAssessmentFactory,
    SubmittedAssessmentFactory,
    checklist,
    item_ids,
)
from tests.factories.selection import (
    ManagerFactory,
    ReviewerFactory,
    cohort_with_rubric,
)
from tests.pages_once import made_once

pytestmark = pytest.mark.django_db


def cohort_and_checklists():
    """The cohort with its rubric (a page with its Hindi translation) and the
    demo's checklists (pages in three languages), which every self-assessment
    of the factories is made against: they cost more than any test here, so
    they are made once for the module (tests.pages_once). In a test
    `checklist()` finds them."""
    checklist()
    return cohort_with_rubric()


module_cohort_once, module_cohort, _module_cohort_hidden = made_once(
    "module_cohort", cohort_and_checklists
)


@pytest.fixture
def draft(module_cohort):
    owner = VerifiedUserFactory()
    return ApplicationFactory(startup=StartupFactory(owner=owner), cohort=module_cohort)


def attach_url(application):
    return f"/applications/{application.uuid}/self-assessment/"


def test_founder_attaches_their_submitted_assessment(client, draft):
    owner = draft.startup.owner
    mine = SubmittedAssessmentFactory(owner=owner, subject="Santali ASR v1")
    client.force_login(owner)
    page = client.get(f"/applications/{draft.uuid}/").content.decode()
    assert "Santali ASR v1" in page
    response = client.post(attach_url(draft), {"self_assessment": mine.pk})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.self_assessment == mine
    client.post(attach_url(draft), {"self_assessment": ""})
    draft.refresh_from_db()
    assert draft.self_assessment is None


def test_only_your_own_submitted_assessment_can_be_attached(client, draft):
    owner = draft.startup.owner
    my_draft = SelfAssessmentFactory(owner=owner, subject="Unfinished")
    theirs = SubmittedAssessmentFactory(subject="Someone else's")
    client.force_login(owner)
    page = client.get(f"/applications/{draft.uuid}/").content.decode()
    assert "Unfinished" not in page
    assert "Someone else&#x27;s" not in page
    for assessment in (my_draft, theirs):
        client.post(attach_url(draft), {"self_assessment": assessment.pk})
        with pytest.raises(ApplicationError):
            attach_self_assessment(draft, by=owner, assessment=assessment)
    draft.refresh_from_db()
    assert draft.self_assessment is None


def test_a_stranger_cannot_attach_to_an_application(client, draft):
    stranger = VerifiedUserFactory()
    theirs = SubmittedAssessmentFactory(owner=stranger)
    client.force_login(stranger)
    assert (
        client.post(attach_url(draft), {"self_assessment": theirs.pk}).status_code
        == 404
    )
    draft.refresh_from_db()
    assert draft.self_assessment is None


def test_a_submitted_application_keeps_its_assessment(draft):
    owner = draft.startup.owner
    mine = SubmittedAssessmentFactory(owner=owner)
    draft.status = ApplicationStatus.SUBMITTED
    draft.save()
    with pytest.raises(ApplicationError):
        attach_self_assessment(draft, by=owner, assessment=mine)


@pytest.fixture
def reviewed(draft):
    """A submitted application with an assessment attached, and its reviewer."""
    page = checklist()
    first = item_ids(page)[0]
    answers = {i: {"answer": "yes", "note": "", "text": "?"} for i in item_ids(page)}
    answers[first] = {"answer": "partly", "note": "Consent forms for 80% of clips"}
    mine = SubmittedAssessmentFactory(
        owner=draft.startup.owner, checklist=page, answers=answers
    )
    attach_self_assessment(draft, by=draft.startup.owner, assessment=mine)
    draft.refresh_from_db()
    draft.status = ApplicationStatus.SUBMITTED
    draft.save()
    reviewer = ReviewerFactory()
    selection.assign_reviewers([draft], reviewers=[reviewer], by=None)
    return draft, Review.objects.get(application=draft, reviewer=reviewer)


def test_reviewer_and_manager_see_the_answers_beside_the_application(client, reviewed):
    application, review = reviewed
    client.force_login(review.reviewer)
    page = client.get(f"/admin/selection/reviews/{review.pk}/").content.decode()
    assert "Responsible-AI self-assessment" in page
    assert "Consent forms for 80% of clips" in page
    assert "Partly" in page
    client.force_login(ManagerFactory())
    inspect = client.get(f"/admin/application/inspect/{application.pk}/")
    assert "Consent forms for 80% of clips" in inspect.content.decode()


def test_a_reviewer_of_another_application_cannot_read_the_answers(client, reviewed):
    application, review = reviewed
    other = ReviewerFactory()
    selection.assign_reviewers(
        [ApplicationFactory(cohort=application.cohort, status="submitted")],
        reviewers=[other],
        by=None,
    )
    client.force_login(other)
    assert client.get(f"/admin/selection/reviews/{review.pk}/").status_code == 404
    inspect = client.get(f"/admin/application/inspect/{application.pk}/")
    assert "Consent forms for 80% of clips" not in inspect.content.decode()
    assessment = application.self_assessment
    assert (
        client.get(f"/responsible-ai/assessments/{assessment.uuid}/").status_code == 404
    )


def test_anonymised_review_hides_the_startup_name_in_the_notes(client, reviewed):
    application, review = reviewed
    cohort = application.cohort
    cohort.anonymised_review = True
    cohort.save()
    assessment = application.self_assessment
    first = item_ids(assessment.checklist)[0]
    name = application.startup.name
    assessment.answers[first]["note"] = f"{name} asked every speaker"
    assessment.save()
    client.force_login(review.reviewer)
    page = client.get(f"/admin/selection/reviews/{review.pk}/").content.decode()
    assert "asked every speaker" in page
    assert f"{name} asked every speaker" not in page
