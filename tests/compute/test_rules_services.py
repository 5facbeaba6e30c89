"""The rules of compute.services at their edges (mistakes `make mutate` showed
the other tests would let through): whose draft is whose, which calls take
drafts, what a draft still lacks, which status changes are allowed."""

import datetime as dt

import pytest
from django.utils import timezone

from compute import services
from compute.enums import ApplicationStatus
from compute.models import ComputeApplication, UsageReport
from tests.factories.compute import (
    ComputeApplicationFactory,
    OrganisationFactory,
    SubmittedComputeApplicationFactory,
    create_call,
)
from tests.factories.home import VerifiedUserFactory
from tests.pages_once import made_once

pytestmark = pytest.mark.django_db


call_once, call, _call_hidden = made_once(
    "call", lambda: create_call(total=1000, largest=400)
)


# Whose draft is whose -------------------------------------------------------------
def test_each_person_and_each_of_their_organisations_has_its_own_draft(call):
    asha, ravi = VerifiedUserFactory(), VerifiedUserFactory()
    lab = OrganisationFactory(owner=asha)
    mine = services.start_application(call, user=asha, language="en")
    theirs = services.start_application(call, user=ravi, language="en")
    for_lab = services.start_application(
        call, user=asha, organisation=lab, language="en"
    )
    assert len({mine.pk, theirs.pk, for_lab.pk}) == 3
    assert (theirs.applicant, theirs.organisation) == (ravi, None)
    assert (for_lab.applicant, for_lab.organisation, for_lab.kind) == (
        asha,
        lab,
        "university_lab",
    )
    # Starting again finds the same draft, for the person and for the lab.
    assert services.start_application(call, user=asha, language="en").pk == mine.pk
    assert (
        services.start_application(call, user=asha, organisation=lab, language="en").pk
        == for_lab.pk
    )
    assert ComputeApplication.objects.count() == 3


def test_a_second_organisation_gets_its_own_draft(call):
    owner = VerifiedUserFactory()
    first, second = OrganisationFactory(owner=owner), OrganisationFactory(owner=owner)
    one = services.start_application(
        call, user=owner, organisation=first, language="en"
    )
    two = services.start_application(
        call, user=owner, organisation=second, language="en"
    )
    assert one.pk != two.pk
    assert two.organisation == second


@pytest.mark.parametrize(
    ("opens_in_days", "closes_in_days"),
    [(2, 10), (-10, -1)],
    ids=["upcoming", "closed"],
)
def test_a_call_that_is_not_open_takes_no_new_draft(opens_in_days, closes_in_days):
    call = create_call(opens_in_days=opens_in_days, closes_in_days=closes_in_days)
    with pytest.raises(services.ComputeError, match="not open for applications"):
        services.start_application(call, user=VerifiedUserFactory(), language="en")
    assert not ComputeApplication.objects.exists()


# What a draft still lacks ----------------------------------------------------------
def test_an_empty_draft_is_told_everything_it_lacks(call):
    application = ComputeApplicationFactory(
        call=call,
        project_title="",
        summary="",
        gpu_hours_requested=None,
        state="",
        sector="",
        answers={},
    )
    problems = services.application_problems(application)
    assert problems == [
        "Give the project a title.",
        "Say what the compute is for.",
        "Say how many GPU-hours you need.",
        "Choose your state or union territory.",
        "Choose a sector.",
        "What data will you use?: This question needs an answer.",
    ]


def test_a_complete_draft_lacks_nothing_and_the_largest_grant_is_allowed(call):
    application = ComputeApplicationFactory(call=call, gpu_hours_requested=400)
    assert services.application_problems(application) == []
    application.gpu_hours_requested = 401
    assert services.application_problems(application) == [
        "The largest grant of this call is 400 GPU-hours."
    ]


# Submitting --------------------------------------------------------------------------
def test_submitting_records_when_and_leaves_the_applicants_other_draft_alone(call):
    user = VerifiedUserFactory()
    lab = OrganisationFactory(owner=user)
    mine = ComputeApplicationFactory(call=call, applicant=user)
    for_lab = ComputeApplicationFactory(call=call, applicant=user, organisation=lab)
    when = call.closes_at - dt.timedelta(hours=1)
    services.submit_application(for_lab, by=user, now=when)
    for_lab.refresh_from_db()
    assert (for_lab.status, for_lab.submitted_at) == (ApplicationStatus.SUBMITTED, when)
    mine.refresh_from_db()
    assert (mine.status, mine.submitted_at) == (ApplicationStatus.DRAFT, None)


def test_a_submitted_application_is_not_submitted_again(call):
    application = ComputeApplicationFactory(call=call)
    services.submit_application(application, by=application.applicant)
    with pytest.raises(services.ComputeError, match="already been submitted"):
        services.submit_application(application, by=application.applicant)
    assert application.status_changes.count() == 1


