"""Forms of review shared by every programme's admin pages."""

from django import forms
from django.utils.translation import gettext_lazy

from .enums import Recommendation


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # Nothing is chosen for the reviewer: one who forgets is told, not counted.
    recommendation = forms.ChoiceField(
        label=gettext_lazy("Recommendation"),
        choices=[
            ("", gettext_lazy("Choose a recommendation")),
            *Recommendation.choices,
        ],
        error_messages={"required": gettext_lazy("Choose a recommendation.")},
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        fields = {}
        for criterion in criteria:
            fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_score})",
                help_text=criterion.description,
                min_value=0,
                max_value=criterion.max_score,
            )
        self.fields = {**fields, **self.fields}

    def scores(self):
        return {str(c.pk): self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}


class AssignForm(forms.Form):
    """Reviewers for the chosen submissions: the programme's reviewers only."""

    reviewers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Reviewers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, setup, **kwargs):
        from .services import reviewers

        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = reviewers(setup)


class AutoAssignForm(AssignForm):
    """Balanced assignment (review.services.assign_automatically)."""

    per_application = forms.IntegerField(
        label=gettext_lazy("Reviewers per application"),
        min_value=1,
        max_value=10,
        initial=3,
    )


class StageForm(forms.Form):
    """A decision to stage; with `status`, only those allowed from it."""

    decision = forms.ChoiceField(label=gettext_lazy("Decision"), choices=())

    def __init__(self, *args, setup, status=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [
            (decision, setup.statuses(decision).label)
            for decision in setup.decisions
            if status is None or setup.can_transition(status, decision)
        ]
