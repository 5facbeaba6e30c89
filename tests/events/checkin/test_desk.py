"""The check-in desk: one event at a time, confirmed tickets only, counts, the
ticket list a door downloads and the sync of check-ins made offline."""

import datetime as dt
import importlib
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from events.enums import RegistrationStatus
from events.models import Registration
from events.registration import RegistrationError, check_in
from tests.factories.events import make_event
from tests.factories.home import StaffUserFactory, VerifiedUserFactory

S = RegistrationStatus
NOW = timezone.now().replace(microsecond=0)

pytestmark = pytest.mark.django_db


def add(event, status, **fields):
    user = VerifiedUserFactory()
    fields.setdefault("name", "Asha Rao")
    return Registration.objects.create(
        event=event, user=user, status=status, email=user.email, **fields
    )


@pytest.fixture
def staff(db):
    return StaffUserFactory()


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (S.CANCELLED, "was cancelled"),
        (S.EXPIRED, "expired"),
        (S.REFUNDED, "was refunded"),
        (S.WAITLISTED, "on the waitlist"),
        (S.OFFERED, "offered a seat"),
        (S.PENDING_PAYMENT, "awaiting payment"),
        (S.PENDING_APPROVAL, "awaiting approval"),
    ],
)
def test_check_in_refuses_a_ticket_that_is_not_confirmed(index, staff, status, reason):
    event = make_event(index)
    registration = add(event, status)
    with pytest.raises(RegistrationError, match=reason):
        check_in(registration.ticket_code, by=staff, event=event)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_check_in_names_the_event_of_a_ticket_for_another_one(index, staff):
    event = make_event(index, title="Speech AI day")
    other = make_event(index, title="Vision day")
    registration = add(other, S.CONFIRMED)
    with pytest.raises(RegistrationError, match="This ticket is for Vision day"):
        check_in(registration.ticket_code, by=staff, event=event)
    assert Registration.objects.get(pk=registration.pk).checked_in_at is None


def test_check_in_says_typo_for_a_wrong_check_character(index, staff):
    event = make_event(index)
    registration = add(event, S.CONFIRMED)
    code = registration.ticket_code
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(RegistrationError, match="typo"):
        check_in(wrong, by=staff, event=event)
    typed = code[:4].lower() + " - " + code[4:].lower()
    assert check_in(typed, by=staff, event=event).registration == registration


def test_old_long_codes_and_uuids_keep_working(index, staff):
    event = make_event(index)
    old = add(event, S.CONFIRMED, ticket_code="A" * 32)
    scanned = add(event, S.CONFIRMED)
    migration = importlib.import_module("events.migrations.0007_short_ticket_codes")
    migration.give_short_codes(apps, None)
    old.refresh_from_db()
    assert len(old.ticket_code) == 8
    assert old.legacy_ticket_code == "A" * 32
    assert check_in("aaaa " * 8, by=staff, event=event).registration == old
    assert check_in(str(scanned.uuid), by=staff, event=event).registration == scanned


def test_two_doors_keep_the_first_time_and_report_the_second(index, staff):
    event = make_event(index)
    registration = add(event, S.CONFIRMED)
    early, late = NOW - dt.timedelta(minutes=10), NOW - dt.timedelta(minutes=2)
    assert not check_in(registration.ticket_code, by=staff, at=late, now=NOW).already
    # The door that was offline synced later, but checked in first.
    assert check_in(registration.ticket_code, by=staff, at=early, now=NOW).already
    registration.refresh_from_db()
    assert registration.checked_in_at == early
    future = NOW + dt.timedelta(hours=1)
    other = add(event, S.CONFIRMED)
    check_in(other.ticket_code, by=staff, at=future, now=NOW)
    assert Registration.objects.get(pk=other.pk).checked_in_at == NOW


def test_the_picker_lists_todays_and_upcoming_events_with_counts(admin_client, index):
    event = make_event(index, title="Speech AI day", days=0)
    make_event(index, title="Last year", days=-365)
    add(event, S.CONFIRMED, checked_in_at=NOW)
    add(event, S.CONFIRMED)
    add(event, S.CANCELLED)
    html = admin_client.get("/admin/events/check-in/").content.decode()
    assert "Speech AI day" in html
    assert "Last year" not in html
    assert "<td>1</td>\n          <td>2</td>\n          <td>1</td>" in html
    response = admin_client.get(f"/admin/events/check-in/?event={event.pk}")
    assert response.url == f"/admin/events/check-in/{event.pk}/"


