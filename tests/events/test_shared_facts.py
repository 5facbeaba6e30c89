"""A fact lives once: every language version of an event shows and sells the
same seats, price, dates and venue (issue 19)."""

import datetime as dt

import pytest
from django.utils import timezone

from events.enums import RegistrationStatus
from events.models import EventPage, Language, Registration
from tests.factories.events import SpeakerFactory, VenueFactory, make_event, translate
from tests.factories.home import VerifiedUserFactory

pytestmark = pytest.mark.django_db

FORM = {"name": "Asha Rao", "email": "asha@example.in", "phone": "", "organisation": ""}


def seats(client, url):
    data = client.get(url).json()
    data.pop("label")  # the badge's words, in the page's language
    return data


def test_capacity_published_in_english_is_the_capacity_in_hindi_at_once(client, index):
    event = make_event(index, slug="dpdp", capacity=10)
    hindi = translate(event)
    event.capacity = 25
    event.save_revision().publish()
    # No "Sync translated pages", no second publish: the Hindi page follows.
    english = seats(client, "/events/dpdp/availability.json")
    assert english["capacity"] == 25
    assert seats(client, "/hi/events/dpdp/availability.json") == english
    page = client.get("/hi/events/dpdp/").content.decode()
    assert "<strong data-seats-left>25</strong>" in page
    hindi = EventPage.objects.get(pk=hindi.pk)
    assert hindi.capacity == 25
    # What an editor opens (and publishes) next carries it too.
    assert hindi.get_latest_revision_as_object().capacity == 25


def test_every_fact_follows_the_english_page(index):
    event = make_event(index, slug="facts", capacity=10, format="online")
    hindi = translate(event)
    venue = VenueFactory()
    venue_hi = venue.copy_for_translation(hindi.locale)
    venue_hi.name = "हॉल"
    venue_hi.save()
    speaker = SpeakerFactory()
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=30)
    event.format = "hybrid"
    event.venue = venue
    event.start, event.end = start, start + dt.timedelta(hours=2)
    event.price_paise = 50000
    event.needs_approval = True
    event.waitlist_enabled = True
    event.offer_hours = 6
    event.registration_closes = start - dt.timedelta(days=1)
    event.online_url = "https://meet.example.in/x"
    event.languages = [Language.objects.get(code="ta")]
    event.tags.set(["speech"], clear=True)
    event.event_speakers = [event.event_speakers.model(speaker=speaker)]
    event.save_revision().publish()
    hindi = EventPage.objects.get(pk=hindi.pk)
    for name in (
        "format",
        "start",
        "end",
        "price_paise",
        "needs_approval",
        "waitlist_enabled",
        "offer_hours",
        "registration_closes",
        "online_url",
    ):
        assert getattr(hindi, name) == getattr(event, name), name
    # The same venue, in Hindi where it is translated.
    assert hindi.venue == venue_hi
    assert [lang.code for lang in hindi.languages.all()] == ["ta"]
    assert [tag.name for tag in hindi.tags.all()] == ["speech"]
    assert [s.speaker for s in hindi.event_speakers.all()] == [speaker]


def test_publishing_a_stale_translation_keeps_the_english_facts(index):
    event = make_event(index, slug="stale", capacity=10)
    hindi = translate(event)
    stale = EventPage.objects.get(pk=hindi.pk)
    stale.capacity = 500
    stale.title = "पुराना शीर्षक"
    stale.save_revision().publish()
    hindi = EventPage.objects.get(pk=hindi.pk)
    assert hindi.capacity == 10
    assert hindi.title == "पुराना शीर्षक"  # text stays translated


def test_a_translation_that_drifted_cannot_sell_seats(client, index):
    """Even before any repair, seats are read from the English page."""
    event = make_event(index, slug="full", capacity=1, waitlist_enabled=True)
    hindi = translate(event)
    Registration.objects.create(
        event=event, name="A", email="a@example.in", status=RegistrationStatus.CONFIRMED
    )
    # A translation left behind by an old sync: open, 500 seats.
    EventPage.objects.filter(pk=hindi.pk).update(capacity=500, waitlist_enabled=False)
    english = seats(client, "/events/full/availability.json")
    assert english["state"] == "waitlist"
    assert seats(client, "/hi/events/full/availability.json") == english
    user = VerifiedUserFactory()
    client.force_login(user)
    response = client.post("/hi/events/full/register/", FORM)
    assert response.status_code == 302
    registration = Registration.objects.get(user=user)
    assert registration.status == RegistrationStatus.WAITLISTED
    assert response["Location"] == f"/hi/registrations/{registration.uuid}/"


