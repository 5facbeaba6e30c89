"""Calls for compute in the Wagtail admin: the board of each call (applications,
budget left, allocation) and the totals of grants.

Who may do what is decided by permission, never by `is_staff`:
`compute.view_computeapplication` to look, `compute.allocate_compute` to
allocate. Both count only after two-factor (home.models.User.has_perm).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import queries, services
from .enums import ApplicationStatus
from .models import CallPage, ComputeApplication, Grant

VIEW = "compute.view_computeapplication"
ALLOCATE = "compute.allocate_compute"


def require(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


def get_call(pk) -> CallPage:
    return get_object_or_404(CallPage, pk=pk).source


def calls_list(request):
    require(request.user, VIEW)
    counts = {
        row["call_id"]: row
        for row in ComputeApplication.objects.values("call_id").annotate(
            total=Count("pk"),
            submitted=Count("pk", filter=~Q(status=ApplicationStatus.DRAFT)),
        )
    }
    calls = [
        page.source
        for page in CallPage.objects.filter(
            locale__language_code=request.LANGUAGE_CODE
        ).order_by("-closes_at")
    ] or list(CallPage.objects.order_by("-closes_at"))
    seen, rows = set(), []
    for call in calls:
        if call.pk in seen:
            continue
        seen.add(call.pk)
        rows.append((call, counts.get(call.pk, {}), services.budget_of(call)))
    return render(
        request,
        "compute/admin/calls.html",
        {"page_title": _("Compute calls"), "header_icon": "cogs", "rows": rows},
    )


@require_http_methods(["GET", "POST"])
def board(request, pk):
    """The applications of one call, the budget left and the allocation forms.
    A refused allocation keeps what was typed."""
    require(request.user, VIEW)
    call = get_call(pk)
    typed = {}
    status = 200
    if request.method == "POST":
        require(request.user, ALLOCATE)
        application = get_object_or_404(
            ComputeApplication, pk=request.POST.get("application") or 0, call=call
        )
        raw = request.POST.get("gpu_hours", "").strip()
        try:
            if not raw.isdigit():
                raise services.ComputeError(_("Enter a whole number of GPU-hours."))
            services.allocate_compute(application, gpu_hours=int(raw), by=request.user)
        except services.ComputeError as error:
            messages.error(request, error.message)
            typed[application.pk] = raw[:20]
            status = 400
        else:
            messages.success(
                request,
                _("%(name)s: allocation saved.") % {"name": application.applicant_name},
            )
            return redirect("compute_admin:board", pk=call.pk)
    applications = list(
        ComputeApplication.objects.filter(call=call)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("organisation", "applicant")
        .order_by("submitted_at", "pk")
    )
    grants = {
        g.application_id: g for g in Grant.objects.filter(application__in=applications)
    }
    rows = [
        {
            "application": a,
            "grant": grants.get(a.pk),
            "value": typed.get(
                a.pk, str(grants[a.pk].gpu_hours) if a.pk in grants else ""
            ),
            "refused": a.pk in typed,
            "can_allocate": a.status == ApplicationStatus.ACCEPTED,
        }
        for a in applications
    ]
    return render(
        request,
        "compute/admin/board.html",
        {
            "page_title": _("Compute: %(call)s") % {"call": call.localized.title},
            "header_icon": "cogs",
            "call": call,
            "rows": rows,
            "budget": services.budget_of(call),
            "may_allocate": request.user.has_perm(ALLOCATE),
        },
        status=status,
    )


def totals(request):
    """GPU-hours allocated and used, grants and outputs: per call, state,
    sector and language."""
    require(request.user, VIEW)
    return render(
        request,
        "compute/admin/totals.html",
        {
            "page_title": _("Compute totals"),
            "header_icon": "cogs",
            "totals": queries.totals(),
        },
    )
