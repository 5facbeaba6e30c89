"""Staff manage startups and applications in the Wagtail admin (list, filter, export)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from home.exports import SafeIndexView

from .models import Application, Startup


class StartupViewSet(ModelViewSet):
    index_view_class = SafeIndexView
    model = Startup
    icon = "group"
    menu_label = _("Startups")
    add_to_admin_menu = False
    list_display = ["name", "state", "city", "sector", "stage", "team_size", "owner"]
    list_filter = ["state", "sector", "stage"]
    search_fields = ["name", "city", "description", "dpiit_number"]
    list_export = [
        "name",
        "website",
        "dpiit_number",
        "incorporation_date",
        "state",
        "city",
        "sector",
        "stage",
        "team_size",
        "languages",
        "created_at",
    ]
    export_filename = "startups"
    form_fields = [
        "name",
        "website",
        "dpiit_number",
        "incorporation_date",
        "state",
        "city",
        "sector",
        "stage",
        "team_size",
        "description",
    ]
    inspect_view_enabled = True


class ApplicationViewSet(ModelViewSet):
    index_view_class = SafeIndexView
    model = Application
    icon = "form"
    menu_label = _("Applications")
    add_to_admin_menu = False
    list_display = ["startup", "cohort", "status", "submitted_at", "compute_gpu_hours"]
    list_filter = ["cohort", "status", "startup__sector", "startup__state"]
    search_fields = ["startup__name"]
    list_export = [
        "uuid",
        "cohort",
        "startup",
        "status",
        "submitted_at",
        "compute_gpu_hours",
        "compute_purpose",
        "created_at",
    ]
    export_filename = "applications"
    # Status changes go through cohorts.services (review tools are a later issue).
    form_fields = ["compute_gpu_hours", "compute_purpose"]
    inspect_view_enabled = True
    create_view_enabled = False


class StartupProgrammeGroup(ViewSetGroup):
    menu_label = _("Startup programme")
    menu_icon = "rocket"
    menu_order = 250
    items = (ApplicationViewSet, StartupViewSet)


@hooks.register("register_admin_viewset")
def register_viewset():
    return StartupProgrammeGroup()
