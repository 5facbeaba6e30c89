"""Who manages registrations in the admin: by permission, through the services
only (issue 22, item 7: mutation coverage of events/wagtail_hooks.py)."""

import pytest
from django.contrib.auth.models import Permission

from events.models import Registration
from tests.factories.events import make_event, register
from tests.factories.home import VerifiedUserFactory, with_totp

pytestmark = pytest.mark.django_db

CHECK_IN = '/admin/events/check-in/"'


def staff_with(*codenames):
    """Someone in the admin (with a second factor) holding these permissions."""
    user = VerifiedUserFactory()
    for codename in ("access_admin", *codenames):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    with_totp(user)
    return user


def test_only_registration_managers_get_check_in_and_the_listing(client, index):
    register(make_event(index), details={"name": "Asha Rao"})
    client.force_login(staff_with())
    home = client.get("/admin/").content.decode()
    assert CHECK_IN not in home
    listing = client.get("/admin/event_registrations/")
    assert "Asha Rao" not in listing.content.decode()
    manager = staff_with("change_registration", "view_registration")
    client.force_login(manager)
    assert CHECK_IN in client.get("/admin/").content.decode()
    assert "Asha Rao" in client.get("/admin/event_registrations/").content.decode()


def test_registrations_are_never_added_copied_or_deleted_in_a_bare_form(
    client, index, staff_user
):
    registration = register(make_event(index))
    client.force_login(staff_user)
    for url in (
        "/admin/event_registrations/new/",
        f"/admin/event_registrations/delete/{registration.pk}/",
        f"/admin/event_registrations/copy/{registration.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert response["Location"] == "/admin/", url
    client.post(f"/admin/event_registrations/delete/{registration.pk}/")
    assert Registration.objects.filter(pk=registration.pk).exists()
    listing = client.get("/admin/event_registrations/").content.decode()
    assert "/admin/event_registrations/new/" not in listing
    assert f"/admin/events/registrations/{registration.pk}/manage/" in listing


def test_managed_registrations_follow_the_permission_alone(index):
    from django.contrib.auth.models import AnonymousUser

    registration = register(make_event(index))
    assert not Registration.objects.managed_by(AnonymousUser()).exists()
    assert not Registration.objects.managed_by(staff_with()).exists()
    assert not Registration.objects.managed_by(registration.user).exists()
    manager = staff_with("change_registration")
    assert list(Registration.objects.managed_by(manager)) == [registration]
    # The attendee opens their own on the site, nobody else's.
    assert list(Registration.objects.visible_to(registration.user)) == [registration]
    assert not Registration.objects.visible_to(manager).exists()
    assert not Registration.objects.visible_to(AnonymousUser()).exists()


def test_an_events_registrations_are_its_own_in_every_language(index):
    from tests.factories.events import translate

    event, other = make_event(index), make_event(index)
    here, there = register(event), register(other)
    assert list(Registration.objects.for_event(event)) == [here]
    assert list(Registration.objects.for_event(translate(event))) == [here]
    assert list(Registration.objects.for_event(other)) == [there]


def test_the_sidebar_orders_reviews_registrations_check_in_then_selection(client):
    """A person with every one of these permissions finds them in this order (the
    menu orders 240, 240, 241 and 245: ties keep the order the hooks run)."""
    client.force_login(
        staff_with(
            "add_review",
            "view_application",
            "view_registration",
            "change_registration",
        )
    )
    home = client.get("/admin/").content.decode()
    urls = [
        '/admin/selection/reviews/"',
        '/admin/event_registrations/"',
        CHECK_IN,
        '/admin/selection/"',
    ]
    assert all(url in home for url in urls)
    positions = [home.index(url) for url in urls]
    assert positions == sorted(positions)
