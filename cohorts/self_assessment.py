"""A startup's responsible-AI self-assessment, attached to its application.

The assessment and its rules are the responsible app's (responsible.attach);
here are only the attaching, on the applicant's side, and what the
application's reviewers read (admin_views.application_context).
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

from . import anonymity
from .models import Application
from .services import ApplicationError


def attach_self_assessment(application: Application, *, by, assessment) -> Application:
    """Attach `by`'s own submitted self-assessment to the application, or with
    None take the attached one off, while the application is a draft. Locks the
    application; sends nothing."""
    with transaction.atomic():
        current = (
            Application.objects.editable_by(by)
            .select_for_update()
            .filter(pk=application.pk)
            .first()
        )
        if current is None:
            raise ApplicationError(_("You cannot change this application."))
        if not current.is_editable:
            raise ApplicationError(
                _("A submitted application's self-assessment can no longer change.")
            )
        if assessment is not None and not (
            SelfAssessment.objects.attachable_by(by).filter(pk=assessment.pk).exists()
        ):
            raise ApplicationError(
                _("Attach one of your own submitted self-assessments.")
            )
        current.self_assessment = assessment
        current.save(update_fields=["self_assessment", "updated_at"])
    return current


def applicant_context(application: Application, user) -> dict:
    """The application page's box: what is attached, and the form to change it."""
    attached = application.self_assessment
    return {
        "self_assessment": attached,
        "self_assessment_is_mine": attached is not None
        and attached.owner_id == user.pk,
        "attach_form": attach.AttachAssessmentForm(
            user=user, initial={"self_assessment": attached}
        )
        if application.is_editable
        else None,
    }


def reviewer_context(application: Application, *, anonymised: bool) -> dict:
    """The attached assessment's answers for the application's reviewers and
    managers (who may read them is the caller's check); an anonymised review
    has the startup's names taken out of what it wrote."""
    redact = None
    if anonymised and application.self_assessment_id:
        terms = anonymity.redaction_terms(application)

        def redact(text):
            return anonymity.redact(text, terms=terms)

    return attach.reviewer_context(application.self_assessment, redact=redact)


@never_cache
@login_required
@require_POST
def attach_view(request, uuid):
    application = get_object_or_404(
        Application.objects.editable_by(request.user), uuid=uuid
    )
    form = attach.AttachAssessmentForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose one of your own submitted self-assessments."))
        return redirect("cohorts:application", uuid=application.uuid)
    assessment = form.cleaned_data["self_assessment"]
    try:
        attach_self_assessment(application, by=request.user, assessment=assessment)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        if assessment is None:
            messages.success(request, _("No self-assessment is attached now."))
        else:
            messages.success(request, _("Your self-assessment is attached."))
    return redirect("cohorts:application", uuid=application.uuid)
