"""Statuses and fixed choices of the cohorts app.

The allowed status changes are written down once, here, and enforced by
`cohorts.services`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Review is shared with other programmes (review/); its choices are named here too.
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


class Sector(models.TextChoices):
    LANGUAGE_TECH = "language_tech", _("Language technology")
    SPEECH = "speech", _("Speech and voice")
    HEALTH = "health", _("Health")
    AGRICULTURE = "agriculture", _("Agriculture")
    EDUCATION = "education", _("Education")
    FINANCE = "finance", _("Finance")
    GOVERNANCE = "governance", _("Governance and public services")
    LEGAL = "legal", _("Legal")
    CLIMATE = "climate", _("Climate and environment")
    OTHER = "other", _("Other")


class IndianState(models.TextChoices):
    AP = "AP", _("Andhra Pradesh")
    AR = "AR", _("Arunachal Pradesh")
    AS = "AS", _("Assam")
    BR = "BR", _("Bihar")
    CT = "CT", _("Chhattisgarh")
    GA = "GA", _("Goa")
    GJ = "GJ", _("Gujarat")
    HR = "HR", _("Haryana")
    HP = "HP", _("Himachal Pradesh")
    JH = "JH", _("Jharkhand")
    KA = "KA", _("Karnataka")
    KL = "KL", _("Kerala")
    MP = "MP", _("Madhya Pradesh")
    MH = "MH", _("Maharashtra")
    MN = "MN", _("Manipur")
    ML = "ML", _("Meghalaya")
    MZ = "MZ", _("Mizoram")
    NL = "NL", _("Nagaland")
    OR = "OR", _("Odisha")
    PB = "PB", _("Punjab")
    RJ = "RJ", _("Rajasthan")
    SK = "SK", _("Sikkim")
    TN = "TN", _("Tamil Nadu")
    TG = "TG", _("Telangana")
    TR = "TR", _("Tripura")
    UP = "UP", _("Uttar Pradesh")
    UK = "UK", _("Uttarakhand")
    WB = "WB", _("West Bengal")
    AN = "AN", _("Andaman and Nicobar Islands")
    CH = "CH", _("Chandigarh")
    DH = "DH", _("Dadra and Nagar Haveli and Daman and Diu")
    DL = "DL", _("Delhi")
    JK = "JK", _("Jammu and Kashmir")
    LA = "LA", _("Ladakh")
    LD = "LD", _("Lakshadweep")
    PY = "PY", _("Puducherry")


class IndianLanguage(models.TextChoices):
    """The 22 languages of the Eighth Schedule, plus "other"."""

    AS = "as", _("Assamese")
    BN = "bn", _("Bengali")
    BRX = "brx", _("Bodo")
    DOI = "doi", _("Dogri")
    GU = "gu", _("Gujarati")
    HI = "hi", _("Hindi")
    KN = "kn", _("Kannada")
    KS = "ks", _("Kashmiri")
    KOK = "kok", _("Konkani")
    MAI = "mai", _("Maithili")
    ML = "ml", _("Malayalam")
    MNI = "mni", _("Manipuri")
    MR = "mr", _("Marathi")
    NE = "ne", _("Nepali")
    OR = "or", _("Odia")
    PA = "pa", _("Punjabi")
    SA = "sa", _("Sanskrit")
    SAT = "sat", _("Santali")
    SD = "sd", _("Sindhi")
    TA = "ta", _("Tamil")
    TE = "te", _("Telugu")
    UR = "ur", _("Urdu")
    OTHER = "other", _("Other languages")


# Decisions staff stage and send in bulk, each a status of the table above.
DECISION_STATUSES = (S.SHORTLISTED, S.ACCEPTED, S.WAITLISTED, S.REJECTED)
