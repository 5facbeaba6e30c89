import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.in")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805 -- factory_boy's signature
        if create:
            obj.save()


class EmailAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailAddress

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda o: o.user.email)
    verified = True
    primary = True


class VerifiedUserFactory(UserFactory):
    """A user whose email address allauth knows as verified, so they can sign in."""

    email_address = factory.RelatedFactory(
        EmailAddressFactory, factory_related_name="user"
    )


def with_totp(user) -> str:
    """Give the user an authenticator app (allauth MFA); returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now, by allauth's own algorithm."""
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


class StaffUserFactory(VerifiedUserFactory):
    """A superuser with an authenticator app, as the admin requires (no app:
    StaffUserFactory(totp=False)); its secret is on `totp_secret`."""

    is_staff = True
    is_superuser = True

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):  # noqa: N805 -- factory_boy's signature
        obj.totp_secret = with_totp(obj) if create and extracted is not False else None
