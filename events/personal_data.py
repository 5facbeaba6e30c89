"""The events app's part of the user's data rights (see coe_site.personal_data).

Erasing an account cancels its active registrations (freeing the seats for the
waitlist, refunding paid ones) and deletes them; payments stay as anonymised
accounting records (amounts, dates, Stripe ids; no name or email).
"""

from django.utils import timezone

from .models import Registration
from .registration import cancel_registration


def export(user) -> dict:
    registrations = (
        Registration.objects.visible_to(user)
        .select_related("event")
        .prefetch_related("payments", "status_changes")
    )
    return {
        "registrations": [
            {
                "id": str(r.uuid),
                "event": r.event.title,
                "event_start": r.event.start,
                "status": r.status,
                "language": r.language,
                "name": r.name,
                "email": r.email,
                "phone": r.phone,
                "organisation": r.organisation,
                "accessibility_needs": r.accessibility_needs,
                "answers": r.answers,
                "ticket_code": r.ticket_code,
                "checked_in_at": r.checked_in_at,
                "created_at": r.created_at,
                "status_history": [
                    {"from": c.from_status, "to": c.to_status, "at": c.created_at}
                    for c in r.status_changes.all()
                ],
                "payments": [
                    {
                        "amount_paise": p.amount_paise,
                        "refunded_paise": p.refunded_paise,
                        "status": p.status,
                        "paid_at": p.paid_at,
                        "refunded_at": p.refunded_at,
                        "stripe_payment_intent": p.stripe_payment_intent,
                    }
                    for p in r.payments.all()
                ],
            }
            for r in registrations
        ]
    }


def erase(user) -> None:
    now = timezone.now()
    for registration in Registration.objects.visible_to(user).active():
        if registration.event.end > now:
            cancel_registration(
                registration, by=None, note="account deleted", staff=True, now=now
            )
    # Deleting the account deletes the registrations; payments keep no link to them.
    Registration.objects.filter(user=user).delete()
