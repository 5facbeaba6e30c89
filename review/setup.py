"""How a programme plugs into review: one `ReviewSetup`, made once.

The rules in `review.services` take it as their first argument and find
everything programme-specific through it: its models, its statuses, who the
applicant is, whom a decision emails, where the budget is. A programme makes
one (cohorts: `cohorts.selection.COHORTS`); nothing in `review` names it.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module

from django.db import models
from django.utils.translation import gettext_lazy as _

# Every programme's setup, by its submission model (made on import).
SETUPS: dict[str, "ReviewSetup"] = {}

# The refusals whose words depend on the programme ("startup", "cohort"...).
DEFAULT_TEXTS = {
    "no_rubric": _("This call has no rubric yet."),
    "conflict": _("You declared a conflict with this applicant."),
    "no_recipient": _("no one to email: the applicant has no verified account."),
    "accepted_only": _("Compute is allocated to accepted applications only."),
    "over_budget": _(
        "%(hours)d GPU-hours would exceed the call's budget: "
        "%(left)d of %(budget)d GPU-hours are left."
    ),
}


@dataclass(frozen=True)
class ReviewSetup:
    """One programme, as review sees it.

    Models: `programme` (the page: rubric_criteria, a review deadline and a
    budget field), `submission` (status, `<programme_field>`,
    `<applicant_field>`, `submitted_at`), and the subclasses of
    `review.models`' abstract models. `statuses` is the submission's status
    enum: it must have DRAFT, SUBMITTED, IN_REVIEW, ACCEPTED and WITHDRAWN.
    """

    programme: type[models.Model]
    submission: type[models.Model]
    review: type[models.Model]
    selection: type[models.Model]
    reminder: type[models.Model]
    statuses: type[models.TextChoices]
    # Decisions staff may stage and send, and those after which nobody reviews.
    decisions: tuple[str, ...]
    decided: frozenset[str]
    can_transition: Callable[[str, str], bool]
    # change_status(submission, *, to, by, note=""): the programme's one entry
    # point for a status change (its log, its emails).
    change_status: Callable[..., object]
    # recipients(submissions) -> {submission pk: [users]}: whom a decision
    # emails, for many submissions in a fixed number of queries.
    recipients: Callable[[list], dict[int, list]]
    # The applicant's name, in staff's messages ("X cannot move from...").
    applicant_name: Callable[[models.Model], str]
    # Raised (with a translated message) when a rule refuses; `caught` adds
    # the refusals of `change_status` that sending decisions reports.
    error: type[Exception]
    # A module with the tasks email_reviews_assigned(reviewer_pk, review_pks),
    # email_review_reassigned(review_pk), email_review_reminder(reminder_pk)
    # and email_decision(submission_pk, status).
    tasks: str
    # Field names.
    programme_field: str = "cohort"
    # Conflicts are with an applicant, in every round: a reviewer who declared
    # one is never given that applicant again.
    applicant_field: str = "startup"
    requested_field: str = "compute_gpu_hours"
    # The programme's GPU-hours budget (blank: no limit).
    budget_field: str = "compute_budget_gpu_hours"
    deadline_field: str = "review_deadline"
    # The compute allocations listing's order.
    allocation_order: tuple[str, ...] = ("pk",)
    texts: Mapping[str, str] = field(default_factory=dict)
    caught: tuple[type[Exception], ...] = ()

    @property
    def refusals(self) -> tuple[type[Exception], ...]:
        return (self.error, *self.caught)

    def text(self, key: str) -> str:
        return str(self.texts.get(key) or DEFAULT_TEXTS[key])

    def task(self, name: str):
        return getattr(import_module(self.tasks), name)

    @property
    def reviewer_permission(self) -> str:
        """`<app>.add_review`: who may be given reviews."""
        meta = self.review._meta
        return f"{meta.app_label}.add_{meta.model_name}"

    @property
    def manager_permission(self) -> str:
        """`<app>.view_<submission>`: who sees every review of a submission."""
        meta = self.submission._meta
        return f"{meta.app_label}.view_{meta.model_name}"

    def __post_init__(self):
        SETUPS[self.submission._meta.label] = self

    def canonical(self, programme):
        """The programme's page in the default language (reviews point at it),
        where the page is translated."""
        canonical = getattr(programme, "canonical", None)
        return canonical() if canonical is not None else programme


def every_setup() -> list[ReviewSetup]:
    """Every programme's setup: each app's `selection` module makes its own."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("selection")
    return list(SETUPS.values())
