"""Anonymised review: nothing a reviewer reads names the startup or its people."""

import pytest
from django.utils import translation

from cohorts import selection
from cohorts.anonymity import redact, redaction_terms
from cohorts.models import Review
from tests.factories.cohorts import (
    FounderFactory,
    StartupFactory,
    add_file_answer,
    answers_for,
)
from tests.factories.selection import (
    ManagerFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
    cohort_with_rubric,
)

pytestmark = pytest.mark.django_db

SECRETS = (
    "Nyaya Anuvad",
    "Kavitha Ramaswamy",
    "Ramaswamy",
    "nyayaanuvad.in",
    "kavitha@nyayaanuvad.in",
    "nyaya-anuvad-letter",
)


@pytest.fixture
def application():
    cohort = cohort_with_rubric()
    cohort.anonymised_review = True
    cohort.save_revision().publish()
    startup = StartupFactory(
        name="Nyaya Anuvad",
        website="https://www.nyayaanuvad.in/",
        description="NYAYA ANUVAD translates court orders; see nyayaanuvad.in.",
        founder=None,
    )
    FounderFactory(
        startup=startup, name="Kavitha Ramaswamy", email="kavitha@nyayaanuvad.in"
    )
    application = SubmittedApplicationFactory(
        cohort=cohort,
        startup=startup,
        answers=answers_for(
            {
                "q-name": "Nyaya Anuvad",
                "q-problem": "Nyaya Anuvad serves speakers of Santali; write to "
                "kavitha@nyayaanuvad.in. Ramaswamy led the pilot.",
            }
        ),
        compute_purpose="Fine-tuning the nyaya_anuvad model.",
    )
    add_file_answer(application)
    letter = application.answers["q-letter"]
    letter["value"]["filename"] = "nyaya-anuvad-letter.pdf"
    application.save()
    return application


def test_reviewer_sees_redacted_not_the_startup(client, application):
    reviewer = ReviewerFactory()
    selection.assign_reviewers([application], reviewers=[reviewer], by=None)
    review = Review.objects.get(application=application)
    client.force_login(reviewer)
    for url in (
        f"/admin/selection/reviews/{review.pk}/",
        "/admin/selection/reviews/",
        "/admin/",
    ):
        html = client.get(url).content.decode()
        for secret in SECRETS:
            assert secret.lower() not in html.lower(), (url, secret)
    html = client.get(f"/admin/selection/reviews/{review.pk}/").content.decode()
    assert "[redacted] serves speakers of Santali" in html
    assert "[redacted]-letter.pdf" in html  # the file name
    assert "[redacted] translates court orders" in html  # the description
    assert "the [redacted] model" in html  # the compute purpose
    assert "[redacted] led the pilot" in html


def test_managers_see_the_startup(client, application):
    manager = ManagerFactory()
    client.force_login(manager)
    html = client.get(f"/admin/application/inspect/{application.pk}/")
    html = html.content.decode()
    assert "Nyaya Anuvad serves speakers" in html
    assert "Kavitha Ramaswamy" in html and "nyaya-anuvad-letter.pdf" in html


def test_redact_matches_whole_words_in_any_case():
    terms = ["Nyaya Anuvad", "Asha Murmu", "Asha", "Murmu"]
    assert redact("nyaya  anuvad's team", terms=terms) == "[redacted]'s team"
    assert redact("Ashara and Murmured", terms=terms) == "Ashara and Murmured"
    assert redact("ASHA MURMU, CEO", terms=terms) == "[redacted], CEO"
    assert redact("", terms=terms) == ""
    with translation.override("hi"):
        assert "redacted" not in redact("Asha", terms=terms)


def test_redaction_terms_cover_people_and_addresses(application):
    terms = redaction_terms(application)
    for term in ("Nyaya Anuvad", "Kavitha Ramaswamy", "nyayaanuvad.in"):
        assert term in terms
    owner = application.startup.owner
    assert owner.email in terms
