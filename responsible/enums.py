from django.db import models
from django.utils.translation import gettext_lazy as _


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    NOT_APPLICABLE = "na", _("Not applicable")


class AssessmentStatus(models.TextChoices):
    """A draft changes until it is submitted; a submitted one is final (what a
    reviewer read stays what was sent)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
