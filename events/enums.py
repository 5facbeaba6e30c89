"""Choices of the events app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class SeatsState(models.TextChoices):
    """What the seats badge says; computed, never stored."""

    OPEN = "open", _("Seats available")
    FEW_LEFT = "few_left", _("Few seats left")
    FULL = "full", _("Full")
    WAITLIST = "waitlist", _("Full: join the waitlist")
    NOT_OPEN = "not_open", _("Registration not yet open")
    CLOSED = "closed", _("Registration closed")
    NO_REGISTRATION = "none", _("No registration needed")
