"""Two-factor authentication for everyone who can enter the admin (issue 9, "Also
build"): allauth MFA (authenticator app, security keys, recovery codes)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import allauth
import polib
import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import translation

from tests.factories.home import (
    DEFAULT_PASSWORD,
    StaffUserFactory,
    VerifiedUserFactory,
    totp_code,
    with_totp,
)

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["/admin/", "/admin/account/", "/admin/pages/", "/admin/users/"]


@pytest.fixture
def editor():
    """Can enter the admin through a group, without being a superuser."""
    group = Group.objects.create(name="Editors (test)")
    group.permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    user = VerifiedUserFactory(is_staff=True)
    user.groups.add(group)
    return user


def sign_in(client, user, prefix=""):
    return client.post(
        f"{prefix}/accounts/login/",
        {"login": user.email, "password": DEFAULT_PASSWORD},
    )


def confirm_password(client, prefix=""):
    """allauth asks for the password again before a second factor is added."""
    response = client.post(
        f"{prefix}/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["editor", "superuser"])
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_without_second_factor_sends_to_setup(client, editor, who, url):
    user = editor if who == "editor" else StaffUserFactory(totp=False)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/")


def test_admin_with_authenticator_app_lets_in_after_the_code(client, editor):
    secret = with_totp(editor)
    response = sign_in(client, editor)
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    # Without the code the admin stays closed.
    assert client.get("/admin/").status_code == 302
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/account/").status_code == 200


def test_admin_sign_in_with_a_wrong_code_stays_out(client, editor):
    with_totp(editor)
    sign_in(client, editor)
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/2fa/" not in response["Location"]


def test_admin_sign_in_by_emailed_code_still_asks_for_the_app_code(client, editor):
    with_totp(editor)
    client.post("/accounts/login/code/", {"email": editor.email})
    emailed = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.M)
    response = client.post("/accounts/login/code/confirm/", {"code": emailed.group(1)})
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302


def test_admin_second_factor_set_up_then_admin_opens(client, editor):
    sign_in(client, editor)
    response = client.get("/admin/account/")
    assert response["Location"].startswith("/accounts/2fa/")
    page = client.get("/accounts/2fa/totp/activate/")
    assert page["Location"].startswith("/accounts/reauthenticate/")
    confirm_password(client)
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/account/").status_code == 200


@pytest.mark.parametrize("form", ["/admin/login/", "/_util/login/", "/hi/_util/login/"])
def test_wagtail_password_only_sign_in_goes_to_the_site_sign_in(client, editor, form):
    with_totp(editor)
    response = client.get(f"{form}?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(("/accounts/login/", "/hi/accounts/login/"))
    assert "next=/admin/pages/" in response["Location"]
    # A password alone, posted to Wagtail's forms, signs nobody in.
    client.post(form, {"username": editor.email, "password": DEFAULT_PASSWORD})
    assert "_auth_user_id" not in client.session


def test_admin_non_staff_user_is_never_sent_to_setup(client, user):
    client.force_login(user)
    for url in ["/dashboard/", "/accounts/email/", "/admin/"]:
        response = client.get(url)
        assert "/2fa/" not in response.get("Location", ""), url
    assert client.get("/dashboard/").status_code == 200


def test_admin_staff_flag_without_admin_permission_is_not_sent_to_setup(client):
    client.force_login(VerifiedUserFactory(is_staff=True))
    assert client.get("/dashboard/").status_code == 200
    response = client.get("/admin/")
    assert "/2fa/" not in response["Location"]


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_mfa_pages_answer_in_the_page_language(client, editor, prefix):
    sign_in(client, editor, prefix)
    confirm_password(client, prefix)
    for path in [
        "/accounts/reauthenticate/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/2fa/webauthn/add/",
    ]:
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'lang="{prefix[1:] or "en"}"' in html
        if prefix:
            for english in ["Two-Factor", "Authenticator", "Confirm Access", ">Name"]:
                assert english not in html, (path, english)


@pytest.mark.skipif(
    not shutil.which("xgettext"),
    reason="needs GNU gettext's xgettext to extract strings (apt-get install gettext)",
)
def test_mfa_every_allauth_string_has_hindi(tmp_path):
    """allauth ships no Hindi: every string of its MFA pages and forms has ours."""
    source = Path(allauth.__file__).parent
    shutil.copytree(
        source / "mfa", tmp_path / "mfa", ignore=shutil.ignore_patterns("migrations")
    )
    shutil.copytree(source / "templates" / "mfa", tmp_path / "templates" / "mfa")
    for name in ["reauthenticate.html", "base_reauthenticate.html"]:
        target = tmp_path / "templates" / "account" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source / "templates" / "account" / name, target)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "hi", "--no-wrap"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": ""},
        check=True,
        capture_output=True,
    )
    entries = polib.pofile(str(tmp_path / "locale/hi/LC_MESSAGES/django.po"))
    with translation.override("hi"):
        missing = [
            e.msgid
            for e in entries
            if e.msgid
            and (
                translation.ngettext(e.msgid, e.msgid_plural, 2) == e.msgid_plural
                if e.msgid_plural
                else translation.gettext(e.msgid) == e.msgid
            )
        ]
    assert missing == []


def test_admin_sends_to_setup_in_the_users_language(client, editor):
    editor.preferred_language = "hi"
    editor.save()
    client.force_login(editor)
    response = client.get("/admin/")
    assert response["Location"] == "/hi/accounts/2fa/"
    html = client.get(response["Location"]).content.decode()
    assert "एडमिन का उपयोग करने के लिए दो-चरणीय प्रमाणीकरण" in html
