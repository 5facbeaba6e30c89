"""A responsible-AI self-assessment attached to a compute application or to a
usage report.

The assessment and its rules are the responsible app's (responsible.attach);
here are only the attaching, on the applicant's side (a draft application, an
unfiled report), and what the application's reviewers read
(admin_views.review).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from responsible import attach
from responsible.models import SelfAssessment

from .models import ComputeApplication, UsageReport
from .services import ComputeError


def _attach(queryset, record, *, by, assessment, editable, refusal):
    """Lock `record` among `queryset` (the applicant's own), check it can
    still change and that `assessment` is `by`'s own submitted one, save."""
    with transaction.atomic():
        current = queryset.select_for_update(of=("self",)).filter(pk=record.pk).first()
        if current is None:
            raise ComputeError(_("You cannot change this."))
        if not editable(current):
            raise ComputeError(refusal)
        if assessment is not None and not (
            SelfAssessment.objects.attachable_by(by).filter(pk=assessment.pk).exists()
        ):
            raise ComputeError(_("Attach one of your own submitted self-assessments."))
        current.self_assessment = assessment
        current.save(update_fields=["self_assessment"])
    return current


def attach_to_application(application, *, by, assessment) -> ComputeApplication:
    """Attach `by`'s own submitted self-assessment to their draft application
    (None takes it off). Locks the application; sends nothing."""
    return _attach(
        ComputeApplication.objects.editable_by(by),
        application,
        by=by,
        assessment=assessment,
        editable=lambda a: a.is_editable,
        refusal=_("A submitted application's self-assessment can no longer change."),
    )


def attach_to_report(report, *, by, assessment) -> UsageReport:
    """Attach `by`'s own submitted self-assessment to their unfiled usage
    report (None takes it off). Locks the report; sends nothing."""
    return _attach(
        UsageReport.objects.editable_by(by),
        report,
        by=by,
        assessment=assessment,
        editable=lambda r: r.submitted_at is None,
        refusal=_("A filed report's self-assessment can no longer change."),
    )


def applicant_context(record, user, *, editable: bool, action: str) -> dict:
    """The applicant's box: what is attached, and the form to change it."""
    attached = record.self_assessment
    return {
        "self_assessment": attached,
        "self_assessment_is_mine": attached is not None
        and attached.owner_id == user.pk,
        "attach_form": attach.AttachAssessmentForm(
            user=user, initial={"self_assessment": attached}
        )
        if editable
        else None,
        "attach_action": action,
    }


def reviewer_context(assessment, *, redact_terms=None) -> dict:
    """The attached assessment's answers for reviewers and managers (who may
    read them is the caller's check); with terms, names are taken out."""
    redact = None
    if redact_terms is not None and assessment is not None:
        from review.anonymity import redact as redact_text

        def redact(text):
            return redact_text(text, terms=redact_terms)

    return attach.reviewer_context(assessment, redact=redact)


def _respond(request, attach_fn, record, back):
    form = attach.AttachAssessmentForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose one of your own submitted self-assessments."))
        return redirect(back)
    assessment = form.cleaned_data["self_assessment"]
    try:
        attach_fn(record, by=request.user, assessment=assessment)
    except ComputeError as error:
        messages.error(request, error.message)
    else:
        if assessment is None:
            messages.success(request, _("No self-assessment is attached now."))
        else:
            messages.success(request, _("Your self-assessment is attached."))
    return redirect(back)


@never_cache
@login_required
@require_POST
def attach_application_view(request, uuid):
    application = get_object_or_404(
        ComputeApplication.objects.editable_by(request.user), uuid=uuid
    )
    return _respond(
        request, attach_to_application, application, application.get_absolute_url()
    )


@never_cache
@login_required
@require_POST
def attach_report_view(request, uuid):
    report = get_object_or_404(UsageReport.objects.editable_by(request.user), uuid=uuid)
    return _respond(request, attach_to_report, report, report.get_absolute_url())
