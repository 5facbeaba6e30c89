"""Production settings that must hold before a server starts (issue 9, items 7 and 13).

Each loads the settings with its own environment, as a server's process would
(tests/settings_probe.py).
"""

import pytest

from tests.home.test_production_settings import SECRET, load_settings, loaded

EMAIL_SETTINGS = {
    "backend": "EMAIL_BACKEND",
    "host": "EMAIL_HOST",
    "port": "EMAIL_PORT",
    "tls": "EMAIL_USE_TLS",
    "ssl": "EMAIL_USE_SSL",
    "path": "EMAIL_FILE_PATH",
}
PRODUCTION = {
    "SECRET_KEY": SECRET,
    "ALLOWED_HOSTS": "coe.example.in",
    "ALLOW_LOCAL_CACHE": "true",
}
BACKENDS = "django.core.mail.backends."


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
def test_production_email_url_documented_scheme_loads(settings_probe, url, expected):
    names = [EMAIL_SETTINGS[key] for key in expected]
    data = loaded(settings_probe, *names, EMAIL_URL=url, **PRODUCTION)
    assert {key: data[EMAIL_SETTINGS[key]] for key in expected} == expected


def test_production_email_url_unknown_scheme_refuses_with_the_known_ones(
    settings_probe,
):
    result = load_settings(
        settings_probe, EMAIL_URL="carrierpigeon://coop", **PRODUCTION
    )
    assert result["error"].startswith("ImproperlyConfigured")
    assert "EMAIL_URL" in result["error"]
    assert "consolemail://" in result["error"]


def test_production_without_redis_url_refuses_to_start(settings_probe):
    env = {**PRODUCTION, "ALLOW_LOCAL_CACHE": None}
    result = load_settings(settings_probe, **env)
    assert result["error"].startswith("ImproperlyConfigured")
    assert "REDIS_URL is not set" in result["error"]
    assert "ALLOW_LOCAL_CACHE=true" in result["error"]


def test_production_local_cache_when_explicitly_allowed(settings_probe):
    data = loaded(settings_probe, "CACHES", **PRODUCTION)
    assert (
        data["CACHES"]["default"]["BACKEND"]
        == "django.core.cache.backends.locmem.LocMemCache"
    )


def test_production_with_redis_url_needs_no_permission(settings_probe):
    env = {**PRODUCTION, "ALLOW_LOCAL_CACHE": None}
    data = loaded(
        settings_probe, "CACHES", REDIS_URL="redis://cache.internal:6379/1", **env
    )
    assert data["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"


def test_production_trusted_proxy_count_from_environment(settings_probe):
    name = "ALLAUTH_TRUSTED_PROXY_COUNT"
    assert loaded(settings_probe, name, **PRODUCTION) == {name: 0}
    assert loaded(settings_probe, name, TRUSTED_PROXY_COUNT="1", **PRODUCTION) == {
        name: 1
    }
