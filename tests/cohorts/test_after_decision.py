"""After the decision: compute allocation against the cohort's budget, the
onboarding checklist and the public alumni directory."""

import re

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from cohorts import selection
from cohorts.enums import ApplicationStatus, Sector
from cohorts.models import CohortPage
from home.caching import new_generation
from tests.factories.cohorts import ApplicationFactory, create_cohort
from tests.factories.selection import ManagerFactory, ReviewerFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def ticked(html):
    return re.findall(r'value="(\w+)" id="onboarding-\d+-\w+" checked', html)


def with_budget(cohort, hours):
    CohortPage.objects.filter(pk=cohort.pk).update(compute_budget_gpu_hours=hours)
    cohort.refresh_from_db()
    return cohort


# Compute allocation --------------------------------------------------------------
def test_allocation_over_the_cohort_budget_is_refused():
    cohort = with_budget(create_cohort(), 2000)
    first = ApplicationFactory(cohort=cohort, status=S.ACCEPTED)
    second = ApplicationFactory(cohort=cohort, status=S.ACCEPTED)
    selection.allocate_compute(first, gpu_hours=1500, by=None)
    with pytest.raises(selection.SelectionError) as refused:
        selection.allocate_compute(second, gpu_hours=501, by=None)
    assert "500 of 2000" in refused.value.message
    selection.allocate_compute(second, gpu_hours=500, by=None)
    # Changing one's own allocation counts it once, not twice.
    selection.allocate_compute(first, gpu_hours=1500, by=None)
    totals = selection.compute_totals(cohort)
    assert totals["allocated"] == 2000 and totals["left"] == 0
    assert totals["budget"] == 2000


def test_compute_screen_is_for_selection_managers_only(client):
    cohort = create_cohort()
    url = f"/admin/selection/cohort/{cohort.pk}/compute/"
    client.force_login(ReviewerFactory())
    response = client.get(url)
    assert response.status_code == 403 or response.url == "/admin/"
    client.force_login(ManagerFactory())
    page = client.get(url)
    assert page.status_code == 200
    assert f"Compute: {cohort.title}" in page.content.decode()


