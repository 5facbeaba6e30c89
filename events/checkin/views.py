"""The check-in desk in the Wagtail admin: pick an event, then check people in
by code, camera or name; the desk's script downloads the ticket list and syncs
check-ins made offline.

Access follows `events.change_registration` (`Registration.objects.managed_by`),
never `is_staff`; the admin's middleware asks for the second factor first.
"""

import json

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from home.timefmt import format_datetime

from ..forms import CheckInForm
from ..models import EventPage, Registration
from ..registration import RegistrationError, check_in
from . import desk


def _managed(request):
    if not request.user.has_perm("events.change_registration"):
        raise Http404
    return Registration.objects.managed_by(request.user)


def _private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def picker(request):
    _managed(request)
    event_id = request.GET.get("event", "")
    if event_id.isdigit():  # the seats panel's links
        return redirect("events_check_in_desk", event_pk=int(event_id))
    return _private(
        TemplateResponse(
            request,
            "events/admin/check_in_picker.html",
            {"events": desk.desk_events()},
        )
    )


@require_http_methods(["GET", "POST"])
def desk_view(request, event_pk):
    queryset = _managed(request)
    event = get_object_or_404(EventPage, pk=event_pk)
    url = reverse("events_check_in_desk", args=[event.pk])
    form = CheckInForm()
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            _check_in_and_say(request, event, form.cleaned_data["code"], queryset)
            query = request.POST.get("q", "")
            return redirect(f"{url}?q={query}" if query else url)
    query = request.GET.get("q", "")[:100]
    return _private(
        TemplateResponse(
            request,
            "events/admin/check_in_desk.html",
            {
                "event": event,
                "form": form,
                "counts": desk.counts_for(event),
                "query": query,
                "found": desk.search(event, query, queryset=queryset),
                "tickets_url": reverse("events_check_in_tickets", args=[event.pk]),
                "sync_url": reverse("events_check_in_sync", args=[event.pk]),
                "desk_strings": desk_strings(),
            },
        )
    )


def desk_strings() -> dict:
    """What the desk's script says, in the staff member's language."""
    return {
        "online": _("Online: check-ins are saved at once."),
        "offline": _("Offline, {n} waiting to sync."),
        "waiting": _("{n} waiting to sync."),
        "ready": _("Ticket list ready for offline use: {n} tickets."),
        "no_list": _(
            "The ticket list could not be downloaded: check-in needs the network."
        ),
        "checked_in": _("Checked in: {name}"),
        "already": _("{name} was already checked in at {time}."),
        "refused": _("Not checked in: {why}"),
        "unknown": _("No ticket has this code in this event's list."),
        "typo": _("This code has a typo: check it against the ticket."),
        "camera_failed": _("The camera could not be opened: type the code."),
        "scanning": _("Point the camera at the ticket's QR code."),
        "offline_search": _("Offline: names found in the downloaded list."),
        "nobody": _("Nobody of this event has that name or email."),
        "check_in": _("Check in"),
    }


def _check_in_and_say(request, event, code, queryset):
    try:
        result = check_in(code, by=request.user, event=event, queryset=queryset)
    except RegistrationError as error:
        messages.error(request, _("Not checked in: %(why)s") % {"why": error.message})
        return
    registration = result.registration
    if result.already:
        messages.warning(
            request,
            _("%(name)s was already checked in at %(time)s.")
            % {
                "name": registration.name,
                "time": format_datetime(registration.checked_in_at),
            },
        )
    else:
        messages.success(
            request, _("Checked in: %(name)s") % {"name": registration.name}
        )


@require_GET
def tickets_json(request, event_pk):
    queryset = _managed(request)
    event = get_object_or_404(EventPage, pk=event_pk)
    return _private(
        JsonResponse(
            {
                "event": event.pk,
                "downloaded_at": timezone.now().isoformat(),
                "counts": desk.counts_for(event).as_dict(),
                "tickets": desk.ticket_list(event, queryset=queryset),
            }
        )
    )


@require_POST
def sync(request, event_pk):
    """Check-ins a door queued: ``{"checkins": [{"code": ..., "at": ...}]}``.
    CSRF-protected like every POST (the script sends the token in a header)."""
    queryset = _managed(request)
    event = get_object_or_404(EventPage, pk=event_pk)
    try:
        items = json.loads(request.body or b"{}").get("checkins")
    except (ValueError, AttributeError):
        items = None
    if not isinstance(items, list):
        return _private(
            JsonResponse({"error": _("Send a list of check-ins.")}, status=400)
        )
    results = desk.sync_check_ins(event, items, by=request.user, queryset=queryset)
    return _private(
        JsonResponse({"results": results, "counts": desk.counts_for(event).as_dict()})
    )
