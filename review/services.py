"""The rules of review, the same for every programme: reviewer assignment,
conflicts, reviews and their scores, staged decisions, compute allocation.

Each function takes the programme's `ReviewSetup` (review.setup) first. Each
write is one function: keyword-only arguments, one transaction, the setup's
error (already translated) when refused, emails queued on commit. Status
changes go through the setup's `change_status`, nowhere else.
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

from .enums import Recommendation, ReviewStatus
from .setup import ReviewSetup

logger = logging.getLogger("coe.review")

# A standard deviation of review scores (0–100) at or above this is flagged.
DISAGREEMENT_THRESHOLD = 20.0
# Reviewers with reviews still due are reminded this long before the deadline.
REVIEW_REMINDER_BEFORE = dt.timedelta(days=2)


def _of_programme(setup: ReviewSetup, programme) -> dict:
    """Filter keywords: the submissions of `programme` (its canonical page)."""
    return {setup.programme_field: setup.canonical(programme)}


def _applicant_id(setup: ReviewSetup, submission):
    return getattr(submission, f"{setup.applicant_field}_id")


# Rubric and scores ------------------------------------------------------------
def criteria_of(setup: ReviewSetup, programme) -> list:
    """The rubric of a programme, from its page in the default language."""
    return list(setup.canonical(programme).rubric_criteria.all())


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


def aggregates_for(setup: ReviewSetup, submissions) -> dict[int, Aggregate]:
    """Aggregates of submitted reviews by submission id, in one query."""
    by_submission: dict[int, list[float]] = {s.pk: [] for s in submissions}
    for submission_id, score in (
        setup.review.objects.submitted()
        .filter(application__in=list(by_submission))
        .values_list("application_id", "score")
    ):
        by_submission[submission_id].append(score)
    return {pk: aggregate(scores) for pk, scores in by_submission.items()}


def ranking(setup: ReviewSetup, programme) -> list[tuple[object, Aggregate]]:
    """Submitted-or-later submissions of a programme, best mean first."""
    status = setup.statuses
    submissions = list(
        setup.submission.objects.filter(**_of_programme(setup, programme))
        .exclude(status__in=[status.DRAFT, status.WITHDRAWN])
        .select_related(setup.applicant_field)
    )
    stats = aggregates_for(setup, submissions)
    rows = [(s, stats[s.pk]) for s in submissions]
    rows.sort(key=lambda row: (row[1].mean is None, -(row[1].mean or 0), row[0].pk))
    return rows


def in_review(setup: ReviewSetup, programme) -> list:
    """Submissions of a programme that can still be given reviewers."""
    status = setup.statuses
    return list(
        setup.submission.objects.filter(
            **_of_programme(setup, programme),
            status__in=[status.SUBMITTED, status.IN_REVIEW],
        ).order_by("submitted_at", "pk")
    )


def score_columns(setup: ReviewSetup, programme, submissions) -> tuple[list, dict]:
    """An export's columns of review scores: the header, and by submission id
    the number of reviews, their mean, median and standard deviation, then the
    mean of each criterion of the rubric (a fixed number of queries)."""
    submissions = list(submissions)
    criteria = criteria_of(setup, programme)
    stats = aggregates_for(setup, submissions)
    given: dict[tuple[int, str], list] = {}
    for submission_id, scores in (
        setup.review.objects.submitted()
        .filter(application__in=[s.pk for s in submissions])
        .values_list("application_id", "scores")
    ):
        for key, value in (scores or {}).items():
            given.setdefault((submission_id, key), []).append(value)
    header = [
        _("Reviews"),
        _("Mean score"),
        _("Median score"),
        _("Standard deviation"),
        *[_("Mean: %(criterion)s") % {"criterion": c.name} for c in criteria],
    ]
    rows = {}
    for submission in submissions:
        total = stats[submission.pk]
        means = []
        for criterion in criteria:
            values = given.get((submission.pk, str(criterion.pk)), [])
            means.append(round(sum(values) / len(values), 2) if values else None)
        rows[submission.pk] = [
            total.count,
            total.mean,
            total.median,
            total.stdev,
            *means,
        ]
    return header, rows


# Reviewers and assignment -------------------------------------------------------
def is_reviewer(setup: ReviewSetup, user) -> bool:
    """May be given reviews: the permission, whether or not it counts yet (a
    reviewer sets up two-factor before opening the admin, not before being
    assigned work)."""
    return (
        user.is_authenticated
        and user.is_active
        and user.has_perm_before_second_factor(setup.reviewer_permission)
    )


def reviewers(setup: ReviewSetup):
    """Active users who may review (a group with the permission, or their own)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    app_label, codename = setup.reviewer_permission.split(".")
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
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


