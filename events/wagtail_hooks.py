"""Snippets staff manage in the Wagtail admin: types, venues, speakers, topics, languages."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.exports import SafeSnippetIndexView

from .models import EventType, Language, Speaker, Topic, Venue


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
