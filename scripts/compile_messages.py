"""Compile every locale/*/LC_MESSAGES/*.po of the project to .mo with polib.

Django's compilemessages needs GNU gettext; polib is pure Python, so a machine
without gettext still gets compiled translations.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", "staticfiles", "media", "private_media"}


def main() -> int:
    count = 0
    for po_path in sorted(ROOT.rglob("*.po")):
        if any(part in SKIP for part in po_path.relative_to(ROOT).parts):
            continue
        if po_path.parent.name != "LC_MESSAGES":
            continue
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        count += 1
    print(f"compiled {count} message catalogue(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
