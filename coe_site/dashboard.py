"""The signed-in user's dashboard: startups, applications, registrations, data rights.

This is the one place that combines apps (cohorts, events), so it lives in the
project package.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from cohorts import queries as cohort_queries
from compute import queries as compute_queries
from events import queries as event_queries
from home.links import home_path
from home.models import User

from . import personal_data


@never_cache
@login_required
def dashboard(request):
    applications = list(cohort_queries.applications_for(request.user))
    checklists = cohort_queries.onboarding_of(applications)
    for application in applications:
        application.next_step = cohort_queries.next_step(application)
        application.localized_cohort = application.cohort.localized
        application.onboarding = checklists.get(application.pk)
    context = {
        "startups": cohort_queries.startups_for(request.user),
        "applications": applications,
        "open_cohorts": cohort_queries.open_cohorts(limit=5),
        "compute": compute_queries.dashboard_for(request.user),
        "registrations": {
            "template": "events/includes/dashboard_registrations.html",
            "items": event_queries.registrations_for(request.user),
        },
        "language_form": LanguageForm(instance=request.user),
    }
    return render(request, "dashboard/dashboard.html", context)


class LanguageForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["preferred_language"]
        labels = {"preferred_language": gettext_lazy("Language of our emails")}
        help_texts = {
            "preferred_language": gettext_lazy(
                "Emails about something you do on the site come in the language "
                "you were using; other emails come in this one."
            )
        }
        widgets = {"preferred_language": forms.RadioSelect}


@never_cache
@login_required
@require_POST
def change_language(request):
    form = LanguageForm(request.POST, instance=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, _("Your email language was saved."))
    else:
        messages.error(request, _("Choose one of the languages offered."))
    return redirect("dashboard")


@never_cache
@login_required
@require_POST
def download_my_data(request):
    data = personal_data.export_zip(request.user)
    stamp = timezone.localtime().strftime("%Y%m%d")
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand that my account and personal data will be deleted and "
            "that this cannot be undone."
        ),
        error_messages={
            "required": gettext_lazy("Tick the box to confirm that you understand.")
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm()
    status = 200
    if request.method == "POST":
        form = DeleteAccountForm(request.POST)
        if form.is_valid():
            user = request.user
            logout(request)
            personal_data.erase_account(user)
            messages.success(request, _("Your account and personal data were deleted."))
            return redirect(home_path())
        status = 400
    return render(
        request,
        "dashboard/delete_account.html",
        {"form": form, "forms_with_errors": [form] if form.errors else []},
        status=status,
    )
