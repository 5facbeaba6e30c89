"""The applicant's side of selection: joining or leaving the alumni directory."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selection
from .views import get_application


@login_required
@require_POST
def alumni_listing(request, uuid):
    application = get_application(request, uuid)
    listed = bool(request.POST.get("listed"))
    try:
        selection.set_alumni_listing(
            application,
            user=request.user,
            listed=listed,
            line=request.POST.get("line", ""),
        )
    except selection.SelectionError as error:
        messages.error(request, error.message)
    else:
        if listed:
            messages.success(request, _("Your startup is now in the alumni directory."))
        else:
            messages.success(request, _("Your startup has left the alumni directory."))
    return redirect("cohorts:application", uuid=application.uuid)


@login_required
@require_POST
def onboarding(request, uuid):
    application = get_application(request, uuid)
    try:
        selection.set_onboarding(
            application, user=request.user, done=request.POST.getlist("done")
        )
    except selection.SelectionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your onboarding checklist was saved."))
    return redirect("dashboard")
