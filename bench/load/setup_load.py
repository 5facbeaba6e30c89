"""Accounts, sessions and an opening event for the load test, made directly.

    deploy/stack.sh run .venv/bin/python bench/load/setup_load.py --people 500 --seats 100

Makes (or reuses) N verified users `load-<i>@example.invalid`, signs each in by
creating a session the way `django.contrib.auth.login` fills it, and creates a
fresh free event with the given seats and a waitlist, open for registration now.
Not through the sign-up form: the load test measures the opening, not sign-up.
Writes bench/results/load/setup.json (session keys, the event's path).
Runs with the stack's settings and database (`deploy/stack.sh run`).
"""

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "results" / "load"


def people(count: int) -> list:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    model = get_user_model()
    emails = [f"load-{i}@example.invalid" for i in range(count)]
    existing = set(
        model.objects.filter(email__in=emails).values_list("email", flat=True)
    )
    password = make_password(None)  # unusable: they never sign in by password
    model.objects.bulk_create(
        model(email=email, first_name=f"Load {i}", password=password)
        for i, email in enumerate(emails)
        if email not in existing
    )
    users = list(model.objects.filter(email__in=emails).order_by("pk"))
    verified = set(
        EmailAddress.objects.filter(user__in=users).values_list("email", flat=True)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in users
        if user.email not in verified
    )
    return users


def fresh_limits(users) -> None:
    """Each run is a new opening for the same people: today's count of their
    registration emails (events.registration, 8 a day) starts again."""
    from django.core.cache import cache

    from home.limits import address_key

    cache.delete_many(
        [f"events:emails:account:{user.pk}" for user in users]
        + [f"events:emails:address:{address_key(user.email)}" for user in users]
    )


def sign_in(users) -> list[str]:
    """A session per user, as `login()` writes it (allauth's backend)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_string(settings.SESSION_ENGINE + ".SessionStore")
    backend = "allauth.account.auth_backends.AuthenticationBackend"
    keys = []
    for user in users:
        session = store()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        session.save()
        keys.append(session.session_key)
    return keys


def opening(seats: int):
    from django.utils import timezone
    from wagtail.models import Locale

    from events.enums import EventFormat
    from events.models import EventIndexPage, EventPage, EventType

    index = EventIndexPage.objects.filter(locale=Locale.get_default()).first()
    event_type = EventType.objects.filter(locale=index.locale).first()
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=14)
    event = EventPage(
        title=f"Opening day workshop ({seats} seats)",
        slug=f"opening-{time.time_ns()}",
        summary="A free workshop everyone wants a seat at.",
        event_type=event_type,
        format=EventFormat.ONLINE,
        start=start,
        end=start + dt.timedelta(hours=3),
        capacity=seats,
        price_paise=0,
        registration_required=True,
        waitlist_enabled=True,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--seats", type=int, default=100)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coe_site.settings.production")
    import django

    django.setup()
    started = time.monotonic()
    users = people(args.people)
    fresh_limits(users)
    keys = sign_in(users)
    event = opening(args.seats)
    OUT.mkdir(parents=True, exist_ok=True)
    setup = {
        "sessions": keys,
        "event_path": event.url,
        "event_id": event.pk,
        "seats": args.seats,
    }
    (OUT / "setup.json").write_text(json.dumps(setup))
    print(
        f"{len(keys)} signed-in people and {event.url} ({args.seats} seats) "
        f"in {time.monotonic() - started:.1f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