def conflicted_applicants(setup: ReviewSetup, reviewer) -> set[int]:
    """The applicants `reviewer` declared a conflict with, in any round."""
    return set(
        setup.review.objects.filter(
            reviewer=reviewer, status=ReviewStatus.CONFLICT
        ).values_list(f"application__{setup.applicant_field}_id", flat=True)
    )


def _assign(setup: ReviewSetup, submission, reviewer, by):
    if _applicant_id(setup, submission) in conflicted_applicants(setup, reviewer):
        return None
    review, created = setup.review.objects.get_or_create(
        application=submission,
        reviewer=reviewer,
        defaults={"assigned_by": by},
    )
    if submission.status == setup.statuses.SUBMITTED:
        setup.change_status(submission, to=setup.statuses.IN_REVIEW, by=by)
        submission.status = setup.statuses.IN_REVIEW
    return review if created else None


def _check_assignable(setup: ReviewSetup, submissions, reviewers):
    for reviewer in reviewers:
        if not is_reviewer(setup, reviewer):
            raise setup.error(
                _("%(user)s is not in the Reviewers group.") % {"user": reviewer}
            )
    for submission in submissions:
        if submission.status not in (
            setup.statuses.SUBMITTED,
            setup.statuses.IN_REVIEW,
        ):
            raise setup.error(_("Only submitted applications can be given reviewers."))


def _notify_assigned(setup: ReviewSetup, reviews) -> None:
    """On commit, one email per reviewer listing what this action gave them."""
    by_reviewer = {}
    for review in reviews:
        by_reviewer.setdefault(review.reviewer_id, []).append(review.pk)
    task = setup.task("email_reviews_assigned")
    for reviewer_pk, pks in by_reviewer.items():
        transaction.on_commit(lambda r=reviewer_pk, p=pks: task.enqueue(r, p))


def assign_reviewers(setup: ReviewSetup, submissions, *, reviewers, by) -> int:
    """Assign every reviewer to every submission (one by one or in bulk).

    Skips pairs already assigned and applicants a reviewer declared a conflict
    with; a submitted submission moves into review. Each reviewer given new
    work gets one email listing it. Returns the number of new assignments.
    """
    submissions = list(submissions)
    reviewers = list(reviewers)
    with transaction.atomic():
        _check_assignable(setup, submissions, reviewers)
        new = [
            review
            for submission in submissions
            for reviewer in reviewers
            if (review := _assign(setup, submission, reviewer, by))
        ]
        made = len(new)
        _notify_assigned(setup, new)
    logger.info("%d review assignments by %s", made, getattr(by, "pk", None))
    return made


def assign_automatically(
    setup: ReviewSetup, submissions, *, reviewers, per_application: int, by
) -> int:
    """Give each submission `per_application` reviewers, spreading the load.

    Each submission in turn takes the reviewers with the fewest assignments
    in its programme so far (ties by id), never one already on it or
    conflicted with its applicant. With 30 submissions, 5 reviewers and 3
    each, every reviewer gets 18, in one email each. Returns the number of
    new assignments.
    """
    submissions = list(submissions)
    reviewers = sorted(reviewers, key=lambda user: user.pk)
    if per_application < 1:
        raise setup.error(_("Each application needs at least one reviewer."))
    with transaction.atomic():
        _check_assignable(setup, submissions, reviewers)
        programmes = {getattr(s, f"{setup.programme_field}_id") for s in submissions}
        load = Counter(
            setup.review.objects.filter(
                **{f"application__{setup.programme_field}__in": programmes},
                reviewer__in=reviewers,
            )
            .exclude(status=ReviewStatus.CONFLICT)
            .values_list("reviewer_id", flat=True)
        )
        conflicts = {r.pk: conflicted_applicants(setup, r) for r in reviewers}
        rows = setup.review.objects.filter(application__in=submissions)
        existing = set(rows.values_list("application_id", "reviewer_id"))
        active = Counter(
            rows.exclude(status=ReviewStatus.CONFLICT).values_list(
                "application_id", flat=True
            )
        )
        new = []
        for submission in submissions:
            already = active[submission.pk]
            candidates = [
                r
                for r in reviewers
                if (submission.pk, r.pk) not in existing
                and _applicant_id(setup, submission) not in conflicts[r.pk]
            ]
            candidates.sort(key=lambda r: (load[r.pk], r.pk))
            for reviewer in candidates[: max(per_application - already, 0)]:
                if review := _assign(setup, submission, reviewer, by):
                    load[reviewer.pk] += 1
                    new.append(review)
        made = len(new)
        _notify_assigned(setup, new)
    logger.info("automatic assignment: %d reviews by %s", made, getattr(by, "pk", None))
    return made


