"""Selection in the Wagtail admin: reviewers' pages and selection managers' pages.

Who may do what is decided here by permission, never by `is_staff`:
- a reviewer (`cohorts.add_review`) opens only the reviews assigned to them
  (`Review.objects.for_reviewer`), anything else is a 404;
- a selection manager needs `cohorts.view_application` to look,
  `cohorts.assign_reviewers` to assign and `cohorts.decide_application` to stage
  and send decisions and to allocate compute.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from home.exports import spreadsheet_response
from review import forms as review_forms
from review.exports import submissions_table
from review.files import answer_file_view, file_for_reader
from review.forms import ReviewForm

from . import anonymity, emails, selection, self_assessment
from .enums import (
    ApplicationStatus,
    ReviewStatus,
)
from .models import Application, CohortPage, Review
from .questions import readable_answers
from .selection import SelectionError

VIEW = "cohorts.view_application"
ASSIGN = "cohorts.assign_reviewers"
DECIDE = "cohorts.decide_application"


def require(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


def reviewers_queryset():
    return selection.reviewers()


# The application as staff read it -----------------------------------------------
def startup_rows(startup, *, anonymised: bool, description: str) -> list[dict]:
    """The startup's facts a page about its application shows, as rows.

    An anonymised review names nothing (name, website, founders); its
    `description` comes with those redacted (cohorts.anonymity).
    """
    rows = []
    if anonymised:
        rows.append({"label": _("Startup"), "value": _("Hidden for anonymised review")})
    else:
        founders = ", ".join(
            f"{f.name} ({f.role})" if f.role else f.name for f in startup.founders.all()
        )
        rows.append({"label": _("Startup"), "value": startup.name})
        if startup.website:
            rows.append(
                {
                    "label": _("Website"),
                    "value": startup.website,
                    "url": startup.website,
                }
            )
        rows.append({"label": _("Founders"), "value": founders or "—"})
    rows += [
        {"label": _("State or union territory"), "value": startup.get_state_display()},
        {"label": _("Sector"), "value": startup.get_sector_display()},
        {"label": _("Stage"), "value": startup.get_stage_display()},
        {"label": _("Team size"), "value": startup.team_size},
        {
            "label": _("Languages served"),
            "value": ", ".join(startup.language_labels()) or "—",
        },
    ]
    rows.append({"label": _("Short description"), "value": description})
    return rows


def application_context(application: Application, user, *, anonymised: bool) -> dict:
    """What the manager's and the reviewer's pages show of an application."""
    cohort = application.cohort
    localized = cohort.localized
    answers = readable_answers(application.answers, localized.question_list)
    startup = application.startup
    description = startup.description
    compute_purpose = application.compute_purpose
    if anonymised:
        terms = anonymity.redaction_terms(application)
        for row in answers:
            row["value"] = anonymity.redact(row["value"], terms=terms)
        description = anonymity.redact(description, terms=terms)
        compute_purpose = anonymity.redact(compute_purpose, terms=terms)
    reviews = list(
        application.reviews.select_related("reviewer").order_by("assigned_at")
    )
    show_others = selection.can_see_other_reviews(application, user)
    visible = [r for r in reviews if show_others or r.reviewer_id == user.pk]
    stats = selection.aggregate(
        r.score for r in reviews if r.status == ReviewStatus.SUBMITTED
    )
    criteria = selection.criteria_of(cohort)
    names = {str(c.pk): c for c in criteria}
    for review in visible:
        review.score_rows = [
            (names[key].name, value, names[key].max_score)
            for key, value in (review.scores or {}).items()
            if key in names
        ]
    return {
        **self_assessment.reviewer_context(application, anonymised=anonymised),
        "application": application,
        "cohort": localized,
        "startup": startup,
        "startup_rows": startup_rows(
            startup, anonymised=anonymised, description=description
        ),
        "description": description,
        "compute_purpose": compute_purpose,
        "anonymised": anonymised,
        "answers": answers,
        "reviews": visible,
        "reviews_hidden": not show_others,
        "stats": stats if show_others else None,
        "criteria": criteria,
        "history": application.status_changes.select_related("changed_by"),
        "deck_url": reverse("cohorts_selection:deck", args=[application.pk])
        if application.pitch_deck
        else "",
    }


def deck(request, pk):
    """The pitch deck for managers and the application's reviewers."""
    application = get_object_or_404(Application.objects.select_related("cohort"), pk=pk)
    if not application.pitch_deck:
        raise Http404
    return file_for_reader(
        selection.COHORTS,
        application,
        request.user,
        name=application.pitch_deck.name,
        filename=application.pitch_deck_name or "pitch-deck.pdf",
        hidden="pitch-deck.pdf",
    )


