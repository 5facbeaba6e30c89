from .home import EmailAddressFactory, UserFactory, VerifiedUserFactory

__all__ = ["EmailAddressFactory", "UserFactory", "VerifiedUserFactory"]
