"""Private files: a replaced file goes only after the new reference is committed,
and orphans are found and removed by a command."""

import datetime as dt
import io
import os
import time

import pytest
from django.core.management import call_command

from cohorts import services
from cohorts.models import private_storage
from cohorts.questions import QuestionsForm
from tests.factories.cohorts import (
    QUESTIONS,
    ApplicationFactory,
    add_file_answer,
    answers_for,
    create_cohort,
    pdf_upload,
)

FILE_QUESTION = {
    "type": "file",
    "id": "q-letter",
    "value": {"label": "Support letter", "help_text": "", "required": False},
}


@pytest.fixture
def file_cohort(db):
    return create_cohort("files", questions=[*QUESTIONS, FILE_QUESTION])


@pytest.fixture
def with_letter(file_cohort, user):
    return add_file_answer(ApplicationFactory(cohort=file_cohort, startup__owner=user))


def deck_step(application):
    return f"/cohorts/{application.cohort.slug}/apply/{application.uuid}/deck/"


def test_replaced_deck_is_deleted_only_after_the_commit(
    client, user, application, django_capture_on_commit_callbacks
):
    storage = private_storage()
    old = application.pitch_deck.name
    client.force_login(user)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            deck_step(application),
            {
                "pitch_deck": pdf_upload("new.pdf"),
                "compute_gpu_hours": "2000",
                "compute_purpose": "Fine-tuning.",
            },
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.pitch_deck.name != old
    assert storage.exists(old)  # not yet: the transaction might still roll back
    for callback in callbacks:
        callback()
    assert not storage.exists(old)
    assert storage.exists(application.pitch_deck.name)


def test_replacing_an_answer_file_keeps_the_old_one_until_the_save(with_letter):
    """A submit racing a re-upload: the submitted row keeps a file that exists."""
    storage = private_storage()
    first = with_letter.answers["q-letter"]["value"]["name"]
    form = QuestionsForm(
        {"q_q-name": "VaaniAI"},
        {"q_q-letter": pdf_upload("second.pdf")},
        questions=with_letter.cohort.question_list,
        answers=with_letter.answers,
        draft=True,
    )
    assert form.is_valid(), form.errors
    answers = form.updated_answers(owner_uuid=with_letter.uuid)
    # Meanwhile a co-founder submits the application.
    services.submit_application(with_letter, user=with_letter.created_by, consent=True)
    with pytest.raises(services.ApplicationError):
        services.update_draft(with_letter, user=with_letter.created_by, answers=answers)
    with_letter.refresh_from_db()
    assert with_letter.status == "submitted"
    assert with_letter.answers["q-letter"]["value"]["name"] == first
    assert storage.exists(first)


def test_replaced_answer_file_goes_after_the_commit(
    with_letter, django_capture_on_commit_callbacks
):
    storage = private_storage()
    first = with_letter.answers["q-letter"]["value"]["name"]
    answers = dict(with_letter.answers)
    second = storage.save(f"answers/{with_letter.uuid}/second.pdf", pdf_upload())
    answers["q-letter"] = {**answers["q-letter"], "value": {"name": second}}
    with django_capture_on_commit_callbacks(execute=True):
        services.update_draft(with_letter, user=with_letter.created_by, answers=answers)
    assert not storage.exists(first) and storage.exists(second)


def age(name, days=2):
    path = private_storage().path(name)
    then = time.time() - dt.timedelta(days=days).total_seconds()
    os.utime(path, (then, then))


def run(*args):
    out = io.StringIO()
    call_command("delete_orphan_files", *args, stdout=out)
    return out.getvalue()


def test_delete_orphan_files_lists_by_default_and_deletes_when_asked(with_letter):
    storage = private_storage()
    deck = with_letter.pitch_deck.name
    letter = with_letter.answers["q-letter"]["value"]["name"]
    orphan_deck = storage.save("decks/lost/orphan.pdf", pdf_upload())
    orphan_answer = storage.save(f"answers/{with_letter.uuid}/lost.pdf", pdf_upload())
    fresh = storage.save("decks/lost/uploading.pdf", pdf_upload())
    for name in (deck, letter, orphan_deck, orphan_answer):
        age(name)

    listed = run()
    assert orphan_deck in listed and orphan_answer in listed
    assert fresh not in listed  # too young: its row may not have committed yet
    assert deck not in listed and letter not in listed
    assert "orphaned file(s) found (dry run" in listed
    assert storage.exists(orphan_deck)  # a dry run deletes nothing

    run("--delete")
    assert not storage.exists(orphan_deck) and not storage.exists(orphan_answer)
    assert storage.exists(deck) and storage.exists(letter) and storage.exists(fresh)
    assert orphan_deck not in run("--delete")


def test_delete_orphan_files_finds_files_left_by_answers_for(db, cohort):
    # An application whose answers are plain text has no files to protect.
    ApplicationFactory(cohort=cohort, answers=answers_for({"q-name": "x"}))
    stray = private_storage().save("answers/none/stray.pdf", pdf_upload())
    age(stray)
    assert stray in run("--min-age-hours", "1", "--delete")
    assert not private_storage().exists(stray)
