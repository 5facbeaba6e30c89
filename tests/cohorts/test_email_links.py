"""Every link in a cohort email points into the language of that email (issue 19)."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from cohorts import services

LINK = re.compile(r"https?://[^\s\"<>]+")
OTHER = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def links_of(message) -> set[str]:
    bodies = [message.body] + [body for body, _type in message.alternatives]
    return {link for body in bodies for link in LINK.findall(body)}


@pytest.mark.parametrize("language", OTHER)
def test_every_link_of_a_submission_email_is_in_its_language(
    application, user, django_capture_on_commit_callbacks, language, settings
):
    settings.SITE_URL = "https://coe.example.in"
    with django_capture_on_commit_callbacks(execute=True):
        with translation.override(language):
            services.submit_application(application, user=user, consent=True)
    links = links_of(mail.outbox[0])
    assert links
    for link in links:
        assert link.startswith(f"https://coe.example.in/{language}/"), link


@pytest.mark.parametrize("language", OTHER)
def test_every_link_of_an_invitation_is_in_its_language(
    startup, user, django_capture_on_commit_callbacks, language, settings
):
    settings.SITE_URL = "https://coe.example.in"
    with django_capture_on_commit_callbacks(execute=True):
        with translation.override(language):
            services.invite_cofounder(startup, invited_by=user, email="n@example.in")
    links = links_of(mail.outbox[0])
    assert links
    for link in links:
        assert link.startswith(f"https://coe.example.in/{language}/"), link
