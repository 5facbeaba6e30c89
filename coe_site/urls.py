import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from events.webhooks import stripe_webhook
from home import health
from home import views as home_views
from home.sitemaps import LocalizedSitemap

from . import dashboard, me

# Wagtail's own sign-in forms take a password alone: send them to the site's
# sign-in, which asks staff for their second factor (home.middleware).
to_sign_in = RedirectView.as_view(pattern_name="account_login", query_string=True)

urlpatterns = [
    path("admin/login/", to_sign_in),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("stripe/webhook/", stripe_webhook, name="stripe_webhook"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": LocalizedSitemap}},
        name="sitemap",
    ),
]

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path(
        "accounts/invitation/<str:token>/",
        home_views.staff_invitation,
        name="staff_invitation",
    ),
    path("accounts/", include("allauth.urls")),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("me.json", me.me_json, name="me"),
    path("dashboard/language/", dashboard.change_language, name="dashboard_language"),
    path("dashboard/my-data/", dashboard.download_my_data, name="dashboard_my_data"),
    path(
        "dashboard/delete-account/",
        dashboard.delete_account,
        name="dashboard_delete_account",
    ),
    path("", include("cohorts.urls")),
    path("", include("events.urls")),
    path("", include("responsible.urls")),
    path("", include("compute.urls")),
    path("_util/login/", to_sign_in),
    # Wagtail's password form for private pages, with tries limited (before Wagtail's).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        home_views.authenticate_with_password,
        name="page_password",
    ),
    # A page's file routes (feed.ics, calendar.ics, availability.json): Wagtail's
    # own pattern takes only paths of slugs ending in "/".
    re_path(
        r"^((?:[\w\-]+/)+[\w\-]+\.(?:ics|rss|json))$",
        wagtail_views.serve,
        name="wagtail_serve_file",
    ),
    # Wagtail's page serving comes last: it matches every other path.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG or settings.SERVE_MEDIA:
    # Small deployments without a media server or object storage serve public
    # media from Django; private uploads are never under MEDIA_ROOT.
    urlpatterns = [
        re_path(
            r"^{}(?P<path>.*)$".format(re.escape(settings.MEDIA_URL.lstrip("/"))),
            home_views.media,
        ),
        *urlpatterns,
    ]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