def test_the_desk_counts_searches_and_checks_in_by_name(admin_client, index):
    event = make_event(index)
    asha = add(event, S.CONFIRMED, name="Asha Rao")
    add(event, S.CONFIRMED, name="Ravi Kumar", checked_in_at=NOW)
    add(make_event(index), S.CONFIRMED, name="Asha Other")
    desk = f"/admin/events/check-in/{event.pk}/"
    page = admin_client.get(desk, {"q": "asha"})
    html = page.content.decode()
    assert "Asha Rao" in html
    assert "Asha Other" not in html
    assert page["Cache-Control"].count("private") == 1
    assert page.context["counts"].as_dict() == {
        "checked_in": 1,
        "confirmed": 2,
        "expected": 1,
    }
    done = admin_client.post(desk, {"code": asha.ticket_code, "q": "asha"}, follow=True)
    assert "Checked in: Asha Rao" in done.content.decode()
    assert done.context["counts"].checked_in == 2


def test_the_desk_says_which_event_a_ticket_is_for(admin_client, index):
    event = make_event(index)
    other = add(make_event(index, title="Vision day"), S.CONFIRMED)
    response = admin_client.post(
        f"/admin/events/check-in/{event.pk}/",
        {"code": other.ticket_code},
        follow=True,
    )
    assert "This ticket is for Vision day." in response.content.decode()


def test_the_ticket_list_holds_only_what_the_door_needs(admin_client, index):
    event = make_event(index)
    add(event, S.CONFIRMED, phone="+919876543210", checked_in_at=NOW)
    add(event, S.CANCELLED)
    response = admin_client.get(f"/admin/events/check-in/{event.pk}/tickets.json")
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["counts"] == {"checked_in": 1, "confirmed": 1, "expected": 0}
    first, second = data["tickets"]
    assert set(first) == {
        "code",
        "name",
        "status",
        "status_label",
        "refusal",
        "checked_in_at",
    }
    assert first["refusal"] is None
    assert second["refusal"] == "This ticket was cancelled."
    assert "@" not in response.content.decode()


def test_the_desk_needs_the_permission(client, index):
    event = make_event(index)
    user = StaffUserFactory(is_superuser=False)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in ("", f"{event.pk}/", f"{event.pk}/tickets.json"):
        assert client.get(f"/admin/events/check-in/{url}").status_code == 404
    response = client.post(
        f"/admin/events/check-in/{event.pk}/sync/",
        "{}",
        content_type="application/json",
    )
    assert response.status_code == 404


def test_sync_applies_offline_check_ins_and_reports_duplicates(staff, index):
    event = make_event(index)
    first = add(event, S.CONFIRMED, name="Asha Rao")
    twice = add(event, S.CONFIRMED, name="Ravi Kumar", checked_in_at=NOW)
    cancelled = add(event, S.CANCELLED, name="Meera Das")
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    url = f"/admin/events/check-in/{event.pk}/sync/"
    earlier = NOW - dt.timedelta(minutes=30)
    body = json.dumps(
        {
            "checkins": [
                {"code": first.ticket_code, "at": earlier.isoformat()},
                {"code": twice.ticket_code, "at": earlier.isoformat()},
                {"code": cancelled.ticket_code, "at": earlier.isoformat()},
                {"code": "NOPE", "at": "yesterday"},
            ]
        }
    )
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 403  # no CSRF token
    client.get(f"/admin/events/check-in/{event.pk}/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        url, body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    results = response.json()["results"]
    assert [r["result"] for r in results] == ["ok", "duplicate", "refused", "refused"]
    assert "Ravi Kumar was already checked in at" in results[1]["message"]
    assert results[2]["message"] == "This ticket was cancelled."
    assert response.json()["counts"] == {
        "checked_in": 2,
        "confirmed": 2,
        "expected": 0,
    }
    first.refresh_from_db()
    twice.refresh_from_db()
    assert first.checked_in_at == earlier
    assert twice.checked_in_at == earlier  # the earlier door's time
    bad = client.post(
        url, "[1]", content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert bad.status_code == 400


def test_sync_takes_the_server_time_for_an_unreadable_or_naive_time(staff, index):
    from events.checkin.desk import sync_check_ins

    event = make_event(index)
    naive, unreadable = add(event, S.CONFIRMED), add(event, S.CONFIRMED)
    items = [
        {"code": naive.ticket_code, "at": "2026-01-01T10:00:00"},
        "not a check-in",
        {"code": unreadable.ticket_code, "at": "2026-13-45T99:00:00+05:30"},
    ]
    queryset = Registration.objects.all()
    results = sync_check_ins(event, items, by=staff, queryset=queryset, now=NOW)
    assert [r["result"] for r in results] == ["ok", "ok"]
    assert Registration.objects.get(pk=naive.pk).checked_in_at == NOW
    assert Registration.objects.get(pk=unreadable.pk).checked_in_at == NOW
