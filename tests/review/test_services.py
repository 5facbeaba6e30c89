"""The shared rules at their edges, with cohorts as the programme."""

import pytest

from cohorts import selection
from cohorts.enums import ApplicationStatus
from cohorts.models import CohortPage
from tests.factories.cohorts import ApplicationFactory, create_cohort

pytestmark = pytest.mark.django_db


def test_the_first_allocation_may_take_the_whole_budget_and_not_one_hour_more():
    cohort = create_cohort()
    CohortPage.objects.filter(pk=cohort.pk).update(compute_budget_gpu_hours=800)
    first = ApplicationFactory(cohort=cohort, status=ApplicationStatus.ACCEPTED)
    with pytest.raises(selection.SelectionError) as refused:
        selection.allocate_compute(first, gpu_hours=801, by=None)
    assert "800 of 800" in refused.value.message
    selection.allocate_compute(first, gpu_hours=800, by=None)
    cohort.refresh_from_db()
    assert selection.compute_totals(cohort)["left"] == 0
