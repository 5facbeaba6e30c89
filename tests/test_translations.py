"""Every user-visible string of ours has a Hindi translation."""

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.mark.skipif(
    not shutil.which("xgettext"),
    reason="needs GNU gettext's xgettext to extract strings (apt-get install gettext)",
)
def test_every_string_has_a_hindi_translation():
    from untranslated import untranslated

    missing = untranslated()
    assert missing == [], f"{len(missing)} string(s) lack Hindi: {missing[:40]}"


def test_hindi_catalogues_compile_and_load():
    from django.utils import translation

    with translation.override("hi"):
        # Django's own catalogue and ours are both active, ours first.
        assert translation.gettext("Enter a valid date.") == "मान्य तिथि दर्ज करें।"
        assert translation.gettext("Enter a valid IPv4 address.") != (
            "Enter a valid IPv4 address."
        )
        assert translation.gettext("Skip to main content") != "Skip to main content"


# The two tests below run in this order (one file, no shuffling): the first
# leaves Hindi active in the thread, the second must start in English anyway.
def test_a_hindi_request_leaves_hindi_active_in_the_thread(client, seeded):
    from django.utils import translation

    assert client.get("/hi/").status_code == 200
    assert translation.get_language() == "hi"


def test_the_next_test_starts_in_the_default_language(db):
    from django.urls import reverse
    from django.utils import translation

    assert translation.get_language() == "en"
    assert not reverse("dashboard").startswith("/hi/")
