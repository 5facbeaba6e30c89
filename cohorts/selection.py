"""Selection: reviewer assignment, reviews and their scores, decisions, compute.

Each write is one function: keyword-only arguments, one transaction, a
`SelectionError` (already translated) when refused, emails queued on commit.
Status changes go through `services.change_application_status`, nowhere else.
"""

import datetime as dt
import logging
import statistics
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import (
    DECISION_STATUSES,
    ApplicationStatus,
    Recommendation,
    ReviewStatus,
    can_transition,
)
from .models import (
    Application,
    CohortPage,
    Review,
    ReviewReminder,
    RubricCriterion,
    Selection,
)
from .services import ApplicationError, change_application_status

logger = logging.getLogger("coe.cohorts")

# A standard deviation of review scores (0–100) at or above this is flagged.
DISAGREEMENT_THRESHOLD = 20.0
REVIEWER_PERMISSION = "cohorts.add_review"
# Reviewers with reviews still due are reminded this long before the deadline.
REVIEW_REMINDER_BEFORE = dt.timedelta(days=2)


class SelectionError(ApplicationError):
    """A selection step refused for a reason staff can read."""


def _tasks():
    from . import tasks

    return tasks


# Rubric and scores ------------------------------------------------------------
def criteria_of(cohort: CohortPage) -> list[RubricCriterion]:
    """The rubric of a cohort, from its page in the default language."""
    return list(cohort.canonical().rubric_criteria.all())


def review_score(criteria, scores: dict) -> float | None:
    """Weighted mean of the criteria, each scaled to 0–100 by its maximum."""
    total_weight = sum(c.weight for c in criteria)
    if not criteria or not total_weight:
        return None
    points = 0.0
    for criterion in criteria:
        value = scores.get(str(criterion.pk))
        if value is None:
            return None
        points += criterion.weight * (float(value) / criterion.max_score)
    return round(100 * points / total_weight, 2)


@dataclass(frozen=True)
class Aggregate:
    count: int
    mean: float | None
    median: float | None
    stdev: float | None

    @property
    def disagreement(self) -> bool:
        return self.stdev is not None and self.stdev >= DISAGREEMENT_THRESHOLD


def aggregate(scores) -> Aggregate:
    """Mean, median and (population) standard deviation of review scores."""
    values = [float(s) for s in scores if s is not None]
    if not values:
        return Aggregate(0, None, None, None)
    return Aggregate(
        count=len(values),
        mean=round(statistics.fmean(values), 2),
        median=round(statistics.median(values), 2),
        stdev=round(statistics.pstdev(values), 2),
    )


def aggregates_for(applications) -> dict[int, Aggregate]:
    """Aggregates of submitted reviews by application id, in one query."""
    by_application: dict[int, list[float]] = {a.pk: [] for a in applications}
    for application_id, score in (
        Review.objects.submitted()
        .filter(application__in=list(by_application))
        .values_list("application_id", "score")
    ):
        by_application[application_id].append(score)
    return {pk: aggregate(scores) for pk, scores in by_application.items()}


def ranking(cohort: CohortPage) -> list[tuple[Application, Aggregate]]:
    """Submitted-or-later applications of a cohort, best mean first."""
    applications = list(
        Application.objects.filter(cohort=cohort.canonical())
        .exclude(status__in=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN])
        .select_related("startup")
    )
    stats = aggregates_for(applications)
    rows = [(a, stats[a.pk]) for a in applications]
    rows.sort(key=lambda row: (row[1].mean is None, -(row[1].mean or 0), row[0].pk))
    return rows


def in_review(cohort: CohortPage) -> list[Application]:
    """Applications of a cohort that can still be given reviewers."""
    return list(
        Application.objects.filter(
            cohort=cohort.canonical(),
            status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW],
        ).order_by("submitted_at", "pk")
    )


# Reviewers and assignment -------------------------------------------------------
def is_reviewer(user) -> bool:
    """May be given reviews: the permission, whether or not it counts yet (a
    reviewer sets up two-factor before opening the admin, not before being
    assigned work)."""
    return (
        user.is_authenticated
        and user.is_active
        and user.has_perm_before_second_factor(REVIEWER_PERMISSION)
    )


def conflicted_startups(reviewer) -> set[int]:
    return set(
        Review.objects.filter(
            reviewer=reviewer, status=ReviewStatus.CONFLICT
        ).values_list("application__startup_id", flat=True)
    )


def _assign(application: Application, reviewer, by) -> Review | None:
    if application.startup_id in conflicted_startups(reviewer):
        return None
    review, created = Review.objects.get_or_create(
        application=application,
        reviewer=reviewer,
        defaults={"assigned_by": by},
    )
    if application.status == ApplicationStatus.SUBMITTED:
        change_application_status(application, to=ApplicationStatus.IN_REVIEW, by=by)
        application.status = ApplicationStatus.IN_REVIEW
    return review if created else None


