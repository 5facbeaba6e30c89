"""The admin needs a second factor: allauth MFA for everyone who can enter it.

Outside the admin, a staff permission without a second factor simply does not
count (`home.models.User.has_perm`): the person sees what a stranger sees."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

ADMIN_ACCESS = "wagtailadmin.access_admin"


class AdminTwoFactorMiddleware:
    """Someone who can enter the admin (directly, by a group or as a superuser) and
    has no second factor yet is sent to set one up; nobody else is.

    Signing in always goes through allauth, which asks for the second factor:
    coe_site/urls.py sends Wagtail's own password-only forms there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path_info.startswith(reverse("wagtailadmin_home"))
            and user.is_authenticated
            and user.has_perm_before_second_factor(ADMIN_ACCESS)
            and not user.has_second_factor()
        ):
            # The admin's paths have no language prefix: answer in the user's.
            with translation.override(user.preferred_language or None):
                messages.info(
                    request,
                    _(
                        "Set up two-factor authentication (an authenticator app or "
                        "a security key) to use the admin."
                    ),
                    fail_silently=True,
                )
                return redirect("mfa_index")
        return self.get_response(request)
