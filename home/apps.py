from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from . import checks, facts, signals  # noqa: F401 -- checks registers on import

        signals.connect()
        facts.connect()
