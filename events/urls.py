from django.urls import path

from . import registration_views as views

app_name = "events"

urlpatterns = [
    path("registrations/<uuid:uuid>/", views.ticket, name="ticket"),
    path("registrations/<uuid:uuid>/cancel/", views.cancel, name="cancel"),
    path("registrations/<uuid:uuid>/accept/", views.accept, name="accept"),
    path("registrations/<uuid:uuid>/pay/", views.pay, name="pay"),
    path("registrations/<uuid:uuid>/paid/", views.paid, name="paid"),
    path("registrations/<uuid:uuid>/receipt/", views.receipt, name="receipt"),
]
