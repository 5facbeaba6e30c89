"""What counts as upcoming or past at a given moment, and the dashboard's
registrations in the reader's language (issue 22: mutation coverage of
events/queries.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from events import queries
from events.models import EventPage
from tests.factories.events import make_event, register, translate

pytestmark = pytest.mark.django_db


def slugs(qs) -> list[str]:
    return [event.slug for event in qs]


def test_upcoming_and_past_are_read_at_the_moment_given(index):
    make_event(index, slug="soon", days=2, hours=3)
    make_event(index, slug="later", days=20, hours=3)
    make_event(index, slug="gone", days=-5, hours=3)
    events = EventPage.objects.live()
    # Now: two to come, the one last week is past.
    assert slugs(queries.upcoming(events)) == ["soon", "later"]
    assert slugs(queries.past(events)) == ["gone"]
    # Seen from ten days on, "soon" has ended too (newest first).
    then = timezone.now() + dt.timedelta(days=10)
    assert slugs(queries.upcoming(events, now=then)) == ["later"]
    assert slugs(queries.past(events, now=then)) == ["soon", "gone"]


def test_an_event_running_now_is_upcoming_until_it_ends(index):
    make_event(index, slug="today", days=0, hours=3)
    events = EventPage.objects.live()
    event = events.get()
    assert slugs(queries.upcoming(events, now=event.end)) == ["today"]
    after = event.end + dt.timedelta(seconds=1)
    assert slugs(queries.upcoming(events, now=after)) == []
    assert slugs(queries.past(events, now=after)) == ["today"]


@pytest.mark.parametrize(
    ("prefix", "title"), [("", "Speech data sprint"), ("/hi", "वाक् डेटा स्प्रिंट")]
)
def test_dashboard_names_registered_events_in_the_readers_language(
    client, index, user, prefix, title
):
    event = make_event(index, title="Speech data sprint")
    hindi = translate(event)
    hindi.title = "वाक् डेटा स्प्रिंट"
    hindi.save_revision().publish()
    register(event, user=user)
    client.force_login(user)
    html = client.get(f"{prefix}/dashboard/").content.decode()
    assert title in html
    other = "वाक् डेटा स्प्रिंट" if not prefix else "Speech data sprint"
    assert other not in html
