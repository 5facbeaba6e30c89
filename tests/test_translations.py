"""Every user-visible string of ours has a translation in every language."""

import shutil
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

TRANSLATED = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.fixture(scope="module")
def msgids():
    from untranslated import extract_msgids

    return extract_msgids()


def test_every_language_but_the_main_one_is_checked():
    assert "hi" in TRANSLATED and "ta" in TRANSLATED
    assert settings.LANGUAGE_CODE not in TRANSLATED


@pytest.mark.skipif(
    not shutil.which("xgettext"),
    reason="needs GNU gettext's xgettext to extract strings (apt-get install gettext)",
)
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_has_a_translation(language, msgids):
    from untranslated import untranslated

    missing = untranslated(language=language, msgids=msgids)
    assert missing == [], f"{len(missing)} string(s) lack {language}: {missing[:40]}"


def test_hindi_catalogues_compile_and_load():
    from django.utils import translation

    with translation.override("hi"):
        # Django's own catalogue and ours are both active, ours first.
        assert translation.gettext("Enter a valid date.") == "मान्य तिथि दर्ज करें।"
        assert translation.gettext("Enter a valid IPv4 address.") != (
            "Enter a valid IPv4 address."
        )
        assert translation.gettext("Skip to main content") != "Skip to main content"


def test_tamil_catalogues_compile_and_load():
    from django.utils import translation

    with translation.override("ta"):
        assert translation.gettext("Skip to main content") == (
            "முதன்மை உள்ளடக்கத்துக்குச் செல்லவும்"
        )
        assert translation.pgettext("time of day", "PM") == "பிற்பகல்"
        assert translation.ngettext(
            "%(seats)s seat left", "%(seats)s seats left", 2
        ) == ("%(seats)s இருக்கைகள் மீதம்")


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
