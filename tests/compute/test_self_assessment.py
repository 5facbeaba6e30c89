"""An applicant attaches their own submitted self-assessment to a draft compute
application or an unfiled usage report; the call's reviewers read the answers
beside the application (names taken out under anonymised review)."""

import pytest

from compute import services
from compute.selection import assign_reviewers
from compute.self_assessment import attach_to_application, attach_to_report
from compute.services import ComputeError
from tests.factories.compute import (
    CallManagerFactory,
    CallReviewerFactory,
    ComputeApplicationFactory,
    accepted,
    create_call,
)
from tests.factories.home import VerifiedUserFactory
from tests.factories.responsible import (
    SelfAssessmentFactory,
    SubmittedAssessmentFactory,
    checklist,
    item_ids,
)
from tests.pages_once import made_once

pytestmark = pytest.mark.django_db


def attach_url(application):
    return f"/compute/applications/{application.uuid}/self-assessment/"


def report_attach_url(report):
    return f"/compute/reports/{report.uuid}/self-assessment/"


draft_call_once, draft_call, _draft_call_hidden = made_once("draft_call", create_call)
report_call_once, report_call, _report_call_hidden = made_once(
    "report_call", lambda: create_call("report-call")
)


@pytest.fixture(scope="module", autouse=True)
def _checklists_once(module_db):
    """The demo's checklists (pages in three languages, seconds to make), which
    every self-assessment of the factories is made against, made once for the
    module: in a test, `checklist()` finds them as made."""
    checklist()


@pytest.fixture
def draft(draft_call):
    return ComputeApplicationFactory(call=draft_call)


@pytest.fixture
def report(report_call):
    application = accepted(
        ComputeApplicationFactory(call=report_call, status="submitted")
    )
    services.allocate_compute(application, gpu_hours=100, by=None)
    return application.usage_reports.get()


def test_applicant_attaches_their_submitted_assessment(client, draft):
    owner = draft.applicant
    mine = SubmittedAssessmentFactory(owner=owner, subject="Santali ASR v1")
    client.force_login(owner)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Santali ASR v1" in page
    assert client.post(attach_url(draft), {"self_assessment": mine.pk}).status_code == (
        302
    )
    draft.refresh_from_db()
    assert draft.self_assessment == mine
    client.post(attach_url(draft), {"self_assessment": ""})
    draft.refresh_from_db()
    assert draft.self_assessment is None


def test_only_your_own_submitted_assessment_can_be_attached(client, draft):
    owner = draft.applicant
    my_draft = SelfAssessmentFactory(owner=owner, subject="Unfinished")
    theirs = SubmittedAssessmentFactory(subject="Someone else's")
    client.force_login(owner)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Unfinished" not in page and "Someone else&#x27;s" not in page
    for assessment in (my_draft, theirs):
        client.post(attach_url(draft), {"self_assessment": assessment.pk})
        with pytest.raises(ComputeError):
            attach_to_application(draft, by=owner, assessment=assessment)
    draft.refresh_from_db()
    assert draft.self_assessment is None


def test_a_stranger_cannot_attach_to_an_application_or_report(client, draft, report):
    stranger = VerifiedUserFactory()
    theirs = SubmittedAssessmentFactory(owner=stranger)
    client.force_login(stranger)
    data = {"self_assessment": theirs.pk}
    assert client.post(attach_url(draft), data).status_code == 404
    assert client.post(report_attach_url(report), data).status_code == 404
    draft.refresh_from_db()
    report.refresh_from_db()
    assert draft.self_assessment is None and report.self_assessment is None


def test_a_submitted_application_keeps_its_assessment(draft):
    mine = SubmittedAssessmentFactory(owner=draft.applicant)
    draft.status = "submitted"
    draft.save()
    with pytest.raises(ComputeError):
        attach_to_application(draft, by=draft.applicant, assessment=mine)


def test_the_grantee_attaches_to_an_unfiled_report_only(client, report):
    owner = report.application.applicant
    mine = SubmittedAssessmentFactory(owner=owner, subject="Model card audit")
    client.force_login(owner)
    assert "Model card audit" in client.get(report.get_absolute_url()).content.decode()
    client.post(report_attach_url(report), {"self_assessment": mine.pk})
    report.refresh_from_db()
    assert report.self_assessment == mine
    # Staff who read the report see the answers.
    client.force_login(CallManagerFactory())
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Model card audit" in page
    # Filed, it no longer changes.
    services.file_usage_report(
        report, by=owner, hours_used=10, summary="Trained.", outputs=[]
    )
    with pytest.raises(ComputeError):
        attach_to_report(report, by=owner, assessment=None)


