"""Reused reads: open cohorts, a user's startups and applications."""

from django.utils import timezone, translation

from home.privacy import public
from home.translations import in_language

from .enums import ApplicationStatus
from .models import Application, CohortPage, Startup


def open_cohorts(limit=3, now=None):
    """Cohorts open for applications in the active language (or the main one
    where not translated yet), closing soonest first."""
    now = now or timezone.now()
    cohorts = in_language(public(CohortPage.objects.live()), translation.get_language())
    return list(
        cohorts.filter(
            applications_open_at__lte=now, applications_close_at__gt=now
        ).order_by("applications_close_at")[:limit]
    )


def startups_for(user):
    return Startup.objects.editable_by(user).select_related("owner").order_by("name")


def applications_for(user):
    return (
        Application.objects.for_user(user)
        .select_related("cohort", "startup")
        .order_by("-updated_at")
    )


def next_step(application) -> str:
    """What the applicant should do next, in words."""
    from django.utils.translation import gettext as _

    status = application.status
    if status == ApplicationStatus.DRAFT:
        if application.cohort.is_open():
            return _("Finish and submit before the deadline.")
        return _("Applications have closed; this draft can no longer be submitted.")
    if status == ApplicationStatus.SUBMITTED:
        return _("Nothing to do: we will review your application after the deadline.")
    if status in (ApplicationStatus.IN_REVIEW, ApplicationStatus.SHORTLISTED):
        return _("Nothing to do: your application is being reviewed.")
    if status == ApplicationStatus.ACCEPTED:
        return _("Congratulations! Watch your email for onboarding details.")
    if status == ApplicationStatus.WAITLISTED:
        return _("You are on the waitlist; we will email you if a place opens.")
    return _("No further steps.")


def onboarding_of(applications) -> dict[int, list[dict]]:
    """Each accepted application's onboarding checklist, by pk (one query)."""
    from .selection import onboarding_of as checklists

    return checklists(applications)
