"""The private files of applications: decks and answer files, and their clean-up.

The upload checks themselves (PDF only, size-limited) are `review.files`.
"""

from review.files import (  # noqa: F401 -- the models, forms and views import them here
    FILE_ERROR_MESSAGES,
    MAX_PDF_BYTES,
    PDF_MAGIC,
    answer_files,
    private_storage,
    validate_pdf,
)

# Private files of applications ------------------------------------------------
# Prefixes under private storage that this app writes (decks, answer files).
PRIVATE_PREFIXES = ("decks", "answers")


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

    Answer files of other programmes' submissions are never orphans. The age
    guard spares uploads whose row has not committed yet.
    """
    from review.files import answer_files_in_use

    storage = private_storage()
    # Compute calls' answer files live under "answers/" too.
    referenced = answer_files_in_use()
    for application in applications.only("pitch_deck", "answers").iterator():
        referenced |= files_of(application)
    return sorted(
        name
        for name in stored_private_files()
        if name not in referenced and storage.get_modified_time(name) < older_than
    )
