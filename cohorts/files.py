"""Checks for uploaded files: PDFs only, by content, non-empty, size-limited."""

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


# Private files of applications ------------------------------------------------
# Prefixes under private storage that this app writes (decks, answer files).
PRIVATE_PREFIXES = ("decks", "answers")


def answer_files(answers) -> set[str]:
    """The stored names of the file answers in `answers`."""
    names = set()
    for answer in (answers or {}).values():
        value = answer.get("value")
        if answer.get("type") == "file" and isinstance(value, dict):
            if value.get("name"):
                names.add(value["name"])
    return names


def files_of(application) -> set[str]:
    """The stored names an application points at: its deck and file answers."""
    names = answer_files(application.answers)
    if application.pitch_deck:
        names.add(application.pitch_deck.name)
    return names


def delete_on_commit(names) -> None:
    """Delete private files once the transaction that dropped them commits.

    If it rolls back, the rows still point at them, so they must stay.
    """
    from django.db import transaction

    names = sorted(name for name in names if name)
    if not names:
        return

    def delete():
        storage = private_storage()
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def stored_private_files():
    """Every file under PRIVATE_PREFIXES in private storage, as stored names."""
    storage = private_storage()
    pending = [prefix for prefix in PRIVATE_PREFIXES if storage.exists(prefix)]
    while pending:
        folder = pending.pop()
        directories, files = storage.listdir(folder)
        pending.extend(f"{folder}/{name}" for name in directories)
        yield from (f"{folder}/{name}" for name in files)


def orphan_files(applications, *, older_than) -> list[str]:
    """Private files none of `applications` points at, last changed before
    `older_than` (pass every application: the others' files count as orphans).

    The age guard spares uploads whose row has not committed yet.
    """
    storage = private_storage()
    referenced = set()
    for application in applications.only("pitch_deck", "answers").iterator():
        referenced |= files_of(application)
    return sorted(
        name
        for name in stored_private_files()
        if name not in referenced and storage.get_modified_time(name) < older_than
    )
