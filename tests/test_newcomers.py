"""What a newcomer needs from `make run` and the README (issue 12, item 14)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_make_run_seeds_and_prints_the_demo_logins():
    makefile = (ROOT / "Makefile").read_text()
    seed = re.search(r"^seed:.*?\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "seed_demo --demo-users" in seed
    assert re.search(r"^run: seed$", makefile, re.M)


def test_readme_tells_the_port_and_where_emails_go():
    readme = (ROOT / "README.md").read_text()
    assert "make run PORT=" in readme
    assert "console backend" in readme
    assert "--demo-users" in readme
