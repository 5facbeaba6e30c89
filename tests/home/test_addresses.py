"""The addresses a person has verified: the only ones we email (home.addresses)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from home.addresses import verified_address, verified_addresses
from tests.factories.home import EmailAddressFactory, UserFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def test_verified_addresses_primary_first_unverified_never():
    user = UserFactory(email="asha@example.in")
    EmailAddressFactory(user=user, email="old@example.in", primary=False)
    EmailAddressFactory(
        user=user, email="draft@example.in", primary=False, verified=False
    )
    EmailAddressFactory(user=user, email="asha@example.in", primary=True)
    VerifiedUserFactory(email="someone@example.in")  # another account's
    assert verified_addresses(user) == ["asha@example.in", "old@example.in"]
    assert verified_address(user) == "asha@example.in"
    assert verified_address(user, " OLD@example.in ") == "old@example.in"
    assert verified_address(user, "draft@example.in") == ""
    assert verified_address(user, "someone@example.in") == ""


def test_nobody_and_unsaved_accounts_have_no_address():
    assert verified_addresses(None) == []
    assert verified_addresses(AnonymousUser()) == []
    assert verified_address(None) == ""
    assert verified_address(UserFactory.build(), "a@example.in") == ""
    assert verified_address(UserFactory()) == ""  # an account without a verified one
