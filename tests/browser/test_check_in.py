"""The check-in desk at a door that loses its network: the list downloaded, three
tickets checked in offline (one twice, one cancelled), the queue synced when the
network is back; the first time of a ticket two doors checked in is kept. axe-core
on the event picker and the desk, in English and Hindi."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from events.enums import RegistrationStatus
from events.models import Registration
from events.registration import check_in
from tests.browser.axe import assert_no_axe_violations
from tests.factories.events import make_event, make_index
from tests.factories.home import StaffUserFactory, VerifiedUserFactory
from tests.home.rules_site import make_home

S = RegistrationStatus

pytestmark = [pytest.mark.browser]


@pytest.fixture
def event(django_db_serialized_rollback, transactional_db):
    return make_event(make_index(make_home()), title="Speech AI day", days=0)


def add(event, status, name):
    user = VerifiedUserFactory()
    return Registration.objects.create(
        event=event, user=user, status=status, name=name, email=user.email
    )


def signed_in(page, live_server, user, language="en"):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )
    return page


def type_code(page, code):
    page.locator("#id_code").fill(code)
    page.locator("#id_code").press("Enter")


def test_offline_check_ins_sync_when_the_network_is_back(page, live_server, event):
    staff = StaffUserFactory()
    asha = add(event, S.CONFIRMED, "Asha Rao")
    ravi = add(event, S.CONFIRMED, "Ravi Kumar")
    meera = add(event, S.CONFIRMED, "Meera Das")
    gone = add(event, S.CANCELLED, "Kiran Shah")
    signed_in(page, live_server, staff)

    page.goto("/admin/events/check-in/")
    page.get_by_role("link", name="Speech AI day").click()
    page.locator("[data-desk][data-list-ready=true]").wait_for()
    result = page.locator("[data-desk-result]")
    status = page.locator("[data-desk-status]")

    page.context.set_offline(True)
    type_code(page, asha.ticket_code_display.lower())
    assert result.inner_text() == "Checked in: Asha Rao"
    type_code(page, asha.ticket_code)
    assert "Asha Rao was already checked in at" in result.inner_text()
    type_code(page, ravi.ticket_code)
    assert result.inner_text() == "Checked in: Ravi Kumar"
    type_code(page, gone.ticket_code)
    assert result.inner_text() == "Not checked in: This ticket was cancelled."
    # Found by name in the downloaded list.
    page.get_by_label("Name or email").fill("meera")
    page.get_by_label("Name or email").press("Enter")
    page.locator("[data-offline-found]").get_by_role("button", name="Check in").click()
    assert result.inner_text() == "Checked in: Meera Das"
    assert status.inner_text() == "Offline, 3 waiting to sync."
    assert page.locator("[data-count=checked_in]").inner_text() == "3"
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 0

    # Meanwhile another door, online, had checked Ravi in first.
    first = timezone.now().replace(microsecond=0) - dt.timedelta(minutes=5)
    check_in(ravi.ticket_code, by=staff, event=event, at=first)

    page.context.set_offline(False)
    page.locator("[data-desk][data-synced][data-waiting='0']").wait_for()
    page.wait_for_function(
        "document.querySelector('[data-desk-result]').textContent"
        ".includes('Ravi Kumar was already checked in')"
    )
    asha.refresh_from_db()
    ravi.refresh_from_db()
    gone.refresh_from_db()
    meera.refresh_from_db()
    assert asha.checked_in_at is not None
    assert meera.checked_in_at is not None
    assert ravi.checked_in_at == first
    assert gone.checked_in_at is None
    counts = [
        page.locator(f"[data-count={key}]").inner_text()
        for key in ("checked_in", "confirmed", "expected")
    ]
    assert counts == ["3", "3", "0"]
    page.reload()
    assert page.locator("[data-count=checked_in]").inner_text() == "3"


@pytest.mark.parametrize("language", ["en", "hi"])
def test_picker_and_desk_have_no_axe_violations(page, live_server, event, language):
    staff = StaffUserFactory()
    asha = add(event, S.CONFIRMED, "Asha Rao")
    signed_in(page, live_server, staff, language)
    page.goto("/admin/events/check-in/")
    assert_no_axe_violations(page)
    page.goto(f"/admin/events/check-in/{event.pk}/?q=asha")
    page.locator("[data-desk][data-list-ready=true]").wait_for()
    assert_no_axe_violations(page)
    type_code(page, asha.ticket_code)
    page.locator("[data-desk][data-synced]").wait_for()
    assert_no_axe_violations(page)


def qr_video(path, code: str) -> None:
    """A still Y4M video of `code`'s QR code (as on the ticket) for Chromium's
    fake camera."""
    from events.registration_views import ticket_qr

    matrix = ticket_qr(code).matrix
    scale, border = 6, 4
    modules = len(matrix) + 2 * border
    side = modules * scale
    width, height = 640, 480
    left, top = (width - side) // 2, (height - side) // 2
    luma = bytearray([235]) * (width * height)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    start = (top + (y + border) * scale + dy) * width
                    start += left + (x + border) * scale
                    luma[start : start + scale] = bytes([16]) * scale
    chroma = bytes([128]) * (width * height // 4)
    frame = b"FRAME\n" + bytes(luma) + chroma + chroma
    header = f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + frame * 10)


def test_the_camera_reads_a_ticket_in_chromium(browser, live_server, event, tmp_path):
    """Chromium on a computer has no BarcodeDetector: the vendored jsQR reads it."""
    from tests.browser.conftest import CHROMIUM

    staff = StaffUserFactory()
    asha = add(event, S.CONFIRMED, "Asha Rao")
    video = tmp_path / "ticket.y4m"
    qr_video(video, asha.ticket_code)
    camera = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = camera.new_context(base_url=live_server.url, permissions=["camera"])
        page = signed_in(context.new_page(), live_server, staff)
        page.set_default_timeout(15_000)
        page.goto(f"/admin/events/check-in/{event.pk}/")
        page.locator("[data-desk][data-list-ready=true]").wait_for()
        page.get_by_role("button", name="Scan with the camera").click()
        page.wait_for_function(
            "document.querySelector('[data-desk-result]').textContent"
            " === 'Checked in: Asha Rao'"
        )
        page.locator("[data-desk][data-synced]").wait_for()
        asha.refresh_from_db()
        assert asha.checked_in_at is not None
    finally:
        camera.close()
