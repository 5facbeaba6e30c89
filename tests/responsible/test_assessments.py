"""Self-assessments: only their owner opens them; a draft is saved and
submitted; a submitted one is final; answers follow items across languages."""

import pytest

from responsible.enums import AssessmentStatus
from responsible.models import SelfAssessment
from tests.factories.home import VerifiedUserFactory
from tests.factories.responsible import (
    SelfAssessmentFactory,
    SubmittedAssessmentFactory,
    checklist,
    in_hindi,
    item_ids,
)

pytestmark = pytest.mark.django_db


def form_data(page, answers: dict, subject="Vaani speech corpus", **extra) -> dict:
    data = {"subject": subject, **extra}
    for item_id, (answer, note) in answers.items():
        data[f"answer-{item_id}"] = answer
        data[f"note-{item_id}"] = note
    return data


def test_checklist_page_shows_items_and_why_in_english_and_hindi(client):
    page = checklist()
    english = client.get("/responsible-ai/dataset-consent-and-provenance/")
    assert english.status_code == 200
    assert "Why it matters:" in english.content.decode()
    assert "verifiable consent" in english.content.decode()
    hindi_url = in_hindi(page).url
    hindi = client.get(hindi_url).content.decode()
    assert hindi_url.startswith("/hi/responsible-ai/")
    assert "सत्यापन योग्य सहमति" in hindi
    index = client.get("/hi/responsible-ai/").content.decode()
    assert "मॉडल जारी करना" in index


def test_owner_saves_a_draft_and_comes_back_to_it(client):
    page = checklist()
    first, second, *_ = item_ids(page)
    owner = VerifiedUserFactory()
    client.force_login(owner)
    response = client.post(
        f"/responsible-ai/assessments/new/{page.pk}/",
        form_data(page, {first: ("partly", "Consent forms for 80% of clips")}, save=""),
    )
    assessment = SelfAssessment.objects.get(owner=owner)
    assert response.status_code == 302
    assert response["Location"] == assessment.get_absolute_url()
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.answers[first]["answer"] == "partly"
    assert second not in assessment.answers
    again = client.get(assessment.get_absolute_url()).content.decode()
    assert "Consent forms for 80% of clips" in again
    assert f'value="partly" name="answer-{first}"' in again or (
        f'name="answer-{first}" value="partly"' in again
    )
    assert "Your self-assessments" in client.get("/dashboard/").content.decode()
    assert "Vaani speech corpus" in client.get("/dashboard/").content.decode()


def test_submit_needs_every_answer_and_keeps_what_was_typed(client):
    page = checklist()
    first, *rest = item_ids(page)
    assessment = SelfAssessmentFactory(checklist=page, answers={})
    client.force_login(assessment.owner)
    response = client.post(
        assessment.get_absolute_url(),
        form_data(page, {first: ("yes", "Written notices in Odia")}, submit=""),
    )
    assert response.status_code == 400
    assert "Choose an answer." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.answers[first]["note"] == "Written notices in Odia"
    everything = dict.fromkeys(rest, ("na", "")) | {first: ("yes", "")}
    response = client.post(
        assessment.get_absolute_url(), form_data(page, everything, submit="")
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert assessment.submitted_at is not None


def test_a_submitted_assessment_is_final(client):
    assessment = SubmittedAssessmentFactory()
    page = assessment.checklist
    client.force_login(assessment.owner)
    shown = client.get(assessment.get_absolute_url())
    assert shown.status_code == 200
    assert 'name="submit"' not in shown.content.decode()
    everything = dict.fromkeys(item_ids(page), ("no", "changed"))
    client.post(assessment.get_absolute_url(), form_data(page, everything, save=""))
    assessment.refresh_from_db()
    assert {a["answer"] for a in assessment.answers.values()} == {"yes"}


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_nobody_else_opens_an_assessment(client, prefix):
    assessment = SelfAssessmentFactory()
    url = prefix + assessment.get_absolute_url().removeprefix(prefix)
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(f"{prefix}/accounts/login/")
    client.force_login(VerifiedUserFactory())
    assert client.get(url).status_code == 404
    assert client.post(url, {"subject": "Taken over"}).status_code == 404
    listing = client.get(f"{prefix}/responsible-ai/assessments/").content.decode()
    assert "Vaani speech corpus" not in listing
    assessment.refresh_from_db()
    assert assessment.subject == "Vaani speech corpus"


def test_answers_follow_the_items_across_languages(client):
    """Filled in Hindi, read in English: items are matched by their id."""
    page = checklist()
    hindi = in_hindi(page)
    first = item_ids(page)[0]
    assert item_ids(hindi) == item_ids(page)
    owner = VerifiedUserFactory()
    client.force_login(owner)
    client.post(
        f"/hi/responsible-ai/assessments/new/{hindi.pk}/",
        form_data(hindi, {first: ("no", "अभी नहीं")}, save=""),
    )
    assessment = SelfAssessment.objects.get(owner=owner)
    assert assessment.language == "hi"
    english = client.get(f"/responsible-ai/assessments/{assessment.uuid}/")
    english = english.content.decode()
    assert "The source of every part of the dataset is written down" in english
    assert "अभी नहीं" in english


def test_download_shows_and_deletion_removes_the_assessments(client):
    from coe_site.personal_data import erase_account, export_data

    assessment = SelfAssessmentFactory(subject="Bodo ASR")
    owner = assessment.owner
    exported = export_data(owner)["responsible"]["self_assessments"]
    assert [row["subject"] for row in exported] == ["Bodo ASR"]
    erase_account(owner)
    assert not SelfAssessment.objects.filter(pk=assessment.pk).exists()


@pytest.mark.parametrize("path", ["/responsible-ai/assessments/", "/dashboard/"])
def test_listing_queries_do_not_grow_with_the_assessments(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = SelfAssessmentFactory()
    owner = first.owner
    client.force_login(owner)

    def count():
        client.get(path)  # warm the caches a first request fills
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    one = count()
    SelfAssessmentFactory.create_batch(2, owner=owner, checklist=first.checklist)
    assert count() == one


def test_a_checklist_cannot_take_the_assessments_address():
    from django.core.exceptions import ValidationError

    page = checklist()
    page.slug = "assessments"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug" in error.value.message_dict
