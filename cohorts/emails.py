"""Emails of the cohorts app: a text + HTML pair in the recipient's language."""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.links import absolute_url
from home.mail import send_templated
from home.timefmt import format_datetime
from review import emails as review_emails
from review.emails import fill  # noqa: F401 -- importable here, where it was

from .enums import ApplicationStatus

logger = logging.getLogger("coe.cohorts")

APPLICATION_EMAILS = {
    "submitted": "cohorts/emails/application_submitted",
    "withdrawn": "cohorts/emails/application_withdrawn",
    "draft_reminder": "cohorts/emails/draft_reminder",
}


def site_url(path: str) -> str:
    return absolute_url(path)


def recipients_of(startup):
    """The owner and every co-founder who accepted the invitation."""
    users = []
    if startup.owner is not None:
        users.append(startup.owner)
    for membership in startup.memberships.filter(
        accepted_at__isnull=False, user__isnull=False
    ).select_related("user"):
        if membership.user not in users:
            users.append(membership.user)
    return users


def recipients_by_application(applications) -> dict[int, list]:
    """`recipients_of` the startup of each application, by application pk, in
    two queries however many applications there are."""
    from django.contrib.auth import get_user_model

    from .models import StartupMembership

    applications = list(applications)
    owners = get_user_model().objects.in_bulk(
        {a.startup.owner_id for a in applications if a.startup.owner_id}
    )
    members = {}
    for membership in (
        StartupMembership.objects.filter(
            startup_id__in={a.startup_id for a in applications},
            accepted_at__isnull=False,
            user__isnull=False,
        )
        .select_related("user")
        .order_by("pk")
    ):
        members.setdefault(membership.startup_id, []).append(membership.user)
    recipients = {}
    for application in applications:
        owner = owners.get(application.startup.owner_id)
        users = [owner] if owner is not None else []
        users += [u for u in members.get(application.startup_id, []) if u not in users]
        recipients[application.pk] = users
    return recipients


def load_application(application_pk: int):
    """The application an email is about, or None when it has gone since."""
    from .models import Application

    return (
        Application.objects.select_related("cohort", "startup", "startup__owner")
        .filter(pk=application_pk)
        .first()
    )


def send_application_email(
    application_pk: int, kind: str, actor_pk: int | None = None
) -> int:
    """Email the startup's people about `application`.

    Whoever acted (and the owner, for a draft reminder) reads it in the language
    the application was last worked on in; the others in their own language.
    """
    from .questions import readable_answers

    application = load_application(application_pk)
    if application is None:
        return 0
    template = APPLICATION_EMAILS[kind]
    users = recipients_of(application.startup)
    if kind == "draft_reminder":
        users = users[:1]  # the owner
    sent = 0
    for user in users:
        if user.pk == actor_pk or kind == "draft_reminder":
            language = application.language
        else:
            language = user.preferred_language
        with translation.override(language):
            cohort = application.cohort.localized
            answers = readable_answers(application.answers, cohort.question_list)
            path = reverse("cohorts:application", kwargs={"uuid": application.uuid})
        send_templated(
            to=user.email,
            language=language,
            template=template,
            context={
                "user": user,
                "application": application,
                "cohort": cohort,
                "startup": application.startup,
                "answers": answers,
                "url": site_url(path),
                "dashboard_url": site_url(_dashboard_path(language)),
            },
        )
        sent += 1
    logger.info("application %s: %s email to %d", application.uuid, kind, sent)
    return sent


def _dashboard_path(language):
    with translation.override(language):
        try:
            return reverse("dashboard")
        except Exception:  # noqa: BLE001 -- the dashboard is wired by coe_site
            return "/"


