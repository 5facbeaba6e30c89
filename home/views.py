import unicodedata

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve
from wagtail import views as wagtail_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Locale, Page, PageViewRestriction

from . import invitations
from .links import absolute_url
from .privacy import public

ALLAUTH_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"
SEARCH_PAGE_SIZE = 10
SEARCH_MAX_LENGTH = 200


def clean_search_query(raw: str) -> str:
    """The words to search for: no control characters, no quotes.

    SQLite's full-text syntax fails on an unbalanced double quote and on NUL;
    people do not mean either as search syntax.
    """
    text = "".join(
        " " if ch == '"' or unicodedata.category(ch).startswith("C") else ch
        for ch in raw[: SEARCH_MAX_LENGTH * 2]
    )
    return " ".join(text.split())[:SEARCH_MAX_LENGTH]


@require_GET
def search(request):
    query = clean_search_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        results = (
            public(Page.objects.live())
            .filter(locale=Locale.get_active())
            .specific()
            .search(query)
        )
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages or 1)
    return render(
        request,
        "home/search.html",
        {"query": query, "search_results": page, "paginator": paginator},
    )


@require_GET
def robots_txt(request):
    prefixes = [""] + [
        f"/{code}"
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]
    lines = ["User-agent: *", "Disallow: /admin/"]
    for section in ("accounts", "dashboard", "search"):
        lines += [f"Disallow: {prefix}/{section}/" for prefix in prefixes]
    lines.append(f"Sitemap: {absolute_url('/sitemap.xml', request)}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


class PasswordTriesExceededForm(PasswordViewRestrictionForm):
    """Wagtail's password form that refuses every password (while limited)."""

    def clean_password(self):
        raise ValidationError(
            _("Too many password attempts. Please wait a few minutes and try again.")
        )


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's password form for private pages, with tries limited like sign-in.

    The limit (ACCOUNT_RATE_LIMITS["page_password"]) counts every try per client
    address and restriction, in the shared cache.
    """
    key = f"{page_view_restriction_id}:{get_adapter().get_client_ip(request)}"
    if ratelimit.consume(request, action="page_password", key=key):
        return wagtail_views.authenticate_with_password(
            request, page_view_restriction_id, page_id
        )
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    page = get_object_or_404(Page, id=page_id).specific
    form = PasswordTriesExceededForm(request.POST, instance=restriction)
    response = page.serve_password_required_response(request, form, request.path)
    response.status_code = 429
    return response


# Renditions and originals get a new file name when they change, so a browser may
# keep them for a year; anything else under MEDIA_URL for a day.
MEDIA_MAX_AGE = {"images/": 31_536_000, "original_images/": 31_536_000}
MEDIA_DEFAULT_MAX_AGE = 86_400


@require_GET
def media(request, path):
    """Public media for small deployments that serve it from Django."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    max_age = next(
        (age for prefix, age in MEDIA_MAX_AGE.items() if path.startswith(prefix)),
        MEDIA_DEFAULT_MAX_AGE,
    )
    immutable = ", immutable" if max_age > MEDIA_DEFAULT_MAX_AGE else ""
    response["Cache-Control"] = f"public, max-age={max_age}{immutable}"
    return response


@never_cache
def staff_invitation(request, token):
    """Set a password from a staff invitation (`home.invitations`), then go to
    the admin, which asks for a second factor first (`home.middleware`)."""
    invitation = invitations.find_invitation(token)
    problem = invitations.invitation_problem(invitation)
    form = None
    if not problem:
        form = SetPasswordForm(invitation.user, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                accepted = invitations.accept_staff_invitation(
                    invitation, password=form.cleaned_data["new_password1"]
                )
            except invitations.InvitationError as error:
                problem, form = str(error), None
            else:
                logout(request)
                # The accepted invitation's user: the one with the new password.
                login(request, accepted.user, backend=ALLAUTH_BACKEND)
                return redirect("wagtailadmin_home")
    return render(
        request,
        "home/staff_invitation.html",
        {
            "invitation": invitation,
            "problem": problem,
            "form": form,
            "forms_with_errors": [form] if form is not None and form.errors else [],
        },
        status=410 if problem else 200,
    )


def resend_staff_invitation(request, pk):
    """The admin's "Send the invitation again": a confirmation page (GET), then a
    new invitation with a new link (POST); the earlier links stop working."""
    if not request.user.has_perm("home.change_user"):
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=pk)
    if request.method == "POST":
        invitations.invite_staff(user, by=request.user)
        messages.success(
            request,
            _("An invitation to choose a password has been emailed to %(email)s.")
            % {"email": user.email},
        )
        return redirect("wagtailusers_users:index")
    return render(
        request,
        "home/admin/resend_invitation.html",
        {
            "page_title": _("Send the invitation again"),
            "header_icon": "mail",
            "person": user,
            "has_password": user.has_usable_password(),
        },
    )