def _check_assignable(applications, reviewers):
    for reviewer in reviewers:
        if not is_reviewer(reviewer):
            raise SelectionError(
                _("%(user)s is not in the Reviewers group.") % {"user": reviewer}
            )
    for application in applications:
        if application.status not in (
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.IN_REVIEW,
        ):
            raise SelectionError(
                _("Only submitted applications can be given reviewers.")
            )


def _notify_assigned(reviews) -> None:
    """On commit, one email per reviewer listing what this action gave them."""
    by_reviewer = {}
    for review in reviews:
        by_reviewer.setdefault(review.reviewer_id, []).append(review.pk)
    for reviewer_pk, pks in by_reviewer.items():
        transaction.on_commit(
            lambda r=reviewer_pk, p=pks: _tasks().email_reviews_assigned.enqueue(r, p)
        )


def assign_reviewers(applications, *, reviewers, by) -> int:
    """Assign every reviewer to every application (one by one or in bulk).

    Skips pairs already assigned and startups a reviewer declared a conflict
    with; a submitted application moves into review. Each reviewer given new
    work gets one email listing it. Returns the number of new assignments.
    """
    applications = list(applications)
    reviewers = list(reviewers)
    with transaction.atomic():
        _check_assignable(applications, reviewers)
        new = [
            review
            for application in applications
            for reviewer in reviewers
            if (review := _assign(application, reviewer, by))
        ]
        made = len(new)
        _notify_assigned(new)
    logger.info("%d review assignments by %s", made, getattr(by, "pk", None))
    return made


def assign_automatically(applications, *, reviewers, per_application: int, by) -> int:
    """Give each application `per_application` reviewers, spreading the load.

    Each application in turn takes the reviewers with the fewest assignments
    in its cohort so far (ties by id), never one already on it or conflicted
    with its startup. With 30 applications, 5 reviewers and 3 each, every
    reviewer gets 18, in one email each. Returns the number of new assignments.
    """
    applications = list(applications)
    reviewers = sorted(reviewers, key=lambda user: user.pk)
    if per_application < 1:
        raise SelectionError(_("Each application needs at least one reviewer."))
    with transaction.atomic():
        _check_assignable(applications, reviewers)
        cohorts = {a.cohort_id for a in applications}
        load = Counter(
            Review.objects.filter(
                application__cohort_id__in=cohorts, reviewer__in=reviewers
            )
            .exclude(status=ReviewStatus.CONFLICT)
            .values_list("reviewer_id", flat=True)
        )
        conflicts = {r.pk: conflicted_startups(r) for r in reviewers}
        rows = Review.objects.filter(application__in=applications)
        existing = set(rows.values_list("application_id", "reviewer_id"))
        active = Counter(
            rows.exclude(status=ReviewStatus.CONFLICT).values_list(
                "application_id", flat=True
            )
        )
        new = []
        for application in applications:
            already = active[application.pk]
            candidates = [
                r
                for r in reviewers
                if (application.pk, r.pk) not in existing
                and application.startup_id not in conflicts[r.pk]
            ]
            candidates.sort(key=lambda r: (load[r.pk], r.pk))
            for reviewer in candidates[: max(per_application - already, 0)]:
                if review := _assign(application, reviewer, by):
                    load[reviewer.pk] += 1
                    new.append(review)
        made = len(new)
        _notify_assigned(new)
    logger.info("automatic assignment: %d reviews by %s", made, getattr(by, "pk", None))
    return made


# Reviewing ----------------------------------------------------------------
def submit_review(
    review: Review,
    *,
    by,
    scores: dict,
    comment: str = "",
    recommendation: str = "",
) -> Review:
    """Score an assigned application against its cohort's rubric.

    Locks the review; every criterion needs a whole score from 0 to its
    maximum. A submitted review can be revised until a decision is sent.
    """
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.reviewer_id != by.pk:
            raise SelectionError(_("This review is assigned to someone else."))
        if review.status == ReviewStatus.CONFLICT:
            raise SelectionError(_("You declared a conflict with this startup."))
        application = review.application
        if application.is_decided or application.status == ApplicationStatus.WITHDRAWN:
            raise SelectionError(_("This application has been decided."))
        criteria = criteria_of(application.cohort)
        if not criteria:
            raise SelectionError(_("This cohort has no rubric yet."))
        clean = {}
        for criterion in criteria:
            try:
                value = int(scores.get(str(criterion.pk)))
            except (TypeError, ValueError):
                value = None
            if value is None or not 0 <= value <= criterion.max_score:
                raise SelectionError(
                    _("Give %(name)s a score from 0 to %(max)d.")
                    % {"name": criterion.name, "max": criterion.max_score}
                )
            clean[str(criterion.pk)] = value
        if recommendation and recommendation not in Recommendation.values:
            raise SelectionError(_("Choose a recommendation from the list."))
        review.scores = clean
        review.score = review_score(criteria, clean)
        review.comment = comment
        review.recommendation = recommendation
        review.status = ReviewStatus.SUBMITTED
        review.submitted_at = timezone.now()
        review.save()
    logger.info("review %s submitted by %s", review.pk, by.pk)
    return review