@pytest.fixture
def reviewed():
    call = create_call(anonymised_review=True)
    application = ComputeApplicationFactory(
        call=call,
        applicant=VerifiedUserFactory(first_name="Sunita", last_name="Murmu"),
    )
    page = checklist()
    answers = {i: {"answer": "yes", "note": "", "text": "?"} for i in item_ids(page)}
    answers[item_ids(page)[0]] = {
        "answer": "partly",
        "note": "Murmu collected consent forms for 80% of clips",
    }
    mine = SubmittedAssessmentFactory(
        owner=application.applicant, checklist=page, answers=answers
    )
    attach_to_application(application, by=application.applicant, assessment=mine)
    application.refresh_from_db()
    application.status = "submitted"
    application.save()
    reviewer = CallReviewerFactory()
    assign_reviewers([application], reviewers=[reviewer], by=None)
    return application, application.reviews.get(reviewer=reviewer)


def test_the_calls_reviewer_reads_the_answers_redacted(client, reviewed):
    application, review = reviewed
    client.force_login(review.reviewer)
    page = client.get(f"/admin/compute/reviews/{review.pk}/").content.decode()
    assert "Responsible-AI self-assessment" in page
    assert "collected consent forms for 80% of clips" in page
    assert "Partly" in page
    assert "Murmu" not in page
    # Another reviewer of the call reads nothing of it.
    client.force_login(CallReviewerFactory())
    assert client.get(f"/admin/compute/reviews/{review.pk}/").status_code == 404


def test_without_anonymity_the_reviewer_reads_the_notes_whole(client, reviewed):
    application, review = reviewed
    call = application.call
    call.anonymised_review = False
    call.save()
    client.force_login(review.reviewer)
    page = client.get(f"/admin/compute/reviews/{review.pk}/").content.decode()
    assert "Murmu collected consent forms for 80% of clips" in page


def test_attaching_changes_only_the_application_named(client):
    owner = VerifiedUserFactory()
    first = ComputeApplicationFactory(call=create_call("one"), applicant=owner)
    second = ComputeApplicationFactory(call=create_call("two"), applicant=owner)
    mine = SubmittedAssessmentFactory(owner=owner)
    attach_to_application(first, by=owner, assessment=mine)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.self_assessment, second.self_assessment) == (mine, None)
    attach_to_application(first, by=owner, assessment=None)
    attach_to_application(second, by=owner, assessment=mine)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.self_assessment, second.self_assessment) == (None, mine)


def test_attaching_to_someone_elses_application_is_refused(draft):
    with pytest.raises(ComputeError, match="You cannot change this"):
        attach_to_application(draft, by=VerifiedUserFactory(), assessment=None)


def test_only_a_submitted_assessment_of_ones_own_is_attached_even_beside_one(draft):
    owner = draft.applicant
    SubmittedAssessmentFactory(owner=owner)
    my_draft = SelfAssessmentFactory(owner=owner)
    with pytest.raises(ComputeError, match="your own submitted"):
        attach_to_application(draft, by=owner, assessment=my_draft)
    draft.refresh_from_db()
    assert draft.self_assessment is None


def test_the_attach_form_is_offered_on_a_draft_only(client, draft):
    client.force_login(draft.applicant)
    assert attach_url(draft) in client.get(draft.get_absolute_url()).content.decode()
    services.submit_application(draft, by=draft.applicant)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert attach_url(draft) not in page


def test_the_applicant_is_told_what_attaching_did(client, draft):
    owner = draft.applicant
    mine = SubmittedAssessmentFactory(owner=owner)
    theirs = SubmittedAssessmentFactory()
    client.force_login(owner)

    def told(choice):
        page = client.post(attach_url(draft), {"self_assessment": choice}, follow=True)
        return page.content.decode()

    assert "Your self-assessment is attached." in told(mine.pk)
    assert "No self-assessment is attached now." in told("")
    assert "Choose one of your own submitted self-assessments." in told(theirs.pk)
    draft.refresh_from_db()
    assert draft.self_assessment is None


def test_the_applicant_sees_a_link_to_the_assessment_they_attached(client, draft):
    mine = SubmittedAssessmentFactory(owner=draft.applicant)
    attach_to_application(draft, by=draft.applicant, assessment=mine)
    client.force_login(draft.applicant)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert mine.get_absolute_url() in page
    assert "a self-assessment by someone else" not in page


def test_attaching_to_a_submitted_application_is_refused_with_its_reason(client, draft):
    mine = SubmittedAssessmentFactory(owner=draft.applicant)
    services.submit_application(draft, by=draft.applicant)
    client.force_login(draft.applicant)
    page = client.post(attach_url(draft), {"self_assessment": mine.pk}, follow=True)
    assert "self-assessment can no longer change" in page.content.decode()
    draft.refresh_from_db()
    assert draft.self_assessment is None
