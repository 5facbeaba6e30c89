"""Statuses and fixed choices of the cohorts app.

The allowed status changes are written down once, here, and enforced by
`cohorts.services`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Shared with other apps: they live on the ground floor.
from home.choices import IndianLanguage, IndianState, Sector  # noqa: F401


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


class QuestionType(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    NUMBER = "number", _("Number")
    URL = "url", _("Web address")
    YES_NO = "yes_no", _("Yes or no")
    FILE = "file", _("File")


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Co-founder")


class StartupStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROTOTYPE = "prototype", _("Prototype")
    PILOT = "pilot", _("Pilot with users")
    REVENUE = "revenue", _("Early revenue")
    GROWTH = "growth", _("Growth")


class ReviewStatus(models.TextChoices):
    ASSIGNED = "assigned", _("To review")
    SUBMITTED = "submitted", _("Submitted")
    CONFLICT = "conflict", _("Conflict declared")


class Recommendation(models.TextChoices):
    STRONG_YES = "strong_yes", _("Strongly recommend")
    YES = "yes", _("Recommend")
    NO = "no", _("Do not recommend")
    STRONG_NO = "strong_no", _("Strongly against")


# Decisions staff stage and send in bulk, each a status of the table above.
DECISION_STATUSES = (S.SHORTLISTED, S.ACCEPTED, S.WAITLISTED, S.REJECTED)