def reviewers():
    """Active users who may review (the Reviewers group or the permission)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    permission = Permission.objects.filter(
        content_type__app_label="cohorts", codename="add_review"
    ).first()
    return (
        get_user_model()
        .objects.filter(
            Q(groups__permissions=permission) | Q(user_permissions=permission),
            is_active=True,
        )
        .distinct()
        .order_by("email")
    )


def _reassign(application: Application) -> Review | None:
    """Give the application to the reviewer with the fewest reviews in its
    cohort who is not on it yet and has no conflict with its startup; tell
    them on commit. None when there is no one left."""
    # Already on it, or conflicted with its startup (in any cohort).
    taken = set(
        Review.objects.filter(
            Q(application=application)
            | Q(
                application__startup_id=application.startup_id,
                status=ReviewStatus.CONFLICT,
            )
        ).values_list("reviewer_id", flat=True)
    )
    load = Counter(
        Review.objects.filter(application__cohort_id=application.cohort_id)
        .exclude(status=ReviewStatus.CONFLICT)
        .values_list("reviewer_id", flat=True)
    )
    candidates = list(reviewers().exclude(pk__in=taken))
    if not candidates:
        logger.warning("application %s: no reviewer left to reassign", application.pk)
        return None
    chosen = min(candidates, key=lambda user: (load[user.pk], user.pk))
    review = Review.objects.create(application=application, reviewer=chosen)
    transaction.on_commit(
        lambda pk=review.pk: _tasks().email_review_reassigned.enqueue(pk)
    )
    return review


def declare_conflict(review: Review, *, by, note: str = "") -> Review:
    """The reviewer steps aside; they are never assigned this startup again.

    The application goes to another reviewer (`_reassign`), who is emailed.
    Locks the review and works on the row as it is then: one removed meanwhile
    (its application or reviewer deleted) is refused, never written back.
    """
    with transaction.atomic():
        review = Review.objects.select_for_update().filter(pk=review.pk).first()
        if review is None:
            raise SelectionError(_("This review no longer exists."))
        if review.reviewer_id != by.pk:
            raise SelectionError(_("This review is assigned to someone else."))
        review.status = ReviewStatus.CONFLICT
        # Nothing of a review already submitted speaks for the startup any more.
        review.scores = {}
        review.score = None
        review.recommendation = ""
        review.submitted_at = None
        review.comment = note
        review.save()
        _reassign(review.application)
    logger.info("review %s: conflict declared by %s", review.pk, by.pk)
    return review


def send_review_reminders(*, now=None) -> int:
    """Remind each reviewer with reviews still due in a cohort whose review
    deadline is within REVIEW_REMINDER_BEFORE, once per cohort.

    The ReviewReminder row (unique per cohort and reviewer) is the marker: a
    second run, or two at once, finds it and sends nothing. Returns the number
    of reminders queued.
    """
    now = now or timezone.now()
    due = (
        Review.objects.filter(
            status=ReviewStatus.ASSIGNED,
            application__cohort__review_deadline__gt=now,
            application__cohort__review_deadline__lte=now + REVIEW_REMINDER_BEFORE,
        )
        .values_list("application__cohort_id", "reviewer_id")
        .distinct()
    )
    sent = 0
    for cohort_pk, reviewer_pk in due:
        with transaction.atomic():
            reminder, created = ReviewReminder.objects.get_or_create(
                cohort_id=cohort_pk, reviewer_id=reviewer_pk, defaults={"sent_at": now}
            )
            if created:
                transaction.on_commit(
                    lambda pk=reminder.pk: _tasks().email_review_reminder.enqueue(pk)
                )
                sent += 1
    if sent:
        logger.info("review reminders sent: %d", sent)
    return sent


def can_see_other_reviews(application: Application, user) -> bool:
    """Managers always; a reviewer once their own review is submitted."""
    if user.has_perm("cohorts.view_application"):
        return True
    return Review.objects.filter(
        application=application, reviewer=user, status=ReviewStatus.SUBMITTED
    ).exists()


# Decisions -------------------------------------------------------------------
def selection_of(application: Application) -> Selection:
    selection, _created = Selection.objects.get_or_create(application=application)
    return selection


def stage_decision(application: Application, *, to: str, by) -> Selection:
    """Record the decision to send later; nothing changes for the applicant yet."""
    if to not in DECISION_STATUSES:
        raise SelectionError(_("Choose shortlist, accept, waitlist or reject."))
    if not can_transition(application.status, to):
        raise SelectionError(
            _("%(startup)s cannot move from “%(from)s” to “%(to)s”.")
            % {
                "startup": application.startup.name,
                "from": application.get_status_display(),
                "to": ApplicationStatus(to).label,
            }
        )
    with transaction.atomic():
        selection, _created = Selection.objects.select_for_update().get_or_create(
            application=application
        )
        selection.staged_status = to
        selection.staged_by = by
        selection.staged_at = timezone.now()
        selection.save(update_fields=["staged_status", "staged_by", "staged_at"])
    return selection


def staged(cohort: CohortPage):
    return (
        Selection.objects.filter(application__cohort=cohort.canonical())
        .exclude(staged_status="")
        .select_related("application", "application__startup")
    )


def staged_with_recipients(cohort: CohortPage) -> list[tuple[Selection, list]]:
    """Every staged decision of a cohort, each with the people it would email
    (an empty list when the startup has no founder account to reach)."""
    from .emails import recipients_of

    return [(s, recipients_of(s.application.startup)) for s in staged(cohort)]


def send_decisions(cohort: CohortPage, *, by) -> tuple[int, list[str]]:
    """Apply every staged decision of a cohort and email each applicant once.

    Each staged row is locked and cleared in the same transaction as its status
    change, so a second send (or two managers at once) finds nothing to send.
    A decision with no one to email stays staged (a problem says why) until a
    founder account is added. Returns (sent, problems).
    """
    from .emails import recipients_of

    sent, problems = 0, []
    for selection in staged(cohort):
        try:
            with transaction.atomic():
                locked = Selection.objects.select_for_update().get(pk=selection.pk)
                if not locked.staged_status:
                    continue
                if not recipients_of(locked.application.startup):
                    raise SelectionError(_("no one to email: add a founder account."))
                to = locked.staged_status
                change_application_status(
                    locked.application, to=to, by=by, note=_("Decision sent.")
                )
                locked.staged_status = ""
                locked.save(update_fields=["staged_status"])
                pk = locked.application_id
                transaction.on_commit(
                    lambda pk=pk, to=to: _tasks().email_decision.enqueue(pk, to)
                )
                sent += 1
        except ApplicationError as error:
            problems.append(f"{selection.application.startup.name}: {error.message}")
    logger.info("decisions sent for cohort %s: %d", cohort.pk, sent)
    return sent, problems


# After acceptance ------------------------------------------------------------
def allocate_compute(application: Application, *, gpu_hours: int, by) -> Selection:
    """Record the GPU-hours allocated to an accepted startup."""
    if application.status != ApplicationStatus.ACCEPTED:
        raise SelectionError(_("Compute is allocated to accepted startups only."))
    if gpu_hours < 0:
        raise SelectionError(_("Enter a number of GPU-hours of 0 or more."))
    with transaction.atomic():
        selection = Selection.objects.select_for_update().get(
            pk=selection_of(application).pk
        )
        selection.gpu_hours_allocated = gpu_hours
        selection.save(update_fields=["gpu_hours_allocated"])
    logger.info(
        "application %s: %d GPU-hours allocated by %s",
        application.uuid,
        gpu_hours,
        by.pk,
    )
    return selection


def compute_totals(cohort: CohortPage) -> dict:
    """GPU-hours requested and allocated over a cohort's accepted startups."""
    accepted = Application.objects.filter(
        cohort=cohort.canonical(), status=ApplicationStatus.ACCEPTED
    )
    return {
        "requested": accepted.aggregate(total=Sum("compute_gpu_hours"))["total"] or 0,
        "allocated": accepted.aggregate(total=Sum("selection__gpu_hours_allocated"))[
            "total"
        ]
        or 0,
    }


def set_alumni_listing(
    application: Application, *, user, listed: bool, line: str = ""
) -> Selection:
    """An accepted startup joins (or leaves) the cohort's public alumni list."""
    if not application.startup.can_edit(user):
        raise SelectionError(_("You cannot change this startup's listing."))
    if application.status != ApplicationStatus.ACCEPTED:
        raise SelectionError(_("Only accepted startups can join the alumni list."))
    with transaction.atomic():
        selection = Selection.objects.select_for_update().get(
            pk=selection_of(application).pk
        )
        selection.alumni_listed = listed
        selection.alumni_line = line.strip()[:160]
        selection.save(update_fields=["alumni_listed", "alumni_line"])
    return selection


def alumni_of(cohort: CohortPage):
    return (
        Selection.objects.filter(
            application__cohort=cohort.canonical(),
            application__status=ApplicationStatus.ACCEPTED,
            alumni_listed=True,
            application__startup__anonymised_at__isnull=True,
        )
        .select_related("application__startup")
        .order_by("application__startup__name")
    )
