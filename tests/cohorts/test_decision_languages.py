"""Decision emails in each recipient's language, for every language the site has
(issue 19, item 5): Tamil readers get Tamil, a cohort's own template in Tamil
when staff wrote one, its English text when they did not."""

import pytest
from django.core import mail

from cohorts import selection
from cohorts.enums import ApplicationStatus as S
from cohorts.models import DecisionEmail, DecisionTemplate
from tests.factories.cohorts import ApplicationFactory, create_cohort
from tests.factories.selection import ManagerFactory


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _decide(cohort, applications, commit):
    manager = ManagerFactory()
    for application in applications:
        selection.stage_decision(application, to=S.ACCEPTED, by=manager)
    with commit():
        sent, problems = selection.send_decisions(cohort, by=manager)
    assert (sent, problems) == (len(applications), [])
    return {message.to[0]: message for message in mail.outbox}


def _tamil_application(cohort):
    application = ApplicationFactory(cohort=cohort, status=S.SHORTLISTED)
    application.startup.owner.preferred_language = "ta"
    application.startup.owner.save()
    return application


def test_a_tamil_reader_gets_the_default_decision_in_tamil(db, commit):
    cohort = create_cohort()
    tamil = _tamil_application(cohort)
    message = _decide(cohort, [tamil], commit)[tamil.startup.owner.email]
    assert "தேர்ந்தெடுக்கப்பட்டுள்ளது" in message.subject
    assert "வாழ்த்துகள்" in message.body
    assert "Congratulations" not in message.body
    assert DecisionEmail.objects.get().language == "ta"


def test_the_cohorts_template_in_tamil_or_else_in_english(db, commit):
    cohort = create_cohort()
    template = DecisionTemplate.objects.create(
        cohort=cohort,
        decision=S.ACCEPTED,
        subject_en="Welcome, {startup}",
        body_en="{startup} joins {cohort}.",
        subject_hi="स्वागत है, {startup}",
        body_hi="{startup} {cohort} में शामिल है।",
    )
    first = _tamil_application(cohort)
    message = _decide(cohort, [first], commit)[first.startup.owner.email]
    assert message.subject.endswith(f"Welcome, {first.startup.name}")

    template.subject_ta = "வருக, {startup}"
    template.body_ta = "{startup} {cohort} தொகுதியில் இணைகிறது."
    template.save()
    mail.outbox.clear()
    second = _tamil_application(cohort)
    message = _decide(cohort, [second], commit)[second.startup.owner.email]
    assert message.subject.endswith(f"வருக, {second.startup.name}")
    assert "தொகுதியில் இணைகிறது" in message.body
