"""The admin as staff meet it: Devanagari font, IST hints, checkboxes (item 12)."""

from pathlib import Path

from django.contrib.staticfiles import finders

from events.models import Language
from events.seed import ensure_languages
from home.seed import ensure_tree_roots
from tests.factories.events import make_event


def test_admin_loads_the_sites_devanagari_font(client, staff_user):
    # A flush by an earlier transactional test removes what migrations made.
    ensure_tree_roots()
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
