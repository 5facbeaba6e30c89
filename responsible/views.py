"""The owner's self-assessments: list, start, fill in, submit, read.

Only the owner opens an assessment here (`SelfAssessment.objects.owned_by`);
anyone else gets a 404, staff included: reviewers read the answers beside the
application they review (responsible.attach).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from home.privacy import public
from home.translations import in_language

from .attach import answer_sections
from .forms import AssessmentForm
from .models import ChecklistPage, SelfAssessment, with_localized_checklists
from .services import AssessmentError, save_assessment


def checklists_offered():
    language = translation.get_language()
    return list(in_language(public(ChecklistPage.objects.live()), language))


@never_cache
@login_required
def assessment_list(request):
    assessments = with_localized_checklists(
        SelfAssessment.objects.owned_by(request.user)
        .select_related("checklist")
        .order_by("status", "-updated_at")
    )
    return render(
        request,
        "responsible/assessment_list.html",
        {"assessments": assessments, "checklists": checklists_offered()},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def assessment_new(request, checklist_pk):
    checklist = get_object_or_404(public(ChecklistPage.objects.live()), pk=checklist_pk)
    assessment = SelfAssessment(owner=request.user, checklist=checklist)
    return fill_in(request, assessment)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def assessment_detail(request, uuid):
    assessment = get_object_or_404(
        SelfAssessment.objects.owned_by(request.user).select_related("checklist"),
        uuid=uuid,
    )
    if not assessment.is_draft:
        if request.method == "POST":
            messages.error(
                request,
                _("This self-assessment was submitted and can no longer change."),
            )
            return redirect(assessment)
        return render(
            request,
            "responsible/assessment_detail.html",
            {"assessment": assessment, "sections": answer_sections(assessment)},
        )
    return fill_in(request, assessment)


def fill_in(request, assessment):
    checklist = assessment.localized_checklist
    form = AssessmentForm(checklist=checklist, assessment=assessment)
    status = 200
    if request.method == "POST":
        form = AssessmentForm(request.POST, checklist=checklist, assessment=assessment)
        submit = "submit" in request.POST
        if form.is_valid():
            try:
                assessment = save_assessment(
                    assessment,
                    by=request.user,
                    subject=form.cleaned_data["subject"],
                    answers=form.answers(),
                    submit=submit,
                    language=translation.get_language(),
                )
            except AssessmentError as error:
                # An incomplete submission was kept as a draft: its form posts there.
                assessment = getattr(error, "assessment", assessment)
                form.mark_missing(error.missing)
                form.add_error(None, error.message)
            else:
                if submit:
                    messages.success(request, _("Your self-assessment was submitted."))
                else:
                    messages.success(
                        request,
                        _("Draft saved. Come back to finish it at any time."),
                    )
                return redirect(assessment)
        status = 400
    return render(
        request,
        "responsible/assessment_form.html",
        {
            "assessment": assessment,
            "checklist": checklist,
            "form": form,
            "forms_with_errors": [form] if form.errors else [],
        },
        status=status,
    )
