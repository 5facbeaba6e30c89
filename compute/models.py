"""Open calls for compute: call pages, organisations, applications, grants and
their usage reports.

A call's facts (who may apply, its dates, its budget and largest grant, its
report dates) are shared by every translation (home.facts); applications point
at the call's source page (`CallPage.source`), which owns the budget.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.choices import IndianState, Sector
from home.facts import PAGE_FACTS, PAGE_TEXT, facts, source_of, text
from home.models import language_choices
from home.privacy import RestrictionsCoverTranslations, public
from home.timefmt import IST_HINT
from home.translations import listed_under
from review.blocks import QuestionsBlock
from review.models import (
    AbstractDecisionEmail,
    AbstractDecisionTemplate,
    AbstractReview,
    AbstractReviewReminder,
    AbstractRubricCriterion,
    AbstractSelection,
    AbstractStatusChange,
)

from .enums import (
    DECISION_STATUSES,
    ApplicantKind,
    ApplicationStatus,
    OrganisationKind,
    OutputKind,
)


class CallPhase(models.TextChoices):
    OPEN = "open", _("Open for applications")
    UPCOMING = "upcoming", _("Opening soon")
    CLOSED = "closed", _("Closed")


class ComputeIndexPage(RestrictionsCoverTranslations, RoutablePageMixin, Page):
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    # One address in every language: /compute/ and /hi/compute/.
    translatable_fields = PAGE_TEXT + text("intro") + PAGE_FACTS + facts("slug")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["compute.CallPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("compute calls index page")

    @re_path(r"^grants/$")
    def grants(self, request):
        from .views import public_grants

        return public_grants(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        calls = listed_under(public(CallPage.objects.live()), self)
        context["groups"] = group_calls(calls)
        return context


def group_calls(calls, now=None):
    """[(phase, label, [call, ...]), ...]: open calls first (soonest deadline)."""
    now = now or timezone.now()
    groups = {phase: [] for phase in CallPhase.values}
    for call in calls:
        groups[call.phase(now)].append(call)
    groups[CallPhase.OPEN].sort(key=lambda c: c.closes_at)
    groups[CallPhase.UPCOMING].sort(key=lambda c: c.opens_at)
    groups[CallPhase.CLOSED].sort(key=lambda c: c.closes_at, reverse=True)
    return [
        (phase, CallPhase(phase).label, groups[phase])
        for phase in CallPhase.values
        if groups[phase]
    ]


ELIGIBILITY_FIELDS = {
    ApplicantKind.RESEARCHER: "open_to_researchers",
    ApplicantKind.UNIVERSITY_LAB: "open_to_university_labs",
    ApplicantKind.NON_PROFIT: "open_to_non_profits",
    ApplicantKind.GOVERNMENT: "open_to_government",
    ApplicantKind.STARTUP: "open_to_startups",
}


class CallPage(RestrictionsCoverTranslations, Page):
    summary = models.TextField(_("summary"), max_length=600)
    body = RichTextField(
        _("about the call"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
    )
    open_to_researchers = models.BooleanField(_("researchers"), default=True)
    open_to_university_labs = models.BooleanField(_("university labs"), default=True)
    open_to_non_profits = models.BooleanField(_("non-profits"), default=True)
    open_to_government = models.BooleanField(_("government bodies"), default=True)
    open_to_startups = models.BooleanField(_("startups"), default=True)
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(
        _("deadline"), help_text=_("Exact to the minute, in IST.")
    )
    total_gpu_hours = models.PositiveIntegerField(
        _("total GPU-hours"),
        validators=[MinValueValidator(1)],
        help_text=_("The call's budget: allocations above it are refused."),
    )
    max_grant_gpu_hours = models.PositiveIntegerField(
        _("largest grant (GPU-hours)"), validators=[MinValueValidator(1)]
    )
    hardware = models.CharField(
        _("hardware"),
        max_length=200,
        blank=True,
        help_text=_("For example: NVIDIA H100 80 GB, in a data centre in India."),
    )
    questions = StreamField(
        QuestionsBlock(),
        verbose_name=_("application questions"),
        blank=True,
        help_text=_(
            "Changing questions later does not change answers already given: each "
            "answer keeps the question as it was asked."
        ),
    )
    anonymised_review = models.BooleanField(
        _("anonymised review"),
        default=False,
        help_text=_("Hide who applies (names, organisation, emails) from reviewers."),
    )
    review_deadline = models.DateTimeField(
        _("review deadline"),
        null=True,
        blank=True,
        help_text=_("Reviewers with reviews still due are reminded two days before."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("open_to_researchers"),
                FieldPanel("open_to_university_labs"),
                FieldPanel("open_to_non_profits"),
                FieldPanel("open_to_government"),
                FieldPanel("open_to_startups"),
            ],
            heading=_("Who may apply"),
        ),
        FieldRowPanel(
            [
                FieldPanel("opens_at", help_text=IST_HINT),
                FieldPanel("closes_at", help_text=IST_HINT),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("total_gpu_hours"), FieldPanel("max_grant_gpu_hours")]
                ),
                FieldPanel("hardware"),
            ],
            heading=_("Compute"),
        ),
        InlinePanel(
            "report_dates",
            label=_("Usage report dates"),
            help_text=_(
                "Grantees report their use by each date; reminded a week before."
            ),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    translatable_fields = (
        PAGE_TEXT
        + text("summary", "body", "hardware", "questions")
        + PAGE_FACTS
        + facts(
            "slug",
            *ELIGIBILITY_FIELDS.values(),
            "opens_at",
            "closes_at",
            "total_gpu_hours",
            "max_grant_gpu_hours",
            "report_dates",
            "anonymised_review",
            "review_deadline",
        )
        # Staff-only: review reads the rubric of the source (canonical()).
        + [SynchronizedField("rubric_criteria")]
    )

    parent_page_types = ["compute.ComputeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("call for compute")
        verbose_name_plural = _("calls for compute")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The deadline must come after the call opens.")
        if (
            self.total_gpu_hours
            and self.max_grant_gpu_hours
            and self.max_grant_gpu_hours > self.total_gpu_hours
        ):
            errors["max_grant_gpu_hours"] = _(
                "The largest grant cannot be more than the call's total."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def source(self) -> "CallPage":
        """The version that owns the facts and the applications."""
        return source_of(self)

    def canonical(self) -> "CallPage":
        """What review calls the source: applications and the rubric are its."""
        return self.source

    @cached_property
    def question_list(self):
        """The questions as plain dicts: id, type, label, help_text, required..."""
        from review.questions import questions_of

        return questions_of(self)

    def phase(self, now: dt.datetime | None = None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return CallPhase.UPCOMING
        if now < self.closes_at:
            return CallPhase.OPEN
        return CallPhase.CLOSED

    def is_open(self, now: dt.datetime | None = None) -> bool:
        return self.phase(now) == CallPhase.OPEN

    def phase_label(self) -> str:
        return CallPhase(self.phase()).label

    @property
    def eligible_kinds(self) -> list[str]:
        return [
            kind for kind, name in ELIGIBILITY_FIELDS.items() if getattr(self, name)
        ]

    def eligible_labels(self) -> list[str]:
        return [str(ApplicantKind(kind).label) for kind in self.eligible_kinds]

    def accepts(self, kind: str) -> bool:
        return kind in self.eligible_kinds

    def get_context(self, request, *args, **kwargs):
        from .services import budget_of

        context = super().get_context(request, *args, **kwargs)
        context["now"] = timezone.now()
        context["budget"] = budget_of(self)
        return context


class CallReportDate(Orderable):
    call = ParentalKey(CallPage, on_delete=models.CASCADE, related_name="report_dates")
    due_on = models.DateField(_("report due on"))

    panels = [FieldPanel("due_on")]

    class Meta(Orderable.Meta):
        verbose_name = _("usage report date")
        verbose_name_plural = _("usage report dates")


class CallRubricCriterion(AbstractRubricCriterion):
    call = ParentalKey(
        CallPage, on_delete=models.CASCADE, related_name="rubric_criteria"
    )


# Who may see or change what ------------------------------------------------------
class OwnedQuerySet(models.QuerySet):
    """Who may see or change an applicant's rows, written once: the subclass
    names the path from its model to the owning user in `owner_path`."""

    owner_path: str

    def editable_by(self, user):
        """The user's own rows."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(**{self.owner_path: user})

    def visible_to(self, user):
        """Own ones, or all, read-only, for staff with `<app>.view_<model>`."""
        meta = self.model._meta
        permission = f"{meta.app_label}.view_{meta.model_name}"
        if user.is_authenticated and user.has_perm(permission):
            return self.all()
        return self.editable_by(user)


