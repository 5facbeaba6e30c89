"""One IST date/time format for pages, emails and filters, in both languages."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from events.forms import month_choices
from home import timefmt

IST = dt.timezone(dt.timedelta(hours=5, minutes=30))
# 22:00 IST on 5 December 2026, stored in UTC as the database does.
LATE = dt.datetime(2026, 12, 5, 22, 0, tzinfo=IST).astimezone(dt.UTC)
MORNING = dt.datetime(2026, 12, 5, 10, 0, tzinfo=IST).astimezone(dt.UTC)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "5 December 2026, 10:00 PM IST"),
        ("hi", "5 दिसंबर 2026, 10:00 अपराह्न भारतीय मानक समय"),
    ],
)
def test_datetime_in_ist_is_twelve_hour_with_meridiem(language, expected):
    with translation.override(language):
        assert timefmt.format_datetime(LATE) == expected


def test_time_of_day_hindi_morning_and_noon_are_told_apart():
    with translation.override("hi"):
        assert timefmt.format_time(MORNING) == "10:00 पूर्वाह्न"
        assert timefmt.format_time(dt.time(12, 30)) == "12:30 अपराह्न"
        assert timefmt.format_time(dt.time(0, 5)) == "12:05 पूर्वाह्न"


def test_event_times_in_hindi_keep_am_pm_and_month_spelling():
    event = SimpleNamespace(start=MORNING, end=LATE, is_multi_day=False)
    with translation.override("hi"):
        html = render_to_string("events/includes/when.html", {"event": event})
    assert "5 दिसंबर 2026, 10:00 पूर्वाह्न" in html
    assert "10:00 अपराह्न" in html
    assert "बजे" not in html
    assert "दिसमबर" not in html


def test_month_filter_names_months_as_pages_do():
    with translation.override("hi"):
        labels = dict(month_choices("", dt.date(2026, 12, 1)))
    assert labels["2026-12"] == "दिसंबर 2026"


def test_cohort_timeline_reads_like_event_pages_in_hindi():
    page = SimpleNamespace(
        timeline=[{"label": "Deadline", "state": "", "exact": True, "when": LATE}]
    )
    with translation.override("hi"):
        html = render_to_string("cohorts/includes/timeline.html", {"page": page})
    assert "5 दिसंबर 2026, 10:00 अपराह्न" in html
