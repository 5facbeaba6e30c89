"""Cohort translations that drifted get their source's facts back (issue 19).

From now on publishing shares facts (home.facts); this repairs what is already
there. The field lists are frozen here, as the models stood.
"""

from django.db import migrations

from home.facts import repair_translations

COHORT_FACTS = [
    "show_in_menus",
    "image",
    "applications_open_at",
    "applications_close_at",
    "selection_announced_on",
    "programme_starts_on",
    "programme_ends_on",
    "compute_gpu_hours",
    "places",
    "anonymised_review",
]


def repair(apps, schema_editor):
    repair_translations(apps, "cohorts.CohortIndexPage", fields=["show_in_menus"])
    repair_translations(apps, "cohorts.CohortPage", fields=COHORT_FACTS)


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0005_application_language"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