# A file answer, for managers and the application's assigned, non-conflicted
# reviewers (anonymised review: not under the applicant's file name).
answer_file = partial(answer_file_view, selection.COHORTS)


# Reviewers -------------------------------------------------------------------
def my_reviews(request):
    reviews = (
        Review.objects.for_reviewer(request.user)
        .select_related("application__startup", "application__cohort")
        .order_by("status", "assigned_at")
    )
    if not selection.is_reviewer(request.user):
        raise PermissionDenied
    return render(
        request,
        "cohorts/admin/my_reviews.html",
        {"page_title": _("My reviews"), "header_icon": "form", "reviews": reviews},
    )


@require_http_methods(["GET", "POST"])
def review(request, pk):
    """Score one assigned application; a conflict ends the assignment."""
    own = get_object_or_404(
        Review.objects.for_reviewer(request.user).select_related(
            "application__startup", "application__cohort"
        ),
        pk=pk,
    )
    if own.status == ReviewStatus.CONFLICT:
        raise Http404
    application = own.application
    criteria = selection.criteria_of(application.cohort)
    initial = {f"score_{key}": value for key, value in (own.scores or {}).items()}
    initial.update(comment=own.comment, recommendation=own.recommendation)
    form = ReviewForm(initial=initial, criteria=criteria)
    status = 200
    if request.method == "POST" and "conflict" in request.POST:
        try:
            selection.declare_conflict(own, by=request.user)
        except SelectionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Conflict declared: you will not review it."))
        return redirect("cohorts_selection:my_reviews")
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
            except SelectionError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Review saved."))
                return redirect("cohorts_selection:review", pk=own.pk)
        status = 400
    anonymised = application.cohort.anonymised_review
    context = application_context(application, request.user, anonymised=anonymised)
    title = (
        _("Application %(number)s") % {"number": application.pk}
        if anonymised
        else application.startup.name
    )
    context.update(
        page_title=_("Review: %(title)s") % {"title": title},
        header_icon="form",
        own=own,
        form=form,
    )
    return render(request, "cohorts/admin/review.html", context, status=status)


# Selection managers ----------------------------------------------------------------
def cohorts_list(request):
    require(request.user, VIEW)
    cohorts = CohortPage.objects.filter(
        pk__in=Application.objects.values("cohort_id")
    ).order_by("-applications_close_at")
    counts = {
        row["cohort_id"]: row
        for row in Application.objects.values("cohort_id").annotate(
            total=Count("pk"),
            submitted=Count("pk", filter=~Q(status=ApplicationStatus.DRAFT)),
        )
    }
    rows = [(cohort, counts.get(cohort.pk, {})) for cohort in cohorts]
    return render(
        request,
        "cohorts/admin/cohorts.html",
        {"page_title": _("Selection"), "header_icon": "tasks", "rows": rows},
    )


def get_cohort(pk) -> CohortPage:
    return get_object_or_404(CohortPage, pk=pk).canonical()


# The board's forms (review.forms), for cohorts.
AssignForm = partial(review_forms.AssignForm, setup=selection.COHORTS)
AutoAssignForm = partial(review_forms.AutoAssignForm, setup=selection.COHORTS)
StageForm = partial(review_forms.StageForm, setup=selection.COHORTS)


def selected_applications(request, cohort):
    ids = [value for value in request.POST.getlist("application") if value.isdigit()]
    return list(
        Application.objects.filter(cohort=cohort, pk__in=ids).select_related("startup")
    )


