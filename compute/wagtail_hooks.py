"""Compute calls in the Wagtail admin: their board, totals and organisations."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin_menu import PermissionMenuItem
from home.exports import SafeIndexView, SafeSnippetIndexView
from home.listings import IstInspectView

from . import admin_urls
from .models import ComputeDecisionTemplate, Organisation


class OrganisationViewSet(ModelViewSet):
    index_view_class = SafeIndexView
    inspect_view_class = IstInspectView
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    add_to_admin_menu = False
    list_display = ["name", "kind", "state", "city", "owner"]
    list_filter = ["kind", "state"]
    search_fields = ["name", "city", "registration_number", "aishe_code"]
    list_export = [
        "name",
        "kind",
        "state",
        "city",
        "website",
        "registration_number",
        "aishe_code",
        "created_at",
    ]
    export_filename = "organisations"
    form_fields = [
        "name",
        "kind",
        "state",
        "city",
        "website",
        "registration_number",
        "aishe_code",
    ]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_viewset():
    return OrganisationViewSet("compute_organisations")


@hooks.register("register_admin_urls")
def register_compute_urls():
    return [
        path(
            "compute/",
            include(
                (admin_urls.urlpatterns, "compute_admin"), namespace="compute_admin"
            ),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_compute_menu_item():
    return PermissionMenuItem(
        _("Compute calls"),
        reverse("compute_admin:calls"),
        icon_name="cogs",
        order=246,
        check=lambda user: user.has_perm("compute.view_computeapplication"),
    )


@hooks.register("register_admin_menu_item")
def register_my_reviews_menu_item():
    from .selection import is_reviewer

    return PermissionMenuItem(
        _("My compute reviews"),
        reverse("compute_admin:my_reviews"),
        icon_name="form",
        order=241,
        check=is_reviewer,
    )


class DecisionTemplateViewSet(SnippetViewSet):
    """The decision emails of each call, in English and Hindi."""

    index_view_class = SafeSnippetIndexView
    model = ComputeDecisionTemplate
    icon = "mail"
    menu_label = _("Compute decision emails")
    add_to_admin_menu = False
    list_display = ["call", "decision", "subject_en"]
    list_filter = ["decision"]


register_snippet(DecisionTemplateViewSet)
