from django.urls import path

from . import views

app_name = "compute"

urlpatterns = [
    path("compute/<slug:slug>/apply/", views.apply_start, name="apply"),
    path(
        "compute/applications/<uuid:uuid>/",
        views.application_detail,
        name="application",
    ),
    path(
        "compute/applications/<uuid:uuid>/listing/",
        views.grant_listing,
        name="grant_listing",
    ),
    path("compute/reports/<uuid:uuid>/", views.usage_report, name="report"),
    path(
        "compute/organisations/new/",
        views.organisation_form,
        name="organisation_create",
    ),
    path(
        "compute/organisations/<uuid:uuid>/",
        views.organisation_form,
        name="organisation",
    ),
]