def test_compute_screen_refuses_over_budget_and_keeps_what_was_typed(client):
    cohort = with_budget(create_cohort(), 1000)
    accepted = ApplicationFactory(
        cohort=cohort, status=S.ACCEPTED, compute_gpu_hours=700
    )
    ApplicationFactory(cohort=cohort, status=S.REJECTED)
    client.force_login(ManagerFactory())
    url = f"/admin/selection/cohort/{cohort.pk}/compute/"
    html = client.get(url).content.decode()
    assert accepted.startup.name in html and "700" in html
    assert "1000 GPU-hours; 1000 left" in html
    response = client.post(url, {"application": accepted.pk, "gpu_hours": "1234"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "would exceed the cohort&#x27;s budget" in html
    assert 'value="1234"' in html
    response = client.post(url, {"application": accepted.pk, "gpu_hours": "abc"})
    assert response.status_code == 400
    assert "Enter a whole number of GPU-hours." in response.content.decode()
    response = client.post(url, {"application": accepted.pk, "gpu_hours": "600"})
    assert response.status_code == 302
    assert "1000 GPU-hours; 400 left" in client.get(url).content.decode()
    accepted.selection.refresh_from_db()
    assert accepted.selection.gpu_hours_allocated == 600


# Onboarding checklist ------------------------------------------------------------
def test_founders_tick_the_onboarding_checklist_on_the_dashboard(client):
    application = ApplicationFactory(status=S.ACCEPTED)
    ApplicationFactory(
        startup=application.startup,
        cohort=create_cohort("other"),
        status=S.REJECTED,
    )
    owner = application.startup.owner
    client.force_login(owner)
    html = client.get("/dashboard/").content.decode()
    assert html.count("Onboarding checklist") == 1
    assert "Sign the programme agreement" in html and ticked(html) == []
    response = client.post(
        f"/applications/{application.uuid}/onboarding/",
        {"done": ["kickoff", "agreement"]},
    )
    assert response.status_code == 302
    application.selection.refresh_from_db()
    assert application.selection.onboarding_done == ["agreement", "kickoff"]
    html = client.get("/dashboard/").content.decode()
    assert ticked(html) == ["agreement", "kickoff"]


def test_onboarding_checklist_refuses_strangers_and_unknown_steps(client, user):
    application = ApplicationFactory(status=S.ACCEPTED)
    with pytest.raises(selection.SelectionError):
        selection.set_onboarding(application, user=user, done=["agreement"])
    owner = application.startup.owner
    with pytest.raises(selection.SelectionError):
        selection.set_onboarding(application, user=owner, done=["bribe"])
    rejected = ApplicationFactory(
        startup=application.startup, cohort=create_cohort("other"), status=S.REJECTED
    )
    with pytest.raises(selection.SelectionError):
        selection.set_onboarding(rejected, user=owner, done=["agreement"])
    client.force_login(owner)
    client.post(f"/applications/{application.uuid}/onboarding/", {"done": ["bribe"]})
    assert selection.selection_of(application).onboarding_done == []


# Alumni directory ----------------------------------------------------------------
def listed(cohort, *, name, sector="health", state="KA", languages=("hi",)):
    application = ApplicationFactory(
        cohort=cohort,
        status=S.ACCEPTED,
        startup__name=name,
        startup__sector=sector,
        startup__state=state,
        startup__languages=list(languages),
    )
    selection.set_alumni_listing(
        application, user=application.startup.owner, listed=True, line=f"{name} line"
    )
    return application


def test_directory_lists_only_accepted_startups_that_opted_in(client):
    cohort = create_cohort()
    listed(cohort, name="Listed Labs")
    ApplicationFactory(cohort=cohort, status=S.ACCEPTED, startup__name="Quiet AI")
    rejected = ApplicationFactory(
        cohort=cohort, status=S.REJECTED, startup__name="Rejected AI"
    )
    selection.selection_of(rejected)
    html = client.get("/cohorts/alumni/").content.decode()
    assert "Listed Labs" in html and "Listed Labs line" in html
    assert "Quiet AI" not in html and "Rejected AI" not in html
    assert "/cohorts/alumni/" in client.get("/cohorts/").content.decode()


def test_directory_filters_by_sector_state_and_language(client):
    cohort = create_cohort()
    listed(cohort, name="Health Hindi", sector="health", state="KA")
    listed(
        cohort, name="Farm Tamil", sector="agriculture", state="TN", languages=["ta"]
    )
    sectors = {value for value, _label in Sector.choices}
    assert {"health", "agriculture"} <= sectors

    def names(query):
        html = client.get(f"/cohorts/alumni/?{query}").content.decode()
        return {n for n in ("Health Hindi", "Farm Tamil") if n in html}

    assert names("") == {"Health Hindi", "Farm Tamil"}
    assert names("sector=agriculture") == {"Farm Tamil"}
    assert names("state=KA") == {"Health Hindi"}
    assert names("language=ta") == {"Farm Tamil"}
    assert names("language=ta&state=KA") == set()
    response = client.get("/cohorts/alumni/?sector=nonsense&state=%00")
    assert response.status_code == 200


def test_directory_in_hindi(client):
    cohort = create_cohort()
    listed(cohort, name="Listed Labs")
    response = client.get("/hi/cohorts/alumni/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Listed Labs" in html and 'lang="hi"' in html
    assert f"समूह {cohort.slug}" in html


def test_directory_is_cached_and_an_opt_out_shows_at_once(client):
    cohort = create_cohort()
    application = listed(cohort, name="Listed Labs")
    client.get("/cohorts/alumni/")
    assert client.get("/cohorts/alumni/?sector=health")["X-Page-Cache"] == "miss"
    assert client.get("/cohorts/alumni/?sector=health")["X-Page-Cache"] == "hit"
    with TestCase.captureOnCommitCallbacks(execute=True):
        selection.set_alumni_listing(
            application, user=application.startup.owner, listed=False
        )
    response = client.get("/cohorts/alumni/?sector=health")
    assert response["X-Page-Cache"] == "miss"
    assert "Listed Labs" not in response.content.decode()


def test_directory_query_count_is_flat(client):
    cohort = create_cohort()
    listed(cohort, name="First")

    def count():
        new_generation()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/cohorts/alumni/")
        assert response["X-Page-Cache"] == "miss"
        return len(queries)

    client.get("/cohorts/alumni/")
    one = count()
    other = create_cohort("other")
    for name in ("Second", "Third", "Fourth"):
        listed(other, name=name)
    new_generation()
    client.get("/cohorts/alumni/")  # a miss that warms what the new pages need
    assert count() == one
