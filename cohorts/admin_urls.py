"""URLs of selection in the admin, under /admin/selection/ (see wagtail_hooks)."""

from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.cohorts_list, name="cohorts"),
    path("cohort/<int:pk>/", admin_views.board, name="board"),
    path("cohort/<int:pk>/compute/", admin_views.compute, name="compute"),
    path("cohort/<int:pk>/decisions/", admin_views.decisions, name="decisions"),
    path(
        "cohort/<int:pk>/export.<slug:fmt>",
        admin_views.export,
        name="export",
    ),
    path(
        "application/<int:pk>/",
        admin_views.application_action,
        name="application",
    ),
    path("application/<int:pk>/deck/", admin_views.deck, name="deck"),
    path(
        "application/<int:pk>/files/<str:question_id>/",
        admin_views.answer_file,
        name="answer_file",
    ),
    path("reviews/", admin_views.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", admin_views.review, name="review"),
]
