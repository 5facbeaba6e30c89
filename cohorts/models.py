"""Cohort pages, startups, applications and their status history."""

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
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyBlock
from home.facts import PAGE_FACTS, PAGE_TEXT, facts, text
from home.models import language_choices
from home.privacy import RestrictionsCoverTranslations, public
from home.timefmt import IST_HINT
from home.translations import listed_under
from review.models import (
    AbstractDecisionEmail,
    AbstractDecisionTemplate,
    AbstractReview,
    AbstractReviewReminder,
    AbstractRubricCriterion,
    AbstractSelection,
    AbstractStatusChange,
    ReviewQuerySet,  # noqa: F401 -- importable here, where it was
)

from .blocks import FAQBlock, QuestionsBlock
from .enums import (
    DECIDED_STATUSES,
    EDITABLE_STATUSES,
    ApplicationStatus,
    IndianLanguage,
    IndianState,
    MembershipRole,
    Sector,
    StartupStage,
)
from .files import private_storage
from .timeutils import end_of_day, start_of_day


class CohortPhase(models.TextChoices):
    UPCOMING = "upcoming", _("Opening soon")
    OPEN = "open", _("Open for applications")
    SELECTION = "selection", _("Selection in progress")
    RUNNING = "running", _("Programme running")
    PAST = "past", _("Completed")


GROUP_ORDER = [
    CohortPhase.OPEN,
    CohortPhase.UPCOMING,
    CohortPhase.SELECTION,
    CohortPhase.RUNNING,
    CohortPhase.PAST,
]


def group_cohorts(cohorts, now=None):
    """[(phase, label, [cohort, ...]), ...]: open calls first, then the rest."""
    now = now or timezone.now()
    groups = {phase: [] for phase in GROUP_ORDER}
    for cohort in cohorts.select_related("image"):
        groups[cohort.phase(now)].append(cohort)
    groups[CohortPhase.OPEN].sort(key=lambda c: c.applications_close_at)
    groups[CohortPhase.UPCOMING].sort(key=lambda c: c.applications_open_at)
    for phase in (CohortPhase.SELECTION, CohortPhase.RUNNING, CohortPhase.PAST):
        groups[phase].sort(key=lambda c: c.programme_starts_on, reverse=True)
    return [
        (phase, CohortPhase(phase).label, groups[phase])
        for phase in GROUP_ORDER
        if groups[phase]
    ]


