"""What identifies a startup, for anonymised review (`review.anonymity`)."""

from review.anonymity import identifying_terms, redact  # noqa: F401 -- used as cohorts.anonymity.redact


def redaction_terms(application) -> list[str]:
    """Every name, address and email that identifies the application's startup:
    its name, its founders', members' and owner's names and emails, its website."""
    startup = application.startup
    names = []
    emails = []
    for founder in startup.founders.all():
        names.append(founder.name)
        emails.append(founder.email)
    for membership in startup.memberships.select_related("user"):
        emails.append(membership.email)
        if membership.user_id:
            names.append(membership.user.get_full_name())
    if startup.owner_id:
        names.append(startup.owner.get_full_name())
        emails.append(startup.owner.email)
    return identifying_terms(
        titles=[startup.name], names=names, emails=emails, websites=[startup.website]
    )
