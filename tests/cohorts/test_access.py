"""`is_staff` is not a key: staff read applicants' data only with a permission,
and never change it through the applicant's forms."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from cohorts.models import Application, Startup
from tests.factories.cohorts import ApplicationFactory, StartupFactory, add_file_answer
from tests.factories.home import UserFactory, VerifiedUserFactory, with_totp

STARTUP_POST = {
    "startup-name": "Hijacked",
    "startup-state": "OR",
    "startup-city": "Bhubaneswar",
    "startup-sector": "speech",
    "startup-stage": "prototype",
    "startup-team_size": "3",
    "startup-description": "Changed by staff.",
    "founders-TOTAL_FORMS": "0",
    "founders-INITIAL_FORMS": "0",
    "founders-MIN_NUM_FORMS": "0",
    "founders-MAX_NUM_FORMS": "8",
}


def staff(*codenames, second_factor=True):
    """A staff user (the flag only) with exactly these cohorts permissions and,
    unless told otherwise, the authenticator app without which they count for
    nothing."""
    user = UserFactory(is_staff=True)
    for codename in codenames:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="cohorts", codename=codename)
        )
    if second_factor:
        with_totp(user)
    return user


@pytest.fixture
def file_application(application):
    return add_file_answer(application, "q-file")


def read_urls(application):
    uuid = application.uuid
    return [
        reverse("cohorts:application", kwargs={"uuid": uuid}),
        reverse("cohorts:pitch_deck", kwargs={"uuid": uuid}),
        reverse("cohorts:answer_file", kwargs={"uuid": uuid, "question_id": "q-file"}),
    ]


def step(application, name):
    return f"/cohorts/{application.cohort.slug}/apply/{application.uuid}/{name}/"


def test_staff_flag_alone_opens_nothing(client, file_application):
    client.force_login(staff())
    for url in read_urls(file_application):
        assert client.get(url).status_code == 404, url
    startup = reverse("cohorts:startup", kwargs={"uuid": file_application.startup.uuid})
    assert client.get(startup).status_code == 404


def test_staff_flag_alone_cannot_change_answers(client, application):
    client.force_login(staff())
    response = client.post(step(application, "questions"), {"q_q-name": "hijack"})
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.answers["q-name"]["value"] == "VaaniAI"


def test_view_permission_reads_application_deck_and_files(client, file_application):
    client.force_login(staff("view_application"))
    page, deck, answer_file = (client.get(url) for url in read_urls(file_application))
    # The page is this startup's application, read-only.
    assert file_application.startup.name in page.content.decode()
    assert "Withdraw" not in page.content.decode()
    # The files are the startup's own, as attachments.
    for response in (deck, answer_file):
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_view_permission_is_read_only(client, application):
    client.force_login(staff("view_application", "change_application"))
    page = client.get(reverse("cohorts:application", kwargs={"uuid": application.uuid}))
    assert "Withdraw" not in page.content.decode()
    for name in ("startup", "questions", "deck", "review"):
        assert client.get(step(application, name)).status_code == 404
    assert (
        client.post(step(application, "questions"), {"q_q-name": "x"}).status_code
        == 404
    )
    withdraw = reverse("cohorts:withdraw", kwargs={"uuid": application.uuid})
    assert client.post(withdraw, {"note": "x"}).status_code == 404
    application.refresh_from_db()
    assert application.status == "draft"
    assert application.answers["q-name"]["value"] == "VaaniAI"


def test_startup_view_permission_shows_it_read_only(client, startup):
    client.force_login(staff("view_startup", "change_startup"))
    url = reverse("cohorts:startup", kwargs={"uuid": startup.uuid})
    page = client.get(url)
    assert page.status_code == 200
    assert startup.name in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[-1]
    assert client.post(url, STARTUP_POST).status_code == 404
    assert (
        client.post(url, {"invite": "1", "invite-email": "x@example.in"}).status_code
        == 404
    )
    startup.refresh_from_db()
    assert startup.name != "Hijacked"
    assert not startup.memberships.exists()


def test_querysets_follow_permissions(db):
    owner = VerifiedUserFactory()
    mine = StartupFactory(owner=owner)
    other = StartupFactory()
    application = ApplicationFactory(startup=mine)
    assert list(Startup.objects.editable_by(owner)) == [mine]
    assert list(Startup.objects.visible_to(staff())) == []
    assert set(Startup.objects.visible_to(staff("view_startup"))) == {mine, other}
    assert list(Startup.objects.editable_by(staff("view_startup"))) == []
    assert list(Application.objects.visible_to(staff())) == []
    assert list(Application.objects.visible_to(staff("view_application"))) == [
        application
    ]
    assert list(Application.objects.editable_by(staff("view_application"))) == []
    # Without a second factor the permissions count for nothing (issue 22).
    assert (
        list(Startup.objects.visible_to(staff("view_startup", second_factor=False)))
        == []
    )
    reader = staff("view_application", second_factor=False)
    assert list(Application.objects.visible_to(reader)) == []


def test_staff_read_startups_but_not_anonymised_ones(client, db):
    from cohorts.services import anonymise_startup

    kept, erased = StartupFactory(name="Vaani Kept"), StartupFactory()
    anonymise_startup(erased)
    client.force_login(staff("view_startup"))
    page = client.get(reverse("cohorts:startup", kwargs={"uuid": kept.uuid}))
    assert "Vaani Kept" in page.content.decode()
    gone = client.get(reverse("cohorts:startup", kwargs={"uuid": erased.uuid}))
    assert gone.status_code == 404
    assert list(Startup.objects.visible_to(staff("view_startup"))) == [kept]
