"""Reused reads of compute (compute.queries): what the dashboard lists."""

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
