"""The applicant's side of open calls for compute, and the public list of grants.

Every view finds its objects through their QuerySet methods: `editable_by(user)`
for anything that changes them (the applicant only), `visible_to(user)` for
reading (the applicant, and staff with the view permission). Somebody else's
application or report is a 404, never a 403 that confirms it exists.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.shortcuts import render as django_render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Locale

from home.privacy import public
from home.translations import localized_pages
from review.files import answer_file as stored_answer_file
from review.files import private_file_response
from review.questions import QuestionsForm, readable_answers

from . import queries, self_assessment, services
from .enums import ApplicationStatus
from .forms import (
    ApplicationForm,
    ListingForm,
    OrganisationForm,
    OutputFormSet,
    UsageReportForm,
)
from .models import CallPage, ComputeApplication, Organisation, UsageReport

SAVE_DRAFT, SUBMIT = "save_draft", "submit"


def render(request, template, context, status=200):
    """Django's render, plus `forms_with_errors` for the error summary."""
    from django import forms as django_forms

    with_errors = []
    for value in context.values():
        if isinstance(value, django_forms.BaseForm) and value.errors:
            with_errors.append(value)
        elif isinstance(value, django_forms.BaseFormSet) and value.is_bound:
            with_errors.extend(f for f in value.forms if f.errors)
    context["forms_with_errors"] = with_errors
    return django_render(request, template, context, status=status)


def get_call(slug: str) -> CallPage:
    pages = public(CallPage.objects.live()).filter(slug=slug)
    call = pages.filter(locale=Locale.get_active()).first() or pages.first()
    if call is None:
        raise Http404
    return call


def localized(call: CallPage) -> CallPage:
    page = call.localized
    return page if page.live else call


