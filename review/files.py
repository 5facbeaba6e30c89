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
