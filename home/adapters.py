from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

from .links import absolute_url


class AccountAdapter(DefaultAccountAdapter):
    """Send allauth's emails in the language the person was using."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = translation.get_language()
        if (
            user is not None
            and getattr(user, "preferred_language", None)
            and not language
        ):
            language = user.preferred_language
        with translation.override(language or "en"):
            return super().send_mail(template_prefix, email, context)

    # Links in allauth's emails come from SITE_URL (home.links), with its scheme:
    # not the request's Host header with https forced onto it.
    def get_email_confirmation_url(self, request, emailconfirmation):
        path = reverse("account_confirm_email", args=[emailconfirmation.key])
        return absolute_url(path, request)

    def get_reset_password_from_key_url(self, key):
        path = reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}
        ).replace("UID-KEY", quote(key))
        return absolute_url(path, self.request)

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = translation.get_language() or "en"
        return super().save_user(request, user, form, commit=commit)

    # The redirect settings name English paths; keep a Hindi visitor in Hindi.
    def get_login_redirect_url(self, request):
        return _in_active_language(super().get_login_redirect_url(request))

    def get_logout_redirect_url(self, request):
        return _in_active_language(super().get_logout_redirect_url(request))

    def get_signup_redirect_url(self, request):
        return _in_active_language(super().get_signup_redirect_url(request))


def _in_active_language(url):
    # translate_url resolves the path in the active language; these are English.
    language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, language)
