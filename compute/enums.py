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


# TEMPORARY: replaced by the shared review machinery's statuses when it lands.
class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
