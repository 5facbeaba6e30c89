"""Staff tools (issue 21 item 7): exports staff can read, one filter entry per
event, rupees rather than paise."""

import csv
import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from events.models import Payment
from home.timefmt import format_datetime
from tests.factories.events import make_event, register, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _csv(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_export_is_in_ist_with_labels_and_the_ticket_code_first(staff_client, index):
    event = make_event(index, slug="speech-ai", title="Speech AI day")
    registration = register(event, details={"name": "Asha Rao"})
    response = staff_client.get(
        f"/admin/event_registrations/?event={event.pk}&export=csv"
    )
    header, row = _csv(response)
    assert header[0] == "Ticket code"
    assert row[0] == registration.ticket_code
    assert "Uuid" not in header
    status = row[header.index("Status")]
    assert status == "Confirmed"
    registered = row[header.index("Registered")]
    # The house style (home.timefmt): day first, IST named, no seconds.
    assert registered == format_datetime(registration.created_at)
    today = timezone.localdate().strftime("%d-%m-%Y")
    assert (
        f'filename="registrations-speech-ai-{today}.csv"'
        in response["Content-Disposition"]
    )


def test_xlsx_export_writes_indian_dates_in_ist(staff_client, index):
    event = make_event(index, slug="speech-ai")
    registration = register(event)
    response = staff_client.get(
        f"/admin/event_registrations/?event={event.pk}&export=xlsx"
    )
    assert (
        f"registrations-speech-ai-{timezone.localdate():%d-%m-%Y}.xlsx"
        in (response["Content-Disposition"])
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet[2][header.index("Registered")]
    assert cell.number_format == "dd-mm-yyyy hh:mm"
    ist = timezone.localtime(registration.created_at).replace(tzinfo=None)
    assert abs(cell.value - ist) < dt.timedelta(seconds=1)


def test_the_event_filter_lists_each_event_once_and_matches_both_languages(
    staff_client, index
):
    event = make_event(index, title="Speech AI day")
    hindi = translate(event)
    hindi.title = "वाक् एआई दिवस"
    hindi.save_revision().publish()
    register(event, details={"name": "Asha Rao"})
    register(hindi, details={"name": "Ravi Kumar"}, language="hi")
    html = staff_client.get("/admin/event_registrations/").content.decode()
    assert html.count("Speech AI day</option>") == 1
    assert "वाक् एआई दिवस</option>" not in html
    listing = staff_client.get(f"/admin/event_registrations/?event={event.pk}")
    assert "Asha Rao" in listing.content.decode()
    assert "Ravi Kumar" in listing.content.decode()


def test_manage_page_shows_rupees_not_paise(staff_client, index, fake_stripe):
    from events.payments import start_checkout

    registration = register(make_event(index, price_paise=150000))
    start_checkout(registration, success_url="http://t/ok", cancel_url="http://t/no")
    assert Payment.objects.count() == 1
    html = staff_client.get(
        f"/admin/events/registrations/{registration.pk}/manage/"
    ).content.decode()
    assert "₹1,500" in html
    assert "150000" not in html
    assert "paise" not in html


def test_seats_panel_says_what_is_held(staff_client, index, fake_stripe):
    register(make_event(index, needs_approval=True, title="Approval day"))
    paid = make_event(index, price_paise=50000, title="Paid day")
    register(paid)
    register(paid)
    html = staff_client.get("/admin/").content.decode()
    assert ">Held<" not in html
    assert 'Awaiting approval</th><th scope="col">Awaiting payment</th>' in html
    approval_row = html.split("Approval day")[1].split("</tr>")[0]
    paid_row = html.split("Paid day")[1].split("</tr>")[0]
    # Confirmed, awaiting approval, awaiting payment, offered.
    assert "<td>0</td>\n        <td>1</td>\n        <td>0</td>" in approval_row
    assert "<td>0</td>\n        <td>2</td>\n        <td>0</td>" in paid_row


def test_email_attendees_previews_counts_and_sends_each_their_language(
    staff_client, index, mailoutbox
):
    event = make_event(index, capacity=2, waitlist_enabled=True)
    english = register(event, details={"name": "Asha Rao"})
    hindi = register(event, details={"name": "Ravi Kumar"}, language="hi")
    waiting = register(event, details={"name": "Meera Iyer"})
    cancelled = register(make_event(index), details={"name": "Other"})
    mailoutbox.clear()
    url = f"/admin/events/{event.pk}/email-attendees/"
    form = staff_client.get(url).content.decode()
    assert "On the waitlist" in form  # a choice of statuses
    message = {
        "statuses": ["confirmed", "waitlisted"],
        "subject": "Venue change",
        "message": "Hall B.",
        "subject_hi": "स्थान बदला",
        "message_hi": "हॉल बी।",
    }
    preview = staff_client.post(url, message).content.decode()
    assert "3 people receive this message." in preview
    assert _row(preview, "Hindi") == ["1", "The Hindi version"]
    assert _row(preview, "English") == ["2", "The English version"]
    assert "हॉल बी।" in preview and "Hall B." in preview
    assert not mailoutbox
    staff_client.post(url, {**message, "confirm": "1"})
    got = {m.to[0]: m for m in mailoutbox}
    assert set(got) == {english.email, hindi.email, waiting.email}
    assert cancelled.email not in got
    assert "हॉल बी।" in got[hindi.email].body
    assert "Hall B." in got[english.email].body
    assert "Hall B." in got[waiting.email].body


def test_a_hindi_subject_without_its_message_is_refused(staff_client, index):
    event = make_event(index)
    response = staff_client.post(
        f"/admin/events/{event.pk}/email-attendees/",
        {
            "statuses": ["confirmed"],
            "subject": "S",
            "message": "M",
            "subject_hi": "विषय",
        },
    )
    html = response.content.decode()
    assert "Give both a subject and a message in Hindi, or neither." in html
    assert 'value="S"' in html  # nothing typed is lost


def _row(html, language):
    """The preview's row for people registered in `language`: count, version."""
    row = re.search(rf'<th scope="row">{language}</th>(.*?)</tr>', html, re.S)
    return re.findall(r"<td>(.*?)</td>", row.group(1))


def _message(**texts):
    return {"statuses": ["confirmed"], "subject": "Venue change", **texts}


def test_email_attendees_has_a_version_for_every_language_of_the_site(
    staff_client, index, mailoutbox
):
    event = make_event(index)
    english = register(event)
    hindi = register(event, language="hi")
    tamil = register(event, language="ta")
    other_tamil = register(event, language="ta")
    url = f"/admin/events/{event.pk}/email-attendees/"
    form = staff_client.get(url).content.decode()
    assert 'name="subject_ta"' in form and 'name="message_ta"' in form
    assert "Subject in Tamil" in form
    # Tamil written, Hindi left blank: Hindi readers get the English text.
    message = _message(message="Hall B.", subject_ta="இடம் மாற்றம்", message_ta="அரங்கு பி.")
    preview = staff_client.post(url, message).content.decode()
    assert _row(preview, "Tamil") == ["2", "The Tamil version"]
    assert _row(preview, "Hindi") == ["1", "The English version"]
    assert _row(preview, "English") == ["1", "The English version"]
    assert '<div lang="ta"><p><strong>இடம் மாற்றம்</strong>' in preview
    mailoutbox.clear()
    staff_client.post(url, {**message, "confirm": "1"})
    got = {m.to[0]: m for m in mailoutbox}
    assert len(got) == 4
    for person in (tamil, other_tamil):
        assert "இடம் மாற்றம்" in got[person.email].subject
        assert "அரங்கு பி." in got[person.email].body
    for person in (english, hindi):
        assert "Venue change" in got[person.email].subject
        assert "Hall B." in got[person.email].body


def test_email_attendees_in_a_language_switched_on_in_settings_alone(
    staff_client, index, settings, mailoutbox
):
    bengali = [*settings.LANGUAGES, ("bn", "বাংলা")]
    settings.LANGUAGES = bengali
    settings.WAGTAIL_CONTENT_LANGUAGES = bengali
    event = make_event(index)
    reader = register(event, language="bn")
    url = f"/admin/events/{event.pk}/email-attendees/"
    assert 'name="message_bn"' in staff_client.get(url).content.decode()
    message = _message(message="Hall B.", subject_bn="স্থান পরিবর্তন", message_bn="হল বি।")
    preview = staff_client.post(url, message).content.decode()
    assert _row(preview, "Bengali") == ["1", "The Bengali version"]
    mailoutbox.clear()
    staff_client.post(url, {**message, "confirm": "1"})
    (sent,) = mailoutbox
    assert sent.to == [reader.email]
    assert "স্থান পরিবর্তন" in sent.subject and "হল বি।" in sent.body
