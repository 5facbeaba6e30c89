"""Staff: registrations per event, export, actions, check-in, the seats panel."""

import pytest
from django.contrib.auth.models import Permission

from events.enums import RegistrationStatus
from events.models import Registration
from tests.factories.events import make_event, register
from tests.factories.home import VerifiedUserFactory

S = RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_registrations_listed_filtered_and_searched(admin_client, index):
    event = make_event(index, title="Speech AI day")
    other = make_event(index, title="Other day")
    register(event, details={"name": "Asha Rao"})
    register(other, details={"name": "Ravi Kumar"})
    listing = admin_client.get(f"/admin/event_registrations/?event={event.pk}")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "Asha Rao" in html
    assert "Ravi Kumar" not in html
    found = admin_client.get("/admin/event_registrations/?q=Ravi").content.decode()
    assert "Ravi Kumar" in found


def test_export_neutralises_formula_cells(admin_client, index):
    register(make_event(index), details={"name": "=HYPERLINK(1)"})
    csv = admin_client.get("/admin/event_registrations/?export=csv")
    text = b"".join(csv.streaming_content).decode()
    assert "'=HYPERLINK(1)" in text
    xlsx = admin_client.get("/admin/event_registrations/?export=xlsx")
    assert xlsx.status_code == 200


def test_staff_without_the_permission_cannot_manage(client, index):
    registration = register(make_event(index))
    editor = VerifiedUserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(
        f"/admin/events/registrations/{registration.pk}/manage/"
    ).status_code in (302, 403, 404)
    assert client.post("/admin/events/check-in/", {"code": "x"}).status_code in (
        302,
        403,
        404,
    )
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_approve_and_cancel_from_the_manage_page(admin_client, index):
    event = make_event(index, needs_approval=True)
    registration = register(event)
    url = f"/admin/events/registrations/{registration.pk}/manage/"
    assert "Approve" in admin_client.get(url).content.decode()
    admin_client.post(url, {"action": "approve"})
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED
    asked = admin_client.post(url, {"action": "cancel"})
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED  # one click only asks
    assert "Reason (sent to the attendee)" in asked.content.decode()
    no_reason = admin_client.post(url, {"action": "cancel", "confirm": "1"})
    assert no_reason.status_code == 400
    admin_client.post(
        url, {"action": "cancel", "confirm": "1", "reason": "Venue changed"}
    )
    registration.refresh_from_db()
    assert registration.status == S.CANCELLED
    assert registration.status_changes.count() == 3
    assert registration.status_changes.last().note == "Venue changed"


def test_check_in_once_then_already_checked_in(admin_client, index):
    event = make_event(index)
    registration = register(event)
    desk = f"/admin/events/check-in/{event.pk}/"
    code = registration.ticket_code_display.lower()  # typed as read out
    first = admin_client.post(desk, {"code": code}, follow=True)
    assert f"Checked in: {registration.name}" in first.content.decode()
    second = admin_client.post(desk, {"code": code}, follow=True)
    assert "already checked in at" in second.content.decode()
    unknown = admin_client.post(desk, {"code": "NOPE"}, follow=True)
    assert "No ticket has this code" in unknown.content.decode()
    assert Registration.objects.get().checked_in_at is not None


def test_admin_home_shows_seats_and_warns_without_stripe(admin_client, index):
    event = make_event(index, title="Paid day", price_paise=50000, capacity=40)
    register(event)
    html = admin_client.get("/admin/").content.decode()
    assert "Seats filled per upcoming event" in html
    assert "Paid day" in html
    assert "Stripe keys are not configured" in html


def test_staff_enter_the_price_in_rupees(admin_client, index):
    from django.urls import reverse

    from events.models import EventPage
    from tests.events.test_admin import _form
    from tests.factories.events import EventTypeFactory

    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", index.pk))
    data = _form(EventTypeFactory(), price_rupees="1500")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="admin-made-workshop")
    assert event.price_paise == 150000
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    assert 'value="1500"' in edit.content.decode()


def test_email_all_confirmed_attendees(admin_client, index, mailoutbox):
    event = make_event(index, capacity=1, waitlist_enabled=True)
    confirmed = register(event)
    register(event)  # waitlisted: not emailed
    mailoutbox.clear()
    url = f"/admin/events/{event.pk}/email-attendees/"
    assert admin_client.get(url).status_code == 200
    message = {
        "statuses": ["confirmed"],
        "subject": "Venue change",
        "message": "Hall B,\nfirst floor.",
    }
    preview = admin_client.post(url, message)
    assert "1 person receives this message." in preview.content.decode()
    assert not mailoutbox  # nothing goes before the confirmation
    response = admin_client.post(url, {**message, "confirm": "1"})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[confirmed.email]]
    assert "Venue change" in mailoutbox[0].subject
    assert "first floor." in mailoutbox[0].body


def test_check_in_form_errors_are_shown(admin_client, index):
    event = make_event(index)
    response = admin_client.post(f"/admin/events/check-in/{event.pk}/", {"code": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
