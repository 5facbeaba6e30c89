"""Lost updates: the second of two editors is told, keeps their input and sees
the new version; posting the "new startup" form again never makes a second one."""

import pytest
from django.test import Client
from django.urls import reverse

from cohorts import services
from cohorts.models import Application, Startup
from tests.cohorts.concurrency import at_once
from tests.factories.cohorts import ApplicationFactory, StartupFactory
from tests.factories.home import VerifiedUserFactory

PROFILE = {
    "startup-name": "Vaani Labs",
    "startup-website": "vaani.example.in",
    "startup-state": "OR",
    "startup-city": "Bhubaneswar",
    "startup-sector": "speech",
    "startup-stage": "prototype",
    "startup-team_size": "3",
    "startup-description": "Speech for Odia and Santali.",
    "founders-TOTAL_FORMS": "0",
    "founders-INITIAL_FORMS": "0",
    "founders-MIN_NUM_FORMS": "0",
    "founders-MAX_NUM_FORMS": "8",
}
NEW_STARTUP = {
    **PROFILE,
    "founders-TOTAL_FORMS": "1",
    "founders-0-name": "Sita Hansda",
    "founders-0-email": "sita@vaani.example.in",
    "creation_token": "6f1c7a52-8a3e-4a5e-9f4b-1d2c3b4a5e6f",
}


def cofounder_of(startup):
    person = VerifiedUserFactory()
    membership = services.invite_cofounder(
        startup, invited_by=startup.owner, email=person.email
    )
    services.accept_invitation(membership, user=person)
    return person


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def team(db):
    startup = StartupFactory(founder=None)
    return startup, signed_in(startup.owner), signed_in(cofounder_of(startup))


def test_second_startup_saver_is_told_and_keeps_their_input(team):
    startup, owner, cofounder = team
    url = reverse("cohorts:startup", kwargs={"uuid": startup.uuid})
    opened = owner.get(url).content.decode()
    assert 'name="version" value="1"' in opened
    first = cofounder.post(url, {**PROFILE, "startup-city": "Cuttack", "version": "1"})
    assert first.status_code == 302
    second = owner.post(url, {**PROFILE, "startup-city": "Puri", "version": "1"})
    assert second.status_code == 409
    page = second.content.decode()
    assert "changed this since you opened it" in page
    assert "Cuttack" in page  # the new version
    assert 'value="Puri"' in page  # what the owner typed, kept
    assert 'name="version" value="2"' in page
    startup.refresh_from_db()
    assert startup.city == "Cuttack"
    # Saving again, having seen the new version, goes through.
    again = owner.post(url, {**PROFILE, "startup-city": "Puri", "version": "2"})
    assert again.status_code == 302
    startup.refresh_from_db()
    assert (startup.city, startup.version) == ("Puri", 3)


def test_second_draft_saver_is_told_and_keeps_their_answers(team, cohort):
    startup, owner, cofounder = team
    application = ApplicationFactory(cohort=cohort, startup=startup)
    url = f"/cohorts/{cohort.slug}/apply/{application.uuid}/questions/"
    answers = {"q_q-model": "c-open", "q_q-funding": "no", "save_draft": "1"}
    assert 'name="version" value="1"' in owner.get(url).content.decode()
    first = cofounder.post(url, {**answers, "q_q-name": "Vaani", "version": "1"})
    assert first.status_code == 302
    second = owner.post(url, {**answers, "q_q-name": "Bhasha", "version": "1"})
    assert second.status_code == 409
    page = second.content.decode()
    assert "Vaani" in page and 'value="Bhasha"' in page
    application.refresh_from_db()
    assert application.answers["q-name"]["value"] == "Vaani"


def test_second_deck_step_saver_is_told(team, cohort):
    startup, owner, cofounder = team
    application = ApplicationFactory(cohort=cohort, startup=startup)
    url = f"/cohorts/{cohort.slug}/apply/{application.uuid}/deck/"
    fields = {"compute_gpu_hours": "100", "save_draft": "1"}
    first = cofounder.post(
        url, {**fields, "compute_purpose": "Speech training", "version": "1"}
    )
    assert first.status_code == 302
    second = owner.post(
        url, {**fields, "compute_purpose": "Evaluation", "version": "1"}
    )
    assert second.status_code == 409
    assert "Speech training" in second.content.decode()
    assert "Evaluation" in second.content.decode()
    application.refresh_from_db()
    assert application.compute_purpose == "Speech training"


def test_new_startup_form_posted_five_times_makes_one(client, user):
    client.force_login(user)
    url = reverse("cohorts:startup_create")
    page = client.get(url).content.decode()
    assert 'name="creation_token"' in page
    places = {client.post(url, NEW_STARTUP)["Location"] for _ in range(5)}
    assert len(places) == 1
    assert Startup.objects.filter(owner=user).count() == 1
    assert Startup.objects.get(owner=user).founders.count() == 1


def test_apply_form_posted_five_times_makes_one_startup(client, user, cohort):
    client.force_login(user)
    url = f"/cohorts/{cohort.slug}/apply/"
    for _attempt in range(5):
        assert client.post(url, NEW_STARTUP).status_code == 302
    assert Startup.objects.filter(owner=user).count() == 1
    assert Application.objects.filter(startup__owner=user).count() == 1


def test_two_different_forms_make_two_startups(client, user):
    client.force_login(user)
    url = reverse("cohorts:startup_create")
    client.post(url, NEW_STARTUP)
    client.post(url, {**NEW_STARTUP, "creation_token": "not-a-token"})
    assert Startup.objects.filter(owner=user).count() == 2


def test_another_users_token_makes_their_own_startup(client, user):
    url = reverse("cohorts:startup_create")
    client.force_login(user)
    client.post(url, NEW_STARTUP)
    other = VerifiedUserFactory()
    client.force_login(other)
    response = client.post(url, {**NEW_STARTUP, "startup-name": "Other Labs"})
    assert response.status_code == 302
    assert Startup.objects.get(owner=other).name == "Other Labs"
    assert Startup.objects.get(owner=user).name == "Vaani Labs"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_new_startup_form_posted_five_times_at_once_makes_one():
    user = VerifiedUserFactory()
    url = reverse("cohorts:startup_create")
    statuses = at_once(5, lambda: signed_in(user).post(url, NEW_STARTUP).status_code)
    assert statuses == [302] * 5
    assert Startup.objects.filter(owner=user).count() == 1
