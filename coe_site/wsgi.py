import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coe_site.settings.dev")

application = get_wsgi_application()

# gunicorn runs no system checks: production refuses here to serve a site whose
# compiled message catalogues are missing or stale (home.checks, `make build`).
if settings.REQUIRE_COMPILED_CATALOGUES:
    from home.checks import COMPILE_HINT, compiled_catalogue_problems

    if problems := compiled_catalogue_problems():
        raise ImproperlyConfigured("\n".join([*problems, COMPILE_HINT]))
