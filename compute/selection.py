"""Review of compute applications: the shared rules (review.services) bound to
calls. `COMPUTE` tells review which models, statuses and people a call has;
the names below are review's rules for calls (their docstrings are review's).
"""

from functools import partial

from django.utils.translation import gettext_lazy

from review import services as rules
from review.setup import ReviewSetup

from .enums import (
    DECIDED_STATUSES,
    DECISION_STATUSES,
    ApplicationStatus,
    can_transition,
)
from .models import (
    CallPage,
    ComputeApplication,
    ComputeReview,
    ComputeReviewReminder,
    ComputeSelection,
)
from .services import ComputeError, change_application_status


def recipients(applications) -> dict[int, list]:
    """Whom a decision emails: the applicant, when their address is verified."""
    from allauth.account.models import EmailAddress

    applications = list(applications)
    users = {a.applicant_id for a in applications}
    verified = set(
        EmailAddress.objects.filter(user_id__in=users, verified=True).values_list(
            "user_id", flat=True
        )
    )
    return {
        a.pk: [a.applicant] if a.applicant_id in verified else [] for a in applications
    }


COMPUTE = ReviewSetup(
    programme=CallPage,
    submission=ComputeApplication,
    review=ComputeReview,
    selection=ComputeSelection,
    reminder=ComputeReviewReminder,
    statuses=ApplicationStatus,
    decisions=DECISION_STATUSES,
    decided=DECIDED_STATUSES,
    can_transition=can_transition,
    change_status=change_application_status,
    recipients=recipients,
    applicant_name=lambda application: application.applicant_name,
    error=ComputeError,
    tasks="compute.tasks",
    programme_field="call",
    # A reviewer's conflict is with the person applying (and so with their
    # organisations' applications too).
    applicant_field="applicant",
    requested_field="gpu_hours_requested",
    budget_field="total_gpu_hours",
    deadline_field="review_deadline",
    allocation_order=("submitted_at", "pk"),
    texts={
        "no_rubric": gettext_lazy("This call has no rubric yet."),
        "conflict": gettext_lazy("You declared a conflict with this applicant."),
        "no_recipient": gettext_lazy(
            "no one to email: the applicant has no verified address."
        ),
        "accepted_only": gettext_lazy(
            "Compute is allocated to accepted applications only."
        ),
        "over_budget": gettext_lazy(
            "%(hours)d GPU-hours would exceed the call's budget: "
            "%(left)d of %(budget)d GPU-hours are left."
        ),
    },
)
criteria_of = partial(rules.criteria_of, COMPUTE)
aggregates_for = partial(rules.aggregates_for, COMPUTE)
ranking = partial(rules.ranking, COMPUTE)
in_review = partial(rules.in_review, COMPUTE)
is_reviewer = partial(rules.is_reviewer, COMPUTE)
reviewers = partial(rules.reviewers, COMPUTE)
reviewer_names = partial(rules.reviewer_names, COMPUTE)
assign_reviewers = partial(rules.assign_reviewers, COMPUTE)
assign_automatically = partial(rules.assign_automatically, COMPUTE)
submit_review = partial(rules.submit_review, COMPUTE)
declare_conflict = partial(rules.declare_conflict, COMPUTE)
send_review_reminders = partial(rules.send_review_reminders, COMPUTE)
can_see_other_reviews = partial(rules.can_see_other_reviews, COMPUTE)
selection_of = partial(rules.selection_of, COMPUTE)
stage_decision = partial(rules.stage_decision, COMPUTE)
staged = partial(rules.staged, COMPUTE)
staged_with_recipients = partial(rules.staged_with_recipients, COMPUTE)
send_decisions = partial(rules.send_decisions, COMPUTE)
allocate_compute = partial(rules.allocate_compute, COMPUTE)
compute_allocations = partial(rules.compute_allocations, COMPUTE)
compute_totals = partial(rules.compute_totals, COMPUTE)
