"""Money that closes (issue 21): open checkouts expired on cancel, refunds people
can follow, lapsed holds, staff cancellation. The real stripe library talks to
the fake API; webhooks are signed as Stripe signs them."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from events.enums import PaymentStatus, RegistrationStatus
from events.models import Payment, Registration
from events.registration import HOLD, cancel_registration
from tests.events.fake_stripe import deliver, refund_event, session_event
from tests.factories.events import make_event

S = RegistrationStatus
P = PaymentStatus
FORM = {"name": "Asha Rao", "email": "asha@example.in", "phone": ""}

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run after-commit work (emails, Stripe calls) as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def staff_client(staff_user):
    """Staff with two-factor, beside the attendee's own `client`."""
    staff = Client()
    staff.force_login(staff_user)
    return staff


def _hold(client, index, user, **fields):
    fields = {"slug": "paid", "price_paise": 150000, "capacity": 800, **fields}
    make_event(index, **fields)
    client.force_login(user)
    client.post("/events/paid/register/", FORM)
    return Registration.objects.get(user=user), Payment.objects.get()


def _paid(client, index, user):
    registration, payment = _hold(client, index, user)
    deliver(client, session_event("checkout.session.completed", payment))
    return registration, payment


def _page(client, url):
    return client.get(url).content.decode()


# --- open checkouts close --------------------------------------------------------


def test_attendee_cancelling_a_hold_expires_its_checkout_at_stripe(
    client, index, user, fake_stripe, on_commit
):
    registration, payment = _hold(client, index, user)
    with on_commit():
        client.post(f"/registrations/{registration.uuid}/cancel/")
    assert fake_stripe.expired_sessions() == [payment.stripe_session_id]
    payment.refresh_from_db()
    assert payment.status == P.EXPIRED


def test_staff_cancelling_a_hold_expires_its_checkout_at_stripe(
    client, staff_client, index, user, fake_stripe, on_commit
):
    registration, payment = _hold(client, index, user)
    with on_commit():
        staff_client.post(
            f"/admin/events/registrations/{registration.pk}/manage/",
            {"action": "cancel", "confirm": "1", "reason": "Duplicate"},
        )
    registration.refresh_from_db()
    assert registration.status == S.CANCELLED
    assert fake_stripe.expired_sessions() == [payment.stripe_session_id]


def test_a_payment_after_cancelling_is_refunded_and_the_email_says_why(
    client, index, user, fake_stripe, on_commit, mailoutbox
):
    registration, payment = _hold(client, index, user)
    with on_commit():
        client.post(f"/registrations/{registration.uuid}/cancel/")
    mailoutbox.clear()
    with on_commit():
        deliver(client, session_event("checkout.session.completed", payment))
    registration.refresh_from_db()
    payment.refresh_from_db()
    assert (registration.status, payment.status) == (S.CANCELLED, P.REFUND_PENDING)
    assert len(fake_stripe.calls("/v1/refunds")) == 1
    [email] = mailoutbox
    assert "after your registration had been cancelled" in email.body
    assert "no seat is left" not in email.body
    assert "₹1,500" in email.body


def test_an_older_sessions_expiry_leaves_a_newer_open_checkout_alone(
    client, index, user, fake_stripe
):
    registration, old = _hold(client, index, user)
    # The first session lapses unseen; the person tries again and a new one opens.
    Payment.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    client.post(f"/registrations/{registration.uuid}/pay/")
    new = Payment.objects.exclude(pk=old.pk).get()
    deliver(client, session_event("checkout.session.expired", old))
    registration.refresh_from_db()
    assert registration.status == S.PENDING_PAYMENT
    deliver(client, session_event("checkout.session.completed", new))
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED


# --- lapsed holds ----------------------------------------------------------------


def test_a_lapsed_hold_says_so_and_offers_to_try_again(
    client, index, user, fake_stripe
):
    registration, _payment = _hold(client, index, user)
    lapsed = timezone.now() - dt.timedelta(minutes=5)
    Registration.objects.filter(pk=registration.pk).update(expires_at=lapsed)
    html = _page(client, f"/registrations/{registration.uuid}/")
    assert "Your hold lapsed at" in html
    assert timezone.localtime(lapsed).strftime("%-I:%M") in html
    assert "Pay now" not in html
    assert "seat is held until" not in html
    assert "Try again" in html


def test_trying_again_holds_the_promised_time_and_stripe_agrees(
    client, index, user, fake_stripe, on_commit
):
    registration, old = _hold(client, index, user)
    Registration.objects.filter(pk=registration.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=5)
    )
    before = timezone.now()
    with on_commit():
        response = client.post(f"/registrations/{registration.uuid}/pay/")
    # The lapsed hold's checkout is closed: one hold, one open checkout.
    assert fake_stripe.expired_sessions() == [old.stripe_session_id]
    registration.refresh_from_db()
    new = Payment.objects.order_by("-pk").first()
    assert response["Location"] == new.checkout_url
    assert registration.status == S.PENDING_PAYMENT
    assert registration.expires_at >= before + HOLD - dt.timedelta(seconds=5)
    form, _headers = fake_stripe.calls("/v1/checkout/sessions")[-1]
    assert int(form["expires_at"]) == int(registration.expires_at.timestamp())


