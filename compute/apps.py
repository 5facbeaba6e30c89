from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComputeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "compute"
    verbose_name = _("Compute grants")
