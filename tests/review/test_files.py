"""Private files of submissions, whatever the programme: which answer is a
file, how it is served, and the spreadsheet every export is written as."""

import csv
import io

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from home.exports import spreadsheet_response
from review.files import (
    answer_file,
    answer_files,
    private_file_response,
    private_storage,
)
from tests.factories.cohorts import pdf_bytes

FILE = {"type": "file", "value": {"name": "answers/x/a.pdf", "filename": "plan.pdf"}}


def test_answer_file_gives_the_stored_and_the_applicants_name():
    assert answer_file({"q": FILE}, "q") == ("answers/x/a.pdf", "plan.pdf")
    assert answer_file({"q": {"type": "file", "value": {}}}, "q") == ("", "")


@pytest.mark.parametrize(
    "answers",
    [
        None,
        {},
        {"q": {"type": "long_text", "value": "text"}},
        {"q": {"type": "file", "value": "answers/x/a.pdf"}},
        {"other": FILE},
    ],
)
def test_answer_file_of_anything_but_a_file_answer_is_a_404(answers):
    with pytest.raises(Http404):
        answer_file(answers, "q")


def test_answer_files_are_the_stored_names_of_file_answers_only():
    answers = {
        "a": FILE,
        "b": {"type": "file", "value": {"filename": "no-name.pdf"}},
        "c": {"type": "file", "value": None},
        "d": {"type": "url", "value": {"name": "answers/not-a-file.pdf"}},
    }
    assert answer_files(answers) == {"answers/x/a.pdf"}
    assert answer_files(None) == set()


def test_a_private_file_is_an_uncached_pdf_attachment(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    name = private_storage().save("answers/t/a.pdf", ContentFile(pdf_bytes()))
    response = private_file_response(name, "")
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == 'attachment; filename="document.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    named = private_file_response(name, "plan.pdf")
    assert named["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    for missing in ("", None, "answers/t/gone.pdf"):
        with pytest.raises(Http404):
            private_file_response(missing, "plan.pdf")


ROWS = [["Title", "Hours"], ["=1+1", 5], ["+91 98", None], ["नमस्ते", 0]]


def test_the_csv_is_utf8_with_a_mark_and_neutralised():
    response = spreadsheet_response(ROWS, name="round-1", fmt="csv")
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="round-1.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text[1:]))) == [
        ["Title", "Hours"],
        ["'=1+1", "5"],
        ["'+91 98", ""],
        ["नमस्ते", "0"],
    ]


def test_the_xlsx_keeps_numbers_and_neutralises_text():
    from openpyxl import load_workbook

    response = spreadsheet_response(ROWS, name="round-1", fmt="xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="round-1.xlsx"'
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["Title", "Hours"],
        ["'=1+1", 5],
        ["'+91 98", None],
        ["नमस्ते", 0],
    ]


@pytest.mark.parametrize("fmt", ["pdf", "CSV", ""])
def test_any_other_spreadsheet_format_is_a_404(fmt):
    with pytest.raises(Http404):
        spreadsheet_response(ROWS, name="round-1", fmt=fmt)
