"""The languages events are most often delivered in; staff can add more."""

from django.db import migrations

LANGUAGES = [
    ("en", "English", "English"),
    ("hi", "Hindi", "हिन्दी"),
    ("bn", "Bengali", "বাংলা"),
    ("ta", "Tamil", "தமிழ்"),
    ("te", "Telugu", "తెలుగు"),
    ("mr", "Marathi", "मराठी"),
    ("kn", "Kannada", "ಕನ್ನಡ"),
    ("ml", "Malayalam", "മലയാളം"),
    ("gu", "Gujarati", "ગુજરાતી"),
    ("pa", "Punjabi", "ਪੰਜਾਬੀ"),
    ("or", "Odia", "ଓଡ଼ିଆ"),
    ("as", "Assamese", "অসমীয়া"),
    ("ur", "Urdu", "اردو"),
]


def add_languages(apps, schema_editor):
    language = apps.get_model("events", "Language")
    for order, (code, name, native) in enumerate(LANGUAGES):
        language.objects.get_or_create(
            code=code,
            defaults={"name": name, "native_name": native, "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(add_languages, migrations.RunPython.noop)]