class CohortIndexPage(RestrictionsCoverTranslations, RoutablePageMixin, Page):
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    translatable_fields = PAGE_TEXT + text("slug", "intro") + PAGE_FACTS

    parent_page_types = ["home.HomePage"]
    subpage_types = ["cohorts.CohortPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("cohorts index page")

    @re_path(r"^alumni/$")
    def alumni(self, request):
        from .alumni import alumni_directory

        return alumni_directory(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Cohorts not translated into this page's language yet are listed too.
        cohorts = listed_under(public(CohortPage.objects.live()), self)
        context["groups"] = group_cohorts(cohorts)
        return context


class CohortPage(RestrictionsCoverTranslations, Page):
    theme = models.CharField(
        _("theme"),
        max_length=200,
        help_text=_(
            "For example: Indic-language LLMs, speech for low-resource languages."
        ),
    )
    summary = models.TextField(_("summary"), max_length=600)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    applications_open_at = models.DateTimeField(_("applications open"))
    applications_close_at = models.DateTimeField(
        _("applications close"), help_text=_("Exact to the minute, in IST.")
    )
    selection_announced_on = models.DateField(_("selection announced"))
    programme_starts_on = models.DateField(_("programme starts"))
    programme_ends_on = models.DateField(_("programme ends"))

    eligibility = RichTextField(
        _("eligibility"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    compute_gpu_hours = models.PositiveIntegerField(
        _("compute credits (GPU-hours per startup)"), default=0
    )
    compute_budget_gpu_hours = models.PositiveIntegerField(
        _("compute budget (GPU-hours for the whole cohort)"),
        null=True,
        blank=True,
        help_text=_("Allocations above it are refused. Empty: no limit."),
    )
    mentoring = models.TextField(_("mentoring"), blank=True)
    model_access = models.TextField(_("model access"), blank=True)
    other_benefits = RichTextField(
        _("other benefits"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    focus_languages = models.CharField(
        _("focus languages"),
        max_length=300,
        blank=True,
        help_text=_(
            "For example: Assamese, Bodo, Santali and other low-resource languages."
        ),
    )
    places = models.PositiveIntegerField(
        _("number of places"), validators=[MinValueValidator(1)], default=10
    )
    faq = StreamField(FAQBlock(), verbose_name=_("FAQ"), blank=True)
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
        help_text=_(
            "Hide the startup's name, founders, website and deck file name from "
            "reviewers."
        ),
    )
    review_deadline = models.DateTimeField(
        _("review deadline"),
        null=True,
        blank=True,
        help_text=_("Reviewers with reviews still due are reminded two days before."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("theme"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("applications_open_at", help_text=IST_HINT),
                        FieldPanel(
                            "applications_close_at",
                            help_text=_(
                                "Exact to the minute. "
                                "India Standard Time (IST, UTC+5:30)."
                            ),
                        ),
                    ]
                ),
                FieldPanel("selection_announced_on"),
                FieldRowPanel(
                    [FieldPanel("programme_starts_on"), FieldPanel("programme_ends_on")]
                ),
            ],
            heading=_("Timeline"),
        ),
        FieldPanel("eligibility"),
        MultiFieldPanel(
            [
                FieldPanel("compute_gpu_hours"),
                FieldPanel("compute_budget_gpu_hours"),
                FieldPanel("mentoring"),
                FieldPanel("model_access"),
                FieldPanel("other_benefits"),
            ],
            heading=_("Benefits"),
        ),
        FieldPanel("focus_languages"),
        FieldPanel("places"),
        FieldPanel("faq"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldPanel("anonymised_review"),
                FieldPanel("review_deadline"),
                InlinePanel("rubric_criteria", label=_("Rubric criteria")),
            ],
            heading=_("Selection"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("theme"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("eligibility"),
        index.SearchField("focus_languages"),
    ]
    # Text is translated; every fact is shared by all translations (home.facts).
    translatable_fields = (
        PAGE_TEXT
        + text(
            "slug",
            "theme",
            "summary",
            "body",
            "eligibility",
            "mentoring",
            "model_access",
            "other_benefits",
            "focus_languages",
            "faq",
            "questions",
        )
        + PAGE_FACTS
        + facts(
            "image",
            "applications_open_at",
            "applications_close_at",
            "selection_announced_on",
            "programme_starts_on",
            "programme_ends_on",
            "compute_gpu_hours",
            "compute_budget_gpu_hours",
            "places",
            "anonymised_review",
            "review_deadline",
        )
        # Staff-only: selection reads the rubric of the source (canonical()).
        + [SynchronizedField("rubric_criteria")]
    )

    parent_page_types = ["cohorts.CohortIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("cohort page")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if (
            self.applications_open_at
            and self.applications_close_at
            and self.applications_close_at <= self.applications_open_at
        ):
            errors["applications_close_at"] = _(
                "Applications must close after they open."
            )
        if (
            self.programme_starts_on
            and self.programme_ends_on
            and self.programme_ends_on < self.programme_starts_on
        ):
            errors["programme_ends_on"] = _("The programme must end after it starts.")
        if errors:
            raise ValidationError(errors)

    # Phases and timeline --------------------------------------------------
    def phase(self, now: dt.datetime | None = None) -> str:
        now = now or timezone.now()
        if now < self.applications_open_at:
            return CohortPhase.UPCOMING
        if now < self.applications_close_at:
            return CohortPhase.OPEN
        if now < start_of_day(self.programme_starts_on):
            return CohortPhase.SELECTION
        if now < end_of_day(self.programme_ends_on):
            return CohortPhase.RUNNING
        return CohortPhase.PAST

    def phase_label(self):
        return CohortPhase(self.phase()).label

    def is_open(self, now: dt.datetime | None = None) -> bool:
        return self.phase(now) == CohortPhase.OPEN

    def timeline(self, now: dt.datetime | None = None):
        """Milestones, each 'past', 'current' or 'future'; one at most is current."""
        now = now or timezone.now()
        milestones = [
            (_("Applications open"), self.applications_open_at, True),
            (_("Applications close"), self.applications_close_at, True),
            (
                _("Selection announced"),
                start_of_day(self.selection_announced_on),
                False,
            ),
            (_("Programme starts"), start_of_day(self.programme_starts_on), False),
            (_("Programme ends"), end_of_day(self.programme_ends_on), False),
        ]
        items = []
        current_index = None
        for index_, (_label, when, _exact) in enumerate(milestones):
            if when <= now:
                current_index = index_
        for index_, (label, when, exact) in enumerate(milestones):
            if current_index is not None and index_ < current_index:
                state = "past"
            elif index_ == current_index:
                state = "current"
            else:
                state = "future"
            if index_ == len(milestones) - 1 and when <= now:
                state = "past"
            items.append(
                {
                    "label": label,
                    "when": when,
                    "exact": exact,
                    "date": when.date() if not exact else None,
                    "state": state,
                }
            )
        # The programme's last day is shown as a date, not the midnight after it.
        items[-1]["date"] = self.programme_ends_on
        items[2]["date"] = self.selection_announced_on
        items[3]["date"] = self.programme_starts_on
        return items

    @cached_property
    def question_list(self):
        """The questions as plain dicts: id, type, label, help_text, required..."""
        from .questions import questions_of

        return questions_of(self)

    def canonical(self) -> "CohortPage":
        """The cohort in the default language: applications point at it."""
        from wagtail.models import Locale

        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        original = CohortPage.objects.filter(
            translation_key=self.translation_key,
            locale=Locale.get_default(),
        ).first()
        return original or self

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["now"] = timezone.now()
        return context


dpiit_validator = RegexValidator(
    r"^DIPP\d{1,10}$",
    _("Enter the DPIIT recognition number as DIPP followed by digits, e.g. DIPP12345."),
)


INVITATION_VALID_FOR = dt.timedelta(days=7)


class StartupQuerySet(models.QuerySet):
    def editable_by(self, user):
        """Startups the user owns or co-edits (an accepted invitation)."""
        if not user.is_authenticated:
            return self.none()
        joined = StartupMembership.objects.filter(
            user=user, accepted_at__isnull=False
        ).values("startup")
        return self.filter(anonymised_at__isnull=True).filter(
            models.Q(owner=user) | models.Q(pk__in=joined)
        )

    def visible_to(self, user):
        """Editable ones, or every startup for staff with `cohorts.view_startup`."""
        if user.is_authenticated and user.has_perm("cohorts.view_startup"):
            return self.filter(anonymised_at__isnull=True)
        return self.editable_by(user)


class Startup(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_startups",
    )
    name = models.CharField(_("startup name"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    dpiit_number = models.CharField(
        _("DPIIT recognition number"),
        max_length=20,
        blank=True,
        validators=[dpiit_validator],
        help_text=_("Optional. DIPP followed by digits, e.g. DIPP12345."),
    )
    incorporation_date = models.DateField(
        _("date of incorporation"), null=True, blank=True
    )
    state = models.CharField(
        _("state or union territory"), max_length=3, choices=IndianState.choices
    )
    city = models.CharField(_("city"), max_length=100)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    stage = models.CharField(_("stage"), max_length=20, choices=StartupStage.choices)
    team_size = models.PositiveIntegerField(
        _("team size"), validators=[MinValueValidator(1)], default=1
    )
    languages = models.JSONField(_("Indian languages served"), default=list, blank=True)
    description = models.TextField(_("short description"), max_length=1000)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    # Bumped by every save through the forms: the second of two editors is told.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # The token of the form that created it: the same form posted twice makes one.
    creation_token = models.UUIDField(
        null=True, blank=True, unique=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StartupQuerySet.as_manager()

    class Meta:
        verbose_name = _("startup")
        verbose_name_plural = _("startups")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def language_labels(self):
        labels = dict(IndianLanguage.choices)
        return [str(labels.get(code, code)) for code in self.languages or []]

    def can_edit(self, user) -> bool:
        return Startup.objects.editable_by(user).filter(pk=self.pk).exists()

    def is_owned_by(self, user) -> bool:
        return user.is_authenticated and self.owner_id == user.pk


class Founder(models.Model):
    startup = models.ForeignKey(
        Startup, on_delete=models.CASCADE, related_name="founders"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("founder")
        verbose_name_plural = _("founders")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class StartupMembership(models.Model):
    """A co-founder invited by email to edit the startup with its owner."""

    startup = models.ForeignKey(
        Startup, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="startup_memberships",
    )
    email = models.EmailField(_("email"))
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=MembershipRole.choices,
        default=MembershipRole.MEMBER,
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When the link was last sent: it is valid for INVITATION_VALID_FOR after that.
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("startup member")
        verbose_name_plural = _("startup members")
        constraints = [
            models.UniqueConstraint(
                fields=["startup", "email"], name="unique_startup_member_email"
            )
        ]

    def __str__(self):
        return f"{self.email} ({self.startup})"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None

    @property
    def expires_at(self) -> dt.datetime:
        return self.invited_at + INVITATION_VALID_FOR

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        return self.is_pending and self.expires_at <= (now or timezone.now())


def deck_upload_to(instance, filename):
    # A random name: nothing about the startup is guessable from the path.
    return f"decks/{instance.uuid}/{uuid.uuid4().hex}.pdf"


class ApplicationQuerySet(models.QuerySet):
    def editable_by(self, user):
        """Applications of startups the user owns or co-edits: the applicant's side."""
        return self.filter(startup__in=Startup.objects.editable_by(user))

    def for_user(self, user):
        return self.editable_by(user)

    def visible_to(self, user):
        """Editable ones, or all, read-only, for staff with `cohorts.view_application`."""
        if user.is_authenticated and user.has_perm("cohorts.view_application"):
            return self.all()
        return self.editable_by(user)


class Application(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cohort = models.ForeignKey(
        CohortPage,
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    startup = models.ForeignKey(
        Startup,
        verbose_name=_("startup"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    answers = models.JSONField(
        _("answers"),
        default=dict,
        blank=True,
        help_text=_("Keyed by question id; each keeps the question's label and type."),
    )
    pitch_deck = models.FileField(
        _("pitch deck"),
        storage=private_storage,
        upload_to=deck_upload_to,
        blank=True,
        max_length=300,
    )
    pitch_deck_name = models.CharField(
        _("pitch deck file name"), max_length=255, blank=True
    )
    compute_gpu_hours = models.PositiveIntegerField(
        _("GPU-hours requested"), null=True, blank=True
    )
    compute_purpose = models.TextField(_("what the compute is for"), blank=True)
    # The startup's own submitted assessment (responsible.attach), shown to its
    # reviewers; cleared if its owner's account goes.
    self_assessment = models.ForeignKey(
        "responsible.SelfAssessment",
        verbose_name=_("responsible-AI self-assessment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_notice_version = models.CharField(
        _("privacy notice version consented to"), max_length=20, blank=True
    )
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    draft_reminder_sent_at = models.DateTimeField(
        _("draft reminder sent"), null=True, blank=True
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    language = models.CharField(
        _("language"),
        max_length=10,
        # A callable: switching a language on needs no migration.
        choices=language_choices,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language the startup last worked on the application in; "
            "its emails are sent in it."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["startup", "cohort"], name="one_application_per_cohort"
            )
        ]

    def __str__(self):
        return f"{self.startup} → {self.cohort}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("cohorts:application", kwargs={"uuid": self.uuid})

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED_STATUSES

    @property
    def can_withdraw(self) -> bool:
        from .enums import can_transition

        return can_transition(self.status, ApplicationStatus.WITHDRAWN)


class ApplicationStatusChange(AbstractStatusChange):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=ApplicationStatus.choices
    )
    to_status = models.CharField(
        _("to"), max_length=20, choices=ApplicationStatus.choices
    )

    class Meta(AbstractStatusChange.Meta):
        verbose_name = _("application status change")
        verbose_name_plural = _("application status changes")


# Selection: rubric, reviews, decisions, compute and alumni --------------------
# The fields and rules are review's (review.models, review.services); these are
# the cohorts' tables, tied to cohort pages and applications.
class RubricCriterion(AbstractRubricCriterion):
    """One criterion of a cohort's rubric; reviewers score each from 0 to max."""

    cohort = ParentalKey(
        CohortPage, on_delete=models.CASCADE, related_name="rubric_criteria"
    )

    class Meta(AbstractRubricCriterion.Meta):
        pass


class Review(AbstractReview):
    """A reviewer's assignment to an application, and then their scores."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )

    class Meta(AbstractReview.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_review_per_reviewer"
            )
        ]


class ReviewReminder(AbstractReviewReminder):
    """A reviewer reminded of the reviews due in a cohort: once per cohort."""

    cohort = models.ForeignKey(
        CohortPage, on_delete=models.CASCADE, related_name="review_reminders"
    )

    class Meta(AbstractReviewReminder.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "reviewer"], name="one_review_reminder_per_cohort"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} ← {self.cohort_id}"


class Selection(AbstractSelection):
    """Staff's side of an application: staged decision, what was sent, compute,
    and after acceptance the alumni listing and the onboarding checklist."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="selection"
    )
    staged_status = models.CharField(
        _("staged decision"),
        max_length=20,
        choices=ApplicationStatus.choices,
        blank=True,
    )
    alumni_listed = models.BooleanField(
        _("listed in the alumni directory"), default=False
    )
    alumni_line = models.CharField(
        _("one line for the alumni directory"), max_length=160, blank=True
    )
    # Keys of the onboarding steps (`selection.ONBOARDING_STEPS`) ticked by founders.
    onboarding_done = models.JSONField(
        _("onboarding steps done"), default=list, blank=True
    )

    class Meta(AbstractSelection.Meta):
        permissions = [
            ("assign_reviewers", _("Can assign reviewers")),
            ("decide_application", _("Can stage and send decisions")),
        ]


class DecisionEmail(AbstractDecisionEmail):
    """A decision email sent: to whom, in which language, when. Sent once."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="decision_emails"
    )
    status = models.CharField(
        _("decision"), max_length=20, choices=ApplicationStatus.choices
    )

    class Meta(AbstractDecisionEmail.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["application", "status", "recipient"],
                name="one_decision_email_per_recipient",
            )
        ]


DECISION_PLACEHOLDERS = _("Placeholders: {startup}, {cohort}, {url}.")


class DecisionTemplate(AbstractDecisionTemplate):
    """The email for one decision in one cohort, in each of the site's languages.

    Placeholders: {startup}, {cohort}, {url}.
    """

    cohort = models.ForeignKey(
        CohortPage,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="decision_templates",
    )
    decision = models.CharField(
        _("decision"),
        max_length=20,
        choices=[
            (ApplicationStatus.SHORTLISTED, ApplicationStatus.SHORTLISTED.label),
            (ApplicationStatus.ACCEPTED, ApplicationStatus.ACCEPTED.label),
            (ApplicationStatus.WAITLISTED, ApplicationStatus.WAITLISTED.label),
            (ApplicationStatus.REJECTED, ApplicationStatus.REJECTED.label),
        ],
    )

    panels = [
        FieldPanel("cohort"),
        FieldPanel("decision"),
        FieldPanel("subject_en"),
        FieldPanel("body_en", help_text=DECISION_PLACEHOLDERS),
        FieldPanel("subject_hi"),
        FieldPanel("body_hi", help_text=DECISION_PLACEHOLDERS),
        FieldPanel("subject_ta"),
        FieldPanel("body_ta", help_text=DECISION_PLACEHOLDERS),
    ]

    class Meta(AbstractDecisionTemplate.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "decision"], name="one_template_per_decision"
            )
        ]

    def __str__(self):
        return f"{self.cohort} – {self.get_decision_display()}"
