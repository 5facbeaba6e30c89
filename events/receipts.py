"""Receipt numbers (one series per Indian financial year) and the GST in a price."""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Payment, ReceiptCounter


def financial_year(moment: dt.datetime) -> str:
    """India's financial year (1 April to 31 March, IST) of a moment: "2026-27"."""
    day = timezone.localtime(moment).date()
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def assign_number(*, payment: Payment, now: dt.datetime) -> str:
    """Give a paid payment its receipt number, once: COE/2026-27/000123.

    The year's counter row is locked, so two payments never share a number and
    the series has no gaps (a rolled-back payment rolls back its number too).
    """
    if payment.receipt_number:
        return payment.receipt_number
    year = financial_year(now)
    with transaction.atomic():
        ReceiptCounter.objects.get_or_create(financial_year=year)
        counter = ReceiptCounter.objects.select_for_update().get(financial_year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        prefix = getattr(settings, "RECEIPT_NUMBER_PREFIX", "COE")
        payment.receipt_number = f"{prefix}/{year}/{counter.last:06d}"
        Payment.objects.filter(pk=payment.pk).update(
            receipt_number=payment.receipt_number
        )
    return payment.receipt_number


def current_gst_rate():
    """The GST rate in event prices now, or None when the organiser has no GSTIN."""
    from wagtail.models import Site

    from home.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    site_settings = SiteSettings.for_site(site)
    return site_settings.gst_rate if site_settings.gstin else None


@dataclass(frozen=True)
class GstLines:
    rate: Decimal
    taxable_paise: int
    gst_paise: int


def gst_in(amount_paise: int, rate) -> GstLines | None:
    """Split a GST-inclusive amount: taxable value rounded to the paisa (half up),
    GST the rest, so the two always add up to what was paid."""
    if rate is None or not amount_paise:
        return None
    rate = Decimal(rate)
    taxable = (Decimal(amount_paise) * 100 / (100 + rate)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    return GstLines(rate, int(taxable), amount_paise - int(taxable))