def test_hindi_form_of_a_full_event_offers_the_waitlist(client, index):
    event = make_event(index, slug="wait", capacity=1, waitlist_enabled=True)
    hindi = translate(event)
    EventPage.objects.filter(pk=hindi.pk).update(capacity=500, waitlist_enabled=False)
    Registration.objects.create(
        event=event, name="A", email="a@example.in", status=RegistrationStatus.CONFIRMED
    )
    client.force_login(VerifiedUserFactory())
    page = client.get("/hi/events/wait/register/")
    assert page.status_code == 200
    assert page.context["availability"].state == "waitlist"


def test_a_full_event_refuses_in_words_not_as_a_form_error(client, index):
    """Full between showing the form and sending it: the state, not a field."""
    event = make_event(index, slug="gone", capacity=1)
    translate(event)
    client.force_login(VerifiedUserFactory())
    form = client.get("/hi/events/gone/register/")
    assert form.context["availability"].state == "few_left"
    Registration.objects.create(
        event=event, name="A", email="a@example.in", status=RegistrationStatus.CONFIRMED
    )
    response = client.post("/hi/events/gone/register/", FORM)
    assert response.status_code == 409
    html = response.content.decode()
    assert "error-summary" not in html
    assert response.context["refusal"]
    assert response.context["availability"].state == "full"
    assert "<form" not in html.split("<main", 1)[-1]


def test_a_drifted_translation_shows_the_price_that_is_charged(client, index):
    event = make_event(index, slug="paid", price_paise=50000)
    hindi = translate(event)
    EventPage.objects.filter(pk=hindi.pk).update(price_paise=100)
    page = client.get("/hi/events/paid/")
    assert page.context["page"].price_paise == 50000
    client.force_login(VerifiedUserFactory())
    form = client.get("/hi/events/paid/register/")
    assert form.context["event"].price_paise == 50000
    assert "₹1</" not in form.content.decode()


@pytest.mark.parametrize("language", ["en", "hi"])
def test_checkout_names_the_event_in_the_buyers_language(
    client, index, fake_stripe, language
):
    event = make_event(index, slug="paid", title="Speech workshop", price_paise=90000)
    hindi = translate(event)
    hindi.title = "वाक् कार्यशाला"
    hindi.save_revision().publish()
    client.force_login(VerifiedUserFactory())
    prefix = "" if language == "en" else f"/{language}"
    client.post(f"{prefix}/events/paid/register/", FORM)
    [(form, _headers)] = fake_stripe.calls("/v1/checkout/sessions")
    expected = {"en": "Speech workshop", "hi": "वाक् कार्यशाला"}[language]
    assert form["line_items[0][price_data][product_data][name]"] == expected
    # What is charged is the English page's price, whatever the language.
    assert form["line_items[0][price_data][unit_amount]"] == "90000"


def test_wagtail_localize_translates_and_syncs_with_the_declared_fields(index):
    """Staff's own path: submit for translation, publish, change, sync."""
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    event = make_event(index, slug="localized", capacity=10, summary="Plain words.")
    event.tags.set(["speech"], clear=True)
    event.event_speakers = [event.event_speakers.model(speaker=SpeakerFactory())]
    event.save_revision().publish()
    hindi_locale = Locale.objects.get_or_create(language_code="hi")[0]
    index.copy_for_translation(
        hindi_locale, copy_parents=True
    ).save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(event)
    hindi, _created = source.create_or_update_translation(
        hindi_locale, publish=True, fallback=True
    )
    assert (hindi.capacity, [t.name for t in hindi.tags.all()]) == (10, ["speech"])
    event.capacity = 12
    event.save_revision().publish()
    assert EventPage.objects.get(pk=hindi.pk).capacity == 12
    # "Sync translated pages" later changes nothing that is a fact.
    source.update_from_db()
    source.create_or_update_translation(hindi_locale, publish=True, fallback=True)
    hindi = EventPage.objects.get(pk=hindi.pk)
    assert hindi.capacity == 12
    assert len(hindi.event_speakers.all()) == 1


def test_a_new_address_in_english_is_the_address_in_hindi(client, index):
    event = make_event(index, slug="old-address")
    hindi = translate(event)
    event.slug = "new-address"
    event.save_revision().publish()
    hindi = EventPage.objects.get(pk=hindi.pk)
    assert hindi.url_path.endswith("/events/new-address/")
    assert hindi.get_url() == "/hi/events/new-address/"
    assert client.get("/hi/events/new-address/").status_code == 200
    assert client.get("/hi/events/new-address/availability.json").status_code == 200
