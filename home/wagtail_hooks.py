from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
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


@hooks.register("insert_global_admin_css")
def indian_script_fonts_in_admin():
    """The site's Devanagari and Tamil fonts in the admin, so neither shows as boxes."""
    return format_html(
        '<link rel="stylesheet" href="{}"><link rel="stylesheet" href="{}">',
        static("css/fonts.css"),
        static("css/admin.css"),
    )
