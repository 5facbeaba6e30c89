"""The apply flow, application pages, the pitch deck download and startup editing.

Every view finds applications and startups through their QuerySet methods:
`editable_by(user)` for anything that changes them (the applicant's forms: members
only), `visible_to(user)` for reading (members, and staff with the `view_...`
permission, read-only). Somebody else's application is a 404, never a 403 that
confirms it exists.
"""

import uuid as uuid_module

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from home.privacy import public
from review.files import answer_file as answer_file_of
from review.files import private_file_response

from . import self_assessment, services
from .files import answer_files
from .forms import (
    ConsentForm,
    DeckForm,
    FounderFormSet,
    InviteForm,
    StartupForm,
    WithdrawForm,
)
from .models import (
    Application,
    CohortPage,
    Startup,
    StartupMembership,
    private_storage,
)
from .privacy import PRIVACY_NOTICE_VERSION
from .queries import startups_for
from .questions import QuestionsForm, display_value

STEPS = [
    ("startup", gettext_lazy("Startup profile")),
    ("questions", gettext_lazy("Questions")),
    ("deck", gettext_lazy("Pitch deck and compute")),
    ("review", gettext_lazy("Review and submit")),
]
STEP_NAMES = [name for name, _label in STEPS]
SAVE_DRAFT = "save_draft"
# Saves the draft too, then shows a new founder row (works without JavaScript).
ADD_FOUNDER = "add_founder"


def is_draft(request) -> bool:
    return SAVE_DRAFT in request.POST or ADD_FOUNDER in request.POST


def steps_for(current):
    return [
        {"name": name, "label": str(label), "current": name == current}
        for name, label in STEPS
    ]


def render(request, template, context, status=200):
    """Django's render, plus `forms_with_errors` for the error summary."""
    from django import forms as django_forms
    from django.shortcuts import render as django_render

    with_errors = []
    for value in context.values():
        if isinstance(value, django_forms.BaseForm) and value.errors:
            with_errors.append(value)
        elif isinstance(value, django_forms.BaseFormSet) and value.is_bound:
            with_errors.extend(f for f in value.forms if f.errors)
    context["forms_with_errors"] = with_errors
    return django_render(request, template, context, status=status)


def get_cohort(slug: str) -> CohortPage:
    pages = public(CohortPage.objects.live()).filter(slug=slug)
    cohort = pages.filter(locale=Locale.get_active()).first() or pages.first()
    if cohort is None:
        raise Http404
    return cohort


def get_application(request, uuid, *, edit=False) -> Application:
    """The application if the user may read it, or (`edit`) change it; else 404."""
    applications = Application.objects
    found = (
        applications.editable_by(request.user)
        if edit
        else applications.visible_to(request.user)
    )
    return get_object_or_404(found.select_related("cohort", "startup"), uuid=uuid)


def localized_cohort(application: Application) -> CohortPage:
    cohort = application.cohort
    localized = cohort.localized
    return localized if localized.live else cohort


def step_url(application, step, cohort=None):
    cohort = cohort or localized_cohort(application)
    return reverse(
        "cohorts:apply_step",
        kwargs={"slug": cohort.slug, "uuid": application.uuid, "step": step},
    )


def resume_url(application):
    """Where to continue: the first step that still needs work, or the review."""
    if not application.is_editable:
        return reverse("cohorts:application", kwargs={"uuid": application.uuid})
    problems = services.application_problems(application, localized_cohort(application))
    step = problems[0]["step"] if problems else "review"
    return step_url(application, step)


def new_founder_url(application, cohort=None):
    number = application.startup.founders.count() + 1
    return f"{step_url(application, 'startup', cohort)}#founder-{number}"


def _saved_and_go(request, application, step, cohort):
    if step == "startup" and ADD_FOUNDER in request.POST:
        messages.success(request, _("Draft saved. Add the next founder below."))
        return redirect(new_founder_url(application, cohort))
    if SAVE_DRAFT in request.POST:
        messages.success(
            request,
            _("Draft saved. You can come back to it from your dashboard."),
        )
        return redirect(step_url(application, step, cohort))
    next_step = STEP_NAMES[STEP_NAMES.index(step) + 1]
    return redirect(step_url(application, next_step, cohort))


