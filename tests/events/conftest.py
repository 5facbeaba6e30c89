import pytest

from tests.events.fake_stripe import install
from tests.factories.events import make_index
from tests.home.rules_site import make_home


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def fake_stripe(httpserver, settings):
    """The stripe library pointed at a fake API served in the test."""
    return install(httpserver, settings)


@pytest.fixture
def index(home):
    return make_index(home)
