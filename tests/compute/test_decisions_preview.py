"""A call's staged decisions are previewed, each email in its recipient's
language, and sent only from the preview's POST."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from compute import selection
from compute.enums import ApplicationStatus
from compute.models import ComputeApplication
from tests.factories.compute import (
    CallManagerFactory,
    CallReviewerFactory,
    SubmittedComputeApplicationFactory,
    create_call,
)
from tests.factories.home import VerifiedUserFactory

pytestmark = pytest.mark.django_db


def staged(call, to, **fields):
    application = SubmittedComputeApplicationFactory(call=call, **fields)
    ComputeApplication.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.IN_REVIEW
    )
    application.refresh_from_db()
    selection.stage_decision(application, to=to, by=None)
    return application


def test_the_preview_lists_each_staged_decision_and_sends_only_on_post(
    client, django_capture_on_commit_callbacks
):
    call = create_call()
    hindi = staged(call, ApplicationStatus.ACCEPTED, language="hi")
    unverified = staged(
        call,
        ApplicationStatus.REJECTED,
        applicant=VerifiedUserFactory(first_name="Kavya", last_name="Raman"),
    )
    EmailAddress.objects.filter(user=unverified.applicant).update(verified=False)
    url = f"/admin/compute/call/{call.pk}/decisions/"
    client.force_login(CallManagerFactory())
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(url).content.decode()
    assert hindi.applicant.email in page
    assert "पुकार test-call" in page  # the subject, in Hindi
    assert "Kavya Raman" in page and "No one to email" in page
    assert "Send 1 decision" in page
    # Looking sends nothing and decides nothing.
    assert mail.outbox == []
    hindi.refresh_from_db()
    assert hindi.status == ApplicationStatus.IN_REVIEW
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == f"/admin/compute/call/{call.pk}/"
    assert [m.to for m in mail.outbox] == [[hindi.applicant.email]]
    hindi.refresh_from_db()
    assert hindi.status == ApplicationStatus.ACCEPTED
    # The undeliverable one stays staged.
    assert [s.application for s in selection.staged(call)] == [unverified]


def test_the_preview_needs_the_decide_permission(client):
    call = create_call()
    client.force_login(CallReviewerFactory())
    response = client.get(f"/admin/compute/call/{call.pk}/decisions/")
    assert response.status_code == 403 or response.url == "/admin/"
