"""Through the production stack (`make stack`): Varnish -> nginx -> two app servers.

An editor (Wagtail's Moderators group, who may publish) signs in (with the second factor) and publishes in Wagtail's admin;
the public pages, served by Varnish from its cache a moment before, show the
change within a second in English and in Hindi, and an unpublished event is gone
(404) from its page and its listing. The stack runs on its own PostgreSQL
database and Redis, so the test reads and writes them only through the stack's
processes (`deploy/stack.sh manage`), never through pytest's database.

Uses a running stack, or starts one (and stops it afterwards). Skips when
Varnish or nginx is missing and cannot be installed (not root).
"""

import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.stack]

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / "deploy" / "stack.sh"
FRONT = "http://127.0.0.1:8080"
PASSWORD = "stack-editor-Pa55word!"  # noqa: S105 -- a throwaway account of the test


def has_packages() -> bool:
    return all(
        shutil.which(name) or os.path.exists(f"/usr/sbin/{name}")
        for name in ("varnishd", "nginx")
    )


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 -- our own stack
            return response.status == 200
    except OSError:
        return False


def database_url() -> str:
    """The stack's database: STACK_DATABASE_URL, else `coe_stack` on the server
    the tests use (DATABASE_URL), else on 127.0.0.1."""
    if os.environ.get("STACK_DATABASE_URL"):
        return os.environ["STACK_DATABASE_URL"]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return url.rsplit("/", 1)[0] + "/coe_stack"
    return "postgres://postgres@127.0.0.1:5432/coe_stack"


def redis_url() -> str:
    return os.environ.get("STACK_REDIS_URL", "redis://127.0.0.1:6379/3")


def reachable(url: str) -> bool:
    parts = urlsplit(url)
    port = parts.port or (6379 if parts.scheme.startswith("redis") else 5432)
    try:
        socket.create_connection((parts.hostname, port), timeout=2).close()
    except OSError:
        return False
    return True


@pytest.fixture(scope="module")
def stack():
    if not has_packages() and os.geteuid() != 0:
        pytest.skip(
            "Varnish or nginx is missing: install them ('sudo apt-get install "
            "varnish nginx', or run `make stack` as root) to test through the stack"
        )
    for name, url in (("PostgreSQL", database_url()), ("Redis", redis_url())):
        if not reachable(url):
            pytest.skip(
                f"no {name} at {url} for the stack (STACK_DATABASE_URL, "
                "STACK_REDIS_URL)"
            )
    os.environ.setdefault("STACK_DATABASE_URL", database_url())
    started = False
    if not answers(FRONT + "/healthz"):
        subprocess.run([str(STACK), "start"], check=True, timeout=600)
        started = True
    yield FRONT
    if started:
        subprocess.run([str(STACK), "stop"], check=True, timeout=120)


def manage_shell(code: str) -> dict:
    """Run Python in the stack's own environment; it prints one JSON line."""
    out = subprocess.run(
        [str(STACK), "manage", "shell", "-v", "0", "-c", code],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


SETUP = """
import json
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from events.models import EventPage
from home.models import HomePage
from home.models import User

user, _ = User.objects.get_or_create(email="stack-editor@example.com")
user.is_staff = True
user.set_password(%(password)r)
user.save()
user.groups.add(Group.objects.get(name="Moderators"))
EmailAddress.objects.update_or_create(
    user=user, email=user.email, defaults={"verified": True, "primary": True}
)
Authenticator.objects.filter(user=user).delete()
secret = generate_totp_secret()
TOTP.activate(user, secret)
homes = {h.locale.language_code: h.pk for h in HomePage.objects.select_related("locale")}
from django.utils import timezone
# The soonest upcoming event: the first page of the listing shows it.
event = (
    EventPage.objects.live().filter(locale__language_code="en", start__gte=timezone.now())
    .order_by("start").first()
)
print(json.dumps({"secret": secret, "email": user.email, "homes": homes,
                  "event": event.pk, "event_url": event.url}))
"""


REPUBLISH = """
import json
from wagtail.models import Page
page = Page.objects.get(pk=%(pk)d)
page.get_latest_revision().publish()
print(json.dumps({"live": True}))
"""


def totp(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def fetch(path: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(FRONT + path, timeout=10) as response:  # noqa: S310 -- our own stack
            return (
                response.status,
                response.headers.get("X-Cache", ""),
                (response.read().decode()),
            )
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache", ""), ""


def cached(path: str) -> str:
    """The page as Varnish serves it from its cache (a hit)."""
    fetch(path)
    status, hit, body = fetch(path)
    assert (status, hit) == (200, "HIT"), f"{path}: {status} {hit}"
    return body


def shows_within(path: str, text: str, seconds: float = 1.0) -> float:
    started = time.monotonic()
    while True:
        status, _hit, body = fetch(path)
        took = time.monotonic() - started
        if status == 200 and text in body:
            return took
        assert took < seconds, f"{path} does not show {text!r} after {took:.2f}s"
        time.sleep(0.05)


@pytest.fixture
def editor_page(browser, stack):
    context = browser.new_context(base_url=stack, locale="en-IN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def sign_in(page, email, secret):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.form--login button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.locator("#id_code").fill(totp(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{FRONT}/")


def publish(page, page_id: int, field: str, value: str):
    page.goto(f"/admin/pages/{page_id}/edit/")
    page.locator(f"#id_{field}").fill(value)
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/(edit/)?$"))


def unpublish(page, page_id: int):
    page.goto(f"/admin/pages/{page_id}/unpublish/")
    page.locator("main form [type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))


def test_publish_shows_at_once_in_both_languages_and_unpublish_is_gone(editor_page):
    found = manage_shell(SETUP % {"password": PASSWORD})
    page = editor_page
    sign_in(page, found["email"], found["secret"])
    stamp = str(time.time_ns())[-8:]

    for language, path in (("en", "/"), ("hi", "/hi/")):
        title = f"Stack check {language} {stamp}"
        assert title not in cached(path)
        publish(page, found["homes"][language], "hero_title", title)
        took = shows_within(path, title)
        print(f"{path} showed the change after {took:.2f}s")
        # ... and it is cached again, for everyone.
        assert title in cached(path)

    event_path = found["event_url"]
    cached(event_path)
    assert f'href="{event_path}"' in cached("/events/")
    unpublish(page, found["event"])
    started = time.monotonic()
    while fetch(event_path)[0] != 404:
        assert time.monotonic() - started < 1, f"{event_path} still served"
        time.sleep(0.05)
    # The listing no longer links to it (it may fall back to the Hindi version).
    assert f'href="{event_path}"' not in fetch("/events/")[2]
    manage_shell(REPUBLISH % {"pk": found["event"]})

    # A signed-in visitor never gets the cached copy.
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert "sessionid" in cookies
    request = urllib.request.Request(  # noqa: S310 -- our own stack
        FRONT + "/", headers={"Cookie": f"sessionid={cookies['sessionid']}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 -- our own stack
        assert response.headers["X-Cache"] == "PASS"
        assert "private" in response.headers["Cache-Control"]
