"""The library's fixed vocabularies: languages (ISO 639-3), kinds, modalities,
tasks, licences (SPDX) and link kinds. Labels are shown in the reader's language."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The 22 languages of the Eighth Schedule, English, and a few more spoken widely.
LANGUAGES = [
    ("asm", _("Assamese")),
    ("ben", _("Bengali")),
    ("brx", _("Bodo")),
    ("doi", _("Dogri")),
    ("guj", _("Gujarati")),
    ("hin", _("Hindi")),
    ("kan", _("Kannada")),
    ("kas", _("Kashmiri")),
    ("kok", _("Konkani")),
    ("mai", _("Maithili")),
    ("mal", _("Malayalam")),
    ("mni", _("Manipuri")),
    ("mar", _("Marathi")),
    ("nep", _("Nepali")),
    ("ory", _("Odia")),
    ("pan", _("Punjabi")),
    ("san", _("Sanskrit")),
    ("sat", _("Santali")),
    ("snd", _("Sindhi")),
    ("tam", _("Tamil")),
    ("tel", _("Telugu")),
    ("urd", _("Urdu")),
    ("eng", _("English")),
    ("bho", _("Bhojpuri")),
    ("awa", _("Awadhi")),
    ("mag", _("Magahi")),
]
LANGUAGE_NAMES = dict(LANGUAGES)


class Kind(models.TextChoices):
    DATASET = "dataset", _("Dataset")
    MODEL = "model", _("Model")
    TOOL = "tool", _("Tool")
    GUIDE = "guide", _("Guide")


class Modality(models.TextChoices):
    TEXT = "text", _("Text")
    SPEECH = "speech", _("Speech")
    IMAGE = "image", _("Image")


class Task(models.TextChoices):
    TRANSLATION = "translation", _("Translation")
    SPEECH_RECOGNITION = "speech-recognition", _("Speech recognition")
    SPEECH_SYNTHESIS = "speech-synthesis", _("Speech synthesis")
    TEXT_GENERATION = "text-generation", _("Text generation")
    UNDERSTANDING = "understanding", _("Language understanding")
    TRANSLITERATION = "transliteration", _("Transliteration")
    ENTITIES = "named-entities", _("Named entity recognition")
    TEXT_RECOGNITION = "text-recognition", _("Text recognition in images")
    PRETRAINING = "pretraining", _("Pretraining corpus")
    EVALUATION = "evaluation", _("Evaluation benchmark")
    GOVERNANCE = "governance", _("Law and responsible AI")


# SPDX identifiers; NOASSERTION when the provider's own terms apply.
NO_ASSERTION = "NOASSERTION"
LICENCES = [
    ("CC-BY-4.0", "CC-BY-4.0"),
    ("CC-BY-SA-4.0", "CC-BY-SA-4.0"),
    ("CC-BY-NC-4.0", "CC-BY-NC-4.0"),
    ("CC-BY-NC-SA-4.0", "CC-BY-NC-SA-4.0"),
    ("CC0-1.0", "CC0-1.0"),
    ("MIT", "MIT"),
    ("Apache-2.0", "Apache-2.0"),
    (NO_ASSERTION, _("See the provider's terms")),
]


class LinkKind(models.TextChoices):
    HOME = "home", _("Project page")
    DATA = "data", _("Download the data")
    MODEL = "model", _("Model weights")
    CODE = "code", _("Source code")
    PAPER = "paper", _("Paper")
    DOCUMENT = "document", _("Document")
