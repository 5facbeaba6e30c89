"""Calls for compute in the Wagtail admin: reviewers' pages, each call's board
(reviews assigned by hand or automatically, staged decisions, allocation
within the budget), its export, file answers and the totals.

The rules are review's (compute.selection binds them to calls). Who may do
what is decided by permission, never by `is_staff`, and counts only after
two-factor (home.models.User.has_perm):
- a reviewer (`compute.add_computereview`) opens only the reviews assigned to
  them, anything else is a 404;
- a selection manager needs `compute.view_computeapplication` to look,
  `compute.assign_reviewers` to assign, `compute.decide_application` to stage
  and send decisions and `compute.allocate_compute` to allocate.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from home.exports import spreadsheet_response
from review import forms as review_forms
from review.anonymity import identifying_terms, redact
from review.enums import ReviewStatus
from review.exports import submissions_table
from review.files import answer_file_view
from review.forms import ReviewForm
from review.questions import readable_answers
from review.services import aggregate

from . import queries, selection, self_assessment, services
from .emails import decision_words
from .enums import DECISION_STATUSES, ApplicationStatus, can_transition
from .models import CallPage, ComputeApplication, ComputeReview

VIEW = "compute.view_computeapplication"
ASSIGN = "compute.assign_reviewers"
DECIDE = "compute.decide_application"
ALLOCATE = "compute.allocate_compute"


def require(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


def get_call(pk) -> CallPage:
    return get_object_or_404(CallPage, pk=pk).source


# What a reviewer reads ----------------------------------------------------------
def application_rows(application: ComputeApplication, *, anonymised: bool) -> dict:
    """The application as reviewers read it; anonymised, nothing names who
    applies (review.anonymity)."""
    call = application.call.localized
    answers = readable_answers(application.answers, call.question_list)
    summary = application.summary
    terms = None
    if anonymised:
        user = application.applicant
        organisation = application.organisation
        terms = identifying_terms(
            titles=[organisation.name] if organisation else [],
            names=[user.get_full_name()],
            emails=[user.email],
            websites=[organisation.website] if organisation else [],
        )
        summary = redact(summary, terms=terms)
        for row in answers:
            row["value"] = redact(row["value"], terms=terms)
    facts = [
        (
            _("Applicant"),
            _("Hidden for anonymised review")
            if anonymised
            else application.applicant_name,
        ),
        (_("Applies as"), application.get_kind_display()),
        (_("Project title"), application.project_title),
        (_("GPU-hours requested"), application.gpu_hours_requested),
        (_("State or union territory"), application.get_state_display()),
        (_("Sector"), application.get_sector_display()),
        (_("Languages"), ", ".join(application.language_labels()) or "—"),
    ]
    return {
        "facts": facts,
        "summary": summary,
        "answers": answers,
        # Its attached responsible-AI self-assessment, read-only.
        **self_assessment.reviewer_context(
            application.self_assessment, redact_terms=terms
        ),
    }


def reviews_context(application, user, criteria) -> dict:
    """What review's `reviews.html` shows: others' reviews only to managers and
    to reviewers who have submitted their own."""
    reviews = list(application.reviews.select_related("reviewer"))
    show_others = selection.can_see_other_reviews(application, user)
    visible = [r for r in reviews if show_others or r.reviewer_id == user.pk]
    names = {str(c.pk): c for c in criteria}
    for review in visible:
        review.score_rows = [
            (names[key].name, value, names[key].max_score)
            for key, value in (review.scores or {}).items()
            if key in names
        ]
    stats = aggregate(r.score for r in reviews if r.status == ReviewStatus.SUBMITTED)
    return {
        "reviews": visible,
        "reviews_hidden": not show_others,
        "stats": stats if show_others else None,
    }


def my_reviews(request):
    if not selection.is_reviewer(request.user):
        raise PermissionDenied
    reviews = (
        ComputeReview.objects.for_reviewer(request.user)
        .exclude(status=ReviewStatus.CONFLICT)
        .select_related("application__call", "application__organisation")
        .select_related("application__applicant")
        .order_by("status", "assigned_at")
    )
    return render(
        request,
        "compute/admin/my_reviews.html",
        {
            "page_title": _("My compute reviews"),
            "header_icon": "form",
            "reviews": reviews,
        },
    )


@require_http_methods(["GET", "POST"])
def review(request, pk):
    """Score one assigned application; a conflict ends the assignment."""
    own = get_object_or_404(
        ComputeReview.objects.for_reviewer(request.user).select_related(
            "application__call",
            "application__applicant",
            "application__organisation",
            "application__self_assessment",
        ),
        pk=pk,
    )
    if own.status == ReviewStatus.CONFLICT:
        raise Http404
    application = own.application
    if request.method == "POST" and "conflict" in request.POST:
        try:
            selection.declare_conflict(own, by=request.user)
        except services.ComputeError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Conflict declared: you will not review it."))
        return redirect("compute_admin:my_reviews")
    criteria = selection.criteria_of(application.call)
    initial = {f"score_{key}": value for key, value in (own.scores or {}).items()}
    initial.update(comment=own.comment, recommendation=own.recommendation)
    form = ReviewForm(initial=initial, criteria=criteria)
    status = 200
    if request.method == "POST":
        form = ReviewForm(request.POST, criteria=criteria)
        if form.is_valid():
            try:
                selection.submit_review(
                    own,
                    by=request.user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    recommendation=form.cleaned_data["recommendation"],
                )
            except services.ComputeError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Review saved."))
                return redirect("compute_admin:review", pk=own.pk)
        status = 400
    anonymised = application.call.anonymised_review
    title = (
        _("Application %(number)s") % {"number": application.pk}
        if anonymised
        else application.applicant_name
    )
    return render(
        request,
        "compute/admin/review.html",
        {
            "page_title": _("Review: %(title)s") % {"title": title},
            "header_icon": "form",
            "own": own,
            "form": form,
            **reviews_context(application, request.user, criteria),
            **application_rows(application, anonymised=anonymised),
        },
        status=status,
    )


# A file answer, for managers and the application's assigned, non-conflicted
# reviewers (anonymised review: not under the applicant's file name).
answer_file = partial(answer_file_view, selection.COMPUTE)


# Selection managers ---------------------------------------------------------------
def calls_list(request):
    require(request.user, VIEW)
    counts = {
        row["call_id"]: row
        for row in ComputeApplication.objects.values("call_id").annotate(
            total=Count("pk"),
            submitted=Count("pk", filter=~Q(status=ApplicationStatus.DRAFT)),
        )
    }
    sources = {
        page.source.pk: page.source for page in CallPage.objects.order_by("-closes_at")
    }
    rows = [
        (call, counts.get(call.pk, {}), services.budget_of(call))
        for call in sources.values()
    ]
    return render(
        request,
        "compute/admin/calls.html",
        {"page_title": _("Compute calls"), "header_icon": "cogs", "rows": rows},
    )


# The board's forms (review.forms), for calls.
AssignForm = partial(review_forms.AssignForm, setup=selection.COMPUTE)
AutoAssignForm = partial(review_forms.AutoAssignForm, setup=selection.COMPUTE)
StageForm = partial(review_forms.StageForm, setup=selection.COMPUTE)


def _board_action(request, call, action, forms) -> str | None:
    """Run one of the board's forms; the message of a refusal, or None.
    A bound form goes into `forms`, so that a refusal shows what was chosen."""
    ids = [v for v in request.POST.getlist("application") if v.isdigit()]
    chosen = list(ComputeApplication.objects.filter(call=call, pk__in=ids))
    if action in ("assign", "auto"):
        require(request.user, ASSIGN)
        auto = action == "auto"
        form = (AutoAssignForm if auto else AssignForm)(request.POST)
        forms["auto_form" if auto else "assign_form"] = form
        # The reviewers ticked are the assign form's field: shown again as ticked.
        forms["assign_form"] = AssignForm(request.POST)
        if auto and form.is_valid():
            # The chosen applications, or every one still in review.
            made = selection.assign_automatically(
                chosen or selection.in_review(call),
                reviewers=form.cleaned_data["reviewers"],
                per_application=form.cleaned_data["per_application"],
                by=request.user,
            )
        elif auto:
            return _("Please correct the errors below.")
        elif form.is_valid() and chosen:
            made = selection.assign_reviewers(
                chosen, reviewers=form.cleaned_data["reviewers"], by=request.user
            )
        else:
            return _("Choose at least one application and one reviewer.")
        messages.success(
            request,
            ngettext("%(n)d review assigned.", "%(n)d reviews assigned.", made)
            % {"n": made},
        )
    elif action == "stage":
        require(request.user, DECIDE)
        form = forms["stage_form"] = StageForm(request.POST)
        if not (form.is_valid() and chosen):
            return _("Choose at least one application and a decision.")
        for application in chosen:
            selection.stage_decision(
                application, to=form.cleaned_data["decision"], by=request.user
            )
        messages.success(
            request,
            ngettext("%(n)d decision staged.", "%(n)d decisions staged.", len(chosen))
            % {"n": len(chosen)},
        )
    elif action == "allocate":
        require(request.user, ALLOCATE)
        chosen_pk = request.POST.get("allocate_to", "")
        if not chosen_pk.isdigit():
            return _("Choose an application.")
        application = get_object_or_404(ComputeApplication, pk=chosen_pk, call=call)
        raw = request.POST.get(f"gpu_hours_{application.pk}", "").strip()
        if not raw.isdigit():
            return _("Enter a whole number of GPU-hours.")
        services.allocate_compute(application, gpu_hours=int(raw), by=request.user)
        messages.success(
            request,
            _("%(name)s: allocation saved.") % {"name": application.applicant_name},
        )
    else:
        return _("Choose an action.")
    return None


@require_http_methods(["GET", "POST"])
def decisions(request, pk):
    """Preview every staged decision and the email each recipient would get,
    in their language; the POST sends them all."""
    require(request.user, DECIDE)
    call = get_call(pk)
    if request.method == "POST":
        try:
            sent, problems = selection.send_decisions(call, by=request.user)
        except services.ComputeError as error:
            messages.error(request, error.message)
            return redirect("compute_admin:decisions", pk=call.pk)
        for problem in problems:
            messages.error(request, problem)
        messages.success(
            request,
            ngettext("%(n)d decision sent.", "%(n)d decisions sent.", sent)
            % {"n": sent},
        )
        return redirect("compute_admin:board", pk=call.pk)
    previews = []
    for staged, recipients in selection.staged_with_recipients(call):
        application = staged.application
        emails = []
        if recipients:
            language, subject, body = decision_words(application, staged.staged_status)
            emails = [
                {
                    "to": user.email,
                    "language": language,
                    "subject": subject,
                    "body": body,
                }
                for user in recipients
            ]
        previews.append(
            {
                "application": application,
                "decision": ApplicationStatus(staged.staged_status).label,
                "emails": emails,
            }
        )
    return render(
        request,
        "compute/admin/decisions.html",
        {
            "page_title": _("Decisions: %(call)s") % {"call": call.localized.title},
            "header_icon": "mail",
            "call": call,
            "previews": previews,
            "sendable": sum(1 for preview in previews if preview["emails"]),
        },
    )


@require_http_methods(["GET", "POST"])
def board(request, pk):
    """A call's applications ranked by mean score, with the review, decision
    and allocation forms, and what is left of the budget. A refused form keeps
    what was typed."""
    require(request.user, VIEW)
    call = get_call(pk)
    status = 200
    forms = {
        "assign_form": AssignForm(),
        "auto_form": AutoAssignForm(),
        "stage_form": StageForm(),
    }
    if request.method == "POST":
        try:
            action = request.POST.get("action")
            if "allocate_to" in request.POST:
                action = "allocate"
            problem = _board_action(request, call, action, forms)
        except services.ComputeError as error:
            problem = error.message
        if problem is None:
            return redirect("compute_admin:board", pk=call.pk)
        messages.error(request, problem)
        status = 400
    staged = {s.application_id: s for s in selection.staged(call)}
    allocations = {
        application.pk: hours
        for application, hours in selection.compute_allocations(call)
    }
    reviewer_names = selection.reviewer_names(call)
    chosen_ids = set(request.POST.getlist("application"))
    ranked = selection.ranking(call)
    # Names of organisations applying, in one query (applicant_name).
    prefetch_related_objects([row[0] for row in ranked], "organisation")
    rows = []
    for application, stats in ranked:
        typed = (
            request.POST.get(f"gpu_hours_{application.pk}") if status == 400 else None
        )
        selected = status == 400 and str(application.pk) in chosen_ids
        allocated = allocations.get(application.pk)
        rows.append(
            {
                "application": application,
                "selected": selected,
                "stats": stats,
                "staged": staged.get(application.pk),
                "reviewers": reviewer_names.get(application.pk, []),
                "accepted": application.pk in allocations,
                "allocated": allocated,
                "value": typed if typed is not None else (allocated or ""),
                "decidable": any(
                    can_transition(application.status, s) for s in DECISION_STATUSES
                ),
            }
        )
    return render(
        request,
        "compute/admin/board.html",
        {
            "page_title": _("Compute: %(call)s") % {"call": call.localized.title},
            "header_icon": "cogs",
            "call": call,
            "rows": rows,
            "budget": services.budget_of(call),
            **forms,
            "staged_count": len(staged),
            "can_assign": request.user.has_perm(ASSIGN),
            "can_decide": request.user.has_perm(DECIDE),
            "can_allocate": request.user.has_perm(ALLOCATE),
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


# Export ----------------------------------------------------------------------
def export_rows(call: CallPage) -> list[list]:
    """A header row, then one row per submitted application: who applies, the
    project, status, GPU-hours, review scores and the answers."""
    return submissions_table(
        selection.COMPUTE,
        call,
        related=["applicant", "organisation"],
        columns=[
            (_("Applicant"), lambda a: a.applicant_name),
            (_("Applies as"), lambda a: a.get_kind_display()),
            (_("Project title"), lambda a: a.project_title),
            (_("State or union territory"), lambda a: a.get_state_display()),
            (_("Sector"), lambda a: a.get_sector_display()),
            (_("Languages served"), lambda a: ", ".join(a.language_labels())),
        ],
    )


def export(request, pk, fmt):
    """The call's applications with their scores, as CSV or XLSX."""
    require(request.user, VIEW)
    call = get_call(pk)
    return spreadsheet_response(
        export_rows(call), name=f"compute-applications-{slugify(call.slug)}", fmt=fmt
    )
