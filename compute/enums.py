"""Fixed choices of open calls for compute: who applies, what comes out."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantKind(models.TextChoices):
    """Who may apply to a call: a person, or one of the kinds of organisation."""

    RESEARCHER = "researcher", _("Researchers")
    UNIVERSITY_LAB = "university_lab", _("University labs")
    NON_PROFIT = "non_profit", _("Non-profits")
    GOVERNMENT = "government", _("Government bodies")
    STARTUP = "startup", _("Startups")


class OrganisationKind(models.TextChoices):
    UNIVERSITY_LAB = "university_lab", _("University or research lab")
    NON_PROFIT = "non_profit", _("Non-profit")
    GOVERNMENT = "government", _("Government body")
    STARTUP = "startup", _("Startup")


class OutputKind(models.TextChoices):
    PAPER = "paper", _("Paper")
    MODEL = "model", _("Model")
    DATASET = "dataset", _("Dataset")
    CODE = "code", _("Code")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    ACCEPTED = "accepted", _("Granted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationStatus

# from-status -> the statuses it may move to (enforced by compute.services).
# A call has no shortlist: reviewers score, managers decide.
APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.IN_REVIEW, S.REJECTED, S.WITHDRAWN}),
    S.IN_REVIEW: frozenset({S.ACCEPTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN}),
    S.WAITLISTED: frozenset({S.ACCEPTED, S.REJECTED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset(),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
DECIDED_STATUSES = frozenset({S.ACCEPTED, S.WAITLISTED, S.REJECTED})
# Decisions staff stage and send in bulk.
DECISION_STATUSES = (S.ACCEPTED, S.WAITLISTED, S.REJECTED)


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in APPLICATION_TRANSITIONS.get(from_status, frozenset())
