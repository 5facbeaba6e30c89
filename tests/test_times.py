"""One date and time style everywhere a time is shown, in every language.

Each email, page, receipt, admin view and export that shows a time is rendered
with that time at 00:47 IST and again at 12:47 IST, in each language of
settings.LANGUAGES: the two renderings must differ and each must say which half
of the day it is ("12:47 AM" / "12:47 PM"; in Hindi "12:47 पूर्वाह्न" /
"12:47 अपराह्न"), never Django's bare "12:47 बजे" (noon for a time after
midnight).
"""

import datetime as dt
import importlib
import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from cohorts.models import Application, Startup
from events.enums import PaymentStatus
from events.models import EventPage, Payment, Registration
from home import timefmt
from tests.factories.cohorts import ApplicationFactory, StartupFactory, create_cohort
from tests.factories.events import make_event, make_index, register
from tests.factories.home import StaffUserFactory, VerifiedUserFactory
from tests.home.rules_site import make_home

pytestmark = pytest.mark.django_db

IST = dt.timezone(dt.timedelta(hours=5, minutes=30))
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TAG = re.compile(r"<[^>]+>")


def clock(hour: int, *, days: int = 20) -> dt.datetime:
    """hour:47 IST, `days` from today."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, 47), tzinfo=IST)


@pytest.fixture(scope="module")
def _world(module_db):
    """An event with a paid, checked-in registration, and a submitted application:
    made once for the module (each test's changes are rolled back after it)."""
    user = VerifiedUserFactory()
    staff_user = StaffUserFactory()
    event = make_event(make_index(make_home()), title="Times", start=clock(0), hours=2)
    registration = register(event, user=user)
    Payment.objects.create(
        registration=registration,
        event=event,
        status=PaymentStatus.PAID,
        amount_paise=50000,
        stripe_session_id="cs_test_times",
    )
    cohort = create_cohort()
    application = ApplicationFactory(
        cohort=cohort, startup=StartupFactory(owner=user), status="submitted"
    )
    return {
        "user": user,
        "staff": staff_user,
        "event": event,
        "registration": registration,
        "cohort": cohort,
        "application": application,
    }


@pytest.fixture
def world(_world, db):
    return _world


def set_times(world, hour: int) -> None:
    """Every time the surfaces show, at hour:47 IST (the end two hours later)."""
    when = clock(hour)
    # Every translation of the pages (a time is a fact, the same in each).
    EventPage.objects.filter(translation_key=world["event"].translation_key).update(
        start=when,
        end=when + dt.timedelta(hours=2),
        registration_closes=when - dt.timedelta(days=1),
        cancellation_deadline=when - dt.timedelta(days=1),
    )
    Registration.objects.filter(pk=world["registration"].pk).update(
        checked_in_at=when, created_at=when, expires_at=when
    )
    Payment.objects.filter(registration=world["registration"]).update(paid_at=when)
    Application.objects.filter(pk=world["application"].pk).update(submitted_at=when)
    Startup.objects.filter(pk=world["application"].startup_id).update(created_at=when)
    type(world["cohort"]).objects.filter(
        translation_key=world["cohort"].translation_key
    ).update(applications_close_at=when)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", TAG.sub(" ", html))


def _email(send):
    def render(client, world, language):
        mail.outbox.clear()
        send(world, language)
        assert mail.outbox, "no email sent"
        message = mail.outbox[-1]
        html = "".join(body for body, _type in message.alternatives)
        return message.body + "\n" + text(html)

    return render


def _send_registration(world, language):
    from events.emails import send_registration_email

    Registration.objects.filter(pk=world["registration"].pk).update(language=language)
    send_registration_email(world["registration"].pk, "confirmed")


def _send_application(kind):
    def send(world, language):
        from cohorts.emails import send_application_email

        Application.objects.filter(pk=world["application"].pk).update(language=language)
        send_application_email(world["application"].pk, kind, world["user"].pk)

    return send


def _page(path_of, *, staff=False):
    def render(client, world, language):
        user = world["staff"] if staff else world["user"]
        if staff:
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
        client.force_login(user)
        with translation.override(language):
            path = path_of(world)
        response = client.get(path)
        assert response.status_code == 200, path
        if getattr(response, "streaming", False):
            return b"".join(response.streaming_content).decode("utf-8-sig")
        return text(response.content.decode())

    return render


SURFACES = {
    "registration email": _email(_send_registration),
    "application submitted email": _email(_send_application("submitted")),
    "draft reminder email": _email(_send_application("draft_reminder")),
    "ticket page": _page(
        lambda w: reverse("events:ticket", kwargs={"uuid": w["registration"].uuid})
    ),
    "receipt": _page(
        lambda w: reverse("events:receipt", kwargs={"uuid": w["registration"].uuid})
    ),
    "dashboard": _page(lambda w: reverse("dashboard")),
    "application page": _page(
        lambda w: reverse("cohorts:application", kwargs={"uuid": w["application"].uuid})
    ),
    "admin registrations listing": _page(
        lambda w: "/admin/event_registrations/", staff=True
    ),
    "admin registration inspect": _page(
        lambda w: f"/admin/event_registrations/inspect/{w['registration'].pk}/",
        staff=True,
    ),
    "admin registration manage": _page(
        lambda w: f"/admin/events/registrations/{w['registration'].pk}/manage/",
        staff=True,
    ),
    "admin applications listing": _page(lambda w: "/admin/application/", staff=True),
    "admin startup inspect": _page(
        lambda w: f"/admin/startup/inspect/{w['application'].startup_id}/", staff=True
    ),
    "registrations CSV export": _page(
        lambda w: "/admin/event_registrations/?export=csv", staff=True
    ),
    "applications CSV export": _page(
        lambda w: "/admin/application/?export=csv", staff=True
    ),
    "selection CSV export": _page(
        lambda w: reverse("cohorts_selection:export", args=[w["cohort"].pk, "csv"]),
        staff=True,
    ),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("surface", SURFACES)
def test_times_after_midnight_and_after_noon_read_differently(
    client, world, surface, language
):
    render = SURFACES[surface]
    seen = {}
    for hour in (0, 12):
        set_times(world, hour)
        seen[hour] = render(client, world, language)
    assert seen[0] != seen[12]
    with translation.override(language):
        am = timefmt.format_time(clock(0))  # 12:47 AM / 12:47 पूर्वाह्न
        pm = timefmt.format_time(clock(12))
    assert am != pm
    assert am in seen[0] and pm not in seen[0], f"{surface} at 00:47: {am!r}"
    assert pm in seen[12] and am not in seen[12], f"{surface} at 12:47: {pm!r}"
    if language == "hi":
        assert "12:47 पूर्वाह्न" in seen[0] and "12:47 अपराह्न" in seen[12]
        for body in seen.values():
            assert "बजे" not in body
            assert "दिसमबर" not in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_registration_email_gives_start_and_end(client, world, language):
    set_times(world, 12)
    body = _email(_send_registration)(client, world, language)
    with translation.override(language):
        start, end = clock(12), clock(12) + dt.timedelta(hours=2)
        assert timefmt.format_range(start, end) in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_the_house_date_formats(language):
    """Any `|date` without a format falls back to the house style (coe_site/formats)."""
    formats = importlib.import_module(f"coe_site.formats.{language}.formats")
    assert formats.DATETIME_FORMAT == "j E Y, g:i A"
    from django.template import Context, Template

    with translation.override(language):
        shown = Template('{{ t|date:"DATETIME_FORMAT" }} {{ t }}').render(
            Context({"t": clock(0)})
        )
        am = timefmt.format_time(clock(0))
    assert shown.count(am) == 2