@require_http_methods(["GET", "POST"])
def board(request, pk):
    """A cohort's applications ranked by mean score, with bulk actions."""
    require(request.user, VIEW)
    cohort = get_cohort(pk)
    assign_form, auto_form, stage_form = AssignForm(), AutoAssignForm(), StageForm()
    if request.method == "POST":
        action = request.POST.get("action")
        chosen = selected_applications(request, cohort)
        try:
            if action in ("assign", "auto"):
                require(request.user, ASSIGN)
                auto = action == "auto"
                form = (AutoAssignForm if auto else AssignForm)(request.POST)
                if auto:
                    auto_form = form
                else:
                    assign_form = form
                if form.is_valid() and (chosen or auto):
                    reviewers = form.cleaned_data["reviewers"]
                    if auto:
                        made = selection.assign_automatically(
                            chosen or selection.in_review(cohort),
                            reviewers=reviewers,
                            per_application=form.cleaned_data["per_application"],
                            by=request.user,
                        )
                    else:
                        made = selection.assign_reviewers(
                            chosen, reviewers=reviewers, by=request.user
                        )
                    messages.success(
                        request,
                        ngettext(
                            "%(n)d review assigned.", "%(n)d reviews assigned.", made
                        )
                        % {"n": made},
                    )
                    return redirect("cohorts_selection:board", pk=cohort.pk)
            elif action == "stage":
                require(request.user, DECIDE)
                stage_form = StageForm(request.POST)
                if stage_form.is_valid() and chosen:
                    for application in chosen:
                        selection.stage_decision(
                            application,
                            to=stage_form.cleaned_data["decision"],
                            by=request.user,
                        )
                    messages.success(
                        request,
                        ngettext(
                            "%(n)d decision staged. Preview and send it below.",
                            "%(n)d decisions staged. Preview and send them below.",
                            len(chosen),
                        )
                        % {"n": len(chosen)},
                    )
                    return redirect("cohorts_selection:board", pk=cohort.pk)
            if not chosen and action in ("assign", "stage"):
                messages.error(request, _("Choose at least one application."))
            else:
                messages.error(request, _("Please correct the errors below."))
        except SelectionError as error:
            messages.error(request, error.message)
    rows = selection.ranking(cohort)
    staged = {s.application_id: s for s in selection.staged(cohort)}
    reviewer_names = selection.reviewer_names(cohort)
    context = {
        "page_title": _("Selection: %(cohort)s") % {"cohort": cohort.localized.title},
        "header_icon": "tasks",
        "cohort": cohort,
        "rows": [
            {
                "application": application,
                "stats": stats,
                "staged": staged.get(application.pk),
                "reviewers": reviewer_names.get(application.pk, []),
            }
            for application, stats in rows
        ],
        "assign_form": assign_form,
        "auto_form": auto_form,
        "stage_form": stage_form,
        "staged_count": len(staged),
        "totals": selection.compute_totals(cohort),
        "threshold": selection.DISAGREEMENT_THRESHOLD,
        "can_assign": request.user.has_perm(ASSIGN),
        "can_decide": request.user.has_perm(DECIDE),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "cohorts/admin/board.html", context, status=status)


def decision_preview(staged, recipients, messages) -> dict:
    """One staged decision and the email each recipient would get (none when
    the startup has no founder account); `messages` is the cohort's
    `emails.DecisionMessages`."""
    application = staged.application
    emails_to_send = []
    for user in recipients:
        language = user.preferred_language or "en"
        subject, body = messages.message(application, staged.staged_status, language)
        emails_to_send.append(
            {"to": user.email, "language": language, "subject": subject, "body": body}
        )
    return {
        "application": application,
        "decision": ApplicationStatus(staged.staged_status).label,
        "emails": emails_to_send,
    }


@require_http_methods(["GET", "POST"])
def decisions(request, pk):
    """Preview every staged decision email, then send them all at once."""
    require(request.user, DECIDE)
    cohort = get_cohort(pk)
    if request.method == "POST":
        sent, problems = selection.send_decisions(cohort, by=request.user)
        for problem in problems:
            messages.error(request, problem)
        messages.success(
            request,
            ngettext("%(n)d decision sent.", "%(n)d decisions sent.", sent)
            % {"n": sent},
        )
        return redirect("cohorts_selection:board", pk=cohort.pk)
    messages_of_cohort = emails.DecisionMessages(cohort)
    previews = [
        decision_preview(staged, recipients, messages_of_cohort)
        for staged, recipients in selection.staged_with_recipients(cohort)
    ]
    from .models import DecisionEmail

    sent = DecisionEmail.objects.filter(application__cohort=cohort).select_related(
        "application__startup"
    )
    return render(
        request,
        "cohorts/admin/decisions.html",
        {
            "page_title": _("Decisions: %(cohort)s")
            % {"cohort": cohort.localized.title},
            "header_icon": "mail",
            "cohort": cohort,
            "previews": previews,
            "sendable": sum(1 for preview in previews if preview["emails"]),
            "sent": sent,
        },
    )


