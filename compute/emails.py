"""The emails of compute calls, each a text + HTML pair in the applicant's
language (the one they last used on the application)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from home.links import absolute_url

logger = logging.getLogger("coe.compute")


def send_templated(*, to: str, language: str, template: str, context: dict) -> None:
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


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
            "grant__application__call", "grant__application__applicant"
        )
        .filter(pk=report_pk)
        .first()
    )
    if report is None or report.submitted_at is not None:
        return 0
    application = report.grant.application
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
