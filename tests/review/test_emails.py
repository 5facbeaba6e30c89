"""Decision messages of any programme: template or default, placeholders filled."""

from types import SimpleNamespace

import pytest
from django.core import mail

from review.emails import decision_message, fill
from review.models import AbstractDecisionTemplate


class Template(SimpleNamespace):
    """A stand-in for a programme's template: the abstract model's fields and
    its own message_in (no table: the abstract model has none)."""

    message_in = AbstractDecisionTemplate.message_in


def test_fill_replaces_only_the_given_placeholders():
    assert (
        fill(
            "{startup} in {cohort}: {url} {other} {{x}}",
            {
                "startup": "Bhasha Labs",
                "cohort": 7,
                "url": "https://coe.example.in/a/",
            },
        )
        == "Bhasha Labs in 7: https://coe.example.in/a/ {other} {{x}}"
    )


def test_decision_message_without_a_template_fills_the_default():
    subject, body = decision_message(
        None,
        language="hi",
        values={"who": "Meera"},
        default=("Hello {who}", "Dear {who}, yes."),
    )
    assert (subject, body) == ("Hello Meera", "Dear Meera, yes.")


def test_decision_message_prefers_the_template_in_the_readers_language():
    template = Template(
        subject_en="Selected: {who}",
        body_en="Well done, {who}.",
        subject_hi="चयनित: {who}",
        body_hi="बधाई, {who}।",
        subject_ta="",
        body_ta="",
    )
    default = ("unused", "unused")
    values = {"who": "Meera"}
    assert decision_message(
        template, language="hi", values=values, default=default
    ) == ("चयनित: Meera", "बधाई, Meera।")
    # Tamil left empty, and a language with no fields at all: English.
    for language in ("ta", "bn"):
        assert decision_message(
            template, language=language, values=values, default=default
        ) == ("Selected: Meera", "Well done, Meera.")


def test_message_in_needs_both_subject_and_body_of_a_language():
    template = Template(
        subject_en="S",
        body_en="B",
        subject_hi="हि",
        body_hi="",
        subject_ta="",
        body_ta="த",
    )
    assert template.message_in("hi") == ("S", "B")
    assert template.message_in("ta") == ("S", "B")
    template.body_hi = "बी"
    assert template.message_in("hi") == ("हि", "बी")


@pytest.mark.django_db
def test_a_decision_email_sent_twice_reaches_the_applicant_once():
    """The task may run twice (a retry): the record is written before sending
    and only the first run sends."""
    from compute.emails import send_decision_email
    from compute.enums import ApplicationStatus
    from compute.models import ComputeDecisionEmail
    from tests.factories.compute import SubmittedComputeApplicationFactory, accepted

    application = accepted(SubmittedComputeApplicationFactory())
    assert send_decision_email(application.pk, ApplicationStatus.ACCEPTED) == 1
    assert send_decision_email(application.pk, ApplicationStatus.ACCEPTED) == 0
    assert [m.to for m in mail.outbox] == [[application.applicant.email]]
    record = ComputeDecisionEmail.objects.get()
    assert (record.recipient, record.status) == (
        application.applicant.email,
        ApplicationStatus.ACCEPTED,
    )
