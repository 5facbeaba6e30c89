"""Subset Noto Sans Tamil to the Tamil block as self-hosted woff2 web fonts.

    apt-get install fonts-noto-core   # /usr/share/fonts/truetype/noto/
    python scripts/subset_fonts.py     # writes coe_site/static/fonts/noto-sans-tamil-*

Needs fonttools and brotli (requirements-dev.txt). The output is committed,
like the Devanagari font (from @fontsource), so the site itself needs neither.
The unicode ranges here are the ones css/fonts.css declares: a browser fetches
the font only for a page with characters in them.
"""

import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/truetype/noto")
TARGET = ROOT / "coe_site" / "static" / "fonts"

# Tamil, the zero-width (non-)joiners and the dotted circle shown under a
# vowel sign that stands alone. Not the rupee sign or Latin punctuation: the
# system font has those, and English pages would otherwise fetch this font.
UNICODES = "U+0B80-0BFF,U+200C-200D,U+25CC"

FONTS = {
    "NotoSansTamil-Regular.ttf": "noto-sans-tamil-tamil-400-normal.woff2",
    "NotoSansTamil-Bold.ttf": "noto-sans-tamil-tamil-700-normal.woff2",
}


def main() -> int:
    for source, target in FONTS.items():
        path = SOURCE / source
        if not path.exists():
            print(f"{path} is missing: apt-get install fonts-noto-core")
            return 1
        subset.main(
            [
                str(path),
                f"--unicodes={UNICODES}",
                # Every OpenType feature: Tamil needs its ligatures and vowel
                # sign positioning (GSUB/GPOS) to read right.
                "--layout-features=*",
                "--flavor=woff2",
                "--no-hinting",
                "--desubroutinize",
                f"--output-file={TARGET / target}",
            ]
        )
        print(f"{target}: {(TARGET / target).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