@never_cache
@require_http_methods(["GET", "POST"])
def apply_start(request, slug):
    cohort = get_cohort(slug)
    if not request.user.is_authenticated:
        # The sign-in page says what it is for.
        messages.info(
            request,
            _("Sign in or create an account to apply to %(cohort)s.")
            % {"cohort": cohort.title},
        )
        return redirect_to_login(request.get_full_path())
    canonical = cohort.canonical()
    mine = list(
        Application.objects.for_user(request.user)
        .filter(cohort=canonical)
        .select_related("startup")
    )
    if request.method == "GET" and len(mine) == 1 and "new" not in request.GET:
        return redirect(resume_url(mine[0]))
    applied = {a.startup_id for a in mine}
    startups = [s for s in startups_for(request.user) if s.pk not in applied]
    is_open = cohort.is_open()
    form = StartupForm(prefix="startup")
    # Founder 1 is usually the person applying.
    founders = FounderFormSet(
        prefix="founders",
        instance=Startup(),
        initial=[{"name": request.user.get_full_name(), "email": request.user.email}],
    )
    status = 200
    if request.method == "POST":
        if not is_open:
            messages.error(request, _("This cohort is not open for applications."))
            return redirect(cohort.url)
        existing = request.POST.get("startup_uuid")
        if existing:
            startup = next((s for s in startups if str(s.uuid) == existing), None)
            if startup is None:
                raise Http404
            return _start(request, cohort, startup, "questions")
        draft = is_draft(request)
        form = StartupForm(request.POST, prefix="startup", draft=draft)
        founders = FounderFormSet(
            request.POST,
            prefix="founders",
            instance=Startup(),
            form_kwargs={"draft": draft},
        )
        if form.is_valid() and founders.is_valid():
            startup = services.create_startup(
                owner=request.user,
                form=form,
                founders_formset=founders,
                creation_token=creation_token(request),
            )
            return _start(request, cohort, startup, "startup" if draft else "questions")
        status = 400
    return render(
        request,
        "cohorts/apply_start.html",
        {
            "cohort": cohort,
            "is_open": is_open,
            "existing_applications": mine,
            "startups": startups,
            "form": form,
            "founders": founders,
            "add_founder_button": True,
            "steps": steps_for("startup"),
            "creation_token": creation_token(request),
        },
        status=status,
    )


def _start(request, cohort, startup, step):
    try:
        application, _created = services.start_application(
            cohort=cohort, startup=startup, user=request.user
        )
    except services.ApplicationError as error:
        messages.error(request, error.message)
        return redirect(cohort.url)
    if step == "startup":  # the new startup was saved as a draft
        return _saved_and_go(request, application, step, cohort)
    return redirect(step_url(application, step, cohort))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def apply_step(request, slug, uuid, step):
    if step not in STEP_NAMES:
        raise Http404
    application = get_application(request, uuid, edit=True)
    cohort = get_cohort(slug)
    if cohort.translation_key != application.cohort.translation_key:
        raise Http404
    if not application.is_editable:
        messages.info(
            request,
            _("This application has been submitted and can no longer be changed."),
        )
        return redirect("cohorts:application", uuid=application.uuid)
    handler = {
        "startup": _step_startup,
        "questions": _step_questions,
        "deck": _step_deck,
        "review": _step_review,
    }[step]
    context = {
        "cohort": cohort,
        "application": application,
        "steps": steps_for(step),
        "step": step,
        "step_urls": {name: step_url(application, name, cohort) for name in STEP_NAMES},
        "is_open": cohort.is_open(),
        "edit_version": posted_version(request) or application.version,
    }
    return handler(request, application, cohort, context)


def posted_version(request) -> int | None:
    """The version of the row the editor opened, sent back by the form."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def creation_token(request) -> uuid_module.UUID:
    """The form's own token (kept across re-posts), so creating is idempotent."""
    try:
        return uuid_module.UUID(request.POST.get("creation_token", ""))
    except ValueError:
        return uuid_module.uuid4()


