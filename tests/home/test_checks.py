"""Production refuses to start without its compiled message catalogues (issue 18).

Every test works on copies: the real `.mo` files of the checkout are never touched.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
from django.core import checks
from django.test import override_settings

from home.checks import catalogue_problems

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = [("en", "English"), ("hi", "हिन्दी")]
SECRET = "a-long-random-production-secret-key-for-tests-0123456789-abcdefghijkl"


def compiled_copy(tmp_path: Path, app: str = "home") -> Path:
    """A copy of one app's locale folder with freshly compiled catalogues."""
    locale = tmp_path / app / "locale"
    shutil.copytree(
        ROOT / app / "locale", locale, ignore=shutil.ignore_patterns("*.mo")
    )
    for po in locale.rglob("*.po"):
        polib.pofile(str(po)).save_as_mofile(str(po.with_suffix(".mo")))
    return locale


def test_compiled_catalogues_have_no_problem(tmp_path):
    locale = compiled_copy(tmp_path)
    assert catalogue_problems([locale], LANGUAGES, "en") == []


def test_missing_catalogue_is_named_with_its_language(tmp_path):
    locale = compiled_copy(tmp_path)
    mo = locale / "hi" / "LC_MESSAGES" / "django.mo"
    mo.unlink()
    [problem] = catalogue_problems([locale], LANGUAGES, "en")
    assert "Hindi (hi)" in problem
    assert "missing" in problem
    assert str(mo) in problem


def test_catalogue_older_than_its_po_is_named(tmp_path):
    locale = compiled_copy(tmp_path)
    mo = locale / "hi" / "LC_MESSAGES" / "django.mo"
    po = mo.with_suffix(".po")
    os.utime(mo, (po.stat().st_mtime - 60, po.stat().st_mtime - 60))
    [problem] = catalogue_problems([locale], LANGUAGES, "en")
    assert "Hindi (hi)" in problem
    assert "older than its source" in problem
    assert str(mo) in problem


def test_language_without_any_catalogue_is_named(tmp_path):
    locale = compiled_copy(tmp_path)
    problems = catalogue_problems([locale], [*LANGUAGES, ("bn", "বাংলা")], "en")
    assert len(problems) == 1
    assert "Bengali (bn) has no compiled message catalogue" in problems[0]


def test_system_check_is_an_error_in_production_and_a_warning_elsewhere(tmp_path):
    locale = compiled_copy(tmp_path)
    mo = locale / "hi" / "LC_MESSAGES" / "django.mo"
    mo.unlink()

    def about_the_copy(required):
        with override_settings(
            LOCALE_PATHS=[locale], REQUIRE_COMPILED_CATALOGUES=required
        ):
            found = checks.run_checks(tags=[checks.Tags.translation])
        return [(m.level, m.id) for m in found if str(mo) in m.msg]

    assert about_the_copy(True) == [(checks.ERROR, "home.E001")]
    assert about_the_copy(False) == [(checks.WARNING, "home.W001")]


def project_copy(tmp_path: Path) -> Path:
    """The checkout's source as a fresh clone has it, catalogues compiled as
    `make build` compiles them."""
    copy = tmp_path / "site"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "*.mo", "*.sqlite3", "__pycache__", "media",
            "private_media", "staticfiles", "results", "node_modules",
            # A running stack's sockets, logs and media (deploy/state).
            "state",
        ),
    )  # fmt: skip
    subprocess.run(
        [sys.executable, "scripts/compile_messages.py"], cwd=copy, check=True
    )
    return copy


def run_production(copy: Path, code: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "EMAIL_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="coe_site.settings.production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="coe.example.in",
        ALLOW_LOCAL_CACHE="true",
        DATABASE_URL=f"sqlite:///{copy / 'db.sqlite3'}",
        PYTHONPATH=str(copy),
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# What gunicorn does when it loads `coe_site.wsgi`, then one header string in Hindi.
LOAD_WSGI = """
import coe_site.wsgi
from django.utils import translation
with translation.override("hi"):
    print(translation.gettext("Skip to main content"))
"""
CHECK = (
    "import sys; from django.core.management import call_command; call_command('check')"
)


def test_production_refuses_to_start_without_a_compiled_catalogue(tmp_path):
    copy = project_copy(tmp_path)
    started = run_production(copy, LOAD_WSGI)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "मुख्य सामग्री पर जाएँ"

    mo = copy / "events" / "locale" / "hi" / "LC_MESSAGES" / "django.mo"
    mo.unlink()

    refused = run_production(copy, LOAD_WSGI)
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr
    assert f"The compiled message catalogue for Hindi (hi) is missing: {mo}" in (
        refused.stderr
    )

    checked = run_production(copy, "import django; django.setup();" + CHECK)
    assert checked.returncode != 0
    assert "home.E001" in checked.stderr
    assert str(mo) in checked.stderr


def test_home_is_installed_with_its_own_config_so_its_checks_and_signals_run():
    """home/apps.py also holds Wagtail's users config; with two configs and no
    `default`, Django installed a bare AppConfig: no catalogue check, no cache
    purge on publish (it happened once, in a merge)."""
    from django.apps import apps
    from django.core import checks

    from home.apps import HomeConfig

    assert type(apps.get_app_config("home")) is HomeConfig
    assert any(
        check.__module__ == "home.checks"
        for check in checks.registry.registry.registered_checks
    )
