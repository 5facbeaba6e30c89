"""The pitch-deck rule: a non-empty PDF of at most 10 MB, judged by its content."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cohorts.files import validate_pdf
from tests.factories.cohorts import pdf_bytes

MB = 1024 * 1024


def upload(content, name="deck.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def refusal(content):
    with pytest.raises(ValidationError) as error:
        validate_pdf(upload(content))
    return error.value.code


def test_deck_of_exactly_10_mb_is_accepted():
    deck = upload(pdf_bytes(10 * MB))
    validate_pdf(deck)
    assert deck.size == 10 * MB


def test_deck_one_byte_over_10_mb_is_refused():
    assert refusal(pdf_bytes(10 * MB + 1)) == "too_large"


def test_small_deck_is_accepted():
    validate_pdf(upload(pdf_bytes(1)))  # the header alone is a PDF
    validate_pdf(upload(pdf_bytes(2000)))


def test_empty_file_is_refused_as_empty():
    assert refusal(b"") == "empty"


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04 a zip", b"%PDF", b" %PDF-1.4", b"%pdf-1.4", b"x"],
)
def test_file_that_does_not_start_like_a_pdf_is_refused(content):
    assert refusal(content) == "not_pdf"


def test_deck_already_read_is_still_recognised_and_left_rewound():
    deck = upload(pdf_bytes(5000))
    deck.read()  # e.g. a virus scanner or the form read it first
    validate_pdf(deck)
    content = deck.read()
    assert content.startswith(b"%PDF-") and len(content) == 5000


def test_orphan_files_spare_a_file_changed_exactly_at_the_cut_off(db):
    import datetime as dt

    from django.core.files.base import ContentFile

    from cohorts.files import orphan_files, private_storage
    from cohorts.models import Application

    storage = private_storage()
    stray = storage.save("decks/lost/stray.pdf", ContentFile(pdf_bytes(100)))
    changed = storage.get_modified_time(stray)
    every = Application.objects.all()
    assert stray not in orphan_files(every, older_than=changed)
    assert stray in orphan_files(
        every, older_than=changed + dt.timedelta(microseconds=1)
    )