# Organisations -------------------------------------------------------------------
aishe_validator = RegexValidator(
    r"^[UCS]-\d{1,6}$",
    _("Enter the AISHE code as U-, C- or S- followed by digits, e.g. U-0123."),
)


class OrganisationQuerySet(OwnedQuerySet):
    owner_path = "owner"


class Organisation(models.Model):
    """Who applies when a person applies for an organisation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="compute_organisations",
    )
    name = models.CharField(_("name of the organisation"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    state = models.CharField(
        _("state or union territory"), max_length=3, choices=IndianState.choices
    )
    city = models.CharField(_("city"), max_length=100)
    website = models.URLField(_("website"), blank=True)
    registration_number = models.CharField(
        _("registration number"),
        max_length=40,
        blank=True,
        help_text=_(
            "Optional: the society, trust, company or NGO Darpan registration number."
        ),
    )
    aishe_code = models.CharField(
        _("AISHE code"),
        max_length=10,
        blank=True,
        validators=[aishe_validator],
        help_text=_("Universities and colleges: U-, C- or S- followed by digits."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


# Applications -------------------------------------------------------------------
class ComputeApplicationQuerySet(OwnedQuerySet):
    owner_path = "applicant"


class ComputeApplication(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(
        CallPage,
        verbose_name=_("call"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="compute_applications",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("Empty: the applicant applies as a person."),
    )
    kind = models.CharField(_("applies as"), max_length=20, choices=ApplicantKind)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    project_title = models.CharField(_("project title"), max_length=200, blank=True)
    summary = models.TextField(
        _("what the compute is for"), max_length=3000, blank=True
    )
    gpu_hours_requested = models.PositiveIntegerField(
        _("GPU-hours requested"), null=True, blank=True
    )
    state = models.CharField(
        _("state or union territory"),
        max_length=3,
        choices=IndianState.choices,
        blank=True,
    )
    sector = models.CharField(
        _("sector"), max_length=30, choices=Sector.choices, blank=True
    )
    languages = models.JSONField(_("Indian languages served"), default=list, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=language_choices,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the applicant last used; emails are sent in it."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The applicant's own submitted assessment (responsible.attach), shown to
    # its reviewers; cleared if its owner's account goes.
    self_assessment = models.ForeignKey(
        "responsible.SelfAssessment",
        verbose_name=_("responsible-AI self-assessment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The grantee's choice: shown (or not) on the public list of grants.
    listed_publicly = models.BooleanField(_("shown on the public list"), default=False)
    public_summary = models.CharField(
        _("one line for the public list"), max_length=200, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ComputeApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("compute application")
        verbose_name_plural = _("compute applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"],
                condition=models.Q(organisation__isnull=True),
                name="one_personal_compute_application_per_call",
            ),
            models.UniqueConstraint(
                fields=["call", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="one_compute_application_per_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.applicant_name} → {self.call}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("compute:application", kwargs={"uuid": self.uuid})

    @property
    def applicant_name(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return self.applicant.get_full_name() or self.applicant.email

    @property
    def is_editable(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    def language_labels(self) -> list[str]:
        from home.choices import IndianLanguage

        labels = dict(IndianLanguage.choices)
        return [str(labels.get(code, code)) for code in self.languages or []]


class ComputeStatusChange(AbstractStatusChange):
    application = models.ForeignKey(
        ComputeApplication, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=ApplicationStatus.choices
    )
    to_status = models.CharField(
        _("to"), max_length=20, choices=ApplicationStatus.choices
    )

    class Meta(AbstractStatusChange.Meta):
        pass


# Review: the shared machinery's tables for calls (review.models) -----------------
class ComputeReview(AbstractReview):
    application = models.ForeignKey(
        ComputeApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )

    class Meta(AbstractReview.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                name="one_compute_review_per_reviewer",
            )
        ]


class ComputeReviewReminder(AbstractReviewReminder):
    call = models.ForeignKey(
        CallPage, on_delete=models.CASCADE, related_name="review_reminders"
    )

    class Meta(AbstractReviewReminder.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["call", "reviewer"], name="one_review_reminder_per_call"
            )
        ]


class ComputeSelectionQuerySet(models.QuerySet):
    def granted(self):
        """Accepted applications with GPU-hours allocated: the grants."""
        return self.filter(
            application__status=ApplicationStatus.ACCEPTED,
            gpu_hours_allocated__gt=0,
        )

    def listed(self):
        """Grants their grantees chose to show on the public list."""
        return self.granted().filter(application__listed_publicly=True)


class ComputeSelection(AbstractSelection):
    """Staff's side of an application: the staged decision and the grant."""

    application = models.OneToOneField(
        ComputeApplication, on_delete=models.CASCADE, related_name="selection"
    )
    staged_status = models.CharField(
        _("staged decision"),
        max_length=20,
        choices=ApplicationStatus.choices,
        blank=True,
    )
    allocated_at = models.DateTimeField(_("allocated"), null=True, blank=True)

    objects = ComputeSelectionQuerySet.as_manager()

    class Meta(AbstractSelection.Meta):
        verbose_name = _("compute selection")
        permissions = [
            ("assign_reviewers", _("Can assign reviewers")),
            ("decide_application", _("Can stage and send decisions")),
            ("allocate_compute", _("Can allocate compute")),
        ]


