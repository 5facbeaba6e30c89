"""The listing's filter form: every field optional, a bad value is just ignored."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.timefmt import format_month

from .enums import EventFormat

WHEN_CHOICES = [("", _("Upcoming")), ("past", _("Past"))]
MONTHS_AHEAD = 12
MAX_CITY_LENGTH = 100


def month_choices(when: str, today: dt.date) -> list[tuple[str, str]]:
    step = -1 if when == "past" else 1
    year, month = today.year, today.month
    choices = [("", _("Any month"))]
    for _i in range(MONTHS_AHEAD):
        first = dt.date(year, month, 1)
        choices.append((first.strftime("%Y-%m"), format_month(first)))
        month += step
        if month == 0:
            year, month = year - 1, 12
        elif month == 13:
            year, month = year + 1, 1
    return choices


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Search events"), required=False, max_length=100)
    when = forms.ChoiceField(label=_("When"), required=False, choices=WHEN_CHOICES)
    type = forms.ChoiceField(label=_("Type"), required=False)
    format = forms.ChoiceField(label=_("Format"), required=False)
    city = forms.ChoiceField(label=_("City"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    month = forms.ChoiceField(label=_("Month"), required=False)

    def __init__(self, data, *, types, cities, languages, topics, months=None):
        super().__init__(data)
        anything = ("", _("Any"))
        self.fields["type"].choices = [anything, *types]
        self.fields["format"].choices = [anything, *EventFormat.choices]
        self.fields["city"].choices = [anything, *cities]
        city = data.get("city", "")
        if city and city not in dict(cities) and len(city) <= MAX_CITY_LENGTH:
            # A city named in the other language (an older address) still
            # filters: apply_filters matches a city's name in any language.
            self.fields["city"].choices.append((city, city))
        self.fields["language"].choices = [anything, *languages]
        self.fields["topic"].choices = [anything, *topics]
        when = data.get("when") if data.get("when") == "past" else ""
        self.fields["month"].choices = [
            (key, label)
            for key, label in month_choices(when, timezone.localdate())
            if months is None or not key or key in months
        ]

    def filters(self) -> dict:
        """The valid filters; a field with a bad value counts as not given."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: cleaned[name]
            for name in self.fields
            if cleaned.get(name) and name not in self.errors
        }
