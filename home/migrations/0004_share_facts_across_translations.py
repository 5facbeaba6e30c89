"""Translations of home and standard pages get their source's facts back
(issue 19); from now on publishing shares them (home.facts)."""

from django.db import migrations

from home.facts import repair_translations


def repair(apps, schema_editor):
    repair_translations(
        apps, "home.HomePage", fields=["show_in_menus", "hero_cta_page", "show_partners"]
    )
    repair_translations(apps, "home.StandardPage", fields=["show_in_menus"])
    repair_translations(apps, "home.Partner", fields=["url", "logo", "sort_order"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_site_settings_gstin"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