def reviewer_names(setup: ReviewSetup, programme) -> dict[int, list[str]]:
    """Each submission's reviewers (their addresses, a declared conflict
    said so), by submission id, in one query."""
    names: dict[int, list[str]] = {}
    for row in setup.review.objects.filter(
        **{f"application__{setup.programme_field}": setup.canonical(programme)}
    ).values("application_id", "reviewer__email", "status"):
        name = row["reviewer__email"]
        if row["status"] == ReviewStatus.CONFLICT:
            name = _("%(reviewer)s (Conflict declared)") % {"reviewer": name}
        names.setdefault(row["application_id"], []).append(name)
    return names


# Reviewing ----------------------------------------------------------------
def submit_review(
    setup: ReviewSetup,
    review,
    *,
    by,
    scores: dict,
    comment: str = "",
    recommendation: str = "",
):
    """Score an assigned submission against its programme's rubric.

    Locks the review; every criterion needs a whole score from 0 to its
    maximum. A submitted review can be revised until a decision is sent.
    """
    with transaction.atomic():
        review = setup.review.objects.select_for_update().get(pk=review.pk)
        if review.reviewer_id != by.pk:
            raise setup.error(_("This review is assigned to someone else."))
        if review.status == ReviewStatus.CONFLICT:
            raise setup.error(setup.text("conflict"))
        submission = review.application
        if (
            submission.status in setup.decided
            or submission.status == setup.statuses.WITHDRAWN
        ):
            raise setup.error(_("This application has been decided."))
        criteria = criteria_of(setup, getattr(submission, setup.programme_field))
        if not criteria:
            raise setup.error(setup.text("no_rubric"))
        clean = {}
        for criterion in criteria:
            try:
                value = int(scores.get(str(criterion.pk)))
            except (TypeError, ValueError):
                value = None
            if value is None or not 0 <= value <= criterion.max_score:
                raise setup.error(
                    _("Give %(name)s a score from 0 to %(max)d.")
                    % {"name": criterion.name, "max": criterion.max_score}
                )
            clean[str(criterion.pk)] = value
        if recommendation and recommendation not in Recommendation.values:
            raise setup.error(_("Choose a recommendation from the list."))
        review.scores = clean
        review.score = review_score(criteria, clean)
        review.comment = comment
        review.recommendation = recommendation
        review.status = ReviewStatus.SUBMITTED
        review.submitted_at = timezone.now()
        review.save()
    logger.info("review %s submitted by %s", review.pk, by.pk)
    return review


def _reassign(setup: ReviewSetup, submission):
    """Give the submission to the reviewer with the fewest reviews in its
    programme who is not on it yet and has no conflict with its applicant;
    tell them on commit. None when there is no one left."""
    applicant = f"application__{setup.applicant_field}_id"
    programme = f"application__{setup.programme_field}_id"
    # Already on it, or conflicted with its applicant (in any round).
    taken = set(
        setup.review.objects.filter(
            Q(application=submission)
            | Q(
                **{applicant: _applicant_id(setup, submission)},
                status=ReviewStatus.CONFLICT,
            )
        ).values_list("reviewer_id", flat=True)
    )
    load = Counter(
        setup.review.objects.filter(
            **{programme: getattr(submission, f"{setup.programme_field}_id")}
        )
        .exclude(status=ReviewStatus.CONFLICT)
        .values_list("reviewer_id", flat=True)
    )
    candidates = list(reviewers(setup).exclude(pk__in=taken))
    if not candidates:
        logger.warning("submission %s: no reviewer left to reassign", submission.pk)
        return None
    chosen = min(candidates, key=lambda user: (load[user.pk], user.pk))
    review = setup.review.objects.create(application=submission, reviewer=chosen)
    task = setup.task("email_review_reassigned")
    transaction.on_commit(lambda pk=review.pk: task.enqueue(pk))
    return review