def _stale(context, error, rows=None, startup=None):
    """Show the saved version beside the kept input; the next save overrides it."""
    context.update(
        edit_version=error.current.version,
        stale={"rows": rows, "startup": startup},
    )


def _startup_forms(request, startup, context, *, draft=False):
    """The startup profile form and its founders formset, saved on a valid POST.

    Returns (form, founders, status): status None when saved; 409 when someone
    else saved first (`context` then shows their version beside the kept input).
    A `draft` keeps a partial profile.
    """
    data = request.POST if request.method == "POST" else None
    form = StartupForm(data, prefix="startup", instance=startup, draft=draft)
    founders = FounderFormSet(
        data, prefix="founders", instance=startup, form_kwargs={"draft": draft}
    )
    context["edit_version"] = posted_version(request) or startup.version
    if data is None:
        return form, founders, 200
    if form.is_valid() and founders.is_valid():
        try:
            services.save_startup(
                startup,
                by=request.user,
                form=form,
                founders_formset=founders,
                version=context["edit_version"],
            )
        except services.StaleEdit as error:
            _stale(context, error, startup=error.current)
            return form, founders, 409
        return form, founders, None
    return form, founders, 400


def _step_startup(request, application, cohort, context):
    form, founders, status = _startup_forms(
        request, application.startup, context, draft=is_draft(request)
    )
    if status is None:
        return _saved_and_go(request, application, "startup", cohort)
    context.update(form=form, founders=founders, add_founder_button=True)
    return render(request, "cohorts/apply_startup.html", context, status=status)


def _step_questions(request, application, cohort, context):
    questions = cohort.question_list
    form = QuestionsForm(questions=questions, answers=application.answers)
    status = 200
    if request.method == "POST":
        form = QuestionsForm(
            request.POST,
            request.FILES,
            questions=questions,
            answers=application.answers,
            draft=SAVE_DRAFT in request.POST,
        )
        if form.is_valid():
            answers = form.updated_answers(owner_uuid=application.uuid)
            try:
                services.update_draft(
                    application,
                    user=request.user,
                    version=context["edit_version"],
                    answers=answers,
                )
            except services.ApplicationError as error:
                # Files stored for this refused save: no row points at them.
                for name in answer_files(answers) - answer_files(application.answers):
                    private_storage().delete(name)
                if not isinstance(error, services.StaleEdit):
                    messages.error(request, error.message)
                    return redirect("cohorts:application", uuid=application.uuid)
                rows = _review_context(error.current, cohort)["answer_rows"]
                _stale(context, error, rows=rows)
                context.update(form=form)
                return render(
                    request, "cohorts/apply_questions.html", context, status=409
                )
            return _saved_and_go(request, application, "questions", cohort)
        status = 400
    context.update(form=form)
    return render(request, "cohorts/apply_questions.html", context, status=status)


def _step_deck(request, application, cohort, context):
    has_deck = bool(application.pitch_deck)
    initial = {
        "compute_gpu_hours": application.compute_gpu_hours,
        "compute_purpose": application.compute_purpose,
    }
    form = DeckForm(initial=initial, has_deck=has_deck)
    status = 200
    if request.method == "POST":
        form = DeckForm(
            request.POST,
            request.FILES,
            has_deck=has_deck,
            draft=SAVE_DRAFT in request.POST,
        )
        if form.is_valid():
            fields = {
                "compute_gpu_hours": form.cleaned_data["compute_gpu_hours"],
                "compute_purpose": form.cleaned_data["compute_purpose"],
            }
            upload = form.cleaned_data.get("pitch_deck")
            if upload:
                application.pitch_deck.save(upload.name, upload, save=False)
                fields["pitch_deck"] = application.pitch_deck.name
                fields["pitch_deck_name"] = upload.name[:255]
            try:
                services.update_draft(
                    application,
                    user=request.user,
                    version=context["edit_version"],
                    **fields,
                )
            except services.ApplicationError as error:
                if upload:
                    application.pitch_deck.storage.delete(fields["pitch_deck"])
                if not isinstance(error, services.StaleEdit):
                    messages.error(request, error.message)
                    return redirect("cohorts:application", uuid=application.uuid)
                current = error.current
                _stale(context, error, rows=_deck_rows(current))
                context.update(form=form, has_deck=bool(current.pitch_deck))
                return render(request, "cohorts/apply_deck.html", context, status=409)
            return _saved_and_go(request, application, "deck", cohort)
        status = 400
    context.update(form=form, has_deck=has_deck)
    return render(request, "cohorts/apply_deck.html", context, status=status)


