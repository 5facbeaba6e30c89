"""The public alumni directory: accepted startups that chose to be listed,
filterable by sector, state and language served (/cohorts/alumni/)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from . import selection
from .enums import IndianLanguage, IndianState, Sector
from .models import CohortPage


class AlumniFilterSet(django_filters.FilterSet):
    sector = django_filters.ChoiceFilter(
        label=_("Sector"),
        field_name="application__startup__sector",
        choices=Sector.choices,
        empty_label=_("Any"),
    )
    state = django_filters.ChoiceFilter(
        label=_("State or union territory"),
        field_name="application__startup__state",
        choices=IndianState.choices,
        empty_label=_("Any"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Languages served"),
        choices=IndianLanguage.choices,
        empty_label=_("Any"),
        method="filter_language",
    )

    def filter_language(self, queryset, name, value):
        # The JSON list as text: works on SQLite and PostgreSQL alike.
        return queryset.filter(application__startup__languages__icontains=f'"{value}"')


def alumni_directory(request, index_page):
    """The directory page under the cohorts index, in the request's language."""
    filterset = AlumniFilterSet(request.GET or None, selection.alumni_directory())
    alumni = list(filterset.qs)
    # Applications point at the cohort in the main language; show the cohort's
    # title in the page's language where translated (one query for all).
    keys = {listed.application.cohort.translation_key for listed in alumni}
    titles = dict(
        CohortPage.objects.filter(
            translation_key__in=keys, locale=index_page.locale
        ).values_list("translation_key", "title")
    )
    for listed in alumni:
        cohort = listed.application.cohort
        listed.cohort_title = titles.get(cohort.translation_key, cohort.title)
    return index_page.render(
        request,
        template="cohorts/alumni_directory.html",
        context_overrides={
            "filter_form": filterset.form,
            "filtered": bool(filterset.is_bound and filterset.form.has_changed()),
            "alumni": alumni,
        },
    )
