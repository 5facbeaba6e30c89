"""The addresses a person has verified (allauth): the only ones we email."""


def verified_addresses(user) -> list[str]:
    """The user's verified addresses, the primary one first."""
    from allauth.account.models import EmailAddress

    if user is None or not user.pk:
        return []
    return list(
        EmailAddress.objects.filter(user=user, verified=True)
        .order_by("-primary", "pk")
        .values_list("email", flat=True)
    )


def verified_address(user, email: str = "") -> str:
    """`email` when it is one of the user's verified addresses (any case), or
    with no `email` the primary verified one; "" when there is none."""
    addresses = verified_addresses(user)
    if not email:
        return addresses[0] if addresses else ""
    wanted = email.strip().lower()
    return next((a for a in addresses if a.lower() == wanted), "")
