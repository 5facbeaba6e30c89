"""The rules of compute.services at their edges (mistakes `make mutate` showed
the other tests would let through): whose draft is whose, which calls take
drafts, what a draft still lacks, which status changes are allowed."""

import pytest

from compute import services
from compute.enums import ApplicationStatus
from compute.models import ComputeApplication
from tests.factories.compute import (
    ComputeApplicationFactory,
    OrganisationFactory,
    SubmittedComputeApplicationFactory,
    create_call,
)
from tests.factories.home import VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return create_call(total=1000, largest=400)


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
