from django.urls import path, re_path

from . import registration_views as views

app_name = "events"

urlpatterns = [
    path("registrations/<uuid:uuid>/", views.ticket, name="ticket"),
    path("registrations/<uuid:uuid>/cancel/", views.cancel, name="cancel"),
    path("registrations/<uuid:uuid>/accept/", views.accept, name="accept"),
    path("registrations/<uuid:uuid>/pay/", views.pay, name="pay"),
    path("registrations/<uuid:uuid>/paid/", views.paid, name="paid"),
    path("registrations/<uuid:uuid>/receipt/", views.receipt, name="receipt"),
    # An event's registration form and POST (EventPage.register), found without
    # Wagtail's routing; every other path is left to Wagtail (coe_site.urls).
    re_path(r"^((?:[\w\-]+/)+)register/$", views.register_at, name="register"),
]
