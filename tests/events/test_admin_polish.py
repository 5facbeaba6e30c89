"""The admin as staff meet it: Devanagari font, IST hints, checkboxes (item 12)."""

from pathlib import Path

from django.contrib.staticfiles import finders

from events.models import Language
from events.seed import ensure_languages
from tests.factories.events import make_event


def test_admin_loads_the_sites_devanagari_font(client, staff_user):
    client.force_login(staff_user)
    html = client.get("/admin/").content.decode()
    assert "css/admin" in html and "css/fonts" in html
    fonts = Path(finders.find("css/fonts.css")).read_text()
    assert "noto-sans-devanagari-devanagari-400-normal.woff2" in fonts
    assert "Noto Sans Devanagari Web" in Path(finders.find("css/admin.css")).read_text()


def test_event_editor_names_ist_and_offers_language_checkboxes(
    client, staff_user, index
):
    ensure_languages()  # migrations make them; an earlier flush may have removed them
    assert Language.objects.exists()
    event = make_event(index)
    client.force_login(staff_user)
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert "India Standard Time (IST, UTC+5:30)." in html
    assert 'type="checkbox" name="languages"' in html


def test_all_event_date_fields_name_ist(client, staff_user, index):
    event = make_event(index)
    client.force_login(staff_user)
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    # starts, ends, registration opens and closes, cancellation deadline
    assert html.count("India Standard Time (IST, UTC+5:30).") >= 5


def test_cohort_application_dates_name_ist(client, staff_user):
    from tests.factories.cohorts import create_cohort

    cohort = create_cohort()
    client.force_login(staff_user)
    html = client.get(f"/admin/pages/{cohort.pk}/edit/").content.decode()
    assert html.count("India Standard Time (IST, UTC+5:30).") >= 2


def test_explorer_shows_each_events_date_in_ist(client, staff_user, index):
    import datetime as dt

    from django.utils import timezone

    sooner = make_event(index, title="Sooner event", days=5)
    later = make_event(index, title="Later event", days=40)
    client.force_login(staff_user)
    html = client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert "Starts" in html
    for event in (later, sooner):
        local = timezone.localtime(event.start, dt.timezone(dt.timedelta(hours=5.5)))
        assert f"{local.day} {local:%B %Y}" in html, event.title
    # Latest first, as in a calendar read backwards; the column sorts both ways.
    assert html.index("Later event") < html.index("Sooner event")
    ascending = client.get(f"/admin/pages/{index.pk}/?ordering=start")
    html = ascending.content.decode()
    assert html.index("Sooner event") < html.index("Later event")


def test_startup_menu_group_has_a_real_icon_and_a_short_label():
    from django.template.loader import get_template
    from django.utils import translation

    from cohorts.wagtail_hooks import StartupProgrammeGroup

    item = StartupProgrammeGroup().get_menu_item()
    get_template(f"wagtailadmin/icons/{item.icon_name}.svg")  # raises if unknown
    for language in ("en", "hi"):
        with translation.override(language):
            # The sidebar cuts labels after about 14 characters ("Startup progra…").
            assert len(str(item.label)) <= 14, (language, str(item.label))
