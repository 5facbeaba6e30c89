"""The resources library: an index of datasets, models, tools and guides.

What a resource is (kind, languages, modality, task, licence, size, links) is a
fact every translation shares (home.facts); its description is text.
"""

from urllib.parse import urlsplit

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import re_path
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.facts import PAGE_FACTS, PAGE_TEXT, facts, text
from home.models import ListingIndexPage
from home.privacy import RestrictionsCoverTranslations

from .enums import LANGUAGE_NAMES, LANGUAGES, LICENCES, Kind, LinkKind, Modality, Task

# Wagtail hands a RoutablePage "catalogue.json/" (coe_site.urls routes the file).
FILE_ROUTE = r"^{}/?$"


class ResourceIndexPage(ListingIndexPage):
    subpage_types = ["resources.ResourcePage"]

    class Meta:
        verbose_name = _("resources library")

    @re_path(FILE_ROUTE.format(r"catalogue\.json"))
    def catalogue_json(self, request):
        from .views import catalogue_json

        return catalogue_json(request, self)

    def listing_context(self, request) -> dict:
        from .views import listing_context

        return listing_context(request, self)


class ResourcePage(RestrictionsCoverTranslations, Page):
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    modality = models.CharField(_("modality"), max_length=20, choices=Modality.choices)
    task = models.CharField(_("task"), max_length=40, choices=Task.choices)
    licence = models.CharField(
        _("licence"),
        max_length=40,
        choices=LICENCES,
        help_text=_(
            "An SPDX identifier; NOASSERTION when the provider's own terms govern "
            "its use."
        ),
    )
    size = models.CharField(
        _("size"), max_length=100, blank=True, help_text=_("For example: 8.9B tokens")
    )
    summary = models.TextField(_("summary"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    provenance = models.TextField(
        _("provenance and consent"),
        blank=True,
        help_text=_("Where the data came from and how the people in it consented."),
    )
    maintainer = models.CharField(_("maintainer"), max_length=200)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel(
            [FieldPanel("kind"), FieldPanel("modality"), FieldPanel("task")],
        ),
        FieldRowPanel([FieldPanel("licence"), FieldPanel("size")]),
        InlinePanel("resource_languages", label=_("languages"), min_num=1),
        FieldPanel("maintainer"),
        FieldPanel("description"),
        FieldPanel("provenance"),
        MultiFieldPanel([InlinePanel("links", label=_("links"))], heading=_("links")),
    ]
    translatable_fields = (
        PAGE_TEXT
        + text("slug", "summary", "description", "provenance", "maintainer")
        + PAGE_FACTS
        + facts(
            "kind",
            "modality",
            "task",
            "licence",
            "size",
            "resource_languages",
            "links",
        )
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("maintainer"),
        index.FilterField("kind"),
        index.FilterField("modality"),
        index.FilterField("task"),
        index.FilterField("licence"),
    ]

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("resource")

    @property
    def language_codes(self) -> list[str]:
        return [item.code for item in self.resource_languages.all()]

    @property
    def language_names(self) -> list[str]:
        return [str(LANGUAGE_NAMES.get(code, code)) for code in self.language_codes]

    def get_context(self, request, *args, **kwargs):
        from .views import resource_context

        context = super().get_context(request, *args, **kwargs)
        context.update(resource_context(request, self))
        return context


class ResourceLanguage(Orderable):
    page = ParentalKey(
        ResourcePage, related_name="resource_languages", on_delete=models.CASCADE
    )
    code = models.CharField(_("language"), max_length=3, choices=LANGUAGES)

    panels = [FieldPanel("code")]

    class Meta(Orderable.Meta):
        verbose_name = _("language")


class ResourceLink(Orderable):
    page = ParentalKey(ResourcePage, related_name="links", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=LinkKind.choices)
    url = models.URLField(_("address"), max_length=500)

    panels = [FieldPanel("kind"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("link")

    @property
    def host(self) -> str:
        """Where the link leads (github.com, huggingface.co), short enough for phones."""
        return urlsplit(self.url).hostname or ""
