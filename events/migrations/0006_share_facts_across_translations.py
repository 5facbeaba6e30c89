"""Translations that drifted get their source's facts back (issue 19).

The demo's "Responsible AI and the DPDP Act" had 10 seats in English and 500 in
Hindi. From now on publishing shares facts (home.facts); this repairs what is
already there. The field lists are frozen here, as the models stood.
"""

from django.db import migrations

from home.facts import repair_translations

EVENT_FACTS = [
    "show_in_menus",
    "hero_image",
    "format",
    "status",
    "start",
    "end",
    "online_url",
    "registration_required",
    "capacity",
    "price_paise",
    "registration_opens",
    "registration_closes",
    "needs_approval",
    "waitlist_enabled",
    "cancellation_deadline",
    "offer_hours",
]


def repair(apps, schema_editor):
    repair_translations(apps, "events.EventIndexPage", fields=["show_in_menus"])
    repair_translations(
        apps,
        "events.EventPage",
        fields=EVENT_FACTS,
        references=["event_type", "venue"],
        many=["languages"],
        children=[("events.EventSpeaker", "page"), ("events.EventPageTag", "content_object")],
    )
    # Slugs and tags are unique per language: left alone rather than risk a clash.
    repair_translations(apps, "events.Venue", fields=["map_url"])
    repair_translations(apps, "events.Speaker", fields=["photo"])
    repair_translations(apps, "events.EventType", fields=["sort_order"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_registration_payment_mismatch"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