def get_application(request, uuid, *, edit=False) -> ComputeApplication:
    found = ComputeApplication.objects
    found = found.editable_by(request.user) if edit else found.visible_to(request.user)
    return get_object_or_404(
        found.select_related("call", "organisation", "applicant", "self_assessment"),
        uuid=uuid,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def apply_start(request, slug):
    """Choose to apply as a person or for one of your organisations."""
    call = get_call(slug)
    source = call.source
    organisations = [
        org
        for org in Organisation.objects.editable_by(request.user)
        if source.accepts(org.kind)
    ]
    error = ""
    if request.method == "POST":
        choice = request.POST.get("applicant", "")
        organisation = next((o for o in organisations if str(o.uuid) == choice), None)
        if choice == "person" or organisation is not None:
            try:
                application = services.start_application(
                    call,
                    user=request.user,
                    organisation=organisation,
                    language=get_language(),
                )
            except services.ComputeError as exc:
                error = exc.message
            else:
                return redirect("compute:application", uuid=application.uuid)
        else:
            error = _("Choose who is applying.")
    mine = {
        a.organisation_id: a
        for a in queries.applications_for(request.user).filter(call=source)
    }
    return render(
        request,
        "compute/apply_start.html",
        {
            "call": call,
            "organisations": organisations,
            "as_person": source.accepts("researcher"),
            "existing": mine,
            "error": error,
        },
        status=400 if error else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request, uuid):
    """The application: its form while it is a draft (for its applicant), else
    what was sent, its status, its grant and reports."""
    application = get_application(request, uuid)
    own = application.applicant_id == request.user.pk
    call = application.call
    page = localized(call)
    form = questions = None
    status = 200
    if own and application.is_editable:
        data = (request.POST, request.FILES) if request.method == "POST" else ()
        form = ApplicationForm(
            *data,
            instance=application,
            largest=call.max_grant_gpu_hours,
            by_organisation=bool(application.organisation_id),
        )
        questions = QuestionsForm(
            *data,
            questions=page.question_list,
            answers=application.answers,
            draft=True,
            prefix="q",
        )
        if request.method == "POST":
            if form.is_valid() and questions.is_valid():
                application = form.save(commit=False)
                application.answers = questions.updated_answers(
                    owner_uuid=application.uuid
                )
                application.language = get_language()
                application.save()
                if SUBMIT in request.POST:
                    try:
                        services.submit_application(application, by=request.user)
                    except services.ComputeError as exc:
                        messages.error(request, exc.message)
                        return redirect(application.get_absolute_url())
                    messages.success(request, _("Your application was submitted."))
                else:
                    messages.success(request, _("Draft saved."))
                return redirect(application.get_absolute_url())
            status = 400
    elif request.method == "POST":
        raise Http404
    granted = (
        services.granted_hours(application)
        if application.status == ApplicationStatus.ACCEPTED
        else 0
    )
    reports = (
        list(application.usage_reports.prefetch_related("outputs")) if granted else []
    )
    return render(
        request,
        "compute/application_detail.html",
        {
            "application": application,
            "call": page,
            "own": own,
            "form": form,
            "questions": questions,
            "answers": readable_answers(application.answers, page.question_list),
            "problems": services.application_problems(application)
            if form is not None
            else [],
            "granted": granted,
            "reports": reports,
            "history": application.status_changes.all(),
            "listing_form": ListingForm(
                initial={
                    "listed": application.listed_publicly,
                    "line": application.public_summary,
                }
            )
            if granted and own
            else None,
            **(
                self_assessment.applicant_context(
                    application,
                    request.user,
                    editable=form is not None,
                    action=reverse(
                        "compute:attach_application_assessment",
                        kwargs={"uuid": application.uuid},
                    ),
                )
                if own
                else {}
            ),
        },
        status=status,
    )


@never_cache
@login_required
def answer_file(request, uuid, question_id):
    """A file answer, for the applicant and staff who may read the application."""
    application = get_application(request, uuid)
    return private_file_response(*stored_answer_file(application.answers, question_id))


@login_required
@require_POST
def grant_listing(request, uuid):
    application = get_application(request, uuid, edit=True)
    form = ListingForm(request.POST)
    if form.is_valid():
        try:
            services.set_grant_listing(
                application,
                user=request.user,
                listed=form.cleaned_data["listed"],
                line=form.cleaned_data["line"],
            )
        except services.ComputeError as exc:
            messages.error(request, exc.message)
        else:
            if form.cleaned_data["listed"]:
                messages.success(request, _("Your grant is now on the public list."))
            else:
                messages.success(request, _("Your grant is not on the public list."))
    else:
        messages.error(request, _("Keep the line to 200 characters."))
    return redirect(application.get_absolute_url())


def output_initial(report: UsageReport) -> list[dict]:
    return [
        {"kind": o.kind, "title": o.title, "url": o.url} for o in report.outputs.all()
    ]


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def usage_report(request, uuid):
    """File a usage report (the grantee), or read one (staff with permission)."""
    report = get_object_or_404(
        UsageReport.objects.visible_to(request.user).select_related(
            "application__call", "application__selection", "self_assessment"
        ),
        uuid=uuid,
    )
    application = report.application
    own = application.applicant_id == request.user.pk
    granted = services.granted_hours(application)
    form = UsageReportForm(
        initial={"hours_used": report.hours_used, "summary": report.summary},
        granted=granted,
    )
    outputs = OutputFormSet(initial=output_initial(report), prefix="outputs")
    status = 200
    if request.method == "POST":
        if not own:
            raise Http404
        form = UsageReportForm(request.POST, granted=granted)
        outputs = OutputFormSet(request.POST, prefix="outputs")
        if form.is_valid() and outputs.is_valid():
            filled = [o for o in outputs.cleaned_data if o and o.get("kind")]
            try:
                services.file_usage_report(
                    report,
                    by=request.user,
                    hours_used=form.cleaned_data["hours_used"],
                    summary=form.cleaned_data["summary"],
                    outputs=filled,
                )
            except services.ComputeError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Your usage report was filed. Thank you."))
                return redirect(application.get_absolute_url())
        status = 400
    return render(
        request,
        "compute/usage_report.html",
        {
            "report": report,
            "application": application,
            "call": localized(application.call),
            "own": own,
            "form": form,
            "outputs": outputs,
            **(
                self_assessment.applicant_context(
                    report,
                    request.user,
                    editable=report.submitted_at is None,
                    action=reverse(
                        "compute:attach_report_assessment", kwargs={"uuid": report.uuid}
                    ),
                )
                if own
                else {}
            ),
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def organisation_form(request, uuid=None):
    """Create or edit an organisation profile; `next` leads back to the call."""
    organisation = None
    if uuid is not None:
        organisation = get_object_or_404(
            Organisation.objects.editable_by(request.user), uuid=uuid
        )
    form = OrganisationForm(instance=organisation)
    status = 200
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not next_url.startswith("/") or next_url.startswith("//"):
        next_url = ""
    if request.method == "POST":
        form = OrganisationForm(request.POST, instance=organisation)
        if form.is_valid():
            saved = form.save(commit=False)
            saved.owner = organisation.owner if organisation else request.user
            saved.save()
            messages.success(request, _("Organisation profile saved."))
            return redirect(next_url or "dashboard")
        status = 400
    return render(
        request,
        "compute/organisation_form.html",
        {"form": form, "organisation": organisation, "next": next_url},
        status=status,
    )


def public_grants(request, index_page):
    """The public list of grants (only those their grantees chose to list),
    with the totals of those grants."""
    grants = list(queries.public_grants())
    calls = localized_pages({g.application.call for g in grants})
    for grant in grants:
        grant.localized_call = calls[grant.application.call_id]
    return TemplateResponse(
        request,
        "compute/public_grants.html",
        {
            "page": index_page,
            "self": index_page,
            "grants": grants,
            "totals": queries.totals(queries.public_grants()),
        },
    )
