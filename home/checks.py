"""System checks of what a deployment must have built (see `make build`).

The compiled message catalogues (`.mo`) are not in the repository: without them
every interface string on /hi/ is English, silently. Production settings turn the
check into an error (REQUIRE_COMPILED_CATALOGUES), and `coe_site.wsgi` runs it too,
because gunicorn starts without running system checks.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.utils.translation import get_language_info, to_locale

COMPILE_HINT = (
    "Run `python scripts/compile_messages.py` (part of `make build`, see the "
    "README's production steps)."
)


def project_locale_dirs() -> list[Path]:
    """LOCALE_PATHS and the locale folder of every app of this project (not of
    installed packages, which ship their own compiled catalogues)."""
    base = Path(settings.BASE_DIR).resolve()
    directories = [Path(path) for path in settings.LOCALE_PATHS]
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and "site-packages" not in path.parts:
            directories.append(path / "locale")
    return directories


def catalogue_problems(
    directories: list[Path], languages: list[tuple[str, str]], source_language: str
) -> list[str]:
    """One sentence per language whose compiled catalogues are missing or stale.

    A language other than the source language needs at least one catalogue in
    these folders, and every `.po` of it a `.mo` beside it no older than the `.po`.
    """
    problems = []
    for code, native_name in languages:
        if code == source_language:
            continue
        try:
            name = get_language_info(code)["name"]
        except KeyError:
            name = native_name
        found = False
        for directory in directories:
            folder = Path(directory) / to_locale(code) / "LC_MESSAGES"
            if not folder.is_dir():
                continue
            for po in sorted(folder.glob("*.po")):
                found = True
                mo = po.with_suffix(".mo")
                if not mo.exists():
                    problems.append(
                        f"The compiled message catalogue for {name} ({code}) is "
                        f"missing: {mo}"
                    )
                elif mo.stat().st_mtime < po.stat().st_mtime:
                    problems.append(
                        f"The compiled message catalogue for {name} ({code}) is "
                        f"older than its source: {mo} (compile {po})"
                    )
            found = found or any(folder.glob("*.mo"))
        if not found:
            folders = ", ".join(str(d) for d in directories)
            problems.append(
                f"{name} ({code}) has no compiled message catalogue in any of: "
                f"{folders}"
            )
    return problems


def compiled_catalogue_problems() -> list[str]:
    return catalogue_problems(
        project_locale_dirs(), list(settings.LANGUAGES), settings.LANGUAGE_CODE
    )


@checks.register(checks.Tags.translation)
def check_compiled_catalogues(app_configs=None, **kwargs):
    """An error in production (the site would speak English), a warning elsewhere."""
    required = getattr(settings, "REQUIRE_COMPILED_CATALOGUES", False)
    level, number = (checks.Error, "E001") if required else (checks.Warning, "W001")
    return [
        level(problem, hint=COMPILE_HINT, id=f"home.{number}")
        for problem in compiled_catalogue_problems()
    ]
