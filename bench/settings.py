"""The benchmark's settings: production's, plus a bare view to compare with.

Everything the benchmark writes (database, media, static files) goes under
bench/results/ (BENCH_WORK).
"""

import os
from pathlib import Path

from coe_site.settings.production import *  # noqa: F403 -- production, as served
from coe_site.settings.production import TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"]
STATIC_ROOT = Path(os.environ["BENCH_WORK"]) / "static"