def send_invitation(membership_pk: int, language: str | None = None) -> None:
    """The invitation, in the language the inviter was using (`language`)."""
    from .models import StartupMembership

    membership = (
        StartupMembership.objects.select_related("startup", "invited_by")
        .filter(pk=membership_pk)
        .first()
    )
    if membership is None:
        return
    if not language:
        language = (
            membership.invited_by.preferred_language
            if membership.invited_by
            else settings.LANGUAGE_CODE
        )
    with translation.override(language):
        path = reverse("cohorts:accept_invitation", kwargs={"token": membership.token})
    send_templated(
        to=membership.email,
        language=language,
        template="cohorts/emails/invitation",
        context={
            "membership": membership,
            "startup": membership.startup,
            "inviter": membership.invited_by,
            "url": site_url(path),
        },
    )


def send_decision_email(application_pk: int, status: str) -> int:
    """Email a decision to the startup's people, each once, in their language.

    The record (`DecisionEmail`) is written before sending and is unique per
    application, decision and address, so running the task twice sends once.
    """

    from .models import DecisionEmail

    application = load_application(application_pk)
    if application is None:
        return 0
    sent = 0
    for user in recipients_of(application.startup):
        language = user.preferred_language or settings.LANGUAGE_CODE
        subject, body = decision_message(application, status, language)
        sent += review_emails.send_decision_once(
            DecisionEmail,
            application=application,
            status=status,
            user=user,
            language=language,
            subject=subject,
            body=body,
            template="cohorts/emails/decision",
        )
    logger.info(
        "application %s: %s decision email to %d", application.uuid, status, sent
    )
    return sent


DEFAULT_DECISION_MESSAGES = {
    ApplicationStatus.SHORTLISTED: (
        gettext_lazy("{startup} is shortlisted for {cohort}"),
        gettext_lazy(
            "Good news: {startup} is on the shortlist for {cohort}. We will write "
            "soon to arrange a conversation with the selection panel.\n\n{url}"
        ),
    ),
    ApplicationStatus.ACCEPTED: (
        gettext_lazy("{startup} is selected for {cohort}"),
        gettext_lazy(
            "Congratulations: {startup} is selected for {cohort}. Next, we will "
            "send the programme agreement and your compute credits.\n\n{url}"
        ),
    ),
    ApplicationStatus.WAITLISTED: (
        gettext_lazy("{startup} is on the waiting list for {cohort}"),
        gettext_lazy(
            "{startup} is on the waiting list for {cohort}. If a place opens, we "
            "will write to you before the programme starts.\n\n{url}"
        ),
    ),
    ApplicationStatus.REJECTED: (
        gettext_lazy("Your application to {cohort}"),
        gettext_lazy(
            "Thank you for applying with {startup}. We could not offer a place in "
            "{cohort} this time. You are welcome to apply to a later cohort.\n\n{url}"
        ),
    ),
}


def send_review_reassigned(review_pk: int) -> int:
    """Tell a reviewer, in their language, that an application came to them
    because another reviewer declared a conflict. Returns the emails sent."""
    from .models import Review

    review = (
        Review.objects.select_related("reviewer", "application__cohort")
        .filter(pk=review_pk, status="assigned")
        .first()
    )
    if review is None or not review.reviewer.email:
        return 0
    user = review.reviewer
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        cohort = review.application.cohort.localized.title
    send_templated(
        to=user.email,
        language=language,
        template="cohorts/emails/review_reassigned",
        context={
            "user": user,
            "cohort": cohort,
            "url": site_url(reverse("cohorts_selection:review", args=[review.pk])),
        },
    )
    logger.info("review %s: reassignment email sent", review.pk)
    return 1


def _review_rows(reviews, language):
    """(label, cohort title, link) of each review: "Application N" when the
    cohort's review is anonymised, else the startup's name."""
    rows = []
    with translation.override(language):
        for review in reviews:
            application = review.application
            cohort = application.cohort
            label = (
                _("Application %(number)s") % {"number": application.pk}
                if cohort.anonymised_review
                else application.startup.name
            )
            url = site_url(reverse("cohorts_selection:review", args=[review.pk]))
            rows.append((label, cohort.localized.title, url))
    return rows


