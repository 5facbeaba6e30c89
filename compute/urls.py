from django.urls import path

from . import self_assessment, views

app_name = "compute"

urlpatterns = [
    path("compute/<slug:slug>/apply/", views.apply_start, name="apply"),
    path(
        "compute/applications/<uuid:uuid>/",
        views.application_detail,
        name="application",
    ),
    path(
        "compute/applications/<uuid:uuid>/files/<str:question_id>/",
        views.answer_file,
        name="answer_file",
    ),
    path(
        "compute/applications/<uuid:uuid>/listing/",
        views.grant_listing,
        name="grant_listing",
    ),
    path(
        "compute/applications/<uuid:uuid>/self-assessment/",
        self_assessment.attach_application_view,
        name="attach_application_assessment",
    ),
    path("compute/reports/<uuid:uuid>/", views.usage_report, name="report"),
    path(
        "compute/reports/<uuid:uuid>/self-assessment/",
        self_assessment.attach_report_view,
        name="attach_report_assessment",
    ),
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
