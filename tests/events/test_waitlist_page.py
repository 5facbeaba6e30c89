"""A waitlist that informs (issue 21 item 6): the place in line, the offer's
length, "Leave the waitlist", and an email that promises no ticket."""

import datetime as dt

import pytest
from django.utils import timezone

from events.enums import RegistrationStatus
from events.models import Registration
from events.registration import cancel_registration
from tests.factories.events import make_event, register

S = RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_event(index):
    event = make_event(index, capacity=1, waitlist_enabled=True, offer_hours=12)
    register(event)
    return event


def test_the_waitlist_page_shows_the_place_in_line_and_the_offer_hours(
    client, full_event
):
    first, second = register(full_event), register(full_event)
    assert (first.status, second.status) == (S.WAITLISTED, S.WAITLISTED)
    client.force_login(second.user)
    html = client.get(f"/registrations/{second.uuid}/").content.decode()
    assert "You are number 2 on the waitlist." in html
    assert "you then have 12 hours to accept it" in html
    assert "Leave the waitlist" in html
    assert "Cancel my registration" not in html


def test_the_place_in_line_moves_up_when_someone_ahead_leaves(client, full_event):
    first, second = register(full_event), register(full_event)
    client.force_login(first.user)
    page = f"/registrations/{first.uuid}/cancel/"
    assert "Leave the waitlist" in client.get(page).content.decode()
    left = client.post(page, follow=True).content.decode()
    assert "You have left the waitlist." in left
    client.force_login(second.user)
    html = client.get(f"/registrations/{second.uuid}/").content.decode()
    assert "You are number 1 on the waitlist." in html


def test_the_waitlist_email_promises_no_ticket(
    full_event, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(full_event)
    [email] = mailoutbox
    assert "You are on the waitlist" in email.subject
    assert "ticket" not in email.body.lower()
    assert "ticket" not in email.alternatives[0][0].lower()


def test_a_lapsed_offer_says_so_instead_of_accept_before_a_past_time(client, index):
    event = make_event(index, capacity=1, waitlist_enabled=True, offer_hours=12)
    first = register(event)
    second = register(event)
    cancel_registration(first, by=first.user)
    second.refresh_from_db()
    assert second.status == S.OFFERED
    Registration.objects.filter(pk=second.pk).update(
        expires_at=timezone.now() - dt.timedelta(hours=1)
    )
    client.force_login(second.user)
    html = client.get(f"/registrations/{second.uuid}/").content.decode()
    assert "Your hold lapsed at" in html
    assert "Accept it before" not in html
