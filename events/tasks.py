"""Background tasks (django-tasks): emails and refunds. Periodic jobs are in `jobs`."""

from django_tasks import task

from . import emails


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
def expire_checkout(payment_pk: int) -> None:
    from .models import Payment
    from .payments import expire_checkout

    payment = Payment.objects.filter(pk=payment_pk).first()
    if payment is not None:
        expire_checkout(payment)
