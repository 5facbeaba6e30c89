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
        # Django's own catalogue and ours are both active.
        assert translation.gettext("This field is required.") == "यह क्षेत्र अपेक्षित हैं"
        assert translation.gettext("Skip to main content") != "Skip to main content"
