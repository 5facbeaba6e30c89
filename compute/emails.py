"""The emails of compute calls, each a text + HTML pair in the applicant's
language (the one they last used on the application)."""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.links import absolute_url
from home.mail import send_templated
from review import emails as review_emails

logger = logging.getLogger("coe.compute")


def _url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return absolute_url(reverse(name, kwargs=kwargs))


def send_submitted(application_pk: int) -> int:
    from .models import ComputeApplication

    application = (
        ComputeApplication.objects.select_related("call", "applicant", "organisation")
        .filter(pk=application_pk)
        .first()
    )
    if application is None:
        return 0
    language = application.language
    with translation.override(language):
        call = application.call.localized
    send_templated(
        to=application.applicant.email,
        language=language,
        template="compute/emails/submitted",
        context={
            "user": application.applicant,
            "application": application,
            "call": call,
            "url": _url("compute:application", language, uuid=application.uuid),
        },
    )
    logger.info("compute application %s: submitted email", application.uuid)
    return 1


def send_usage_reminder(report_pk: int) -> int:
    from .models import UsageReport

    report = (
        UsageReport.objects.select_related(
            "application__call", "application__applicant"
        )
        .filter(pk=report_pk)
        .first()
    )
    if report is None or report.submitted_at is not None:
        return 0
    application = report.application
    language = application.language
    with translation.override(language):
        call = application.call.localized
    send_templated(
        to=application.applicant.email,
        language=language,
        template="compute/emails/usage_reminder",
        context={
            "user": application.applicant,
            "application": application,
            "report": report,
            "call": call,
            "url": _url("compute:report", language, uuid=report.uuid),
        },
    )
    logger.info("usage report %s: reminder sent", report.uuid)
    return 1


DEFAULT_DECISION_MESSAGES = {
    "accepted": (
        gettext_lazy("Compute granted: {call}"),
        gettext_lazy(
            "Congratulations, {applicant}: your application to {call} is granted. "
            "We will write with the GPU-hours allocated and how to reach the "
            "machines. Grantees file a short usage report by each report date."
            "\n\n{url}"
        ),
    ),
    "waitlisted": (
        gettext_lazy("Your application to {call} is on the waiting list"),
        gettext_lazy(
            "{applicant}, your application to {call} is on the waiting list. If "
            "hours are freed, we will write to you.\n\n{url}"
        ),
    ),
    "rejected": (
        gettext_lazy("Your application to {call}"),
        gettext_lazy(
            "Thank you for applying, {applicant}. We could not grant compute from "
            "{call} this time. You are welcome to apply to a later call.\n\n{url}"
        ),
    ),
}


def decision_words(application, status: str) -> tuple[str, str, str]:
    """(language, subject, body) of a decision's email: the call's template for
    it, or the defaults, in the language the applicant applied in. The send and
    the managers' preview both read it."""
    from review.emails import decision_message

    language = application.language or settings.LANGUAGE_CODE
    template = application.call.decision_templates.filter(decision=status).first()
    with translation.override(language):
        values = {
            "applicant": application.applicant_name,
            "call": application.call.localized.title,
            "url": _url("compute:application", language, uuid=application.uuid),
        }
        subject, body = decision_message(
            template,
            language=language,
            values=values,
            default=[str(text) for text in DEFAULT_DECISION_MESSAGES[status]],
        )
    return language, subject, body


def send_decision_email(application_pk: int, status: str) -> int:
    """Email a decision to the applicant once, in the language they applied in.

    The record (`ComputeDecisionEmail`) is written before sending and is unique
    per application, decision and address: running the task twice sends once.
    """

    from .models import ComputeApplication, ComputeDecisionEmail
    from .selection import recipients

    application = (
        ComputeApplication.objects.select_related("call", "applicant", "organisation")
        .filter(pk=application_pk)
        .first()
    )
    if application is None:
        return 0
    language, subject, body = decision_words(application, status)
    sent = 0
    for user in recipients([application]).get(application.pk, []):
        sent += review_emails.send_decision_once(
            ComputeDecisionEmail,
            application=application,
            status=status,
            user=user,
            language=language,
            subject=subject,
            body=body,
            template="compute/emails/decision",
        )
    logger.info(
        "compute application %s: %s email to %d", application.uuid, status, sent
    )
    return sent


def _review_rows(reviews, language):
    with translation.override(language):
        return [
            (
                _("Application %(number)s") % {"number": review.application_id}
                if review.application.call.anonymised_review
                else review.application.applicant_name,
                absolute_url(reverse("compute_admin:review", args=[review.pk])),
            )
            for review in reviews
        ]


def send_reviews_assigned(reviewer_pk: int | None, review_pks: list[int]) -> int:
    """Tell a reviewer (in their language) which compute applications they
    were given."""
    from .models import ComputeReview

    reviews = list(
        ComputeReview.objects.filter(pk__in=review_pks).select_related(
            "reviewer", "application__call", "application__applicant"
        )
    )
    if not reviews:
        return 0
    reviewer = reviews[0].reviewer
    language = reviewer.preferred_language or settings.LANGUAGE_CODE
    send_templated(
        to=reviewer.email,
        language=language,
        template="compute/emails/reviews",
        context={
            "user": reviewer,
            "rows": _review_rows(reviews, language),
            "url": absolute_url(reverse("compute_admin:my_reviews")),
            "reminder": False,
        },
    )
    return 1


def send_review_reminder(reminder_pk: int) -> int:
    """Remind a reviewer of the compute reviews still due in one call."""
    from review.enums import ReviewStatus

    from .models import ComputeReview, ComputeReviewReminder

    reminder = (
        ComputeReviewReminder.objects.select_related("reviewer", "call")
        .filter(pk=reminder_pk)
        .first()
    )
    if reminder is None:
        return 0
    reviews = list(
        ComputeReview.objects.filter(
            reviewer=reminder.reviewer,
            application__call=reminder.call,
            status=ReviewStatus.ASSIGNED,
        ).select_related("application__call", "application__applicant")
    )
    if not reviews:
        return 0
    language = reminder.reviewer.preferred_language or settings.LANGUAGE_CODE
    send_templated(
        to=reminder.reviewer.email,
        language=language,
        template="compute/emails/reviews",
        context={
            "user": reminder.reviewer,
            "rows": _review_rows(reviews, language),
            "url": absolute_url(reverse("compute_admin:my_reviews")),
            "reminder": True,
            "deadline": reminder.call.review_deadline,
        },
    )
    return 1
