"""URLs of compute calls in the admin, under /admin/compute/ (see wagtail_hooks)."""

from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.calls_list, name="calls"),
    path("call/<int:pk>/", admin_views.board, name="board"),
    path("call/<int:pk>/decisions/", admin_views.decisions, name="decisions"),
    path("call/<int:pk>/export.<slug:fmt>", admin_views.export, name="export"),
    path(
        "application/<int:pk>/files/<str:question_id>/",
        admin_views.answer_file,
        name="answer_file",
    ),
    path("totals/", admin_views.totals, name="totals"),
    path("reviews/", admin_views.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", admin_views.review, name="review"),
]