def declare_conflict(setup: ReviewSetup, review, *, by, note: str = ""):
    """The reviewer steps aside; they are never assigned this applicant again.

    The submission goes to another reviewer (`_reassign`), who is emailed.
    Locks the review and works on the row as it is then: one removed meanwhile
    (its submission or reviewer deleted) is refused, never written back.
    """
    with transaction.atomic():
        review = setup.review.objects.select_for_update().filter(pk=review.pk).first()
        if review is None:
            raise setup.error(_("This review no longer exists."))
        if review.reviewer_id != by.pk:
            raise setup.error(_("This review is assigned to someone else."))
        review.status = ReviewStatus.CONFLICT
        # Nothing of a review already submitted speaks for the applicant any more.
        review.scores = {}
        review.score = None
        review.recommendation = ""
        review.submitted_at = None
        review.comment = note
        review.save()
        _reassign(setup, review.application)
    logger.info("review %s: conflict declared by %s", review.pk, by.pk)
    return review


def send_review_reminders(setup: ReviewSetup, *, now=None) -> int:
    """Remind each reviewer with reviews still due in a programme whose review
    deadline is within REVIEW_REMINDER_BEFORE, once per programme.

    The reminder row (unique per programme and reviewer) is the marker: a
    second run, or two at once, finds it and sends nothing. Returns the number
    of reminders queued.
    """
    now = now or timezone.now()
    deadline = f"application__{setup.programme_field}__{setup.deadline_field}"
    due = (
        setup.review.objects.filter(
            status=ReviewStatus.ASSIGNED,
            **{
                f"{deadline}__gt": now,
                f"{deadline}__lte": now + REVIEW_REMINDER_BEFORE,
            },
        )
        .values_list(f"application__{setup.programme_field}_id", "reviewer_id")
        .distinct()
    )
    task = setup.task("email_review_reminder")
    sent = 0
    for programme_pk, reviewer_pk in due:
        with transaction.atomic():
            reminder, created = setup.reminder.objects.get_or_create(
                **{f"{setup.programme_field}_id": programme_pk},
                reviewer_id=reviewer_pk,
                defaults={"sent_at": now},
            )
            if created:
                transaction.on_commit(lambda pk=reminder.pk: task.enqueue(pk))
                sent += 1
    if sent:
        logger.info("review reminders sent: %d", sent)
    return sent


def can_see_other_reviews(setup: ReviewSetup, submission, user) -> bool:
    """Managers always; a reviewer once their own review is submitted."""
    if user.has_perm(setup.manager_permission):
        return True
    return setup.review.objects.filter(
        application=submission, reviewer=user, status=ReviewStatus.SUBMITTED
    ).exists()


MANAGER, REVIEWER = "manager", "reviewer"


def reads_as(setup: ReviewSetup, submission, user) -> str | None:
    """How `user` may read `submission` and its files: MANAGER (the managers'
    permission), REVIEWER (assigned to it and not conflicted), else None."""
    if user.has_perm(setup.manager_permission):
        return MANAGER
    assigned = (
        setup.review.objects.for_reviewer(user)
        .filter(application=submission)
        .exclude(status=ReviewStatus.CONFLICT)
    )
    return REVIEWER if assigned.exists() else None


# Decisions -------------------------------------------------------------------
def selection_of(setup: ReviewSetup, submission):
    selection, _created = setup.selection.objects.get_or_create(application=submission)
    return selection


def stage_decision(setup: ReviewSetup, submission, *, to: str, by):
    """Record the decision to send later; nothing changes for the applicant yet."""
    if to not in setup.decisions:
        raise setup.error(_("Choose shortlist, accept, waitlist or reject."))
    if not setup.can_transition(submission.status, to):
        raise setup.error(
            _("%(startup)s cannot move from “%(from)s” to “%(to)s”.")
            % {
                "startup": setup.applicant_name(submission),
                "from": submission.get_status_display(),
                "to": setup.statuses(to).label,
            }
        )
    with transaction.atomic():
        selection, _created = setup.selection.objects.select_for_update().get_or_create(
            application=submission
        )
        selection.staged_status = to
        selection.staged_by = by
        selection.staged_at = timezone.now()
        selection.save(update_fields=["staged_status", "staged_by", "staged_at"])
    return selection


def staged(setup: ReviewSetup, programme):
    """The staged decisions of a programme, with their submission and applicant."""
    return (
        setup.selection.objects.filter(
            **{f"application__{setup.programme_field}": setup.canonical(programme)}
        )
        .exclude(staged_status="")
        .select_related("application", f"application__{setup.applicant_field}")
    )


def staged_with_recipients(setup: ReviewSetup, programme) -> list[tuple[object, list]]:
    """Every staged decision of a programme, each with the people it would email
    (an empty list when there is no one to reach), in a fixed number of queries
    however many decisions are staged."""
    rows = list(staged(setup, programme))
    recipients = setup.recipients([row.application for row in rows])
    return [(row, recipients.get(row.application_id, [])) for row in rows]


