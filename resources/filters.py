"""The listing's filters (DESIGN: language, modality, task, licence, q, page)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import LANGUAGES, LICENCES, Kind, Modality, Task
from .models import ResourcePage


class ResourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=LANGUAGES,
        empty_label=_("Any language"),
        field_name="resource_languages__code",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Kind.choices, empty_label=_("Any kind")
    )
    modality = django_filters.ChoiceFilter(
        label=_("Modality"), choices=Modality.choices, empty_label=_("Any modality")
    )
    task = django_filters.ChoiceFilter(
        label=_("Task"), choices=Task.choices, empty_label=_("Any task")
    )
    licence = django_filters.ChoiceFilter(
        label=_("Licence"), choices=LICENCES, empty_label=_("Any licence")
    )

    class Meta:
        model = ResourcePage
        fields = ["q", "language", "kind", "modality", "task", "licence"]

    def filter_q(self, queryset, name, value):
        words = value.split()[:8]
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(maintainer__icontains=word)
            )
        return queryset
