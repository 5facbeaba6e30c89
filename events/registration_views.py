"""Attendee pages: register, ticket, cancel, accept an offer, pay, receipt.

Thin: each view finds what the user may see (`Registration.objects.visible_to`,
404 for anyone else), calls one service and renders. Anonymous visitors are sent
to sign in and come back.
"""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import views as wagtail_views

from home.addresses import verified_address
from home.facts import with_source_facts
from home.models import SiteSettings
from home.routing import serve_route
from home.translations import localized

from . import payments, receipts
from .enums import RegistrationStatus
from .forms import RegistrationForm
from .models import Registration
from .queries import event_routed_at, money_payment, waitlist_position
from .registration import (
    RegistrationError,
    TooManyEmails,
    accept_offer,
    can_cancel,
    cancel_registration,
    cancellation_deadline,
    hold_lapsed,
    lapsed_at,
    register_attendee,
    renew_hold,
)
from .services import availability

S = RegistrationStatus


def _render(request, template, context, status=200):
    form = context.get("form")
    context["forms_with_errors"] = [form] if form is not None and form.errors else []
    return render(request, template, context, status=status)


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _checkout_redirect(request, registration):
    """Off to Stripe Checkout; on failure, to the ticket page with a message."""
    ticket = reverse("events:ticket", kwargs={"uuid": registration.uuid})
    try:
        url = payments.start_checkout(
            registration,
            success_url=_absolute(
                request, reverse("events:paid", kwargs={"uuid": registration.uuid})
            ),
            cancel_url=_absolute(request, ticket),
        )
    except payments.PaymentError:
        messages.error(
            request,
            _(
                "We could not reach the payment service. Your seat is held: "
                "try “Pay now” again in a minute."
            ),
        )
        return redirect(ticket)
    return redirect(url)


def register_at(request, path):
    """`<event's address>register/` in every language, without Wagtail's
    routing on each request (at an opening it was most of the form's and the
    POST's cost): the event in one query, then served through Wagtail's hooks
    exactly as its `register` route (home.routing). Any other page's path
    ending in register/ goes to Wagtail as before."""
    wagtail_path = path + "register/"
    event = event_routed_at(request, wagtail_path)
    if event is None:
        request.serves_wagtail_page = True  # as home.caching marks Wagtail's view
        return wagtail_views.serve(request, wagtail_path)
    return serve_route(event, request, event.register)


