"""Reused reads of compute (compute.queries): what the dashboard lists, the totals and who sees what."""

import pytest

from tests.factories.compute import ComputeApplicationFactory, create_call
from tests.factories.home import VerifiedUserFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_my_compute_applications_and_no_one_elses(client):
    call = create_call()
    mine, theirs = (
        ComputeApplicationFactory(call=call),
        ComputeApplicationFactory(call=call),
    )
    client.force_login(mine.applicant)
    page = client.get("/dashboard/").content.decode()
    assert mine.get_absolute_url() in page
    assert theirs.get_absolute_url() not in page
    client.force_login(VerifiedUserFactory())
    page = client.get("/dashboard/").content.decode()
    assert "You have not applied for compute yet." in page


def test_a_filed_report_leaves_the_dashboards_reports_to_file(client):
    from compute import services

    application = ComputeApplicationFactory(call=create_call(), status="accepted")
    services.allocate_compute(application, gpu_hours=100, by=None)
    report = application.usage_reports.get()
    client.force_login(application.applicant)
    assert report.get_absolute_url() in client.get("/dashboard/").content.decode()
    services.file_usage_report(
        report, by=application.applicant, hours_used=5, summary="", outputs=[]
    )
    assert report.get_absolute_url() not in client.get("/dashboard/").content.decode()


def test_a_grant_without_a_report_has_used_no_hours():
    from compute import queries, services

    application = ComputeApplicationFactory(call=create_call(), status="accepted")
    services.allocate_compute(application, gpu_hours=100, by=None)
    totals = queries.totals()
    assert (totals["overall"].allocated, totals["overall"].used) == (100, 0)


def test_the_public_list_leaves_out_grants_of_a_call_no_longer_published():
    from compute import queries, services

    call = create_call()
    application = ComputeApplicationFactory(call=call, status="accepted")
    services.allocate_compute(application, gpu_hours=100, by=None)
    services.set_grant_listing(application, user=application.applicant, listed=True)
    assert [g.application for g in queries.public_grants()] == [application]
    call.unpublish()
    assert list(queries.public_grants()) == []


def test_the_dashboard_lists_my_organisations_and_no_one_elses(client):
    from tests.factories.compute import OrganisationFactory

    mine = OrganisationFactory(name="Santali Speech Lab")
    OrganisationFactory(name="Another Lab")
    client.force_login(mine.owner)
    page = client.get("/dashboard/").content.decode()
    assert "Santali Speech Lab" in page
    assert "Another Lab" not in page


def test_a_visitor_who_is_not_signed_in_sees_and_edits_nothing():
    from django.contrib.auth.models import AnonymousUser

    from compute.models import ComputeApplication, Organisation, UsageReport
    from tests.factories.compute import OrganisationFactory

    OrganisationFactory()
    ComputeApplicationFactory(call=create_call())
    visitor = AnonymousUser()
    for model in (Organisation, ComputeApplication, UsageReport):
        assert not model.objects.editable_by(visitor).exists()
        assert not model.objects.visible_to(visitor).exists()


def test_a_grant_is_an_accepted_application_with_at_least_one_hour():
    from compute import queries, services
    from compute.models import ComputeSelection

    call = create_call()
    staged = ComputeApplicationFactory(call=call, status="accepted")
    ComputeSelection.objects.create(application=staged)  # no hours yet
    one_hour = ComputeApplicationFactory(call=call, status="accepted")
    services.allocate_compute(one_hour, gpu_hours=1, by=None)
    totals = queries.totals()
    assert (totals["overall"].grants, totals["overall"].allocated) == (1, 1)
    assert [g.application for g in ComputeSelection.objects.granted()] == [one_hour]


def test_organisations_are_visible_to_their_owner_and_to_staff_who_may_view_them():
    from compute.models import Organisation
    from tests.factories.compute import CallManagerFactory, OrganisationFactory

    mine, theirs = OrganisationFactory(), OrganisationFactory()
    assert list(Organisation.objects.visible_to(mine.owner)) == [mine]
    manager = CallManagerFactory()
    assert set(Organisation.objects.visible_to(manager)) == {mine, theirs}