def send_decisions(setup: ReviewSetup, programme, *, by) -> tuple[int, list[str]]:
    """Apply every staged decision of a programme and email each applicant once.

    Each staged row is locked and cleared in the same transaction as its status
    change, so a second send (or two managers at once) finds nothing to send.
    A decision with no one to email stays staged (a problem says why) until
    there is someone. Returns (sent, problems).
    """
    task = setup.task("email_decision")
    sent, problems = 0, []
    for selection in staged(setup, programme):
        try:
            with transaction.atomic():
                locked = setup.selection.objects.select_for_update().get(
                    pk=selection.pk
                )
                if not locked.staged_status:
                    continue
                submission = locked.application
                if not setup.recipients([submission]).get(submission.pk):
                    raise setup.error(setup.text("no_recipient"))
                to = locked.staged_status
                setup.change_status(submission, to=to, by=by, note=_("Decision sent."))
                locked.staged_status = ""
                locked.save(update_fields=["staged_status"])
                pk = locked.application_id
                transaction.on_commit(lambda pk=pk, to=to: task.enqueue(pk, to))
                sent += 1
        except setup.refusals as error:
            problems.append(f"{setup.applicant_name(selection.application)}: {error}")
    logger.info("decisions sent for programme %s: %d", programme.pk, sent)
    return sent, problems


# Compute ---------------------------------------------------------------------
def allocate_compute(setup: ReviewSetup, submission, *, gpu_hours: int, by):
    """Record the GPU-hours allocated to an accepted submission.

    Under a row lock on the programme's page, so two managers allocating at
    once cannot together go over its budget (when it has one).
    """
    accepted = setup.statuses.ACCEPTED
    if submission.status != accepted:
        raise setup.error(setup.text("accepted_only"))
    if gpu_hours < 0:
        raise setup.error(_("Enter a number of GPU-hours of 0 or more."))
    with transaction.atomic():
        programme = getattr(submission, setup.programme_field)
        programme = setup.programme.objects.select_for_update().get(
            pk=setup.canonical(programme).pk
        )
        selection = setup.selection.objects.select_for_update().get(
            pk=selection_of(setup, submission).pk
        )
        budget = getattr(programme, setup.budget_field)
        if budget is not None:
            others = (
                setup.selection.objects.filter(
                    **{f"application__{setup.programme_field}": programme},
                    application__status=accepted,
                )
                .exclude(pk=selection.pk)
                .aggregate(total=Sum("gpu_hours_allocated"))["total"]
                or 0
            )
            if others + gpu_hours > budget:
                raise setup.error(
                    setup.text("over_budget")
                    % {
                        "hours": gpu_hours,
                        "left": max(budget - others, 0),
                        "budget": budget,
                    }
                )
        selection.gpu_hours_allocated = gpu_hours
        selection.save(update_fields=["gpu_hours_allocated"])
    logger.info(
        "submission %s: %d GPU-hours allocated by %s",
        submission.pk,
        gpu_hours,
        getattr(by, "pk", None),
    )
    return selection


def compute_allocations(
    setup: ReviewSetup, programme
) -> list[tuple[object, int | None]]:
    """Each accepted submission of the programme with its GPU-hours allocated."""
    submissions = (
        setup.submission.objects.filter(
            **_of_programme(setup, programme), status=setup.statuses.ACCEPTED
        )
        .select_related(setup.applicant_field, "selection")
        .order_by(*setup.allocation_order)
    )
    rows = []
    for submission in submissions:
        try:
            allocated = submission.selection.gpu_hours_allocated
        except setup.selection.DoesNotExist:
            allocated = None
        rows.append((submission, allocated))
    return rows


def compute_totals(setup: ReviewSetup, programme) -> dict:
    """GPU-hours requested and allocated over a programme's accepted
    submissions, its budget (None: no limit) and what is left of it."""
    canonical = setup.canonical(programme)
    accepted = setup.submission.objects.filter(
        **{setup.programme_field: canonical}, status=setup.statuses.ACCEPTED
    )
    totals = accepted.aggregate(
        requested=Sum(setup.requested_field),
        allocated=Sum("selection__gpu_hours_allocated"),
    )
    requested = totals["requested"] or 0
    allocated = totals["allocated"] or 0
    budget = getattr(canonical, setup.budget_field)
    return {
        "requested": requested,
        "allocated": allocated,
        "budget": budget,
        "left": None if budget is None else budget - allocated,
    }
