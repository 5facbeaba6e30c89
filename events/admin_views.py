"""Staff pages in the Wagtail admin: manage one registration, seats panel
(check-in: events.checkin.views).

Access follows the `events.change_registration` permission
(`Registration.objects.managed_by`), never `is_staff`. Every change goes through
events.registration.
"""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from . import payments
from .enums import RegistrationStatus
from .forms import AttendeeMessageForm, StaffCancelForm, language_name
from .models import EventPage, Registration
from .queries import money_payment
from .registration import (
    RegistrationError,
    cancel_registration,
    change_registration_status,
    email_attendees,
    message_recipients,
)
from .services import availability_for

S = RegistrationStatus

# action -> (button label, statuses it applies to)
ACTIONS = {
    "approve": (gettext_lazy("Approve"), {S.PENDING_APPROVAL}),
    "reject": (gettext_lazy("Reject"), {S.PENDING_APPROVAL}),
    "offer": (gettext_lazy("Offer a seat (from the waitlist)"), {S.WAITLISTED}),
    "confirm": (
        gettext_lazy("Confirm (from the waitlist, free events)"),
        {S.WAITLISTED},
    ),
    "cancel": (
        gettext_lazy("Cancel (and refund if paid)"),
        {S.CONFIRMED, S.PENDING_PAYMENT, S.OFFERED, S.WAITLISTED},
    ),
}


def _managed(request):
    queryset = Registration.objects.managed_by(request.user)
    if not request.user.has_perm("events.change_registration"):
        raise Http404
    return queryset


def actions_for(registration) -> list[tuple[str, str]]:
    actions = []
    for name, (label, statuses) in ACTIONS.items():
        if registration.status not in statuses:
            continue
        if name == "confirm" and not registration.event.is_free:
            continue
        actions.append((name, label))
    return actions


def _apply(action: str, registration, user, reason: str = "") -> None:
    event = registration.event
    if action == "approve":
        to = S.CONFIRMED if event.is_free else S.OFFERED
        change_registration_status(registration, to=to, by=user, note="approved")
    elif action == "reject":
        change_registration_status(
            registration, to=S.CANCELLED, by=user, note="rejected"
        )
    elif action == "offer":
        change_registration_status(
            registration, to=S.OFFERED, by=user, note="moved from the waitlist"
        )
    elif action == "confirm":
        change_registration_status(
            registration, to=S.CONFIRMED, by=user, note="moved from the waitlist"
        )
    elif action == "cancel":
        cancel_registration(registration, by=user, staff=True, note=reason)


@require_http_methods(["GET", "POST"])
def manage_registration(request, pk):
    registration = get_object_or_404(
        _managed(request).select_related("event", "user"), pk=pk
    )
    if request.method == "POST":
        action = request.POST.get("action", "")
        reason = ""
        if action == "cancel" and action in dict(actions_for(registration)):
            form = StaffCancelForm(request.POST if "confirm" in request.POST else None)
            if not form.is_valid():
                return _confirm_cancel(request, registration, form)
            reason = form.cleaned_data["reason"]
        if action not in dict(actions_for(registration)):
            messages.error(request, _("That action is not possible now."))
        else:
            try:
                _apply(action, registration, request.user, reason)
            except RegistrationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Registration updated."))
        return redirect("events_registration_manage", pk=registration.pk)
    return TemplateResponse(
        request,
        "events/admin/manage_registration.html",
        {
            "registration": registration,
            "actions": actions_for(registration),
            "history": registration.status_changes.select_related("changed_by"),
            "payments": registration.payments.all(),
            "list_url": reverse("event_registrations:index")
            + f"?event={registration.event_id}",
        },
    )


def _confirm_cancel(request, registration, form):
    """The step before a staff cancellation: what happens, and the reason."""
    return TemplateResponse(
        request,
        "events/admin/cancel_registration.html",
        {
            "registration": registration,
            "form": form,
            "payment": money_payment(registration),
            "back_url": reverse("events_registration_manage", args=[registration.pk]),
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def email_attendees_view(request, event_pk):
    _managed(request)
    event = get_object_or_404(EventPage, pk=event_pk)
    form = AttendeeMessageForm()
    if request.method == "POST":
        form = AttendeeMessageForm(request.POST)
        if form.is_valid() and "confirm" in request.POST:
            sent = email_attendees(event, by=request.user, **form.send_kwargs())
            messages.success(
                request,
                _("Message queued for %(count)d person(s).") % {"count": sent},
            )
            return redirect(reverse("event_registrations:index") + f"?event={event.pk}")
        if form.is_valid() and "edit" not in request.POST:
            return _message_preview(request, event, form)
    return TemplateResponse(
        request,
        "events/admin/email_attendees.html",
        {
            "form": form,
            "event": event,
            "default_name": language_name(settings.LANGUAGE_CODE),
        },
    )


def _message_preview(request, event, form):
    """The step before sending: each language's text and who receives it."""
    data = form.send_kwargs()
    recipients = message_recipients(event, statuses=data["statuses"])
    counts = dict(recipients.values_list("language").annotate(Count("pk")).order_by())
    default = settings.LANGUAGE_CODE
    texts = {default: (data["subject"], data["message"]), **data["translations"]}
    languages = []
    for code, name in [(default, language_name(default)), *form.languages]:
        languages.append(
            {
                "code": code,
                "name": name,
                "count": counts.pop(code, 0),
                "own": code in texts,
            }
        )
    return TemplateResponse(
        request,
        "events/admin/email_attendees_preview.html",
        {
            "form": form,
            "event": event,
            "languages": languages,
            # Registered in a language the site no longer offers: the default.
            "elsewhere": sum(counts.values()),
            "default_name": languages[0]["name"],
            "versions": [
                {"code": row["code"], "name": row["name"], "text": texts[row["code"]]}
                for row in languages
                if row["own"]
            ],
            "count": recipients.count(),
            "status_labels": [S(status).label for status in data["statuses"]],
        },
    )


def waiting_counts(events) -> dict:
    """Per event (translation_key): registrations awaiting approval, awaiting
    payment and offered a seat (holds and offers until they lapse). One query."""
    now = timezone.now()
    rows = (
        Registration.objects.filter(
            event__translation_key__in={event.translation_key for event in events}
        )
        .values("event__translation_key")
        .annotate(
            approval=Count("pk", filter=Q(status=S.PENDING_APPROVAL)),
            payment=Count("pk", filter=Q(status=S.PENDING_PAYMENT, expires_at__gt=now)),
            offered=Count("pk", filter=Q(status=S.OFFERED, expires_at__gt=now)),
        )
        .order_by()
    )
    return {row.pop("event__translation_key"): row for row in rows}


class SeatsPanel(Component):
    """Admin home: seats filled per upcoming event, and a warning without Stripe keys."""

    name = "events_seats"
    template_name = "events/admin/seats_panel.html"
    order = 50
    limit = 10

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        events = list(
            EventPage.objects.live()
            .filter(
                locale=Locale.get_default(),
                registration_required=True,
                end__gt=timezone.now(),
            )
            .order_by("start")[: self.limit]
        )
        seats = availability_for(events)
        waiting = waiting_counts(events)
        return {
            "rows": [
                (event, seats[event.pk], waiting.get(event.translation_key, {}))
                for event in events
            ],
            "stripe_missing": not payments.is_configured()
            and any(not event.is_free for event in events),
            "can_manage": self.user.has_perm("events.change_registration"),
            "list_url": reverse("event_registrations:index"),
        }
