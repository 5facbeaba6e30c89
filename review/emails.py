"""Decision emails of any programme: the message in the recipient's language."""


def fill(text: str, values: dict) -> str:
    """Replace each {key} of `values` ({startup}, {cohort}, {url}...); leave
    any other braces alone."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def decision_message(template, *, language: str, values: dict, default):
    """(subject, body) of a decision email in `language`: from the programme's
    template for it (an `AbstractDecisionTemplate`) when staff wrote one, else
    `default` (subject, body), with the placeholders filled."""
    if template is not None:
        subject, body = template.message_in(language)
    else:
        subject, body = default
    return fill(str(subject), values), fill(str(body), values)


def send_decision_once(
    log, *, application, status, user, language, subject, body, template
) -> bool:
    """Record the decision email to `user` in `log` (a model unique per
    application, decision and address), then send it; False, and nothing sent,
    when that address already has it, so a task run twice emails once."""
    from django.db import IntegrityError, transaction

    from home.mail import send_templated

    try:
        with transaction.atomic():
            log.objects.create(
                application=application,
                status=status,
                recipient=user.email,
                language=language,
                subject=subject,
            )
    except IntegrityError:
        return False  # already sent to this address
    send_templated(
        to=user.email,
        language=language,
        template=template,
        context={"user": user, "subject": subject, "body": body},
    )
    return True
