"""Who the public alumni directory and the decision emails reach (cohorts.selection,
cohorts.emails). Found by the mutation run of cohorts/: each filter could go and
the suite passed, as its data never held the rows the filter is there to keep out."""

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cohorts import selection
from cohorts.emails import recipients_by_application
from cohorts.enums import ApplicationStatus
from cohorts.models import Application, Startup, StartupMembership
from tests.factories.cohorts import ApplicationFactory, create_cohort
from tests.factories.home import VerifiedUserFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def listed(cohort, name):
    application = ApplicationFactory(cohort=cohort, status=S.ACCEPTED)
    Startup.objects.filter(pk=application.startup_id).update(name=name)
    selection.set_alumni_listing(
        application, user=application.startup.owner, listed=True, line=name
    )
    return application


def directory() -> list[str]:
    return [s.application.startup.name for s in selection.alumni_directory()]


def test_the_directory_lists_only_accepted_startups_of_public_cohorts_not_erased():
    public = create_cohort("public-cohort")
    private = create_cohort("private-cohort")
    listed(public, "Bhasha AI")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    listed(private, "Hidden Labs")
    withdrawn = listed(public, "Gone Later")
    Application.objects.filter(pk=withdrawn.pk).update(status=S.WITHDRAWN)
    erased = listed(public, "Erased Startup")
    Startup.objects.filter(pk=erased.startup_id).update(anonymised_at=timezone.now())
    assert directory() == ["Bhasha AI"]


def test_decision_emails_go_to_the_owner_and_members_who_accepted_only():
    application = ApplicationFactory(cohort=create_cohort(), status=S.SUBMITTED)
    startup = application.startup
    joined, invited = VerifiedUserFactory(), VerifiedUserFactory()
    StartupMembership.objects.create(
        startup=startup, user=joined, email=joined.email, accepted_at=timezone.now()
    )
    # Invited, with an account, not accepted yet: not one of the startup's people.
    StartupMembership.objects.create(startup=startup, user=invited, email=invited.email)
    # Accepted, without an account (none is left to write to).
    StartupMembership.objects.create(
        startup=startup, email="left@example.in", accepted_at=timezone.now()
    )
    other = ApplicationFactory(cohort=application.cohort, status=S.SUBMITTED)
    StartupMembership.objects.create(
        startup=other.startup,
        user=VerifiedUserFactory(),
        email="x@example.in",
        accepted_at=timezone.now(),
    )
    # Any iterable of applications: here one that can be read only once.
    found = recipients_by_application(a for a in [application])
    assert found == {application.pk: [startup.owner, joined]}
