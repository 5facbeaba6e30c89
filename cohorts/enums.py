"""Statuses and fixed choices of the cohorts app.

The allowed status changes are written down once, here, and enforced by
`cohorts.services`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Shared with other apps: they live on the floors below.
from home.choices import IndianLanguage, IndianState, Sector  # noqa: F401
from review.enums import QuestionType, Recommendation, ReviewStatus  # noqa: F401


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationStatus

# from-status -> the statuses it may move to.
APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.IN_REVIEW, S.REJECTED, S.WITHDRAWN}),
    # Many programmes decide straight from review, without a shortlist.
    S.IN_REVIEW: frozenset(
        {S.SHORTLISTED, S.ACCEPTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN}
    ),
    S.SHORTLISTED: frozenset({S.ACCEPTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN}),
    S.WAITLISTED: frozenset({S.ACCEPTED, S.REJECTED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset(),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Once decided, the applicant can no longer withdraw.
DECIDED_STATUSES = frozenset({S.ACCEPTED, S.WAITLISTED, S.REJECTED})
EDITABLE_STATUSES = frozenset({S.DRAFT})


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in APPLICATION_TRANSITIONS.get(from_status, frozenset())


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Co-founder")


class StartupStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROTOTYPE = "prototype", _("Prototype")
    PILOT = "pilot", _("Pilot with users")
    REVENUE = "revenue", _("Early revenue")
    GROWTH = "growth", _("Growth")


# Decisions staff stage and send in bulk, each a status of the table above.
DECISION_STATUSES = (S.SHORTLISTED, S.ACCEPTED, S.WAITLISTED, S.REJECTED)
