import pytest

from tests.factories.cohorts import ApplicationFactory, StartupFactory, create_cohort


@pytest.fixture
def cohort(db):
    return create_cohort()


@pytest.fixture
def startup(user):
    return StartupFactory(owner=user)


@pytest.fixture
def application(cohort, startup):
    return ApplicationFactory(cohort=cohort, startup=startup)
