import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import HomePage
from tests.factories.events import ensure_wagtail_roots, make_index


@pytest.fixture
def seeded(db):
    """The demo site, built by seed_demo (as the command-line user gets it)."""
    ensure_wagtail_roots()
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def home(db):
    """A bare home page as the default site's root (faster than the demo)."""
    ensure_wagtail_roots()
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