class ComputeDecisionEmail(AbstractDecisionEmail):
    application = models.ForeignKey(
        ComputeApplication, on_delete=models.CASCADE, related_name="decision_emails"
    )

    class Meta(AbstractDecisionEmail.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["application", "status", "recipient"],
                name="one_compute_decision_email_per_recipient",
            )
        ]


class ComputeDecisionTemplate(AbstractDecisionTemplate):
    """The email for one decision in one call. Placeholders: {applicant},
    {call}, {url}."""

    call = models.ForeignKey(
        CallPage,
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="decision_templates",
    )
    decision = models.CharField(
        _("decision"),
        max_length=20,
        choices=[
            (status, ApplicationStatus(status).label) for status in DECISION_STATUSES
        ],
    )

    panels = [
        FieldPanel("call"),
        FieldPanel("decision"),
        FieldPanel("subject_en"),
        FieldPanel("body_en", help_text=_("Placeholders: {applicant}, {call}, {url}.")),
        FieldPanel("subject_hi"),
        FieldPanel("body_hi", help_text=_("Placeholders: {applicant}, {call}, {url}.")),
        FieldPanel("subject_ta"),
        FieldPanel("body_ta", help_text=_("Placeholders: {applicant}, {call}, {url}.")),
    ]

    class Meta(AbstractDecisionTemplate.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["call", "decision"], name="one_compute_template_per_decision"
            )
        ]

    def __str__(self):
        return f"{self.call} – {self.get_decision_display()}"


