from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .exports import SafeSnippetIndexView
from .models import Partner


class PartnerViewSet(SnippetViewSet):
    index_view_class = SafeSnippetIndexView
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "url", "sort_order"]
    search_fields = ["name"]
    list_export = ["name", "url"]


register_snippet(PartnerViewSet)
