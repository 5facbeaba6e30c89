"""A bare site for the rules tests of home: a home page and standard pages."""

from wagtail.models import Locale, Page, PageViewRestriction, Site

from home.models import HomePage, StandardPage


def make_home() -> HomePage:
    """A home page as the default site's root (faster than the demo)."""
    root = Page.get_first_root_node()
    for welcome in root.get_children().filter(slug="home"):
        welcome.delete()
    home = HomePage(title="Home", slug="home", hero_title="Welcome home")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


def add_page(parent, slug, title, **fields) -> StandardPage:
    page = StandardPage(title=title, slug=slug, intro=f"About {title}.", **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, title=None):
    """Publish the Hindi translation of `page` (and of its parents)."""
    hindi = Locale.objects.get_or_create(language_code="hi")[0]
    translated = page.copy_for_translation(hindi, copy_parents=True)
    translated.title = title or f"{page.title} (हिन्दी)"
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def restrict(page, kind=PageViewRestriction.LOGIN, **fields):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=kind, **fields
    )
