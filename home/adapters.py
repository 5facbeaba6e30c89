from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


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

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = translation.get_language() or "en"
        return super().save_user(request, user, form, commit=commit)
