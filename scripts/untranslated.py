"""List user-visible strings of ours that have no translation, per language.

Extracts msgids from the project's sources with Django's makemessages (which
needs GNU gettext's xgettext) into a scratch copy, then asks Django's runtime
catalogue, as the site would, whether each has a translation in every language
of settings.LANGUAGES but the main one.

    python scripts/untranslated.py            # all of our sources
    python scripts/untranslated.py events     # only files under events/ and templates/events/
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = [
    "coe_site",
    "home",
    "review",
    "cohorts",
    "events",
    "resources",
    "responsible",
    "compute",
    "templates",
]


def extract_msgids(only: str | None = None) -> list[str]:
    import polib

    with tempfile.TemporaryDirectory() as scratch:
        scratch_path = Path(scratch)
        for name in SOURCE_DIRS:
            source = ROOT / name
            if not source.exists():
                continue
            shutil.copytree(
                source,
                scratch_path / name,
                ignore=shutil.ignore_patterns(
                    "locale", "migrations", "__pycache__", "static"
                ),
            )
        (scratch_path / "locale").mkdir()
        if only:
            for name in SOURCE_DIRS:
                for path in (scratch_path / name).rglob("*"):
                    rel = path.relative_to(scratch_path).as_posix()
                    if path.is_file() and not (
                        rel.startswith(f"{only}/")
                        or rel.startswith(f"templates/{only}/")
                    ):
                        path.unlink()
        env = dict(os.environ)
        command = [
            "xgettext",
        ]
        if not shutil.which(command[0]):
            raise FileNotFoundError(
                "xgettext (GNU gettext) is needed to extract strings"
            )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "django",
                "makemessages",
                "-l",
                "hi",
                "--no-location",
                "--no-wrap",
                "-v",
                "0",
            ],
            cwd=scratch_path,
            env={**env, "DJANGO_SETTINGS_MODULE": "", "PYTHONPATH": ""},
            check=True,
            capture_output=True,
        )
        msgids = []
        for po_path in scratch_path.rglob("django.po"):
            for entry in polib.pofile(str(po_path)):
                msgids.append((entry.msgctxt, entry.msgid, entry.msgid_plural))
        return msgids


def translated_languages() -> list[str]:
    """The languages that need a translation: all but the main one."""
    from django.conf import settings

    return [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def untranslated(
    only: str | None = None, *, language: str = "hi", msgids: list | None = None
) -> list[str]:
    from django.utils import translation

    if msgids is None:
        msgids = extract_msgids(only)
    missing = []
    with translation.override(language):
        for context, msgid, plural in msgids:
            if not any(c.isalpha() and c.isascii() for c in msgid):
                continue  # nothing to translate (numbers, symbols, no Latin)
            if plural:
                translated = translation.ngettext(msgid, plural, 2)
                same = translated == plural
            elif context:
                same = translation.pgettext(context, msgid) == msgid
            else:
                same = translation.gettext(msgid) == msgid
            if same:
                missing.append(msgid)
    return sorted(set(missing))


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coe_site.settings.dev")
    import django

    django.setup()
    only = sys.argv[1] if len(sys.argv) > 1 else None
    msgids = extract_msgids(only)
    failed = False
    for language in translated_languages():
        missing = untranslated(only, language=language, msgids=msgids)
        for msgid in missing:
            print(f"{language}: {msgid!r}")
        print(
            f"{language}: {len(missing)} string(s) without a translation",
            file=sys.stderr,
        )
        failed = failed or bool(missing)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
