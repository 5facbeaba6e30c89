import pytest
from wagtail.models import Page, Site

from home.models import HomePage
from tests.factories.events import make_index


@pytest.fixture
def home(db):
    """A bare home page as the default site's root (faster than the demo)."""
    root = Page.get_first_root_node()
    for welcome in root.get_children().filter(slug="home"):
        welcome.delete()
    home = HomePage(title="Home", slug="home", hero_title="Home")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture
def index(home):
    return make_index(home)
