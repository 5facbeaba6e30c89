"""Settings shared by every environment.

Embedded defaults (SQLite, local media, local-memory cache, console email, immediate
tasks) let one command run the site; production swaps in real parts through the
environment variables listed in DESIGN.md.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# No script reads the CSRF cookie: forms carry the token in a hidden field and
# Wagtail's admin reads it from the page (tests/security/test_cookies.py).
CSRF_COOKIE_HTTPONLY = True

INSTALLED_APPS = [
    "home",
    "review",
    "cohorts",
    "events",
    "resources",
    "responsible",
    "compute",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users, with the preferred language on the form and no password:
    # staff made in the admin set their own from an invitation (home.invitations).
    "home.apps.UsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads a query parameter: no NUL or other control character.
    "home.middleware.QueryControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML and JSON (whitenoise serves static files precompressed);
    # it pads responses against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    # Cached pages are answered here, before the middlewares below; a miss runs
    # them all and the page is kept with every header they added (home.caching).
    "home.caching.PageCacheMiddleware",
    # A late answer to a read never deletes the cookie a sign-in just set.
    "home.middleware.StaleSessionCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Anyone who can enter /admin/ has a second factor (allauth MFA) first.
    "home.middleware.AdminTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "coe_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "coe_site.wsgi.application"

# Database: SQLite unless DATABASE_URL names another.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections persist (CONN_MAX_AGE) on SQLite too: opening one costs 14-24 %
    # of an uncached request.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Transactions take the write lock when they begin, so concurrent writers wait
    # (up to the timeout) instead of failing with "database is locked" when a
    # reader tries to upgrade (registrations lock, read seats, then write).
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set, local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis keeps one Redis client per process; Django's own
            # backend builds a new client object for every call.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "coe"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "coe-site",
        }
    }

# One anonymous page cache for every public page (home.caching): CACHE_PAGES=false
# turns it off, e.g. to benchmark. Pages read only these query parameters; a
# request with any other is neither served from the cache nor stored in it.
CACHE_PAGES = env_bool("CACHE_PAGES", True)
# Each process trusts the site generation it read for this long (home.caching
# Generation): a cached page then costs no round trip to Redis. A publish shows
# on the other app servers within it; the front cache is purged again after it.
PAGE_CACHE_GENERATION_SECONDS = float(
    os.environ.get("PAGE_CACHE_GENERATION_SECONDS", "0.25")
)
PAGE_CACHE_QUERY_PARAMS = frozenset(
    (
        *("q", "when", "type", "format", "city", "language", "topic", "month", "page"),
        # The resources library's filters (its "language" is an ISO 639-3 code).
        *("kind", "modality", "task", "licence"),
        # The alumni directory's.
        *("sector", "state"),
    )
)
# Messages travel in their own cookie, never in the session: a pending message is
# seen without loading the session, and its visitor gets a fresh page, not the
# cached one (home.caching). A cookie holds about 2 KB of messages.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# The front cache or CDN (home.frontcache): pages every anonymous visitor shares are
# `public, max-age=0, s-maxage=FRONT_CACHE_SECONDS`; changed pages are purged through
# Wagtail's frontend cache, configured here from the environment.
FRONT_CACHE_SECONDS = int(os.environ.get("FRONT_CACHE_SECONDS", "600"))
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_URL"):
    # Varnish (or any cache taking HTTP PURGE): deploy/varnish.vcl.
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "home.frontcache.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    # Needs boto3 and AWS credentials in the environment.
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
# Every language version is purged by name (home.frontcache.page_urls): Wagtail's
# own rewriting assumes a prefix for every language, and English has none.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# The site's public address (e.g. https://coe.example.in): canonical links, feeds,
# share links, emails and the Wagtail Site record (home.links). Empty in
# development: links then follow the request.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")

# Email: console unless EMAIL_URL (or the EMAIL_* settings) say otherwise.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# dj-email-url names the non-SMTP schemes console://, file://, ...; the README
# documents these names (file paths are absolute: filemail:///var/mail/coe).
EMAIL_URL_SCHEMES = {
    "consolemail": "django.core.mail.backends.console.EmailBackend",
    "filemail": "django.core.mail.backends.filebased.EmailBackend",
    "memorymail": "django.core.mail.backends.locmem.EmailBackend",
    "dummymail": "django.core.mail.backends.dummy.EmailBackend",
}
if os.environ.get("EMAIL_URL"):
    _email = dj_email_url.parse(os.environ["EMAIL_URL"])
    _scheme = os.environ["EMAIL_URL"].partition(":")[0].lower()
    if _scheme in EMAIL_URL_SCHEMES:
        EMAIL_BACKEND = EMAIL_URL_SCHEMES[_scheme]
        if _email["EMAIL_FILE_PATH"]:
            EMAIL_FILE_PATH = "/" + _email["EMAIL_FILE_PATH"]
    elif _email.get("EMAIL_BACKEND", "").endswith(".smtp.EmailBackend"):
        EMAIL_BACKEND = _email["EMAIL_BACKEND"]
        EMAIL_HOST = _email["EMAIL_HOST"]
        EMAIL_PORT = _email["EMAIL_PORT"]
        EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
        EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
        EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
        EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
        EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"]
    else:
        raise ImproperlyConfigured(
            f"EMAIL_URL has an unknown scheme {_scheme!r}: use smtp://, "
            "submission://, consolemail://, filemail:///path, memorymail:// or "
            "dummymail://."
        )
elif os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "AI CoE Startup Programme <noreply@coe.example.in>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: run immediately unless production chooses the database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Users and accounts (allauth): email is the login; verification is mandatory.
AUTH_USER_MODEL = "home.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# Private pages send visitors to the site's own sign-in, not Wagtail's bare form.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"  # noqa: S105 -- a template name
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "home.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[AI CoE] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# allauth's defaults, written out so that they are visibly on.
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
    "request_login_code": "20/m/ip,3/m/key",
    # Ours: passwords of private pages, per client address and page.
    "page_password": "5/5m/key",
}

# Two-factor authentication (allauth MFA): required for everyone who can enter the
# admin (home.middleware); anyone else may turn it on from their account pages.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "AI CoE"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_FORMS = {
    "add_webauthn": "home.forms.AddWebAuthnForm",
    "edit_webauthn": "home.forms.EditWebAuthnForm",
}

# Internationalisation: English unprefixed, every other language under its own
# prefix (/hi/, /ta/). A language is switched on here alone: add it to LANGUAGES
# (its name in itself), give it catalogues (locale/<code>/, <app>/locale/<code>/)
# and, for a script the web font does not cover yet, a font in css/fonts.css.
# Nothing else in the code names a language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("hi", "हिन्दी"), ("ta", "தமிழ்")]
# The language switch's words, each in its own language; a language without one
# shows its name from LANGUAGES.
LANGUAGE_SWITCH_LABELS = {
    "en": "Read in English",
    "hi": "हिन्दी में पढ़ें",
    "ta": "தமிழில் படிக்க",
}
# Web fonts for scripts a device may lack (css/fonts.css declares each with its
# unicode-range, so only pages with those characters fetch it): pages in the
# language preload them, so text does not reflow when they arrive.
LANGUAGE_FONTS = {
    "hi": [
        "fonts/noto-sans-devanagari-devanagari-400-normal.woff2",
        "fonts/noto-sans-devanagari-devanagari-700-normal.woff2",
    ],
    "ta": [
        "fonts/noto-sans-tamil-tamil-400-normal.woff2",
        "fonts/noto-sans-tamil-tamil-700-normal.woff2",
    ],
}
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Compiled catalogues (.mo) are built, not committed: production refuses to start
# when one is missing or older than its .po (home.checks); elsewhere it warns.
REQUIRE_COMPILED_CATALOGUES = False
# The house date/time style for any `|date` without a format (coe_site/formats).
FORMAT_MODULE_PATH = ["coe_site.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Kolkata"
USE_TZ = True
LANGUAGE_COOKIE_SECURE = False

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or str(BASE_DIR / "media")
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT") or str(
    BASE_DIR / "private_media"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Wagtail.
WAGTAIL_SITE_NAME = "AI CoE Startup Programme"
WAGTAILADMIN_BASE_URL = (
    os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_URL or "http://127.0.0.1:8000"
)
WAGTAILSEARCH_BACKENDS = {
    # Picks PostgreSQL full-text search on PostgreSQL, FTS5 on SQLite.
    "default": {"BACKEND": "wagtail.search.backends.database"}
}
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

# Security headers that hold everywhere; production tightens transport settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    # Wagtail's admin needs inline styles and scripts of its own; the public site
    # gets the strict policy.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", "https://checkout.stripe.com"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Stripe (used by events): keys come from the environment only.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "coe": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # DEBUG: how long each registration held its event's lock
        # (events.registration; the stack's load test reports it).
        "coe.events.lock": {
            "handlers": ["console"],
            "level": os.environ.get("LOCK_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}
