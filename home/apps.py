from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class HomeConfig(AppConfig):
    # This module holds two configs (UsersConfig below): without `default`,
    # Django would install "home" with a bare AppConfig and never run ready().
    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from . import checks, facts, signals  # noqa: F401 -- checks registers on import

        signals.connect()
        facts.connect()


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with our viewset (`home.users`)."""

    user_viewset = "home.users.UserViewSet"
