"""Selection of a cohort: review's rules (review.services) bound to cohorts,
and what only cohorts has (alumni directory, onboarding checklist).

`COHORTS` tells review which models, statuses and people a cohort has. Each
write is one function: keyword-only arguments, one transaction, a
`SelectionError` (already translated) when refused, emails queued on commit.
Status changes go through `services.change_application_status`, nowhere else.
"""

import logging
from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.caching import new_generation
from review import services as rules
from review.services import (  # noqa: F401 -- cohorts' views and tests use them here
    DISAGREEMENT_THRESHOLD,
    REVIEW_REMINDER_BEFORE,
    Aggregate,
    aggregate,
    review_score,
)
from review.setup import ReviewSetup

from .enums import (
    DECIDED_STATUSES,
    DECISION_STATUSES,
    ApplicationStatus,
    can_transition,
)
from .models import (
    Application,
    CohortPage,
    Review,
    ReviewReminder,
    Selection,
)
from .services import ApplicationError, change_application_status

logger = logging.getLogger("coe.cohorts")

REVIEWER_PERMISSION = "cohorts.add_review"


class SelectionError(ApplicationError):
    """A selection step refused for a reason staff can read."""


def _recipients(applications) -> dict[int, list]:
    from .emails import recipients_by_application

    return recipients_by_application(applications)


COHORTS = ReviewSetup(
    programme=CohortPage,
    submission=Application,
    review=Review,
    selection=Selection,
    reminder=ReviewReminder,
    statuses=ApplicationStatus,
    decisions=DECISION_STATUSES,
    decided=DECIDED_STATUSES,
    can_transition=can_transition,
    change_status=change_application_status,
    recipients=_recipients,
    applicant_name=lambda application: application.startup.name,
    error=SelectionError,
    caught=(ApplicationError,),
    tasks="cohorts.tasks",
    programme_field="cohort",
    applicant_field="startup",
    requested_field="compute_gpu_hours",
    budget_field="compute_budget_gpu_hours",
    deadline_field="review_deadline",
    allocation_order=("startup__name",),
    texts={
        "no_rubric": gettext_lazy("This cohort has no rubric yet."),
        "conflict": gettext_lazy("You declared a conflict with this startup."),
        "no_recipient": gettext_lazy("no one to email: add a founder account."),
        "accepted_only": gettext_lazy(
            "Compute is allocated to accepted startups only."
        ),
        "over_budget": gettext_lazy(
            "%(hours)d GPU-hours would exceed the cohort's budget: "
            "%(left)d of %(budget)d GPU-hours are left."
        ),
    },
)

# Review's rules, for cohorts (the docstrings are review.services').
criteria_of = partial(rules.criteria_of, COHORTS)
aggregates_for = partial(rules.aggregates_for, COHORTS)
ranking = partial(rules.ranking, COHORTS)
in_review = partial(rules.in_review, COHORTS)
is_reviewer = partial(rules.is_reviewer, COHORTS)
reviewers = partial(rules.reviewers, COHORTS)
reviewer_names = partial(rules.reviewer_names, COHORTS)
conflicted_startups = partial(rules.conflicted_applicants, COHORTS)
assign_reviewers = partial(rules.assign_reviewers, COHORTS)
assign_automatically = partial(rules.assign_automatically, COHORTS)
submit_review = partial(rules.submit_review, COHORTS)
declare_conflict = partial(rules.declare_conflict, COHORTS)
send_review_reminders = partial(rules.send_review_reminders, COHORTS)
can_see_other_reviews = partial(rules.can_see_other_reviews, COHORTS)
selection_of = partial(rules.selection_of, COHORTS)
stage_decision = partial(rules.stage_decision, COHORTS)
staged = partial(rules.staged, COHORTS)
staged_with_recipients = partial(rules.staged_with_recipients, COHORTS)
send_decisions = partial(rules.send_decisions, COHORTS)
allocate_compute = partial(rules.allocate_compute, COHORTS)
compute_allocations = partial(rules.compute_allocations, COHORTS)
compute_totals = partial(rules.compute_totals, COHORTS)


# After acceptance ------------------------------------------------------------
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
        # The cohort page and the alumni directory are cached public pages.
        transaction.on_commit(new_generation)
    return selection


# The accepted startup's onboarding checklist, ticked by its founders.
ONBOARDING_STEPS = [
    ("agreement", gettext_lazy("Sign the programme agreement")),
    ("kickoff", gettext_lazy("Book the kick-off meeting")),
    ("compute", gettext_lazy("Set up compute access")),
    ("alumni", gettext_lazy("Join the alumni directory")),
]


def set_onboarding(application: Application, *, user, done) -> Selection:
    """Record which onboarding steps the startup's founders have ticked."""
    if not application.startup.can_edit(user):
        raise SelectionError(_("You cannot change this startup's checklist."))
    if application.status != ApplicationStatus.ACCEPTED:
        raise SelectionError(_("The checklist is for accepted startups only."))
    keys = [key for key, _label in ONBOARDING_STEPS]
    if any(step not in keys for step in done):
        raise SelectionError(_("Choose steps from the checklist."))
    with transaction.atomic():
        selection = Selection.objects.select_for_update().get(
            pk=selection_of(application).pk
        )
        selection.onboarding_done = [key for key in keys if key in set(done)]
        selection.save(update_fields=["onboarding_done"])
    return selection


def onboarding_of(applications) -> dict[int, list[dict]]:
    """The checklist of each accepted application, by its pk, in one query."""
    accepted = [a.pk for a in applications if a.status == ApplicationStatus.ACCEPTED]
    done = dict(
        Selection.objects.filter(application_id__in=accepted).values_list(
            "application_id", "onboarding_done"
        )
    )
    return {
        pk: [
            {"key": key, "label": label, "done": key in (done.get(pk) or [])}
            for key, label in ONBOARDING_STEPS
        ]
        for pk in accepted
    }


def alumni_directory():
    """Every listed alumnus of a live public cohort, with what the directory shows
    (a fixed number of queries however many there are)."""
    from home.privacy import public

    cohorts = public(CohortPage.objects.live()).values("pk")
    return (
        Selection.objects.filter(
            application__cohort__in=cohorts,
            application__status=ApplicationStatus.ACCEPTED,
            alumni_listed=True,
            application__startup__anonymised_at__isnull=True,
        )
        .select_related("application__startup", "application__cohort")
        .order_by("application__startup__name", "pk")
    )


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
