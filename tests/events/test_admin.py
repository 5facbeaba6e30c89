"""Staff create and publish events in the Wagtail admin; Hindi translations."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.models import EventPage
from tests.factories.events import EventTypeFactory

pytestmark = pytest.mark.django_db


def _form(event_type, **overrides):
    start = (timezone.localtime() + dt.timedelta(days=30)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    data = {
        "title": "Admin made workshop",
        "slug": "admin-made-workshop",
        "summary": "Made in the admin.",
        "event_type": event_type.pk,
        "format": "online",
        "status": "scheduled",
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "online_url": "",
        "tags": "",
        "agenda": streamfield([]),
        "body": streamfield([]),
        "registration_questions": streamfield([]),
        "event_speakers": inline_formset([]),
        "comments": inline_formset([]),
        "registration_required": "on",
        "capacity": "50",
        "price_rupees": "0",
        "offer_hours": "24",
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_staff_publishes_event_and_translates_to_hindi(client, staff_user, index):
    client.force_login(staff_user)
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", index.pk))
    response = client.post(url, _form(EventTypeFactory()))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="admin-made-workshop")
    assert event.live
    client.logout()
    assert client.get("/events/admin-made-workshop/").status_code == 200

    from wagtail_localize.models import TranslationSource  # noqa: F401 -- app check
    from wagtail_localize.operations import TranslationCreator

    hindi = Locale.objects.get_or_create(language_code="hi")[0]
    TranslationCreator(staff_user, [hindi]).create_translations(event)
    translated = event.get_translation(hindi)
    translated.save_revision().publish()
    response = client.get("/hi/events/admin-made-workshop/")
    assert response.status_code == 200
    assert 'lang="hi"' in response.content.decode()


def test_admin_shows_validation_messages(client, staff_user, index):
    client.force_login(staff_user)
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", index.pk))
    form = _form(EventTypeFactory(), capacity="")
    start = form["start"]
    form["end"] = start  # ends when it starts
    response = client.post(url, form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The event must end after it starts." in html
    assert "Set a capacity when registration is on" in html
    assert not EventPage.objects.filter(slug="admin-made-workshop").exists()


def test_staff_previews_an_event_before_saving_it(client, staff_user, index):
    client.force_login(staff_user)
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("events", "eventpage", index.pk)
    )
    data = _form(EventTypeFactory(), title="Previewed workshop")
    data.pop("action-publish")
    response = client.post(preview_url, data)
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Previewed workshop" in response.content.decode()
    assert not EventPage.objects.filter(slug="admin-made-workshop").exists()


def test_staff_schedules_an_event_that_goes_live_later(client, staff_user, index):
    import io

    import time_machine
    from django.core.management import call_command

    client.force_login(staff_user)
    go_live = (timezone.localtime() + dt.timedelta(days=2)).replace(
        second=0, microsecond=0
    )
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", index.pk))
    response = client.post(
        url,
        _form(EventTypeFactory(), go_live_at=go_live.strftime("%Y-%m-%d %H:%M")),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="admin-made-workshop")
    assert not event.live
    client.logout()
    assert client.get("/events/admin-made-workshop/").status_code == 404

    with time_machine.travel(go_live + dt.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
    event.refresh_from_db()
    assert event.live
    assert client.get("/events/admin-made-workshop/").status_code == 200


def test_staff_name_a_topic_in_hindi(client, staff_user, index):
    from taggit.models import Tag
    from wagtail_localize.operations import TranslationCreator

    from events.models import Topic

    client.force_login(staff_user)
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", index.pk))
    response = client.post(url, _form(EventTypeFactory(), tags="robotics"))
    assert response.status_code == 302
    event = EventPage.objects.get(slug="admin-made-workshop")
    hindi = Locale.objects.get_or_create(language_code="hi")[0]
    TranslationCreator(staff_user, [hindi]).create_translations(event)
    event.get_translation(hindi).save_revision().publish()

    tag = Tag.objects.get(name="robotics")
    response = client.post(
        reverse("wagtailsnippets_events_topic:add"),
        {"tag": tag.pk, "name": "robotics", "locale": "en"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    topic = Topic.objects.get(tag=tag)
    TranslationCreator(staff_user, [hindi]).create_translations(topic)
    translated = topic.get_translation(hindi)
    translated.name = "रोबोटिक्स"
    translated.save()

    client.logout()
    page = client.get("/hi/events/admin-made-workshop/").content.decode()
    assert '?topic=robotics">रोबोटिक्स</a>' in page
    listing = client.get("/hi/events/").content.decode()
    assert '<option value="robotics">रोबोटिक्स</option>' in listing
