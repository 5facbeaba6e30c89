"""The user's data rights under the DPDP Act: download everything, delete the account.

Each installed app of ours may ship a `personal_data` module with:

- `export(user) -> dict`: JSON-serialisable data the user gave to that app;
- `files(user) -> list[tuple[str, Storage, str]]` (optional): (path in the ZIP,
  storage, stored name) of the user's files;
- `erase(user) -> None`: remove or anonymise that data; runs inside the
  transaction that then deletes the account;
- `PERSONAL_DATA` (optional): {key: (rows(user) -> QuerySet, describe(row) -> dict)},
  rows about the user that the export shows (under that key, with their ids) and
  erase removes. `personal_data_lists()` gathers them with the account's own, so
  one test checks that export and erase cover the same set.

This module owns the account part (the user row and email addresses) and runs the
apps' parts; it imports no app by name, so apps can add their part later.
"""

import importlib
import io
import json
import logging
import zipfile

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger("coe.personal_data")


def app_modules():
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.personal_data"
        try:
            modules.append((config.label, importlib.import_module(name)))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return modules


def email_address_rows(user):
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user)


ACCOUNT_DATA = {
    "email_addresses": (
        email_address_rows,
        lambda e: {"email": e.email, "verified": e.verified, "primary": e.primary},
    ),
}


def personal_data_lists():
    """(label, key, rows) for every list of rows about a user, account and apps."""
    lists = [("account", key, rows) for key, (rows, _d) in ACCOUNT_DATA.items()]
    for label, module in app_modules():
        for key, (rows, _describe) in getattr(module, "PERSONAL_DATA", {}).items():
            lists.append((label, key, rows))
    return lists


def export_account(user) -> dict:
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }
    data.update(export_rows(ACCOUNT_DATA, user))
    return data


def export_rows(personal_data: dict, user) -> dict:
    return {
        key: [{"id": row.pk, **describe(row)} for row in rows(user)]
        for key, (rows, describe) in personal_data.items()
    }


def erase_rows(personal_data: dict, user) -> None:
    for rows, _describe in personal_data.values():
        rows(user).delete()


def export_data(user) -> dict:
    data = {
        "exported_at": timezone.now(),
        "account": export_account(user),
    }
    for label, module in app_modules():
        part = module.export(user) if hasattr(module, "export") else {}
        part.update(export_rows(getattr(module, "PERSONAL_DATA", {}), user))
        if part:
            data[label] = part
    return data


def export_zip(user) -> bytes:
    """A ZIP with data.json and the user's files (pitch decks and others)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(
                export_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
            ),
        )
        for _label, module in app_modules():
            if not hasattr(module, "files"):
                continue
            for arcname, storage, name in module.files(user):
                if not name or not storage.exists(name):
                    continue
                with storage.open(name, "rb") as handle:
                    archive.writestr(f"files/{arcname}", handle.read())
    logger.info("personal data exported for user %s", user.pk)
    return buffer.getvalue()


def erase_account(user) -> None:
    """Erase the user's personal data in every app, then delete the account.

    After the commit the person is told, at the address the account had and in
    its language, what became of their registrations and payments.
    """
    pk = user.pk
    address, language = user.email, user.preferred_language or "en"
    with transaction.atomic():
        if address:
            transaction.on_commit(
                lambda: send_account_deleted_email(address, language=language)
            )
        for _label, module in app_modules():
            if hasattr(module, "erase"):
                module.erase(user)
            erase_rows(getattr(module, "PERSONAL_DATA", {}), user)
        erase_rows(ACCOUNT_DATA, user)
        user.delete()
    logger.info("account %s deleted at the user's request", pk)


def send_account_deleted_email(address: str, *, language: str) -> None:
    """The confirmation that an account was deleted (it no longer exists to look up)."""
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.utils import translation
    from django.utils.translation import gettext
    from wagtail.models import Site

    from home.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    site_settings = SiteSettings.for_site(site) if site else SiteSettings()
    with translation.override(language):
        subject = gettext("Your account was deleted")
        text = render_to_string(
            "dashboard/emails/account_deleted.txt",
            {
                "deleted_on": timezone.now(),
                "contact": site_settings.grievance_officer_email or site_settings.email,
            },
        )
    EmailMultiAlternatives(subject, text, to=[address]).send()
