"""The public list of compute grants costs the same number of queries for 2
grants as for 20 (on more calls), in English and Hindi, anonymous: fresh (the
site's generation just changed), cached (none) and cold (empty cache), within
the bound of the events pages (tests/events/test_queries.py)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compute import services
from compute.models import ComputeApplication
from home.caching import new_generation
from tests.events.test_queries import MAX_QUERIES
from tests.factories.compute import (
    OrganisationFactory,
    SubmittedComputeApplicationFactory,
    accepted,
    create_call,
)

pytestmark = pytest.mark.django_db

URLS = ["/compute/grants/", "/hi/compute/grants/"]


def grant(call, i):
    application = accepted(
        SubmittedComputeApplicationFactory(
            call=call,
            organisation=OrganisationFactory() if i % 2 else None,
            kind="university_lab" if i % 2 else "researcher",
        )
    )
    services.allocate_compute(application, gpu_hours=10, by=None)
    report = application.usage_reports.first()
    if report is not None:
        report.hours_used = 5
        report.save(update_fields=["hours_used"])
    ComputeApplication.objects.filter(pk=application.pk).update(
        listed_publicly=True, public_summary=f"Grant {i}"
    )


def one_view(client, url, *, status) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Page-Cache"] == status, url
    return len(captured.captured_queries)


def counts(client) -> dict:
    found = {}
    for url in URLS:
        client.get(url)
        new_generation()
        found[url, "fresh"] = one_view(client, url, status="miss")
        found[url, "cached"] = one_view(client, url, status="hit")
        cache.clear()
        found[url, "cold"] = one_view(client, url, status="miss")
    return found


def test_the_grants_page_costs_the_same_for_2_and_20_grants(client):
    calls = [create_call(f"call-{n}") for n in range(4)]
    for i in range(2):
        grant(calls[i], i)
    few = counts(client)
    assert client.get("/compute/grants/").content.decode().count("Grant 1") == 1
    for i in range(2, 20):
        grant(calls[i % 4], i)
    many = counts(client)
    page = client.get("/hi/compute/grants/").content.decode()
    assert page.count('class="card"') == 20
    print("\nqueries per view (2 grants / 20 grants):", few, many)
    assert few == many
    for (url, kind), value in many.items():
        assert value <= MAX_QUERIES, (url, kind, value)
        if kind == "cached":
            assert value == 0, (url, kind, value)
