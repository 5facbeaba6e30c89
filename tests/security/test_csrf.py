"""CSRF is enforced on every URL of the URLconf that takes a POST (issue 9)."""

import re
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern

from tests.factories.home import StaffUserFactory

pytestmark = pytest.mark.django_db

# Views that may take a POST without a CSRF token, each with the reason. (The Stripe
# webhook will be one: Stripe signs it instead.)
CSRF_EXEMPT: dict[str, str] = {
    # Stripe cannot send our token; every request is checked by its signature instead.
    "stripe_webhook": "Stripe signature (tests/events/test_webhooks.py)",
}

# A value for each URL argument our URLconf and allauth's use.
ARGUMENTS = {
    "uuid": uuid.uuid4(),
    "token": uuid.uuid4(),
    "slug": "x",
    "step": "questions",
    "question_id": "q",
    "key": "abc",
    "uidb36": "1",
    "pk": 1,
    "page_view_restriction_id": 1,
    "page_id": 1,
    "checklist_pk": 1,
}
# A positional argument for the unnamed groups of these routes.
POSITIONAL = {"wagtail_serve_file": "events/feed.ics", "events:register": "events/x/"}
# A sample of the admin's hundreds of URLs (Wagtail's own tests cover the rest).
ADMIN_SAMPLE = [
    "/admin/",
    "/admin/login/",
    "/admin/account/",
    "/admin/logout/",
    "/admin/pages/1/delete/",
    "/admin/users/add/",
]


def walk(patterns, prefix="", localized=False):
    """(route, name, view, localized) for every URL; localized: also under /hi/."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            inner = localized or isinstance(pattern.pattern, LocalePrefixPattern)
            for route, name, view, loc in walk(
                pattern.url_patterns, prefix + str(pattern.pattern), inner
            ):
                yield route, name and namespace + name, view, loc
        elif isinstance(pattern, URLPattern):
            yield (
                prefix + str(pattern.pattern),
                pattern.name,
                pattern.callback,
                localized,
            )


def concrete_url(route: str, name: str | None) -> str:
    """A URL that the route matches, with made-up arguments."""
    if "^" not in route and "(?" not in route:
        return "/" + re.sub(
            r"<(?:\w+:)?(\w+)>", lambda m: str(ARGUMENTS[m.group(1)]), route
        )
    names = re.findall(r"\(\?P<(\w+)>", route)
    if names:
        return reverse(name, kwargs={n: ARGUMENTS[n] for n in names})
    return reverse(name, args=[POSITIONAL.get(name, "")])


def site_urls() -> list[tuple[str, str]]:
    """Every URL outside the admin (in English and Hindi), with its name."""
    urls = []
    for route, name, _view, localized in walk(get_resolver().url_patterns):
        if route.startswith(("admin/", "documents/")) and route != "admin/login/":
            continue
        url = concrete_url(route, name)
        urls.append((url, name or route))
        if localized:
            urls.append(("/hi" + url, name or route))
    return urls


def test_csrf_every_post_without_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(StaffUserFactory())
    urls = [url for url, name in site_urls() if name not in CSRF_EXEMPT]
    urls += ADMIN_SAMPLE
    assert len(urls) > 80
    accepted = [
        (url, response.status_code)
        for url in urls
        if (response := client.post(url, {"x": "1"})).status_code != 403
    ]
    assert accepted == []


def test_csrf_exempt_views_are_only_the_listed_ones():
    exempt = {
        name or route
        for route, name, view, _localized in walk(get_resolver().url_patterns)
        if getattr(view, "csrf_exempt", False) and not route.startswith("admin/")
    }
    assert exempt == set(CSRF_EXEMPT)


def test_csrf_with_the_token_the_post_goes_through():
    """The refusals above are CSRF's, not the views': with a token, sign-in works."""
    user = StaffUserFactory()
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": "wrong", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200
    # The view itself answered: it checked the password and says so.
    assert "password you specified are not correct" in response.content.decode()