# Usage reports ---------------------------------------------------------------------
class UsageReportQuerySet(OwnedQuerySet):
    owner_path = "application__applicant"


class UsageReport(models.Model):
    """What a grantee did with the hours by one of the call's report dates."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        ComputeApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="usage_reports",
    )
    due_on = models.DateField(_("due on"))
    hours_used = models.PositiveIntegerField(_("GPU-hours used"), null=True, blank=True)
    summary = models.TextField(_("what you did"), max_length=3000, blank=True)
    submitted_at = models.DateTimeField(_("filed"), null=True, blank=True)
    # The marker of the reminder: set once, under a row lock.
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    # The applicant's own submitted assessment (responsible.attach), shown to
    # staff who read the report; cleared if its owner's account goes.
    self_assessment = models.ForeignKey(
        "responsible.SelfAssessment",
        verbose_name=_("responsible-AI self-assessment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = UsageReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("usage report")
        verbose_name_plural = _("usage reports")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "due_on"], name="one_usage_report_per_date"
            )
        ]

    def __str__(self):
        return f"{self.application}: {self.due_on}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("compute:report", kwargs={"uuid": self.uuid})


class ReportOutput(models.Model):
    """Something the compute produced: a paper, model, dataset or code."""

    report = models.ForeignKey(
        UsageReport, on_delete=models.CASCADE, related_name="outputs"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OutputKind.choices)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500)

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["pk"]

    def __str__(self):
        return self.title
