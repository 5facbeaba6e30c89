"""Events as iCalendar (RFC 5545) and Google Calendar links."""

import datetime as dt
from urllib.parse import urlencode, urlsplit

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as ICalEvent

from home.links import absolute_url, site_url

from .enums import EventFormat, EventStatus

ICS_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def location_text(event) -> str:
    venue = event.venue
    if event.format == EventFormat.ONLINE or venue is None:
        return str(EventFormat.ONLINE.label)
    parts = [venue.name, venue.address.replace("\n", ", "), venue.city, venue.state]
    return ", ".join(part for part in parts if part)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def event_component(event, url: str, host: str) -> ICalEvent:
    item = ICalEvent()
    # One UID per event in every language, so a calendar never shows it twice.
    item.add("uid", f"event-{event.translation_key}@{host}")
    item.add("dtstamp", _utc(event.last_published_at or timezone.now()))
    item.add("dtstart", _utc(event.start))
    item.add("dtend", _utc(event.end))
    item.add("summary", event.title)
    item.add("description", f"{event.summary}\n\n{url}")
    item.add("location", location_text(event))
    item.add("url", url)
    item.add("status", ICS_STATUS.get(event.status, "CONFIRMED"))
    return item


def build_calendar(events, *, request, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//AI CoE Startup Programme//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    host = urlsplit(site_url(request)).hostname
    for event in events:
        url = absolute_url(event.get_url(request) or "/", request)
        calendar.add_component(event_component(event, url, host))
    return calendar.to_ical()


def google_calendar_url(event, url: str) -> str:
    def stamp(value):
        return _utc(value).strftime("%Y%m%dT%H%M%SZ")

    query = urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": f"{stamp(event.start)}/{stamp(event.end)}",
            "details": f"{event.summary}\n\n{url}",
            "location": location_text(event),
            "ctz": "Asia/Kolkata",
        }
    )
    return f"https://calendar.google.com/calendar/render?{query}"
