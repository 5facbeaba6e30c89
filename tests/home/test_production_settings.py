"""Production settings, loaded exactly as a server would load them.

Requests go through a whole Django started in a child process; the settings
that only an environment decides are read through one child process that
evaluates the settings modules afresh for each environment (settings_probe).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-long-random-production-secret-key-for-tests-0123456789-abcdefghijkl"


def clean_environ() -> dict[str, str]:
    """The environment without our own settings (nor the browser tests' async flag)."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "EMAIL_"))
    }


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    base = clean_environ()
    base.update(
        {
            "DJANGO_SETTINGS_MODULE": "coe_site.settings.production",
            "DATABASE_URL": f"sqlite:///{ROOT / 'tests' / '.prod-settings.sqlite3'}",
            "PYTHONPATH": str(ROOT),
            # One process, so its own cache is shared enough (REDIS_URL when set).
            "ALLOW_LOCAL_CACHE": "true",
        }
    )
    base.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={k: v for k, v in base.items() if v is not None},
        capture_output=True,
        text=True,
        timeout=120,
    )


SETUP = "import django, json; django.setup(); from django.conf import settings\n"


def load_settings(probe, *names, **env) -> dict:
    """The settings a server started with this environment would have (see
    tests/settings_probe.py): {"error": ..., "values": {name: value}}."""
    base = clean_environ()
    base.update(
        {
            "DJANGO_SETTINGS_MODULE": "coe_site.settings.production",
            "DATABASE_URL": f"sqlite:///{ROOT / 'tests' / '.prod-settings.sqlite3'}",
            "ALLOW_LOCAL_CACHE": "true",
        }
    )
    base.update(env)
    base = {k: v for k, v in base.items() if v is not None}
    return probe.load(base["DJANGO_SETTINGS_MODULE"], base, list(names))


def loaded(probe, *names, **env) -> dict:
    answer = load_settings(probe, *names, **env)
    assert answer["error"] is None, answer.get("traceback")
    return answer["values"]


REQUEST_HEADERS = """
import django, json
django.setup()
from django.test import Client
client = Client()
secure = client.get("/healthz", secure=True, headers={"host": "coe.example.in"})
plain = client.get("/robots.txt", secure=False, headers={"host": "coe.example.in"})
probe = client.get("/readyz", secure=False, headers={"host": "coe.example.in"})
print(json.dumps({
    "secure_status": secure.status_code,
    "secure_headers": dict(secure.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location"),
    "probe_status": probe.status_code,
}))
"""


def test_production_without_secret_key_refuses_to_start(settings_probe):
    result = load_settings(
        settings_probe, SECRET_KEY="", ALLOWED_HOSTS="coe.example.in"
    )
    assert result["error"].startswith("ImproperlyConfigured")
    assert "SECRET_KEY is not set" in result["error"]


def test_production_without_allowed_hosts_refuses_to_start(settings_probe):
    result = load_settings(settings_probe, SECRET_KEY=SECRET, ALLOWED_HOSTS="")
    assert result["error"].startswith("ImproperlyConfigured")
    assert "ALLOWED_HOSTS is not set" in result["error"]


def test_production_check_deploy_has_no_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **clean_environ(),
            "DJANGO_SETTINGS_MODULE": "coe_site.settings.production",
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "coe.example.in",
            "ALLOW_LOCAL_CACHE": "true",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_responses_carry_security_headers():
    result = run_python(
        REQUEST_HEADERS, SECRET_KEY=SECRET, ALLOWED_HOSTS="coe.example.in"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    headers = data["secure_headers"]
    assert data["secure_status"] == 200
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    # Plain HTTP is redirected to HTTPS by default.
    assert data["plain_status"] == 301
    assert data["plain_location"].startswith("https://")
    # Except the health checks, which load balancers probe over plain HTTP.
    assert data["probe_status"] == 200


def test_production_ssl_redirect_can_be_turned_off_for_a_tls_proxy():
    result = run_python(
        REQUEST_HEADERS,
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="coe.example.in",
        SECURE_SSL_REDIRECT="false",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["plain_status"] == 200


def test_environment_chooses_database_cache_sessions_and_email(settings_probe):
    settings = loaded(
        settings_probe,
        "DATABASES",
        "CACHES",
        "SESSION_ENGINE",
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "TASKS",
        "DEFAULT_FROM_EMAIL",
        "CSRF_TRUSTED_ORIGINS",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="coe.example.in",
        DATABASE_URL="postgres://coe:pw@db.internal:5432/coe",
        REDIS_URL="redis://cache.internal:6379/1",
        EMAIL_URL="smtp://mailer:secret@smtp.example.in:587/?tls=True",
        DEFAULT_FROM_EMAIL="CoE <hello@coe.example.in>",
        CSRF_TRUSTED_ORIGINS="https://coe.example.in",
    )
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings["DATABASES"]["default"]["NAME"] == "coe"
    assert settings["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (settings["EMAIL_HOST"], settings["EMAIL_PORT"]) == ("smtp.example.in", 587)
    assert settings["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert settings["DEFAULT_FROM_EMAIL"] == "CoE <hello@coe.example.in>"
    assert settings["CSRF_TRUSTED_ORIGINS"] == ["https://coe.example.in"]


def test_embedded_defaults_without_environment(settings_probe):
    settings = loaded(
        settings_probe,
        "DATABASES",
        "CACHES",
        "EMAIL_BACKEND",
        "TASKS",
        DJANGO_SETTINGS_MODULE="coe_site.settings.dev",
        DATABASE_URL=None,
    )
    assert {
        "db": settings["DATABASES"]["default"]["ENGINE"],
        "cache": settings["CACHES"]["default"]["BACKEND"],
        "email": settings["EMAIL_BACKEND"],
        "tasks": settings["TASKS"]["default"]["BACKEND"],
    } == {
        "db": "django.db.backends.sqlite3",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "email": "django.core.mail.backends.console.EmailBackend",
        "tasks": "django_tasks.backends.immediate.ImmediateBackend",
    }


def _redis_up() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="needs Redis on 127.0.0.1:6379")
def test_redis_cache_from_redis_url_stores_and_reads():
    code = SETUP + (
        "from django.core.cache import cache\n"
        "cache.set('coe-test-key', 'नमस्ते', 30)\n"
        "print(json.dumps({'value': cache.get('coe-test-key')}))\n"
        "cache.delete('coe-test-key')\n"
    )
    result = run_python(
        code,
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="coe.example.in",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"value": "नमस्ते"}


def test_media_folders_come_from_the_environment(settings_probe):
    """Every app server reads the same shared folders (issue 18, item 8)."""
    settings = loaded(
        settings_probe,
        "MEDIA_ROOT",
        "PRIVATE_MEDIA_ROOT",
        "STORAGES",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="coe.example.in",
        MEDIA_ROOT="/srv/shared/media",
        PRIVATE_MEDIA_ROOT="/srv/shared/private_media",
    )
    assert settings["MEDIA_ROOT"] == "/srv/shared/media"
    private = settings["STORAGES"]["private"]["OPTIONS"]
    assert private == {"location": "/srv/shared/private_media", "base_url": None}


def test_private_media_inside_public_media_refuses_to_start(settings_probe):
    result = load_settings(
        settings_probe,
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="coe.example.in",
        MEDIA_ROOT="/srv/shared/media",
        PRIVATE_MEDIA_ROOT="/srv/shared/media/private",
    )
    assert result["error"].startswith("ImproperlyConfigured")
    assert "PRIVATE_MEDIA_ROOT and MEDIA_ROOT overlap" in result["error"]
