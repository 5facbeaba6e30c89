"""Production settings that must hold before a server starts (issue 9, items 7 and 13).

Each runs the settings in a child process, as a server loads them.
"""

import json

import pytest

from tests.home.test_production_settings import SECRET, SETUP, run_python

EMAIL_CODE = SETUP + (
    "print(json.dumps({'backend': settings.EMAIL_BACKEND,"
    " 'host': getattr(settings, 'EMAIL_HOST', None),"
    " 'port': getattr(settings, 'EMAIL_PORT', None),"
    " 'tls': getattr(settings, 'EMAIL_USE_TLS', None),"
    " 'ssl': getattr(settings, 'EMAIL_USE_SSL', None),"
    " 'path': getattr(settings, 'EMAIL_FILE_PATH', None)}))"
)
PRODUCTION = {
    "SECRET_KEY": SECRET,
    "ALLOWED_HOSTS": "coe.example.in",
    "ALLOW_LOCAL_CACHE": "true",
}
BACKENDS = "django.core.mail.backends."


def last_json(result):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# Every EMAIL_URL form the README's configuration table documents.
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("consolemail://", {"backend": BACKENDS + "console.EmailBackend"}),
        (
            "smtp://user:secret@smtp.example.in:587/?tls=True",
            {
                "backend": BACKENDS + "smtp.EmailBackend",
                "host": "smtp.example.in",
                "port": 587,
                "tls": True,
            },
        ),
        (
            "smtp://user:secret@smtp.example.in:465/?ssl=True",
            {"backend": BACKENDS + "smtp.EmailBackend", "port": 465, "ssl": True},
        ),
        (
            "submission://user:secret@smtp.example.in",
            {"backend": BACKENDS + "smtp.EmailBackend", "port": 587, "tls": True},
        ),
        (
            "filemail:///srv/coe/mail",
            {"backend": BACKENDS + "filebased.EmailBackend", "path": "/srv/coe/mail"},
        ),
        ("memorymail://", {"backend": BACKENDS + "locmem.EmailBackend"}),
        ("dummymail://", {"backend": BACKENDS + "dummy.EmailBackend"}),
    ],
)
def test_production_email_url_documented_scheme_loads(url, expected):
    data = last_json(run_python(EMAIL_CODE, EMAIL_URL=url, **PRODUCTION))
    assert {key: data[key] for key in expected} == expected


def test_production_email_url_unknown_scheme_refuses_with_the_known_ones():
    result = run_python(SETUP, EMAIL_URL="carrierpigeon://coop", **PRODUCTION)
    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr
    assert "consolemail://" in result.stderr


def test_production_without_redis_url_refuses_to_start():
    env = {**PRODUCTION, "ALLOW_LOCAL_CACHE": None}
    result = run_python(SETUP, **env)
    assert result.returncode != 0
    assert "REDIS_URL is not set" in result.stderr
    assert "ALLOW_LOCAL_CACHE=true" in result.stderr


def test_production_local_cache_when_explicitly_allowed():
    code = SETUP + "print(json.dumps(settings.CACHES['default']['BACKEND']))"
    data = last_json(run_python(code, **PRODUCTION))
    assert data == "django.core.cache.backends.locmem.LocMemCache"


def test_production_with_redis_url_needs_no_permission():
    code = SETUP + "print(json.dumps(settings.CACHES['default']['BACKEND']))"
    env = {**PRODUCTION, "ALLOW_LOCAL_CACHE": None}
    data = last_json(run_python(code, REDIS_URL="redis://cache.internal:6379/1", **env))
    assert data == "django.core.cache.backends.redis.RedisCache"


def test_production_trusted_proxy_count_from_environment():
    code = SETUP + "print(json.dumps(settings.ALLAUTH_TRUSTED_PROXY_COUNT))"
    assert last_json(run_python(code, **PRODUCTION)) == 0
    assert last_json(run_python(code, TRUSTED_PROXY_COUNT="1", **PRODUCTION)) == 1