@require_http_methods(["GET", "POST"])
def compute(request, pk):
    """Compute allocation: GPU-hours requested and allocated per accepted startup,
    against the cohort's budget. A refused allocation keeps what was typed."""
    require(request.user, DECIDE)
    cohort = get_cohort(pk)
    typed = {}
    status = 200
    chosen = request.POST.get("application", "")
    if request.method == "POST" and not chosen.isdigit():
        messages.error(request, _("Choose an application."))
        status = 400
    elif request.method == "POST":
        application = get_object_or_404(
            Application,
            pk=int(chosen),
            cohort=cohort,
            status=ApplicationStatus.ACCEPTED,
        )
        raw = request.POST.get("gpu_hours", "").strip()
        try:
            if not raw.isdigit():
                raise SelectionError(_("Enter a whole number of GPU-hours."))
            selection.allocate_compute(application, gpu_hours=int(raw), by=request.user)
        except SelectionError as error:
            messages.error(request, error.message)
            typed[application.pk] = raw[:20]
            status = 400
        else:
            messages.success(
                request,
                _("%(startup)s: compute allocation saved.")
                % {"startup": application.startup.name},
            )
            return redirect("cohorts_selection:compute", pk=cohort.pk)
    rows = [
        {
            "application": application,
            "allocated": allocated,
            "value": typed.get(
                application.pk, "" if allocated is None else str(allocated)
            ),
            "refused": application.pk in typed,
        }
        for application, allocated in selection.compute_allocations(cohort)
    ]
    return render(
        request,
        "cohorts/admin/compute.html",
        {
            "page_title": _("Compute: %(cohort)s") % {"cohort": cohort.localized.title},
            "header_icon": "cogs",
            "cohort": cohort,
            "rows": rows,
            "totals": selection.compute_totals(cohort),
        },
        status=status,
    )


@require_POST
def application_action(request, pk):
    """Forms of the application page: assign one reviewer, stage, compute."""
    require(request.user, VIEW)
    application = get_object_or_404(Application, pk=pk)
    action = request.POST.get("action")
    back = reverse("application:inspect", args=[application.pk])
    try:
        if action == "assign":
            require(request.user, ASSIGN)
            form = AssignForm(request.POST)
            if form.is_valid():
                selection.assign_reviewers(
                    [application],
                    reviewers=form.cleaned_data["reviewers"],
                    by=request.user,
                )
                messages.success(request, _("Reviewers assigned."))
            else:
                messages.error(request, _("Choose at least one reviewer."))
        elif action == "stage":
            require(request.user, DECIDE)
            form = StageForm(request.POST, status=application.status)
            if form.is_valid():
                selection.stage_decision(
                    application, to=form.cleaned_data["decision"], by=request.user
                )
                messages.success(request, _("Decision staged."))
            else:
                messages.error(request, _("Choose a decision."))
        elif action == "compute":
            require(request.user, DECIDE)
            raw = request.POST.get("gpu_hours", "").strip()
            if not raw.isdigit():
                messages.error(request, _("Enter a whole number of GPU-hours."))
            else:
                selection.allocate_compute(
                    application, gpu_hours=int(raw), by=request.user
                )
                messages.success(request, _("Compute allocation saved."))
    except SelectionError as error:
        messages.error(request, error.message)
    return redirect(back)


# Export ----------------------------------------------------------------------
def export_rows(cohort: CohortPage) -> list[list]:
    """A header row, then one row per application: details, scores, answers."""
    return submissions_table(
        selection.COHORTS,
        cohort,
        related=["startup"],
        columns=[
            (_("Startup"), lambda a: a.startup.name),
            (_("Website"), lambda a: a.startup.website),
            (_("State"), lambda a: a.startup.get_state_display()),
            (_("Sector"), lambda a: a.startup.get_sector_display()),
            (_("Stage"), lambda a: a.startup.get_stage_display()),
            (_("Languages served"), lambda a: ", ".join(a.startup.language_labels())),
        ],
    )


def export(request, pk, fmt):
    require(request.user, VIEW)
    cohort = get_cohort(pk)
    return spreadsheet_response(
        export_rows(cohort), name=f"applications-{slugify(cohort.slug)}", fmt=fmt
    )
