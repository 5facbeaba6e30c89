"""The rules of calls for compute: who may apply, the deadline, the budget and
the largest grant, usage reports and their reminders, totals, the public list."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from compute import queries, selection, services
from compute.enums import ApplicationStatus
from compute.models import ComputeApplication, ComputeSelection, UsageReport
from tests.factories.compute import (
    ComputeApplicationFactory,
    OrganisationFactory,
    SubmittedComputeApplicationFactory,
    accepted,
    create_call,
)
from tests.factories.home import VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Runs what the block queued on commit (emails) when it ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def call():
    return create_call(total=1000, largest=400)


def granted(call, hours, **fields):
    application = accepted(SubmittedComputeApplicationFactory(call=call, **fields))
    services.allocate_compute(application, gpu_hours=hours, by=None)
    return application


# Applying ---------------------------------------------------------------------------
def test_a_researcher_starts_one_draft_per_call(call):
    user = VerifiedUserFactory()
    first = services.start_application(call, user=user, language="hi")
    again = services.start_application(call, user=user, language="en")
    assert first.pk == again.pk
    assert first.kind == "researcher"
    assert first.language == "hi"


def test_an_organisation_kind_the_call_does_not_accept_is_refused():
    call = create_call(open_to_startups=False)
    organisation = OrganisationFactory(kind="startup")
    with pytest.raises(services.ComputeError, match="not open to applicants like you"):
        services.start_application(
            call, user=organisation.owner, organisation=organisation, language="en"
        )


def test_nobody_applies_for_an_organisation_they_do_not_manage(call):
    organisation = OrganisationFactory()
    with pytest.raises(services.ComputeError, match="organisation you manage"):
        services.start_application(
            call, user=VerifiedUserFactory(), organisation=organisation, language="en"
        )


def test_an_application_for_an_organisation_takes_its_state(call):
    organisation = OrganisationFactory(state="AS")
    application = services.start_application(
        call, user=organisation.owner, organisation=organisation, language="en"
    )
    assert (application.kind, application.state) == ("university_lab", "AS")


def test_submitting_before_the_deadline_emails_the_applicant(call, commit):
    application = ComputeApplicationFactory(call=call, language="hi")
    with commit():
        services.submit_application(application, by=application.applicant)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.status_changes.get().to_status == ApplicationStatus.SUBMITTED
    assert len(mail.outbox) == 1
    assert "आवेदन" in mail.outbox[0].subject


def test_submitting_after_the_deadline_is_refused(call):
    application = ComputeApplicationFactory(call=call)
    after = call.closes_at + dt.timedelta(minutes=1)
    with pytest.raises(services.ComputeError, match="deadline has passed"):
        services.submit_application(application, by=application.applicant, now=after)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_a_draft_asking_more_than_the_largest_grant_cannot_be_submitted(call):
    application = ComputeApplicationFactory(call=call, gpu_hours_requested=401)
    with pytest.raises(services.ComputeError, match="largest grant"):
        services.submit_application(application, by=application.applicant)


def test_someone_else_cannot_submit_an_application(call):
    application = ComputeApplicationFactory(call=call)
    with pytest.raises(services.ComputeError):
        services.submit_application(application, by=VerifiedUserFactory())


# Budget ---------------------------------------------------------------------------
def test_allocations_within_the_budget_leave_the_rest(call):
    granted(call, 400)
    granted(call, 350)
    assert services.budget_of(call)["allocated"] == 750
    assert services.budget_of(call)["left"] == 250


def test_an_allocation_over_the_budget_is_refused_and_nothing_changes(call):
    granted(call, 400)
    granted(call, 400)
    third = accepted(SubmittedComputeApplicationFactory(call=call))
    with pytest.raises(services.ComputeError, match="200 of 1000 GPU-hours are left"):
        services.allocate_compute(third, gpu_hours=201, by=None)
    assert services.budget_of(call)["left"] == 200
    services.allocate_compute(third, gpu_hours=200, by=None)
    assert services.budget_of(call)["left"] == 0


def test_a_budget_lowered_below_what_is_allocated_leaves_nothing_not_less(call):
    granted(call, 400)
    granted(call, 400)
    call.total_gpu_hours = 700
    call.save_revision().publish()
    third = accepted(SubmittedComputeApplicationFactory(call=call))
    with pytest.raises(services.ComputeError, match="0 of 700 GPU-hours are left"):
        services.allocate_compute(third, gpu_hours=1, by=None)


def test_hours_of_an_application_no_longer_accepted_go_back_to_the_budget(call):
    withdrawn = granted(call, 400)
    granted(call, 400)
    ComputeApplication.objects.filter(pk=withdrawn.pk).update(
        status=ApplicationStatus.WITHDRAWN
    )
    granted(call, 400)
    fourth = accepted(SubmittedComputeApplicationFactory(call=call))
    services.allocate_compute(fourth, gpu_hours=200, by=None)
    assert services.budget_of(call)["allocated"] == 1000
    # The allocations listed are the accepted applications' only.
    listed = [
        application for application, _hours in selection.compute_allocations(call)
    ]
    assert withdrawn not in listed
    assert len(listed) == 3


def test_an_allocation_over_the_largest_grant_is_refused(call):
    application = accepted(SubmittedComputeApplicationFactory(call=call))
    with pytest.raises(services.ComputeError, match="largest grant"):
        services.allocate_compute(application, gpu_hours=401, by=None)
    assert not ComputeSelection.objects.filter(gpu_hours_allocated__gt=0).exists()


def test_changing_an_allocation_counts_it_once(call):
    application = granted(call, 400)
    granted(call, 400)
    services.allocate_compute(application, gpu_hours=300, by=None)
    assert services.budget_of(call)["allocated"] == 700


def test_only_accepted_applications_are_given_compute(call):
    application = SubmittedComputeApplicationFactory(call=call)
    with pytest.raises(services.ComputeError, match="accepted applications only"):
        services.allocate_compute(application, gpu_hours=100, by=None)


def test_the_budget_is_read_from_the_hindi_translation_too(call):
    granted(call, 100)
    hindi = call.get_translations().get().specific
    assert services.budget_of(hindi)["left"] == 900


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_never_exceed_the_budget():
    call = create_call(total=1000, largest=400)
    applications = [
        accepted(SubmittedComputeApplicationFactory(call=call)) for _ in range(4)
    ]
    barrier = threading.Barrier(len(applications))
    outcomes = []

    def allocate(application):
        try:
            barrier.wait()
            services.allocate_compute(application, gpu_hours=300, by=None)
            outcomes.append("ok")
        except services.ComputeError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "ok", "ok", "refused"]
    assert services.budget_of(call)["allocated"] == 900


# Reviews (review's rules, for calls) -----------------------------------------------
def test_review_scores_with_the_calls_rubric():
    from tests.factories.compute import CallReviewerFactory

    call = create_call()
    application = SubmittedComputeApplicationFactory(call=call)
    reviewer = CallReviewerFactory()
    selection.assign_reviewers([application], reviewers=[reviewer], by=None)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    review = application.reviews.get()
    criteria = selection.criteria_of(call)
    selection.submit_review(
        review,
        by=reviewer,
        scores={str(criteria[0].pk): 5, str(criteria[1].pk): 2},
        recommendation="yes",
    )
    review.refresh_from_db()
    assert review.score == 80.0


def test_a_staged_decision_is_emailed_once_in_the_applicants_language(call, commit):
    application = SubmittedComputeApplicationFactory(call=call, language="hi")
    ComputeApplication.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.IN_REVIEW
    )
    application.refresh_from_db()
    selection.stage_decision(application, to=ApplicationStatus.ACCEPTED, by=None)
    with commit():
        assert selection.send_decisions(call, by=None) == (1, [])
    with commit():
        assert selection.send_decisions(call, by=None) == (0, [])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.applicant.email]
    assert "पुकार test-call" in mail.outbox[0].subject


# Usage reports -------------------------------------------------------------------
def test_a_grant_gets_a_report_for_each_report_date():
    call = create_call(report_in_days=(30, 90))
    application = granted(call, 100)
    assert application.usage_reports.count() == 2


def test_a_usage_report_reminder_is_sent_once(call, commit):
    application = granted(call, 100)
    report = application.usage_reports.get()
    early = timezone.now()
    assert services.send_usage_reminders(now=early) == 0
    due_soon = timezone.make_aware(
        dt.datetime.combine(report.due_on - dt.timedelta(days=3), dt.time(12))
    )
    with commit():
        assert services.send_usage_reminders(now=due_soon) == 1
    with commit():
        assert services.send_usage_reminders(now=due_soon) == 0
    reminders = [m for m in mail.outbox if report.get_absolute_url() in m.body]
    assert len(reminders) == 1
    assert reminders[0].to == [application.applicant.email]


def test_a_filed_report_is_not_reminded(call):
    application = granted(call, 100)
    report = application.usage_reports.get()
    services.file_usage_report(
        report, by=application.applicant, hours_used=40, summary="Trained.", outputs=[]
    )
    later = timezone.make_aware(dt.datetime.combine(report.due_on, dt.time(12)))
    assert services.send_usage_reminders(now=later) == 0


def test_a_report_never_uses_more_than_the_grant(call):
    application = granted(call, 100)
    report = application.usage_reports.get()
    with pytest.raises(services.ComputeError, match="from 0 to 100"):
        services.file_usage_report(
            report, by=application.applicant, hours_used=101, summary="", outputs=[]
        )
    with pytest.raises(services.ComputeError):
        services.file_usage_report(
            report, by=VerifiedUserFactory(), hours_used=1, summary="", outputs=[]
        )
    assert UsageReport.objects.get().submitted_at is None


# Totals and the public list --------------------------------------------------------
def file(application, hours, outputs=()):
    report = application.usage_reports.first()
    services.file_usage_report(
        report,
        by=application.applicant,
        hours_used=hours,
        summary="Done.",
        outputs=[
            {"kind": k, "title": k, "url": "https://example.org/x"} for k in outputs
        ],
    )


def test_totals_per_call_state_sector_and_language(call):
    one = granted(call, 400, state="JH", sector="language_tech", languages=["sat"])
    two = granted(call, 200, state="AS", sector="health", languages=["sat", "as"])
    file(one, 150, ["paper", "model"])
    file(two, 50, ["dataset"])
    totals = queries.totals()
    assert (totals["overall"].grants, totals["overall"].allocated) == (2, 600)
    assert totals["overall"].used == 200
    assert totals["overall"].outputs == {"paper": 1, "model": 1, "dataset": 1}
    by_state = {row.key: (row.allocated, row.used) for row in totals["state"]}
    assert by_state == {"JH": (400, 150), "AS": (200, 50)}
    by_sector = {row.key: row.grants for row in totals["sector"]}
    assert by_sector == {"language_tech": 1, "health": 1}
    by_language = {row.key: row.allocated for row in totals["language"]}
    assert by_language == {"sat": 600, "as": 200}
    assert [row.allocated for row in totals["call"]] == [600]


def test_the_public_list_shows_only_grants_their_holders_listed(call, client):
    listed = granted(call, 300, project_title="Listed Santali ASR")
    granted(call, 200, project_title="Quiet Bodo MT")
    services.set_grant_listing(
        listed, user=listed.applicant, listed=True, line="Speech for Santali."
    )
    assert [g.application_id for g in queries.public_grants()] == [listed.pk]
    for prefix in ("", "/hi"):
        page = client.get(f"{prefix}/compute/grants/").content.decode()
        assert "Listed Santali ASR" in page
        assert "Speech for Santali." in page
        assert "Quiet Bodo MT" not in page
    public = queries.totals(queries.public_grants())
    assert public["overall"].allocated == 300


def test_only_the_grantee_lists_their_grant(call):
    application = granted(call, 300)
    with pytest.raises(services.ComputeError):
        services.set_grant_listing(application, user=VerifiedUserFactory(), listed=True)
    assert not queries.public_grants().exists()


def test_the_rubric_reads_in_the_same_order_after_a_criterion_is_edited():
    """Criteria made without a sort order come back in id order, not in whatever
    order the database finds them (PostgreSQL moves an updated row to the end):
    the review form's fields, and the scores typed into them, keep their places."""
    from compute.models import CallRubricCriterion
    from compute.selection import COMPUTE
    from review.services import criteria_of

    call = create_call()
    first, second = call.rubric_criteria.order_by("pk")
    CallRubricCriterion.objects.filter(pk=first.pk).update(description="Edited.")
    assert [c.pk for c in criteria_of(COMPUTE, call)] == [first.pk, second.pk]
