"""The cohorts app's part of the user's data rights (see coe_site.personal_data).

`PERSONAL_DATA` lists the rows about the user that live outside their own
startups' records (founder rows and invitations under any of their verified
addresses, in anybody's startup): the download shows each of them and deletion
removes each of them, so both read this one list. Owned startups are handed on or
anonymised separately.
"""

from django.db.models import Q

from home.addresses import verified_addresses

from . import services
from .models import Application, Founder, Startup, StartupMembership, private_storage
from .queries import startups_for


def _any_address(field, addresses) -> Q:
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(**{f"{field}__iexact": address})
    return query


def founder_rows(user):
    return Founder.objects.filter(
        _any_address("email", verified_addresses(user))
    ).select_related("startup")


def membership_rows(user):
    """Startups the user joined, and invitations (pending too) to their addresses."""
    return StartupMembership.objects.filter(
        Q(user=user) | _any_address("email", verified_addresses(user))
    ).select_related("startup")


def _founder_data(founder):
    return {
        "startup": founder.startup.name,
        "name": founder.name,
        "email": founder.email,
        "role": founder.role,
    }


def _membership_data(membership):
    return {
        "startup": membership.startup.name,
        "email": membership.email,
        "invited_at": membership.invited_at,
        "accepted_at": membership.accepted_at,
    }


# key in the export -> (the user's rows, what the download shows of one row)
PERSONAL_DATA = {
    "founder_rows": (founder_rows, _founder_data),
    "memberships": (membership_rows, _membership_data),
}


def _startup_data(startup):
    return {
        "id": str(startup.uuid),
        "name": startup.name,
        "website": startup.website,
        "dpiit_number": startup.dpiit_number,
        "incorporation_date": startup.incorporation_date,
        "state": startup.state,
        "city": startup.city,
        "sector": startup.sector,
        "stage": startup.stage,
        "team_size": startup.team_size,
        "languages": startup.languages,
        "description": startup.description,
        "founders": [
            {"name": f.name, "email": f.email, "role": f.role}
            for f in startup.founders.all()
        ],
        "members": [
            {
                "email": m.user.email if m.user else m.email,
                "invited_as": m.email,
                "accepted_at": m.accepted_at,
            }
            for m in startup.memberships.all()
        ],
        "created_at": startup.created_at,
    }


def _application_data(application, user):
    return {
        "id": str(application.uuid),
        "cohort": application.cohort.title,
        "startup": str(application.startup.uuid),
        "status": application.status,
        "answers": application.answers,
        "pitch_deck": application.pitch_deck_name,
        "compute_gpu_hours": application.compute_gpu_hours,
        "compute_purpose": application.compute_purpose,
        "privacy_notice_version": application.privacy_notice_version,
        "consented_at": application.consented_at,
        "submitted_at": application.submitted_at,
        "created_at": application.created_at,
        "status_history": [
            {
                "from": c.from_status,
                "to": c.to_status,
                "at": c.changed_at,
                "note": c.note if c.changed_by_id == user.pk else "",
            }
            for c in application.status_changes.all()
        ],
    }


def export(user) -> dict:
    startups = startups_for(user).prefetch_related("founders", "memberships__user")
    applications = (
        Application.objects.for_user(user)
        .select_related("cohort", "startup")
        .prefetch_related("status_changes")
    )
    return {
        "startups": [_startup_data(s) for s in startups],
        "applications": [_application_data(a, user) for a in applications],
    }


def files(user):
    result = []
    storage = private_storage()
    for application in Application.objects.for_user(user).select_related("startup"):
        prefix = f"applications/{application.uuid}"
        if application.pitch_deck:
            result.append(
                (
                    f"{prefix}/{application.pitch_deck_name or 'pitch-deck.pdf'}",
                    storage,
                    application.pitch_deck.name,
                )
            )
        for question_id, answer in (application.answers or {}).items():
            value = answer.get("value")
            if answer.get("type") == "file" and isinstance(value, dict):
                result.append(
                    (
                        f"{prefix}/{question_id}-{value.get('filename', 'file.pdf')}",
                        storage,
                        value.get("name"),
                    )
                )
    return result


def erase(user) -> None:
    """Hand each owned startup to its longest-standing co-founder, or anonymise it.

    Only members who accepted (with an account) inherit, never a pending invitee.
    """
    for startup in Startup.objects.filter(owner=user):
        heir = (
            startup.memberships.filter(accepted_at__isnull=False, user__isnull=False)
            .exclude(user=user)
            .order_by("accepted_at", "pk")
            .first()
        )
        if heir is not None:
            services.transfer_startup(startup, to=heir.user)
        else:
            services.anonymise_startup(startup)
    # coe_site.personal_data then deletes the PERSONAL_DATA rows.
