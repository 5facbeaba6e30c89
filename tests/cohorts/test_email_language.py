"""Emails go out in the language the person used for the action (issue 12, item 2)."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from cohorts import services
from cohorts.models import StartupMembership
from tests.factories.cohorts import ApplicationFactory, create_cohort
from tests.factories.home import VerifiedUserFactory

HINDI_SUBJECT_WORD = "आवेदन"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_submitted_on_hindi_pages_emails_in_hindi_despite_english_preference(
    application, user, commit
):
    assert user.preferred_language == "en"
    with commit(), translation.override("hi"):
        services.submit_application(application, user=user, consent=True)
    application.refresh_from_db()
    assert application.language == "hi"
    message = mail.outbox[0]
    assert HINDI_SUBJECT_WORD in message.subject
    assert "Hello" not in message.body
    assert "/hi/" in message.body


def test_submitted_in_english_emails_in_english_despite_hindi_preference(
    application, user, commit
):
    user.preferred_language = "hi"
    user.save()
    with commit(), translation.override("en"):
        services.submit_application(application, user=user, consent=True)
    assert HINDI_SUBJECT_WORD not in mail.outbox[0].subject
    assert "Hello" in mail.outbox[0].body


def test_cofounder_who_did_not_act_reads_their_own_language(application, user, commit):
    cofounder = VerifiedUserFactory(preferred_language="hi")
    StartupMembership.objects.create(
        startup=application.startup,
        email=cofounder.email,
        user=cofounder,
        accepted_at=timezone.now(),
    )
    with commit(), translation.override("en"):
        services.submit_application(application, user=user, consent=True)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert HINDI_SUBJECT_WORD not in by_address[user.email].subject
    assert HINDI_SUBJECT_WORD in by_address[cofounder.email].subject


def test_draft_reminder_uses_the_language_the_draft_was_saved_in(db, commit):
    application = ApplicationFactory(cohort=create_cohort("soon", closes_in_days=2))
    owner = application.startup.owner
    with translation.override("hi"):
        services.update_draft(application, user=owner, compute_gpu_hours=10)
    with commit():
        call_command("send_draft_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert "Hello" not in mail.outbox[0].body


def test_invitation_goes_out_in_the_inviters_language(startup, user, commit):
    with commit(), translation.override("hi"):
        services.invite_cofounder(startup, invited_by=user, email="new@example.in")
    assert mail.outbox[0].to == ["new@example.in"]
    assert "/hi/" in mail.outbox[0].body


def test_account_page_changes_the_email_language(client, user):
    client.force_login(user)
    page = client.get("/dashboard/")
    assert 'name="preferred_language"' in page.content.decode()
    response = client.post(
        "/dashboard/language/", {"preferred_language": "hi"}, follow=True
    )
    user.refresh_from_db()
    assert user.preferred_language == "hi"
    assert "Your email language was saved." in response.content.decode()


def test_account_page_refuses_an_unknown_language_without_error(client, user):
    client.force_login(user)
    response = client.post(
        "/hi/dashboard/language/", {"preferred_language": "xx"}, follow=True
    )
    assert response.status_code == 200
    assert "दी गई भाषाओं में से एक चुनें।" in response.content.decode()
    user.refresh_from_db()
    assert user.preferred_language == "en"
