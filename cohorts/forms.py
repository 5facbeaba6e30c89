"""Forms of the apply flow; every message is translated and keeps what was typed."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .enums import IndianLanguage
from .files import FILE_ERROR_MESSAGES, validate_pdf
from .models import Founder, Startup


class StartupForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Indian languages your product serves"),
        choices=IndianLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Startup
        fields = [
            "name",
            "website",
            "dpiit_number",
            "incorporation_date",
            "state",
            "city",
            "sector",
            "stage",
            "team_size",
            "languages",
            "description",
        ]
        widgets = {
            "incorporation_date": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def __init__(self, *args, draft=False, **kwargs):
        super().__init__(*args, **kwargs)
        # One placeholder for every drop-down (Django's default is "---------").
        for field in self.fields.values():
            choices = list(getattr(field, "choices", []))
            if type(field.widget) is forms.Select and choices and choices[0][0] == "":
                field.choices = [("", _("Choose…")), *choices[1:]]
        # A draft keeps whatever is typed; only the name, to find it again.
        # Submitting checks the rest (services.application_problems).
        self.draft = draft
        if draft:
            for name, field in self.fields.items():
                field.required = name == "name"

    def clean_team_size(self):
        value = self.cleaned_data.get("team_size")
        if value is None and self.draft:
            return Startup._meta.get_field("team_size").get_default()
        return value

    def clean_dpiit_number(self):
        value = self.cleaned_data.get("dpiit_number", "")
        return value.strip().upper().replace(" ", "")


class FounderForm(forms.ModelForm):
    class Meta:
        model = Founder
        fields = ["name", "email", "role"]

    def __init__(self, *args, draft=False, **kwargs):
        super().__init__(*args, **kwargs)
        if draft:  # a half-typed founder is kept; submitting asks for the rest
            for field in self.fields.values():
                field.required = False


FounderFormSet = inlineformset_factory(
    Startup,
    Founder,
    form=FounderForm,
    extra=1,
    max_num=8,
    can_delete=True,
    min_num=0,
)


class DeckForm(forms.Form):
    pitch_deck = forms.FileField(
        label=_("Pitch deck"),
        help_text=_("PDF, at most 10 MB."),
        required=False,
        validators=[validate_pdf],
        error_messages=FILE_ERROR_MESSAGES,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    compute_gpu_hours = forms.IntegerField(
        label=_("GPU-hours you need"),
        help_text=_("A whole number; for example 2000."),
        min_value=1,
        max_value=10_000_000,
        required=False,
    )
    compute_purpose = forms.CharField(
        label=_("What the compute is for"),
        help_text=_("Training, fine-tuning, evaluation, serving… and on what data."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        required=False,
    )

    def __init__(self, *args, has_deck=False, draft=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_deck = has_deck
        if not draft:
            self.fields["pitch_deck"].required = not has_deck
            self.fields["compute_gpu_hours"].required = True
            self.fields["compute_purpose"].required = True
        # Plain file input: ClearableFileInput's "clear" box is not wanted here.
        self.fields["pitch_deck"].widget = forms.FileInput(
            attrs={"accept": "application/pdf,.pdf"}
        )


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice above and agree to the processing of "
            "this data for the selection."
        ),
        error_messages={
            "required": _("Please read the privacy notice and agree to it to submit.")
        },
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Why are you withdrawing? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Co-founder's email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