def send_reviews_assigned(reviewer_pk: int, review_pks: list[int]) -> int:
    """One email to a reviewer, in their language, listing the applications
    newly assigned to them in one action (those still to review). Returns the
    emails sent."""
    from .models import Review

    reviews = list(
        Review.objects.select_related(
            "reviewer", "application__cohort", "application__startup"
        )
        .filter(pk__in=review_pks, reviewer_id=reviewer_pk, status="assigned")
        .order_by("application__cohort_id", "application_id")
    )
    if not reviews or not reviews[0].reviewer.email:
        return 0
    user = reviews[0].reviewer
    language = user.preferred_language or settings.LANGUAGE_CODE
    rows = _review_rows(reviews, language)
    with translation.override(language):
        deadlines = sorted(
            {
                format_datetime(r.application.cohort.review_deadline)
                for r in reviews
                if r.application.cohort.review_deadline
            }
        )
        my_reviews = site_url(reverse("cohorts_selection:my_reviews"))
    send_templated(
        to=user.email,
        language=language,
        template="cohorts/emails/reviews_assigned",
        context={
            "user": user,
            "rows": rows,
            "count": len(rows),
            "deadline": ", ".join(deadlines),
            "url": my_reviews,
        },
    )
    logger.info("reviewer %s: %d assignments emailed", user.pk, len(rows))
    return 1


def send_review_reminder(reminder_pk: int) -> int:
    """Remind a reviewer, in their language, of the reviews still due in a
    cohort before its review deadline. Returns the emails sent."""
    from .models import Review, ReviewReminder

    reminder = (
        ReviewReminder.objects.select_related("reviewer", "cohort")
        .filter(pk=reminder_pk)
        .first()
    )
    if reminder is None or not reminder.reviewer.email:
        return 0
    user = reminder.reviewer
    reviews = list(
        Review.objects.select_related("application__cohort", "application__startup")
        .filter(reviewer=user, application__cohort=reminder.cohort, status="assigned")
        .order_by("application_id")
    )
    if not reviews:
        return 0
    language = user.preferred_language or settings.LANGUAGE_CODE
    rows = _review_rows(reviews, language)
    with translation.override(language):
        context = {
            "user": user,
            "rows": rows,
            "count": len(rows),
            "cohort": reminder.cohort.localized.title,
            "deadline": format_datetime(reminder.cohort.review_deadline),
            "url": site_url(reverse("cohorts_selection:my_reviews")),
        }
    send_templated(
        to=user.email,
        language=language,
        template="cohorts/emails/review_reminder",
        context=context,
    )
    logger.info("review reminder %s sent", reminder.pk)
    return 1


class DecisionMessages:
    """The decision emails of one cohort: its staff-written templates read in
    one query and its title once per language, so previewing 500 decisions
    costs the same few queries as previewing one."""

    def __init__(self, cohort):
        from .models import DecisionTemplate

        self.cohort = cohort
        self.templates = {
            template.decision: template
            for template in DecisionTemplate.objects.filter(cohort=cohort).order_by(
                "-pk"
            )
        }
        self.titles = {}

    def title(self, language: str) -> str:
        if language not in self.titles:
            with translation.override(language):
                self.titles[language] = self.cohort.localized.title
        return self.titles[language]

    def message(self, application, status: str, language: str):
        """(subject, body) of the decision email in `language`, from the
        cohort's template when staff wrote one, else the default."""
        with translation.override(language):
            url = site_url(
                reverse("cohorts:application", kwargs={"uuid": application.uuid})
            )
            values = {
                "startup": application.startup.name,
                "cohort": self.title(language),
                "url": url,
            }
            return review_emails.decision_message(
                self.templates.get(status),
                language=language,
                values=values,
                default=DEFAULT_DECISION_MESSAGES[status],
            )


def decision_message(application, status: str, language: str):
    """(subject, body) of one decision email in `language` (see DecisionMessages)."""
    return DecisionMessages(application.cohort).message(application, status, language)