def test_an_expired_registration_offers_to_try_again(client, index, user, fake_stripe):
    registration, payment = _hold(client, index, user)
    deliver(client, session_event("checkout.session.expired", payment))
    registration.refresh_from_db()
    assert registration.status == S.EXPIRED
    html = _page(client, f"/registrations/{registration.uuid}/")
    assert "Your hold lapsed at" in html
    assert "Try again" in html


# --- refunds people can follow ---------------------------------------------------


def test_a_cancelled_paid_seat_shows_the_refund_pending_then_refunded(
    client, index, user, fake_stripe, on_commit, mailoutbox
):
    registration, _payment = _paid(client, index, user)
    with on_commit():
        client.post(f"/registrations/{registration.uuid}/cancel/")
    pages = (
        f"/registrations/{registration.uuid}/",
        f"/registrations/{registration.uuid}/receipt/",
        "/dashboard/",
    )
    for url in pages:
        assert "Refund pending: ₹1,500" in _page(client, url), url
    cancelled = mailoutbox[-1]
    assert "Refund pending: ₹1,500" in cancelled.body
    assert "If you paid" not in cancelled.body
    with on_commit():
        deliver(client, refund_event(intent="pi_1", amount=150000))
    today = timezone.localdate().strftime("%-d %B %Y")
    for url in pages:
        html = _page(client, url)
        assert f"Refunded ₹1,500 on {today}" in html, url
        assert "Refund pending" not in html
    landed = mailoutbox[-1]
    assert landed.subject.endswith(f"Refund completed: {registration.event.title}")
    assert "₹1,500" in landed.body


def test_a_partial_refund_keeps_the_seat_shows_the_amount_and_emails(
    client, index, user, fake_stripe, on_commit, mailoutbox
):
    registration, payment = _paid(client, index, user)
    with on_commit():
        deliver(client, refund_event(intent="pi_1", amount=50000))
    registration.refresh_from_db()
    payment.refresh_from_db()
    assert (registration.status, payment.status) == (S.CONFIRMED, P.PAID)
    assert payment.refunded_paise == 50000
    assert "Refunded ₹500 on" in _page(client, f"/registrations/{registration.uuid}/")
    assert "Your ticket" in _page(client, f"/registrations/{registration.uuid}/")
    assert "Refunded: ₹500 of ₹1,500" in mailoutbox[-1].body


# --- who cancelled, and what is refunded -----------------------------------------


def test_staff_cancellation_email_names_the_organisers_reason_and_no_payment(
    staff_client, index, on_commit, mailoutbox
):
    from tests.factories.events import register

    registration = register(make_event(index, title="Free day"))
    mailoutbox.clear()
    with on_commit():
        staff_client.post(
            f"/admin/events/registrations/{registration.pk}/manage/",
            {"action": "cancel", "confirm": "1", "reason": "The hall is closed"},
        )
    [email] = mailoutbox
    assert "The organisers have cancelled your registration." in email.body
    assert "The hall is closed" in email.body
    assert "Nothing was paid" in email.body
    assert "If you paid" not in email.body


def test_attendee_cancelling_a_paid_seat_is_told_the_amount(
    index, user, fake_stripe, on_commit, mailoutbox, client
):
    registration, _payment = _paid(client, index, user)
    mailoutbox.clear()
    with on_commit():
        cancel_registration(registration, by=user)
    [email] = mailoutbox
    assert "You cancelled your registration." in email.body
    assert "Refund pending: ₹1,500" in email.body


def test_the_confirmation_of_a_paid_seat_has_the_amount_and_a_receipt_link(
    client, index, user, fake_stripe, on_commit, mailoutbox
):
    registration, payment = _hold(client, index, user)
    mailoutbox.clear()
    with on_commit():
        deliver(client, session_event("checkout.session.completed", payment))
    [email] = mailoutbox
    assert "Paid: ₹1,500" in email.body
    assert f"/registrations/{registration.uuid}/receipt/" in email.body


def test_staff_cancelling_a_paid_seat_says_what_is_refunded_before_and_after(
    client, staff_client, index, user, fake_stripe, on_commit, mailoutbox
):
    registration, payment = _paid(client, index, user)
    url = f"/admin/events/registrations/{registration.pk}/manage/"
    asked = staff_client.post(url, {"action": "cancel"}).content.decode()
    assert "Their payment of ₹1,500 is refunded in full through Stripe." in asked
    mailoutbox.clear()
    with on_commit():
        staff_client.post(
            url, {"action": "cancel", "confirm": "1", "reason": "Event moved online"}
        )
    payment.refresh_from_db()
    assert payment.status == P.REFUND_PENDING
    assert len(fake_stripe.calls("/v1/refunds")) == 1
    [email] = mailoutbox
    assert "The organisers have cancelled your registration." in email.body
    assert "Event moved online" in email.body
    assert "Refund pending: ₹1,500" in email.body
