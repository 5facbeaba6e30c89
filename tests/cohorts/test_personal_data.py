import io
import json
import zipfile

from django.contrib.auth import get_user_model

from cohorts import services
from cohorts.enums import ApplicationStatus
from cohorts.models import Application, Founder, Startup
from tests.factories.home import VerifiedUserFactory


def download(client):
    response = client.post("/dashboard/my-data/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_download_contains_everything_the_user_gave(client, user, application):
    client.force_login(user)
    archive = download(client)
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == user.email
    startup = data["cohorts"]["startups"][0]
    assert startup["name"] == application.startup.name
    assert startup["dpiit_number"] == "DIPP12345"
    assert startup["founders"][0]["name"] == "Asha Murmu"
    saved = data["cohorts"]["applications"][0]
    assert saved["answers"]["q-problem"]["value"] == "Speech for Santali speakers"
    assert saved["compute_purpose"] == "Fine-tuning on Santali speech."
    deck = f"files/applications/{application.uuid}/deck.pdf"
    assert archive.read(deck).startswith(b"%PDF-")


def test_download_needs_sign_in_and_post(client, user):
    assert client.post("/dashboard/my-data/").status_code == 302
    client.force_login(user)
    assert client.get("/dashboard/my-data/").status_code == 405


def test_delete_account_explains_then_asks_to_confirm(client, user, application):
    client.force_login(user)
    page = client.get("/dashboard/delete-account/")
    assert "anonymised" in page.content.decode()
    refused = client.post("/dashboard/delete-account/", {})
    assert refused.status_code == 400
    assert get_user_model().objects.filter(pk=user.pk).exists()
    # The checkbox's label is a sentence: the summary does not add ":" after its ".".
    assert "undone.:" not in refused.content.decode()
    assert "cannot be undone: Tick the box" in refused.content.decode()


def test_delete_account_removes_personal_data_keeps_statistics(
    client, user, application, django_capture_on_commit_callbacks
):
    services.submit_application(application, user=user, consent=True)
    deck_path = application.pitch_deck.path
    startup_pk = application.startup.pk
    name = application.startup.name
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/dashboard/delete-account/", {"confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(email=user.email).exists()
    startup = Startup.objects.get(pk=startup_pk)
    assert startup.owner is None and startup.anonymised_at
    # The name, contacts and description are gone (they never held the email).
    assert startup.name != name
    assert (startup.website, startup.city, startup.description) == ("", "", "")
    assert startup.dpiit_number == "" and not Founder.objects.filter(startup=startup)
    assert (startup.state, startup.sector, startup.team_size) == (
        "KA",
        "language_tech",
        4,
    )
    kept = Application.objects.get(pk=application.pk)
    assert kept.status == ApplicationStatus.SUBMITTED and kept.submitted_at
    assert kept.compute_gpu_hours == 2000
    assert all(a["value"] is None for a in kept.answers.values())
    assert kept.answers["q-problem"]["label"] == "What problem do you solve?"
    assert not kept.pitch_deck and kept.compute_purpose == ""
    import os

    assert not os.path.exists(deck_path)
    # Signed out.
    assert client.get("/dashboard/").status_code == 302


def test_shared_startup_passes_to_the_cofounder(client, user, application):
    cofounder = VerifiedUserFactory()
    membership = services.invite_cofounder(
        application.startup, invited_by=user, email=cofounder.email
    )
    services.accept_invitation(membership, user=cofounder)
    client.force_login(user)
    client.post("/dashboard/delete-account/", {"confirm": "on"})
    startup = Startup.objects.get(pk=application.startup.pk)
    assert startup.owner == cofounder and startup.anonymised_at is None
    assert Application.objects.get(pk=application.pk).answers["q-name"]["value"]
