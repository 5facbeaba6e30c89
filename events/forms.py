"""The listing's filter form: every field optional, a bad value is just ignored."""

import datetime as dt
import re
import unicodedata
from decimal import Decimal

import phonenumbers
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from home.timefmt import format_month

from .enums import EventFormat, RegistrationStatus

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


def normalise_phone(value: str, region: str = "IN") -> str:
    """The number in E.164 (+919876543210); ValidationError when it is not one."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(
            _("Enter a valid phone number, such as 98765 43210 or +91 98765 43210."),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def question_fields(event) -> dict[str, forms.Field]:
    """Form fields for the event's own questions, keyed `q_<block id>`."""
    fields = {}
    for block in event.registration_questions:
        value = block.value
        common = {
            "label": value.get("label", ""),
            "help_text": value.get("help_text") or "",
            "required": bool(value.get("required")),
        }
        if block.block_type == "choice":
            choices = [(str(c), str(c)) for c in value.get("choices") or []]
            field = forms.ChoiceField(
                choices=choices, widget=forms.RadioSelect, **common
            )
        elif block.block_type == "yes_no":
            field = forms.ChoiceField(
                choices=YES_NO, widget=forms.RadioSelect, **common
            )
        elif value.get("long"):
            field = forms.CharField(
                max_length=2000, widget=forms.Textarea(attrs={"rows": 4}), **common
            )
        else:
            field = forms.CharField(max_length=300, **common)
        fields[f"q_{block.id}"] = field
    return fields


# A name is shown back to the person (ticket, emails, staff lists) as plain
# text: short, one line, and nothing a mail client would turn into a link.
MAX_NAME_LENGTH = 100
LINK_LIKE = re.compile(r"://|www\.|@|[^\W_]{2,}\.[^\W\d_]{2,}", re.IGNORECASE)
# Bidirectional overrides reorder what is shown; other format characters
# (the zero-width joiners of Indian scripts) are part of names.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_person_name(value: str) -> str:
    """`value` as a plain one-line name; ValidationError when it is not one."""
    value = " ".join((value or "").split())
    if any(unicodedata.category(c) == "Cc" or c in BIDI_CONTROLS for c in value):
        raise forms.ValidationError(
            _("Enter your name as plain text."), code="name_control"
        )
    if LINK_LIKE.search(value):
        raise forms.ValidationError(
            _("Enter just your name, without web or email addresses."),
            code="name_link",
        )
    return value


class RegistrationForm(forms.Form):
    """The attendee's details. No email field: tickets and every registration
    email go to the account's verified address (see register_attendee)."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=MAX_NAME_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("Optional. Indian numbers need no +91."),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: anything that would help you take part."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = question_fields(event)
        self.fields.update(self.questions)

    def clean_name(self):
        return clean_person_name(self.cleaned_data.get("name"))

    def clean_phone(self):
        return normalise_phone(self.cleaned_data.get("phone"))

    def details(self) -> dict:
        """What `register_attendee` stores: the fields and the answers."""
        data = self.cleaned_data
        answers = {
            name[2:]: {"label": str(field.label), "value": data.get(name) or ""}
            for name, field in self.questions.items()
        }
        return {
            "name": data["name"],
            "phone": data["phone"],
            "organisation": data.get("organisation", ""),
            "accessibility_needs": data.get("accessibility_needs", ""),
            "answers": answers,
        }

    @classmethod
    def initial_for(cls, user) -> dict:
        return {"name": user.get_full_name()[:MAX_NAME_LENGTH]}


# Who staff may write to about an event (never the cancelled or expired).
MESSAGE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.PENDING_APPROVAL,
    RegistrationStatus.PENDING_PAYMENT,
    RegistrationStatus.OFFERED,
    RegistrationStatus.WAITLISTED,
)


def language_name(code: str) -> str:
    """A language's name in the active language where Django knows it
    ("Tamil", "तमिल"), else its name in settings.LANGUAGES."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return dict(settings.LANGUAGES).get(code, code)


def other_languages() -> list[tuple[str, str]]:
    """(code, name) of each site language but the default, read when used: a
    language switched on in settings gets its own version of a message."""
    return [
        (code, language_name(code))
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


class AttendeeMessageForm(forms.Form):
    """A message in the default language and, optionally, one per other language
    (fields `subject_<code>` and `message_<code>`)."""

    statuses = forms.MultipleChoiceField(
        label=_("Send to"),
        choices=[(status.value, status.label) for status in MESSAGE_STATUSES],
        initial=[RegistrationStatus.CONFIRMED],
        widget=forms.CheckboxSelectMultiple,
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = other_languages()
        default = language_name(settings.LANGUAGE_CODE)
        for code, name in self.languages:
            self.fields[f"subject_{code}"] = forms.CharField(
                label=_("Subject in %(language)s") % {"language": name},
                max_length=150,
                required=False,
                help_text=_(
                    "Optional: people who registered in %(language)s get this "
                    "version; the others get the %(default)s one."
                )
                % {"language": name, "default": default},
            )
            self.fields[f"message_{code}"] = forms.CharField(
                label=_("Message in %(language)s") % {"language": name},
                max_length=5000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 8, "lang": code}),
            )
            self.fields[f"subject_{code}"].widget.attrs["lang"] = code

    def clean(self):
        cleaned = super().clean()
        for code, name in self.languages:
            subject = cleaned.get(f"subject_{code}")
            if bool(subject) != bool(cleaned.get(f"message_{code}")):
                self.add_error(
                    f"message_{code}" if subject else f"subject_{code}",
                    _("Give both a subject and a message in %(language)s, or neither.")
                    % {"language": name},
                )
        return cleaned

    def send_kwargs(self) -> dict:
        data = self.cleaned_data
        translations = {
            code: (data[f"subject_{code}"], data[f"message_{code}"])
            for code, _name in self.languages
            if data.get(f"subject_{code}") and data.get(f"message_{code}")
        }
        return {
            "subject": data["subject"],
            "message": data["message"],
            "statuses": data["statuses"],
            "translations": translations,
        }


class StaffCancelForm(forms.Form):
    """Staff cancel a registration: the reason is logged and told to the attendee."""

    reason = forms.CharField(
        label=_("Reason (sent to the attendee)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=80,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )


class EventPageForm(WagtailAdminPageForm):
    """The event editor: staff type the price in rupees; it is stored in paise."""

    price_rupees = forms.DecimalField(
        label=_("Price (₹)"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        required=False,
        help_text=_("In rupees, including taxes. Leave empty or 0 for a free event."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "price_rupees" in self.fields:
            self.fields["price_rupees"].initial = (
                Decimal(self.instance.price_paise or 0) / 100
            )

    def clean(self):
        cleaned = super().clean()
        if "price_rupees" in self.fields and "price_rupees" not in self.errors:
            rupees = cleaned.get("price_rupees") or Decimal(0)
            self.instance.price_paise = int(rupees * 100)
        return cleaned
