"""Uploaded files: private storage, and the check that a PDF is a PDF."""

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.utils.translation import gettext_lazy as _


def private_storage():
    """Pitch decks and answer files live here, outside MEDIA_ROOT."""
    return storages["private"]


MAX_PDF_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def validate_pdf(upload) -> None:
    """Refuse anything that is not a non-empty PDF of at most 10 MB."""
    size = getattr(upload, "size", None) or 0
    if size == 0:
        raise ValidationError(
            _("The file is empty. Choose the PDF again."), code="empty"
        )
    if size > MAX_PDF_BYTES:
        raise ValidationError(
            _("The file is larger than 10 MB. Make it smaller and upload it again."),
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            _(
                "This file is not a PDF (whatever its name says). Save or export it "
                "as PDF and upload it again."
            ),
            code="not_pdf",
        )


FILE_ERROR_MESSAGES = {
    "empty": _("The file is empty. Choose the PDF again."),
    "invalid": _("No file was received. Choose the PDF again."),
    "missing": _("No file was received. Choose the PDF again."),
    "max_length": _("The file name is too long. Rename the file and try again."),
}


def answer_files(answers) -> set[str]:
    """The stored names of the file answers in `answers`."""
    names = set()
    for answer in (answers or {}).values():
        value = answer.get("value")
        if answer.get("type") == "file" and isinstance(value, dict):
            if value.get("name"):
                names.add(value["name"])
    return names


def answer_files_in_use() -> set[str]:
    """The answer files every programme's submissions point at: a sweep of
    orphaned files must spare them all, not only its own programme's."""
    from .setup import every_setup

    names = set()
    for setup in every_setup():
        for answers in setup.submission.objects.values_list("answers", flat=True):
            names |= answer_files(answers)
    return names


def answer_file(answers, question_id) -> tuple[str, str]:
    """(stored name, the applicant's file name) of a file answer; else a 404."""
    from django.http import Http404

    answer = (answers or {}).get(question_id) or {}
    value = answer.get("value")
    if answer.get("type") != "file" or not isinstance(value, dict):
        raise Http404
    return value.get("name") or "", value.get("filename") or ""


def private_file_response(name, filename):
    """A private PDF as a download nobody caches; a 404 when it is gone."""
    from django.http import FileResponse, Http404

    storage = private_storage()
    if not name or not storage.exists(name):
        raise Http404
    response = FileResponse(
        storage.open(name, "rb"),
        as_attachment=True,
        filename=filename or "document.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def file_for_reader(setup, submission, user, *, name, filename, hidden):
    """A submission's private file for its managers and its assigned,
    non-conflicted reviewers (review.services.reads_as); a 404 for anybody else.
    Under anonymised review a reviewer gets it named `hidden`, not as the
    applicant named it."""
    from django.http import Http404

    from .services import REVIEWER, reads_as

    role = reads_as(setup, submission, user)
    if role is None:
        raise Http404
    programme = getattr(submission, setup.programme_field)
    if role == REVIEWER and getattr(programme, "anonymised_review", False):
        filename = hidden
    return private_file_response(name, filename)


def answer_file_view(setup, request, pk, question_id):
    """The view of a submission's file answer for its readers (file_for_reader);
    a programme binds it to its setup: `partial(answer_file_view, SETUP)`."""
    from django.shortcuts import get_object_or_404

    submission = get_object_or_404(
        setup.submission.objects.select_related(setup.programme_field), pk=pk
    )
    name, filename = answer_file(submission.answers, question_id)
    return file_for_reader(
        setup,
        submission,
        request.user,
        name=name,
        filename=filename,
        hidden="answer.pdf",
    )
