"""Abstract models of review, one concrete set per programme.

A programme (cohorts, compute calls) subclasses each and adds what ties it to
its own models: the foreign key to its page or its submission, the status
choices of its submissions, and its unique constraints. The tables are the
programme's; the fields and the rules (`review.services`) are shared.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .enums import Recommendation, ReviewStatus


class AbstractRubricCriterion(Orderable):
    """One criterion of a programme's rubric; reviewers score each from 0 to max.

    The subclass adds a ParentalKey to its page, with
    `related_name="rubric_criteria"`."""

    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True, max_length=600)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1)]
    )
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), default=5, validators=[MinValueValidator(1)]
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("weight"), FieldPanel("max_score")]),
    ]

    class Meta(Orderable.Meta):
        abstract = True
        # Criteria made in code have no sort order: the id keeps their order the
        # same on every read (on PostgreSQL rows of equal order come back in any).
        ordering = ["sort_order", "pk"]
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self):
        return self.name


class ReviewQuerySet(models.QuerySet):
    def for_reviewer(self, user):
        """What `user` may open as a reviewer: their own assignments, given the
        permission to add reviews of this programme (`<app>.add_review`)."""
        meta = self.model._meta
        permission = f"{meta.app_label}.add_{meta.model_name}"
        if not user.is_authenticated or not user.has_perm(permission):
            return self.none()
        return self.filter(reviewer=user)

    def submitted(self):
        return self.filter(status=ReviewStatus.SUBMITTED)


class AbstractReview(models.Model):
    """A reviewer's assignment to a submission, and then their scores.

    The subclass adds `application` (a foreign key to its submission, with
    `related_name="reviews"`) and a unique constraint on it and `reviewer`."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="%(app_label)s_reviews",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.ASSIGNED,
        db_index=True,
    )
    scores = models.JSONField(
        _("scores"), default=dict, blank=True, help_text=_("Keyed by criterion id.")
    )
    score = models.FloatField(
        _("score (0–100)"),
        null=True,
        blank=True,
        help_text=_("Weighted mean of the criteria, each out of its maximum."),
    )
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
    recommendation = models.CharField(
        _("recommendation"),
        max_length=20,
        choices=Recommendation.choices,
        blank=True,
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        abstract = True
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["assigned_at", "pk"]

    def __str__(self):
        return f"{self.reviewer} → {self.application_id}"


class AbstractStatusChange(models.Model):
    """The log of every status change of a submission: who, when, from, to and
    why. The programme's one entry point for a status change writes it.

    The subclass adds `application` (a foreign key to its submission, with
    `related_name="status_changes"`) and gives `from_status` and `to_status`
    its status choices."""

    from_status = models.CharField(_("from"), max_length=20)
    to_status = models.CharField(_("to"), max_length=20)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        abstract = True
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class AbstractReviewReminder(models.Model):
    """A reviewer reminded of the reviews due in one programme, once.

    The subclass adds the foreign key to its page and a unique constraint on
    it and `reviewer`: the row is the marker that makes the job run once."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        abstract = True
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")


class AbstractSelection(models.Model):
    """Staff's side of a submission: the staged decision and the GPU-hours.

    The subclass adds `application` (a one-to-one key to its submission, with
    `related_name="selection"`) and gives `staged_status` its status choices."""

    staged_status = models.CharField(_("staged decision"), max_length=20, blank=True)
    staged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staged_at = models.DateTimeField(_("staged"), null=True, blank=True)
    gpu_hours_allocated = models.PositiveIntegerField(
        _("GPU-hours allocated"), null=True, blank=True
    )

    class Meta:
        abstract = True
        verbose_name = _("selection")

    def __str__(self):
        return str(self.application)


class AbstractDecisionEmail(models.Model):
    """A decision email sent: to whom, in which language, when. Sent once.

    The subclass adds `application` and a unique constraint on it, `status`
    and `recipient` (written before sending: a second run sends nothing)."""

    status = models.CharField(_("decision"), max_length=20)
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=300)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        abstract = True
        verbose_name = _("decision email")
        verbose_name_plural = _("decision emails")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.recipient}: {self.status}"


class AbstractDecisionTemplate(models.Model):
    """The email for one decision, in each of the site's languages.

    The subclass adds the foreign key to its page and `decision` (its
    decisions as choices); its panels name the placeholders it fills."""

    subject_en = models.CharField(_("subject (English)"), max_length=200)
    body_en = models.TextField(_("message (English)"))
    subject_hi = models.CharField(_("subject (Hindi)"), max_length=200)
    body_hi = models.TextField(_("message (Hindi)"))
    # Languages added later are optional: left empty, their readers get English.
    subject_ta = models.CharField(_("subject (Tamil)"), max_length=200, blank=True)
    body_ta = models.TextField(_("message (Tamil)"), blank=True)

    class Meta:
        abstract = True
        verbose_name = _("decision email template")
        verbose_name_plural = _("decision email templates")

    def message_in(self, language: str) -> tuple[str, str]:
        """(subject, body) in `language` (fields `subject_<code>`, `body_<code>`),
        or in English where that language has no text."""
        subject = getattr(self, f"subject_{language}", "")
        body = getattr(self, f"body_{language}", "")
        if subject and body:
            return subject, body
        return self.subject_en, self.body_en