def test_at_the_deadline_itself_applications_are_closed(call):
    application = ComputeApplicationFactory(call=call)
    with pytest.raises(services.ComputeError, match="deadline has passed"):
        services.submit_application(
            application, by=application.applicant, now=call.closes_at
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


# Status changes ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "to"),
    [
        (ApplicationStatus.DRAFT, ApplicationStatus.ACCEPTED),
        (ApplicationStatus.ACCEPTED, ApplicationStatus.WITHDRAWN),
        (ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED),
    ],
)
def test_a_status_change_not_in_the_transitions_is_refused_and_not_logged(start, to):
    application = SubmittedComputeApplicationFactory(status=start)
    with pytest.raises(services.ComputeError, match="cannot move from"):
        services.change_application_status(application, to=to, by=None)
    application.refresh_from_db()
    assert application.status == start
    assert not application.status_changes.exists()


# Allocations, reports and reminders -------------------------------------------------
def granted(call, hours):
    application = SubmittedComputeApplicationFactory(call=call)
    ComputeApplication.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.ACCEPTED
    )
    application.refresh_from_db()
    services.allocate_compute(application, gpu_hours=hours, by=None)
    return application


def test_an_allocation_of_no_hours_is_refused_and_one_hour_is_a_grant(call):
    application = granted(call, 400)
    with pytest.raises(services.ComputeError, match="1 or more"):
        services.allocate_compute(application, gpu_hours=0, by=None)
    services.allocate_compute(application, gpu_hours=1, by=None)
    application = ComputeApplication.objects.get(pk=application.pk)
    assert services.granted_hours(application) == 1
    assert application.selection.allocated_at is not None


def test_hours_used_run_from_none_to_the_whole_grant(call):
    application = granted(call, 100)
    report = application.usage_reports.get()
    user = application.applicant
    with pytest.raises(services.ComputeError, match="from 0 to 100"):
        services.file_usage_report(
            report, by=user, hours_used=-1, summary="", outputs=[]
        )
    services.file_usage_report(report, by=user, hours_used=0, summary="", outputs=[])
    services.file_usage_report(report, by=user, hours_used=100, summary="", outputs=[])
    report.refresh_from_db()
    assert report.hours_used == 100


@pytest.mark.parametrize("staged", [False, True], ids=["no decision", "staged"])
def test_a_grant_without_hours_allows_no_hours_used(call, staged):
    application = SubmittedComputeApplicationFactory(call=call)
    if staged:  # a decision staged, no hours allocated yet
        from compute.models import ComputeSelection

        ComputeSelection.objects.create(application=application)
        application = ComputeApplication.objects.get(pk=application.pk)
    assert services.granted_hours(application) == 0
    report = UsageReport.objects.create(
        application=application, due_on=call.closes_at.date()
    )
    with pytest.raises(services.ComputeError, match="from 0 to 0"):
        services.file_usage_report(
            report, by=application.applicant, hours_used=1, summary="", outputs=[]
        )


def test_an_output_of_an_unknown_kind_is_refused_and_nothing_filed(call):
    application = granted(call, 100)
    report = application.usage_reports.get()
    with pytest.raises(services.ComputeError, match="what kind of output"):
        services.file_usage_report(
            report,
            by=application.applicant,
            hours_used=10,
            summary="Trained.",
            outputs=[{"kind": "blog", "title": "Post", "url": "https://x.in"}],
        )
    report.refresh_from_db()
    assert (report.submitted_at, report.hours_used, report.outputs.count()) == (
        None,
        None,
        0,
    )


def test_a_correction_replaces_the_outputs_and_keeps_the_filing_date(call):
    application = granted(call, 100)
    report = application.usage_reports.get()
    user = application.applicant
    paper = {"kind": "paper", "title": "Santali ASR", "url": "https://x.in/p"}
    model = {"kind": "model", "title": "sat-asr-v1", "url": "https://x.in/m"}
    first = services.file_usage_report(
        report, by=user, hours_used=10, summary="One.", outputs=[paper]
    )
    filed_at = first.submitted_at
    assert filed_at is not None
    services.file_usage_report(
        report, by=user, hours_used=20, summary="Two.", outputs=[model]
    )
    report.refresh_from_db()
    assert (report.hours_used, report.summary) == (20, "Two.")
    assert report.submitted_at == filed_at
    assert [o.title for o in report.outputs.all()] == ["sat-asr-v1"]


def test_a_listing_line_is_cut_to_200_characters(call):
    application = granted(call, 100)
    services.set_grant_listing(
        application, user=application.applicant, listed=True, line=" " + "x" * 250
    )
    application.refresh_from_db()
    assert application.public_summary == "x" * 200
    with pytest.raises(services.ComputeError, match="cannot change"):
        services.set_grant_listing(
            application, user=VerifiedUserFactory(), listed=False
        )
    assert ComputeApplication.objects.get(pk=application.pk).listed_publicly


