"""Background tasks (django-tasks): emails, refunds, and the periodic jobs."""

from django_tasks import task

from . import emails, registration


@task()
def email_registration(
    registration_pk: int, kind: str, subject: str = "", message: str = ""
) -> int:
    return emails.send_registration_email(
        registration_pk, kind, subject=subject, message=message
    )


@task()
def refund_payment(payment_pk: int) -> None:
    from .models import Payment
    from .payments import refund

    payment = Payment.objects.filter(pk=payment_pk).first()
    if payment is not None:
        refund(payment)


@task()
def expire_holds() -> int:
    """Periodic (every few minutes): lapsed holds and offers free their seats."""
    return registration.expire_holds()


@task()
def send_reminders() -> int:
    """Periodic (hourly): the reminder 24 hours before an event, sent once."""
    return registration.send_reminders()
