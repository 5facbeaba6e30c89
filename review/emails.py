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