def _deck_rows(application):
    return [
        {"label": _("Pitch deck"), "value": application.pitch_deck_name},
        {"label": _("GPU-hours you need"), "value": application.compute_gpu_hours},
        {"label": _("What the compute is for"), "value": application.compute_purpose},
    ]


def _review_context(application, cohort):
    answers = application.answers or {}
    rows = []
    for question in cohort.question_list:
        answer = answers.get(question["id"])
        rows.append(
            {
                "id": question["id"],
                "label": question["label"],
                "value": display_value(answer, question) if answer else "",
            }
        )
    return {
        "answer_rows": rows,
        "problems": services.application_problems(application, cohort),
        "privacy_notice_version": PRIVACY_NOTICE_VERSION,
    }


def _step_review(request, application, cohort, context):
    form = ConsentForm()
    status = 200
    error = None
    if request.method == "POST":
        form = ConsentForm(request.POST)
        consent = form.is_valid()
        try:
            services.submit_application(
                application,
                user=request.user,
                consent=consent,
                cohort_page=cohort,
            )
        except services.ApplicationError as refused:
            error = refused.message
            status = 400
        else:
            messages.success(
                request,
                _("Your application has been submitted. We have emailed you a copy."),
            )
            return redirect("cohorts:application", uuid=application.uuid)
    context.update(_review_context(application, cohort))
    context.update(form=form, error=error)
    return render(request, "cohorts/apply_review.html", context, status=status)