def test_only_a_granted_application_is_listed(call):
    application = SubmittedComputeApplicationFactory(call=call)
    with pytest.raises(services.ComputeError, match="Only granted"):
        services.set_grant_listing(application, user=application.applicant, listed=True)
    assert not ComputeApplication.objects.get(pk=application.pk).listed_publicly


def test_reminders_go_seven_days_before_the_due_date_not_eight(call):
    application = granted(call, 100)
    report = application.usage_reports.get()

    def at(days_before):
        return timezone.make_aware(
            dt.datetime.combine(
                report.due_on - dt.timedelta(days=days_before), dt.time(9)
            )
        )

    assert services.send_usage_reminders(now=at(8)) == 0
    assert services.send_usage_reminders(now=at(7)) == 1
    report.refresh_from_db()
    assert report.reminded_at == at(7)


def test_each_due_report_is_counted_once(call):
    for _ in range(2):
        granted(call, 100)
    report = UsageReport.objects.first()
    later = timezone.make_aware(dt.datetime.combine(report.due_on, dt.time(9)))
    assert services.send_usage_reminders(now=later) == 2
    assert services.send_usage_reminders(now=later) == 0


# What the cached public pages show ------------------------------------------------
def _warm(client, url):
    for _ in range(3):
        if client.get(url)["X-Page-Cache"] == "hit":
            return
    pytest.fail(f"{url} never came from the cache")


def test_the_call_page_shows_what_is_left_at_once_after_an_allocation(
    client, call, django_capture_on_commit_callbacks
):
    application = SubmittedComputeApplicationFactory(call=call)
    ComputeApplication.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.ACCEPTED
    )
    application.refresh_from_db()
    _warm(client, call.url)
    with django_capture_on_commit_callbacks(execute=True):
        services.allocate_compute(application, gpu_hours=400, by=None)
    page = client.get(call.url).content.decode()
    assert "600 of 1000 GPU-hours not yet allocated." in page


def test_the_public_list_shows_a_grant_at_once_when_its_grantee_lists_it(
    client, call, django_capture_on_commit_callbacks
):
    application = granted(call, 100)
    _warm(client, "/compute/grants/")
    with django_capture_on_commit_callbacks(execute=True):
        services.set_grant_listing(
            application, user=application.applicant, listed=True, line="Santali ASR"
        )
    assert "Santali ASR" in client.get("/compute/grants/").content.decode()


def test_a_report_date_added_after_the_grant_gets_its_report_slot(call):
    from compute.models import CallReportDate

    application = granted(call, 100)
    later = application.usage_reports.get().due_on + dt.timedelta(days=90)
    CallReportDate.objects.create(call=call, due_on=later)
    assert services.ensure_report_slots(application) == 1
    assert services.ensure_report_slots(application) == 0
    assert list(application.usage_reports.values_list("due_on", flat=True)) == [
        later - dt.timedelta(days=90),
        later,
    ]


def test_the_public_list_shows_hours_used_at_once_when_a_report_is_filed(
    client, call, django_capture_on_commit_callbacks
):
    application = granted(call, 100)
    services.set_grant_listing(application, user=application.applicant, listed=True)
    _warm(client, "/compute/grants/")
    # The totals' sentence (a bare "73" can be part of any id on the page).
    used = "GPU-hours allocated, 73 used."
    assert used not in client.get("/compute/grants/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.file_usage_report(
            application.usage_reports.get(),
            by=application.applicant,
            hours_used=73,
            summary="Trained.",
            outputs=[],
        )
    assert used in client.get("/compute/grants/").content.decode()


def test_a_reminder_run_at_the_present_moment_reminds_once():
    call = create_call(opens_in_days=-30, closes_in_days=-5, report_in_days=(7,))
    application = granted(call, 100)
    assert services.send_usage_reminders() == 1
    assert services.send_usage_reminders() == 0
    assert application.usage_reports.get().reminded_at is not None


def test_a_reminder_run_makes_the_slot_of_a_report_date_added_after_the_grant(call):
    from compute.models import CallReportDate

    application = granted(call, 100)
    soon = timezone.localdate() + dt.timedelta(days=3)
    CallReportDate.objects.create(call=call, due_on=soon)
    assert services.send_usage_reminders() == 1
    assert application.usage_reports.get(due_on=soon).reminded_at is not None


def test_a_call_opens_and_closes_at_its_very_moments(call):
    assert call.phase(call.opens_at - dt.timedelta(seconds=1)) == "upcoming"
    assert call.phase(call.opens_at) == "open"
    assert call.is_open(call.closes_at - dt.timedelta(seconds=1))
    assert call.phase(call.closes_at) == "closed"
    assert not call.is_open(call.closes_at)
