import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/users/",
        "/admin/users/new/",
        "/admin/pages/",
        "/admin/snippets/",
        "/admin/locales/",
        "/admin/workflows/list/",
    ],
)
def test_staff_admin_screens_open(client, staff_user, seeded, url):
    client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    # The screen itself, signed in as this person (not a sign-in or 2FA page).
    assert response.context["request"].path == url
    assert response.context["request"].user == staff_user
    assert "<h1" in html and 'name="password"' not in html


def test_site_settings_edit_in_admin(client, staff_user, seeded):
    client.force_login(staff_user)
    site = Site.objects.get(is_default_site=True)
    response = client.get(f"/admin/settings/home/sitesettings/{site.pk}/")
    assert response.status_code == 200
    assert "Grievance officer" in response.content.decode()


def test_staff_creates_a_user_by_email_in_admin(client, staff_user, db):
    client.force_login(staff_user)
    response = client.post(
        "/admin/users/new/",
        {
            "email": "new.person@example.in",
            "first_name": "New",
            "last_name": "Person",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="new.person@example.in").exists()


def test_non_staff_cannot_open_admin(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.headers["Location"]
