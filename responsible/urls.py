"""The owner's self-assessments, under the checklists' index (/responsible-ai/)."""

from django.urls import path

from . import views

app_name = "responsible"

urlpatterns = [
    path(
        "responsible-ai/assessments/",
        views.assessment_list,
        name="assessments",
    ),
    path(
        "responsible-ai/assessments/new/<int:checklist_pk>/",
        views.assessment_new,
        name="assessment_new",
    ),
    path(
        "responsible-ai/assessments/<uuid:uuid>/",
        views.assessment_detail,
        name="assessment",
    ),
]
