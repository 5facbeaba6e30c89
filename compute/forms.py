from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from home.choices import IndianLanguage

from .enums import OrganisationKind, OutputKind
from .models import ComputeApplication, Organisation


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "state",
            "city",
            "website",
            "registration_number",
            "aishe_code",
        ]
        widgets = {"kind": forms.RadioSelect}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("aishe_code") and cleaned.get("kind") not in (
            OrganisationKind.UNIVERSITY_LAB,
            None,
        ):
            self.add_error(
                "aishe_code",
                _("Only universities and colleges have an AISHE code."),
            )
        return cleaned


class ApplicationForm(forms.ModelForm):
    """The draft's own fields: a draft saves whatever is filled in; submitting
    checks what is missing (services.application_problems)."""

    languages = forms.MultipleChoiceField(
        label=_("Indian languages the work serves"),
        choices=IndianLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ComputeApplication
        fields = [
            "project_title",
            "summary",
            "gpu_hours_requested",
            "state",
            "sector",
            "languages",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "summary": _(
                "What you will train or run, on what data, and what will come out."
            ),
        }

    def __init__(self, *args, largest: int, by_organisation: bool, **kwargs):
        super().__init__(*args, **kwargs)
        hours = self.fields["gpu_hours_requested"]
        hours.max_value = largest
        hours.validators.append(MaxValueValidator(largest))
        hours.widget.attrs.update(min=1, max=largest)
        hours.help_text = _("At most %(hours)d GPU-hours.") % {"hours": largest}
        if by_organisation:
            # The organisation's state counts: it is not asked again.
            del self.fields["state"]


class UsageReportForm(forms.Form):
    hours_used = forms.IntegerField(label=_("GPU-hours used so far"), min_value=0)
    summary = forms.CharField(
        label=_("What you did with them"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, granted: int, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["hours_used"]
        field.max_value = granted
        field.validators.append(MaxValueValidator(granted))
        field.help_text = _("Of the %(hours)d GPU-hours granted.") % {"hours": granted}


class OutputForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "—"), *OutputKind.choices], required=False
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    url = forms.URLField(label=_("Link"), max_length=500, required=False)

    def clean(self):
        cleaned = super().clean()
        filled = [cleaned.get(name) for name in ("kind", "title", "url")]
        if any(filled) and not all(filled):
            raise forms.ValidationError(
                _(
                    "Give each output a kind, a title and a link, or leave all three empty."
                )
            )
        return cleaned


# Three empty rows without JavaScript; more by filing the report again.
OutputFormSet = forms.formset_factory(OutputForm, extra=3, max_num=20)


class ListingForm(forms.Form):
    listed = forms.BooleanField(
        label=_("Show this grant on the public list of grants"), required=False
    )
    line = forms.CharField(
        label=_("One line about the project for the public list"),
        max_length=200,
        required=False,
    )


class AllocateForm(forms.Form):
    gpu_hours = forms.IntegerField(label=_("GPU-hours"), min_value=1)