@never_cache
@require_http_methods(["GET", "POST"])
def register(request, event):
    """GET shows the form; POST registers. Both language versions share the seats."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    existing = (
        Registration.objects.for_event(event).filter(user=request.user).active().first()
    )
    if existing is not None:
        return redirect("events:ticket", uuid=existing.uuid)
    # The price and rules shown are the ones charged and enforced.
    event = with_source_facts(event)
    form = RegistrationForm(
        event=event, initial=RegistrationForm.initial_for(request.user)
    )
    status = 200
    refusal = None
    if request.method == "POST":
        form = RegistrationForm(request.POST, event=event)
        if form.is_valid():
            try:
                registration = register_attendee(
                    event,
                    user=request.user,
                    details=form.details(),
                    language=translation.get_language(),
                    payments_available=payments.is_configured(),
                )
            except RegistrationError as error:
                if error.registration is not None:
                    return redirect("events:ticket", uuid=error.registration.uuid)
                # Full, closed or over the day's email limit meanwhile: say so,
                # and show the state as it is now (no field of the form is at fault).
                refusal = error.message
                status = 429 if isinstance(error, TooManyEmails) else 409
            else:
                if registration.status == S.PENDING_PAYMENT:
                    return _checkout_redirect(request, registration)
                messages.success(request, _status_message(registration))
                return redirect("events:ticket", uuid=registration.uuid)
        else:
            status = 400
    return _render(
        request,
        "events/register.html",
        {
            "page": event,
            "event": event,
            # The form's address is the event's followed by register/ (its route).
            "event_url": request.path.removesuffix("register/"),
            "form": form,
            # Counted after a refused POST, so the form shows the state now; a
            # registration that succeeds redirects without counting.
            "availability": availability(event),
            "refusal": refusal,
            "payments_available": payments.is_configured(),
            "ticket_address": verified_address(request.user),
        },
        status=status,
    )


def _status_message(registration) -> str:
    return {
        S.CONFIRMED: _("You are registered. Your ticket is below."),
        S.PENDING_APPROVAL: _(
            "Thank you: the organisers will review your registration."
        ),
        S.WAITLISTED: _("You are on the waitlist. We will email you if a seat frees."),
        S.OFFERED: _("A seat is held for you: accept it below."),
    }.get(registration.status, registration.get_status_display())


def _get_registration(request, uuid) -> Registration:
    return get_object_or_404(
        Registration.objects.visible_to(request.user).select_related(
            "event", "event__venue"
        ),
        uuid=uuid,
    )


def ticket_qr(code: str) -> segno.QRCode:
    """A full QR code of the ticket code: never a Micro QR (segno's choice for
    short text), which phone cameras, BarcodeDetector and jsQR cannot read."""
    return segno.make_qr(code, error="m")


def qr_svg(code: str) -> str:
    """The ticket code as an inline SVG QR code (segno: no image file, no script)."""
    svg = ticket_qr(code).svg_inline(scale=5, border=4)
    return mark_safe(svg)  # noqa: S308 -- segno's own SVG of our ticket code


def _paid_payment(registration):
    return money_payment(registration)


@never_cache
@login_required
def ticket(request, uuid):
    registration = _get_registration(request, uuid)
    event = localized(registration.event)
    confirmed = registration.status == S.CONFIRMED
    return _render(
        request,
        "events/ticket.html",
        {
            "registration": registration,
            "event": event,
            "qr_svg": qr_svg(registration.ticket_code) if confirmed else "",
            "show_online_url": confirmed and bool(event.online_url),
            "can_cancel": can_cancel(registration),
            "cancel_by": cancellation_deadline(registration.event),
            "payment": _paid_payment(registration),
            "history": registration.status_changes.all(),
            **_waiting_context(registration),
        },
    )


def _waiting_context(registration) -> dict:
    """A lapsed hold's time, the place in the waitlist and the offer's length."""
    context = {"lapsed_at": None, "waitlist_position": None}
    if hold_lapsed(registration):
        context["lapsed_at"] = lapsed_at(registration)
    if registration.status == S.WAITLISTED:
        context["waitlist_position"] = waitlist_position(registration)
    context["offer_hours"] = registration.event.offer_hours or 24
    return context


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, uuid):
    registration = _get_registration(request, uuid)
    if not can_cancel(registration):
        messages.error(request, _("This registration can no longer be cancelled."))
        return redirect("events:ticket", uuid=registration.uuid)
    if request.method == "POST":
        waitlisted = registration.status == S.WAITLISTED
        try:
            cancel_registration(registration, by=request.user)
        except RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("You have left the waitlist.")
                if waitlisted
                else _("Your registration has been cancelled."),
            )
        return redirect("events:ticket", uuid=registration.uuid)
    return _render(
        request,
        "events/cancel.html",
        {
            "registration": registration,
            "event": localized(registration.event),
            "payment": _paid_payment(registration),
        },
    )


@never_cache
@login_required
@require_POST
def accept(request, uuid):
    registration = _get_registration(request, uuid)
    try:
        registration = accept_offer(registration, by=request.user)
    except RegistrationError as error:
        messages.error(request, error.message)
        return redirect("events:ticket", uuid=registration.uuid)
    if registration.status == S.PENDING_PAYMENT:
        return _checkout_redirect(request, registration)
    messages.success(request, _status_message(registration))
    return redirect("events:ticket", uuid=registration.uuid)


@never_cache
@login_required
@require_POST
def pay(request, uuid):
    registration = _get_registration(request, uuid)
    if hold_lapsed(registration):
        return _try_again(request, registration)
    if registration.status != S.PENDING_PAYMENT or not payments.is_configured():
        messages.error(request, _("This registration is not awaiting payment."))
        return redirect("events:ticket", uuid=registration.uuid)
    return _checkout_redirect(request, registration)


def _try_again(request, registration):
    """After a lapsed hold or offer: a new hold (then Stripe) if a seat is free."""
    try:
        registration = renew_hold(
            registration,
            by=request.user,
            payments_available=payments.is_configured(),
        )
    except RegistrationError as error:
        messages.error(request, error.message)
        return redirect("events:ticket", uuid=registration.uuid)
    if registration.status == S.PENDING_PAYMENT:
        return _checkout_redirect(request, registration)
    messages.success(request, _status_message(registration))
    return redirect("events:ticket", uuid=registration.uuid)


@never_cache
@login_required
def paid(request, uuid):
    """Stripe sends people back here; only the webhook confirms the seat."""
    registration = _get_registration(request, uuid)
    if registration.status == S.CONFIRMED:
        messages.success(request, _status_message(registration))
        return redirect("events:ticket", uuid=registration.uuid)
    return _render(
        request,
        "events/paid.html",
        {"registration": registration, "event": localized(registration.event)},
    )


@never_cache
@login_required
def receipt(request, uuid):
    registration = _get_registration(request, uuid)
    payment = _paid_payment(registration)
    if payment is None:
        return redirect("events:ticket", uuid=registration.uuid)
    site_settings = SiteSettings.cached_for(request)
    return _render(
        request,
        "events/receipt.html",
        {
            "registration": registration,
            "event": localized(registration.event),
            "payment": payment,
            "site_settings": site_settings,
            "organisation": site_settings.organisation_name_in(),
            "gstin": site_settings.gstin,
            "gst": receipts.gst_in(payment.amount_paise, payment.gst_rate),
            "now": timezone.now(),
        },
    )
