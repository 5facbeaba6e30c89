"""No user-reachable path answers 500, whatever the query string or path says."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]

JUNK = [
    {"page": "abc"},
    {"page": "-5"},
    {"page": "99999999999999999999"},
    {"q": "x" * 5000},
    {"q": "' OR 1=1 --"},
    {"q": "\x00"},
    {"type": "nope", "format": "<script>", "city": "🙂", "language": "zz"},
    {"month": "2026-13", "when": "future", "topic": "%%%"},
    {"month": "abcd-ef"},
]

URLS = [
    "/",
    "/hi/",
    "/search/",
    "/hi/search/",
    "/events/",
    "/hi/events/",
    "/cohorts/",
    "/hi/cohorts/",
    "/about/",
    "/accounts/login/",
    "/accounts/signup/",
    "/events/feed.ics",
    "/events/feed.rss",
    "/hi/events/feed.ics",
]

BAD_PATHS = [
    "/events/no-such-event/",
    "/events/no-such-event/calendar.ics",
    "/events/no-such-event/availability.json",
    "/hi/events/no-such-event/calendar.ics",
    "/events/no-such-event/extra/path/",
    "/cohorts/no-such-cohort/",
    "/cohorts/no-such-cohort/apply/",
    "/hi/events/%E0%A4%95/",
    "/dashboard/",
    "/admin/",
]


@pytest.mark.parametrize("url", URLS)
def test_junk_query_strings_never_answer_500(client, seeded, url):
    for params in JUNK:
        response = client.get(url, params)
        assert response.status_code < 500, (url, params, response.status_code)


@pytest.mark.parametrize("url", BAD_PATHS)
def test_unknown_paths_answer_404_or_redirect(client, seeded, url):
    response = client.get(url)
    assert response.status_code in (301, 302, 404), (url, response.status_code)


def test_junk_posts_never_answer_500(client, seeded):
    for url in ["/accounts/login/", "/accounts/signup/", "/search/", "/events/"]:
        response = client.post(url, {"email": "\x00" * 10, "password": "x" * 10000})
        assert response.status_code < 500, (url, response.status_code)
    # Wagtail's password form for private pages, with ids that do not exist.
    response = client.post(
        "/_util/authenticate_with_password/999999/999999/", {"password": "\x00"}
    )
    assert response.status_code == 404
