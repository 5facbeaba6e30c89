from django.urls import path

from . import selection_views, self_assessment, views

app_name = "cohorts"

urlpatterns = [
    path("cohorts/<slug:slug>/apply/", views.apply_start, name="apply"),
    path(
        "cohorts/<slug:slug>/apply/<uuid:uuid>/<slug:step>/",
        views.apply_step,
        name="apply_step",
    ),
    path("applications/<uuid:uuid>/", views.application_detail, name="application"),
    path("applications/<uuid:uuid>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<uuid:uuid>/pitch-deck/", views.pitch_deck, name="pitch_deck"),
    path(
        "applications/<uuid:uuid>/files/<str:question_id>/",
        views.answer_file,
        name="answer_file",
    ),
    path(
        "applications/<uuid:uuid>/alumni/",
        selection_views.alumni_listing,
        name="alumni_listing",
    ),
    path(
        "applications/<uuid:uuid>/onboarding/",
        selection_views.onboarding,
        name="onboarding",
    ),
    path(
        "applications/<uuid:uuid>/self-assessment/",
        self_assessment.attach_view,
        name="attach_self_assessment",
    ),
    path("startups/new/", views.startup_create, name="startup_create"),
    path("startups/<uuid:uuid>/", views.startup_edit, name="startup"),
    path(
        "startups/<uuid:uuid>/members/<int:pk>/",
        views.startup_member,
        name="startup_member",
    ),
    path(
        "startups/invitations/<uuid:token>/",
        views.accept_invitation,
        name="accept_invitation",
    ),
]
