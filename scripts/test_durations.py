"""Write tests/durations.json: seconds each test file took, from the output of
`pytest --durations=0` (setup, call and teardown of every test, summed by file).

The suite runs on two workers, a file at a time (`--dist loadfile`); tests/conftest.py
hands out the longest files first, so that no worker is left running one long
file alone at the end. Refresh it after a file grows by much:

    .venv/bin/pytest -n 2 --dist loadfile --durations=0 > /tmp/durations.log
    .venv/bin/python scripts/test_durations.py /tmp/durations.log
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"\s*([\d.]+)s (?:call|setup|teardown)\s+(tests/\S+?\.py)::")


def durations(lines) -> dict[str, float]:
    seconds = Counter()
    for line in lines:
        found = LINE.match(line)
        if found:
            seconds[found.group(2)] += float(found.group(1))
    return {name: round(total, 1) for name, total in sorted(seconds.items())}


def main(log: str) -> int:
    with open(log, encoding="utf-8") as lines:
        measured = durations(lines)
    if not measured:
        print(f"no durations in {log}: was it run with --durations=0?")
        return 1
    target = ROOT / "tests" / "durations.json"
    target.write_text(json.dumps(measured, indent=1) + "\n", encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {len(measured)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
