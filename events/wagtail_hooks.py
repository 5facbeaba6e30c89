"""The Wagtail admin for events: snippets (types, venues, speakers, topics,
languages), registrations per event, check-in, and the seats panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.exports import SafeSnippetIndexView
from home.listings import IstInspectView, ist_column
from home.timefmt import format_datetime

from .admin_registrations import RegistrationIndexView
from .models import (
    EventPage,
    EventType,
    Language,
    Registration,
    Speaker,
    Topic,
    Venue,
)


class EventTypeViewSet(SnippetViewSet):
    index_view_class = SafeSnippetIndexView
    model = EventType
    icon = "tag"
    menu_label = _("Event types")
    list_display = ["name", "slug", "sort_order", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "slug"]
    list_export = ["name", "slug", "sort_order"]


class VenueViewSet(SnippetViewSet):
    index_view_class = SafeSnippetIndexView
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "city", "state", "locale"]
    list_filter = ["city", "state", "locale"]
    search_fields = ["name", "city", "state", "address"]
    list_export = ["name", "address", "city", "state", "map_url", "accessibility_notes"]


class SpeakerViewSet(SnippetViewSet):
    index_view_class = SafeSnippetIndexView
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "role", "organisation", "locale"]
    list_filter = ["organisation", "locale"]
    search_fields = ["name", "organisation"]
    list_export = ["name", "role", "organisation", "bio"]


class TopicViewSet(SnippetViewSet):
    index_view_class = SafeSnippetIndexView
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "tag", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    list_export = ["name", "tag"]


class LanguageViewSet(SnippetViewSet):
    index_view_class = SafeSnippetIndexView
    model = Language
    icon = "globe"
    menu_label = _("Languages")
    list_display = ["name", "native_name", "code", "sort_order"]
    search_fields = ["name", "native_name", "code"]
    list_export = ["code", "name", "native_name"]


class EventSnippetsGroup(SnippetViewSetGroup):
    menu_label = _("Event settings")
    menu_icon = "date"
    menu_order = 250
    items = (
        EventTypeViewSet,
        VenueViewSet,
        SpeakerViewSet,
        TopicViewSet,
        LanguageViewSet,
    )


register_snippet(EventSnippetsGroup)


# --- registrations ----------------------------------------------------------


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Staff change registrations only through the services (the manage page):
    never added or deleted in a bare form."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))


def _manage_url(registration):
    return reverse("events_registration_manage", args=[registration.pk])


class RegistrationViewSet(ModelViewSet):
    index_view_class = RegistrationIndexView
    inspect_view_class = IstInspectView
    model = Registration
    name = "event_registrations"
    icon = "list-ul"
    menu_label = _("Registrations")
    menu_order = 240
    add_to_admin_menu = True
    list_display = [
        TitleColumn("name", label=_("name"), get_url=_manage_url),
        "event",
        "status",
        "email",
        ist_column(Registration, "checked_in_at"),
        "payment_mismatch",
        ist_column(Registration, "created_at"),
    ]
    list_filter = ["event", "status", "language", "payment_mismatch"]
    search_fields = ["name", "email", "organisation", "ticket_code"]
    list_export = [
        "ticket_code",
        "event",
        "get_status_display",
        "name",
        "email",
        "phone",
        "organisation",
        "accessibility_needs",
        "language",
        "checked_in_at",
        "payment_mismatch",
        "created_at",
    ]
    export_headings = {"get_status_display": _("Status")}
    export_filename = "registrations"
    # Statuses change on the manage page, through events.registration.
    form_fields = ["name", "email", "phone", "organisation", "accessibility_needs"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Registration.objects.managed_by(request.user).select_related("event")


@hooks.register("register_admin_viewset")
def registration_viewset():
    return RegistrationViewSet()


@hooks.register("register_admin_urls")
def registration_admin_urls():
    from . import admin_views
    from .checkin import views as checkin_views

    return [
        path(
            "events/registrations/<int:pk>/manage/",
            admin_views.manage_registration,
            name="events_registration_manage",
        ),
        path("events/check-in/", checkin_views.picker, name="events_check_in"),
        path(
            "events/check-in/<int:event_pk>/",
            checkin_views.desk_view,
            name="events_check_in_desk",
        ),
        path(
            "events/check-in/<int:event_pk>/tickets.json",
            checkin_views.tickets_json,
            name="events_check_in_tickets",
        ),
        path(
            "events/check-in/<int:event_pk>/sync/",
            checkin_views.sync,
            name="events_check_in_sync",
        ),
        path(
            "events/<int:event_pk>/email-attendees/",
            admin_views.email_attendees_view,
            name="events_email_attendees",
        ),
    ]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("events.change_registration")


@hooks.register("register_admin_menu_item")
def check_in_menu_item():
    return RegistrationsMenuItem(
        _("Check-in"),
        reverse("events_check_in"),
        icon_name="tick",
        order=241,
    )


@hooks.register("construct_homepage_panels")
def seats_panel(request, panels):
    from .admin_views import SeatsPanel

    panels.append(SeatsPanel(request.user))


class EventPageViewSet(PageViewSet):
    """The explorer of the events index lists each event's date (IST)."""

    model = EventPage
    # Every child is an event: the date says more than the page type.
    columns = [
        *(col for col in ExplorableIndexView.base_columns if col.name != "type"),
        Column(
            "start",
            label=_("Starts"),
            accessor=lambda page: format_datetime(page.start),
            sort_key="start",
            width="20%",
        ),
    ]
    ordering = "-start"


@hooks.register("register_admin_viewset")
def event_page_viewset():
    return EventPageViewSet()
