"""Responsible-AI checklists (pages) and the self-assessments filled against them.

A self-assessment belongs to the person who filled it, and only they open it
here. Another programme (a cohort application, a compute usage report) holds a
nullable foreign key to one and shows its answers to its own reviewers with
`responsible.attach` (see README.md).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.facts import PAGE_FACTS, PAGE_TEXT, facts, text
from home.models import language_choices
from home.privacy import RestrictionsCoverTranslations, public
from home.translations import listed_under

from .blocks import ChecklistSectionBlock
from .enums import AssessmentStatus

# Our own views answer under the index's address (responsible.urls).
RESERVED_SLUGS = frozenset({"assessments"})


class ChecklistIndexPage(RestrictionsCoverTranslations, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    # One address in every language: /responsible-ai/, /hi/responsible-ai/.
    translatable_fields = PAGE_TEXT + text("intro") + PAGE_FACTS + facts("slug")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["responsible.ChecklistPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("responsible-AI checklists index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        checklists = listed_under(public(ChecklistPage.objects.live()), self)
        context["checklists"] = list(
            checklists.select_related("locale").order_by("title", "pk")
        )
        return context


class ChecklistPage(RestrictionsCoverTranslations, Page):
    summary = models.TextField(_("summary"), max_length=400)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Who the checklist is for and when to use it."),
    )
    sections = StreamField(
        [("section", ChecklistSectionBlock())],
        verbose_name=_("sections"),
        min_num=1,
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("sections"),
    ]
    translatable_fields = (
        PAGE_TEXT + text("slug", "summary", "intro", "sections") + PAGE_FACTS
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("intro"),
    ]

    parent_page_types = ["responsible.ChecklistIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("responsible-AI checklist")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is taken by the self-assessments.")}
            )

    def checklist_sections(self) -> list[dict]:
        """Sections with their items, each item with its id (shared by every
        translation): what the form asks and the answers are read against."""
        sections = []
        for block in self.sections:
            value = block.value
            items = [
                {"id": child.id, "text": child.value["text"], "why": child.value["why"]}
                for child in value["items"].bound_blocks
            ]
            sections.append(
                {"heading": value["heading"], "intro": value["intro"], "items": items}
            )
        return sections


class SelfAssessmentQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Who may open, change and attach an assessment here: its owner alone."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def attachable_by(self, user):
        """What `user` may attach to an application or a report: their own,
        submitted (a draft may still change under the reviewer's eyes)."""
        return self.owned_by(user).filter(status=AssessmentStatus.SUBMITTED)


class SelfAssessment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="self_assessments",
    )
    checklist = models.ForeignKey(
        ChecklistPage,
        verbose_name=_("checklist"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    subject = models.CharField(
        _("what it assesses"),
        max_length=200,
        help_text=_("The product, model or dataset, e.g. “Vaani speech model v2”."),
    )
    answers = models.JSONField(
        _("answers"),
        default=dict,
        blank=True,
        help_text=_(
            "Keyed by checklist item id: the answer, a note and the item's text "
            "when answered."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=language_choices,
        default=settings.LANGUAGE_CODE,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("responsible:assessment", kwargs={"uuid": self.uuid})

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT

    @cached_property
    def localized_checklist(self) -> ChecklistPage:
        """The checklist in the active language where it is translated and live."""
        localized = self.checklist.localized
        return localized if localized.live else self.checklist


def with_localized_checklists(assessments) -> list[SelfAssessment]:
    """`assessments` with `localized_checklist` read for all in one query."""
    assessments = list(assessments)
    keys = {assessment.checklist.translation_key for assessment in assessments}
    found = {
        page.translation_key: page
        for page in ChecklistPage.objects.live().filter(
            translation_key__in=keys,
            locale__language_code=translation.get_language(),
        )
    }
    for assessment in assessments:
        checklist = found.get(assessment.checklist.translation_key)
        assessment.__dict__["localized_checklist"] = checklist or assessment.checklist
    return assessments
