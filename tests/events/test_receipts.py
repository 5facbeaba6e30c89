"""Receipts India accepts (issue 21, item 5): a numbered series per financial year,
the organiser's GSTIN and the GST inside the price."""

import datetime as dt

import pytest
from django.utils import timezone

from events.models import Payment, Registration
from events.receipts import financial_year, gst_in
from tests.events.fake_stripe import deliver, session_event
from tests.factories.events import make_event
from tests.factories.home import VerifiedUserFactory

pytestmark = pytest.mark.django_db

FORM = {"name": "Asha Rao", "email": "asha@example.in", "phone": ""}


def _this_year():
    day = timezone.localdate()
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first}-{str(first + 1)[-2:]}"


def _gstin(value="29ABCDE1234F1Z5"):
    from wagtail.models import Site

    from home.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.gstin = value
    site_settings.save()


def _pay(client, user):
    client.force_login(user)
    client.post("/events/paid/register/", FORM)
    registration = Registration.objects.get(user=user)
    payment = registration.payments.get()
    deliver(client, session_event("checkout.session.completed", payment))
    payment.refresh_from_db()
    return registration, payment


def test_receipt_shows_number_gstin_taxable_value_and_gst(
    client, index, user, fake_stripe
):
    """The receipt said "(including taxes)" with no tax lines and numbered by id."""
    _gstin()
    make_event(index, slug="paid", price_paise=50000)
    registration, payment = _pay(client, user)
    assert payment.receipt_number == f"COE/{_this_year()}/000001"
    html = client.get(f"/registrations/{registration.uuid}/receipt/").content.decode()
    for text in (
        f"COE/{_this_year()}/000001",
        "29ABCDE1234F1Z5",
        "Taxable value",
        "₹423.73",  # 500 / 1.18, to the paisa
        "GST at 18%",
        "₹76.27",
        "₹500",
        "(including GST)",
    ):
        assert text in html, text


def test_without_a_gstin_the_receipt_claims_no_tax(client, index, user, fake_stripe):
    make_event(index, slug="paid", price_paise=50000)
    registration, payment = _pay(client, user)
    assert payment.gst_rate is None
    html = client.get(f"/registrations/{registration.uuid}/receipt/").content.decode()
    assert "Taxable value" not in html and "including taxes" not in html


def test_numbers_follow_each_other_and_a_repeated_webhook_keeps_its_number(
    client, index, user, django_user_model, fake_stripe
):
    make_event(index, slug="paid", price_paise=50000, capacity=5)
    _first, payment = _pay(client, user)
    other = VerifiedUserFactory(email="ravi@example.in")
    _second, second = _pay(client, other)
    year = _this_year()
    assert [payment.receipt_number, second.receipt_number] == [
        f"COE/{year}/000001",
        f"COE/{year}/000002",
    ]
    deliver(client, session_event("checkout.session.completed", payment))
    assert Payment.objects.get(pk=payment.pk).receipt_number == f"COE/{year}/000001"


def test_the_financial_year_turns_on_the_first_of_april_in_india():
    ist = dt.timezone(dt.timedelta(hours=5, minutes=30))
    assert financial_year(dt.datetime(2027, 3, 31, 23, 59, tzinfo=ist)) == "2026-27"
    assert financial_year(dt.datetime(2027, 4, 1, 0, 0, tzinfo=ist)) == "2027-28"
    assert financial_year(dt.datetime(2099, 4, 1, tzinfo=ist)) == "2099-00"


def test_gst_split_rounds_to_the_paisa_and_adds_up():
    lines = gst_in(150000, 18)
    assert (lines.taxable_paise, lines.gst_paise) == (127119, 22881)
    lines = gst_in(99, 5)
    assert lines.taxable_paise + lines.gst_paise == 99
    assert gst_in(50000, None) is None
