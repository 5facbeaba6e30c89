"""Middleware of the ground floor.

- `QueryControlCharactersMiddleware`: no control character in a query parameter.
- `StaleSessionCookieMiddleware`: a late answer to a read never deletes the
  session cookie a sign-in has just set.
- `AdminTwoFactorMiddleware`: the admin needs a second factor (allauth MFA) for
  everyone who can enter it. Outside the admin, a staff permission without a
  second factor simply does not count (`home.models.User.has_perm`): the person
  sees what a stranger sees.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

ADMIN_ACCESS = "wagtailadmin.access_admin"
# Unicode's control characters (category Cc): C0, DEL and C1.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
LINE_AND_TAB = re.compile(r"[\t\n\v\f\r]")


def without_controls(text: str) -> str:
    return CONTROL.sub("", LINE_AND_TAB.sub(" ", text))


class QueryControlCharactersMiddleware:
    """Control characters are dropped from every query parameter (names and
    values) before anything reads them: tabs and line ends become spaces, the
    rest (NUL, escape, DEL, C1) go. PostgreSQL refuses NUL in text, so one
    `?city=%00` was a server error; no form of ours sends any of them.
    `request.GET` and the query string (`get_full_path()`, redirects) agree.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET
        if any(
            CONTROL.search(key) or any(CONTROL.search(v) for v in values)
            for key, values in query.lists()
        ):
            cleaned = QueryDict(mutable=True)
            for key, values in query.lists():
                name = without_controls(key)
                cleaned.setlist(
                    name,
                    cleaned.getlist(name) + [without_controls(v) for v in values],
                )
            request.META["QUERY_STRING"] = cleaned.urlencode()
            request.GET = QueryDict(request.META["QUERY_STRING"])
        return self.get_response(request)


class StaleSessionCookieMiddleware:
    """A read (GET, HEAD, OPTIONS) never tells the browser to delete the session
    cookie. Sits just before (around) SessionMiddleware.

    Django deletes the cookie when a request's session no longer exists. A page
    asks /me.json as it loads; if the visitor signs in while that request is
    still under way (a slow connection, a busy server), signing in gives the
    session a new key and deletes the old one, and the late answer's "delete
    sessionid" then removes the new, signed-in cookie: the visitor is signed
    out at once. A session that is gone on the server is gone whatever the
    browser keeps, so the deletion protects nothing; signing out is a POST and
    still deletes it.
    """

    SAFE = ("GET", "HEAD", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in self.SAFE:
            name = settings.SESSION_COOKIE_NAME
            cookie = response.cookies.get(name)
            if cookie is not None and not cookie.value and cookie["max-age"] == 0:
                del response.cookies[name]
        return response


class AdminTwoFactorMiddleware:
    """Someone who can enter the admin (directly, by a group or as a superuser) and
    has no second factor yet is sent to set one up; nobody else is.

    Signing in always goes through allauth, which asks for the second factor:
    coe_site/urls.py sends Wagtail's own password-only forms there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path_info.startswith(reverse("wagtailadmin_home"))
            and user.is_authenticated
            and user.has_perm_before_second_factor(ADMIN_ACCESS)
            and not user.has_second_factor()
        ):
            # The admin's paths have no language prefix: answer in the user's.
            with translation.override(user.preferred_language or None):
                messages.info(
                    request,
                    _(
                        "Set up two-factor authentication (an authenticator app or "
                        "a security key) to use the admin."
                    ),
                    fail_silently=True,
                )
                return redirect("mfa_index")
        return self.get_response(request)