@never_cache
@login_required
def application_detail(request, uuid):
    application = get_application(request, uuid)
    cohort = localized_cohort(application)
    is_member = application.startup.can_edit(request.user)
    context = {
        "application": application,
        "cohort": cohort,
        "is_member": is_member,
        "history": application.status_changes.all(),
        "continue_url": (
            resume_url(application) if is_member and application.is_editable else None
        ),
        "now": timezone.now(),
    }
    context.update(_review_context(application, cohort))
    if is_member:
        context.update(self_assessment.applicant_context(application, request.user))
    return render(request, "cohorts/application_detail.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, uuid):
    application = get_application(request, uuid, edit=True)
    if not application.can_withdraw:
        messages.error(request, _("This application can no longer be withdrawn."))
        return redirect("cohorts:application", uuid=application.uuid)
    form = WithdrawForm()
    if request.method == "POST":
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.withdraw_application(
                    application, user=request.user, note=form.cleaned_data["note"]
                )
            except services.ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Your application has been withdrawn."))
            return redirect("cohorts:application", uuid=application.uuid)
    return render(
        request,
        "cohorts/withdraw.html",
        {
            "application": application,
            "cohort": localized_cohort(application),
            "form": form,
        },
    )


@never_cache
@login_required
def pitch_deck(request, uuid):
    application = get_application(request, uuid)
    if not application.pitch_deck:
        raise Http404
    return private_file_response(
        application.pitch_deck.name, application.pitch_deck_name or "pitch-deck.pdf"
    )


@never_cache
@login_required
def answer_file(request, uuid, question_id):
    application = get_application(request, uuid)
    return private_file_response(*answer_file_of(application.answers, question_id))


# Startups ---------------------------------------------------------------------
def get_startup(request, uuid, *, edit=False) -> Startup:
    """The startup if the user may read it, or (`edit`) change it; else 404."""
    startups = (
        Startup.objects.editable_by(request.user)
        if edit
        else Startup.objects.visible_to(request.user)
    )
    return get_object_or_404(startups.select_related("owner"), uuid=uuid)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def startup_create(request):
    form = StartupForm(prefix="startup")
    founders = FounderFormSet(prefix="founders", instance=Startup())
    status = 200
    if request.method == "POST":
        form = StartupForm(request.POST, prefix="startup")
        founders = FounderFormSet(request.POST, prefix="founders", instance=Startup())
        if form.is_valid() and founders.is_valid():
            startup = services.create_startup(
                owner=request.user,
                form=form,
                founders_formset=founders,
                creation_token=creation_token(request),
            )
            messages.success(request, _("Startup profile saved."))
            return redirect("cohorts:startup", uuid=startup.uuid)
        status = 400
    return render(
        request,
        "cohorts/startup_form.html",
        {
            "form": form,
            "founders": founders,
            "startup": None,
            "creation_token": creation_token(request),
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def startup_edit(request, uuid):
    startup = get_startup(request, uuid, edit=request.method == "POST")
    if not startup.can_edit(request.user):
        # Staff with `cohorts.view_startup`: read-only, no forms.
        return render(request, "cohorts/startup_detail.html", {"startup": startup})
    form = StartupForm(prefix="startup", instance=startup)
    founders = FounderFormSet(prefix="founders", instance=startup)
    invite_form = InviteForm(prefix="invite")
    context = {"edit_version": startup.version}
    status = 200
    if request.method == "POST" and "invite" in request.POST:
        invite_form = InviteForm(request.POST, prefix="invite")
        if invite_form.is_valid():
            try:
                services.invite_cofounder(
                    startup,
                    invited_by=request.user,
                    email=invite_form.cleaned_data["email"],
                )
            except services.ApplicationError as error:
                invite_form.add_error("email", error.message)
                status = 400
            else:
                messages.success(request, _("Invitation sent."))
                return redirect("cohorts:startup", uuid=startup.uuid)
        else:
            status = 400
    elif request.method == "POST":
        form, founders, status = _startup_forms(request, startup, context)
        if status is None:
            messages.success(request, _("Startup profile saved."))
            return redirect("cohorts:startup", uuid=startup.uuid)
    return render(
        request,
        "cohorts/startup_form.html",
        {
            **context,
            "form": form,
            "founders": founders,
            "startup": startup,
            "invite_form": invite_form,
            "memberships": startup.memberships.select_related("user").order_by(
                "accepted_at", "invited_at"
            ),
            "is_owner": startup.is_owned_by(request.user),
            "now": timezone.now(),
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["POST"])
def startup_member(request, uuid, pk):
    """The owner removes a co-founder, cancels an invitation or sends it again."""
    startup = get_startup(request, uuid, edit=True)
    membership = get_object_or_404(startup.memberships, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "resend":
            services.resend_invitation(membership, by=request.user)
            messages.success(request, _("Invitation sent again."))
        elif action == "remove":
            services.remove_membership(membership, by=request.user)
            messages.success(
                request,
                _("Invitation cancelled.")
                if membership.is_pending
                else _("The co-founder was removed."),
            )
        else:
            raise Http404
    except services.ApplicationError as error:
        messages.error(request, error.message)
    return redirect("cohorts:startup", uuid=startup.uuid)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    membership = get_object_or_404(
        StartupMembership.objects.select_related("startup", "invited_by"), token=token
    )
    status = 200
    if request.method == "POST":
        try:
            services.accept_invitation(membership, user=request.user)
        except services.ApplicationError:
            status = 400
        else:
            messages.success(
                request,
                _("You can now edit %(startup)s.")
                % {"startup": membership.startup.name},
            )
            return redirect("cohorts:startup", uuid=membership.startup.uuid)
    problem = services.invitation_problem(membership, request.user)
    return render(
        request,
        "cohorts/invitation.html",
        {"membership": membership, "problem": problem},
        status=status,
    )


def personal_parts(request, cohort) -> dict[str, str]:
    """The signed-in visitor's own parts of a cohort page, for /me.json: the
    apply box with their application ("Continue your application"), when they
    have one. Cohort pages carry the one for everybody."""
    mine = (
        Application.objects.for_user(request.user)
        .filter(cohort__translation_key=cohort.translation_key)
        .order_by("-created_at")
        .first()
    )
    if mine is None:
        return {}
    html = render_to_string(
        "cohorts/includes/apply_box.html",
        {"page": cohort, "mine": mine},
        request=request,
    )
    return {"apply-box": html}
