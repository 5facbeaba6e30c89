"""A bare Django "hello" view with no middleware: the limit pages are measured against.

Serve it with the same gunicorn settings as the site (`gunicorn bench.hello`), in the
same run, and compare requests per second. It touches no database, template or cache.
"""

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-hello-not-secret",  # noqa: S106 - serves one constant page
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        USE_TZ=True,
    )

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after configure()
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def hello(request, rest=""):
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [path("", hello), path("<path:rest>", hello)]
application = get_wsgi_application()
