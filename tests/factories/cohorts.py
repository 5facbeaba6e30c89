"""Factories for cohorts: pages are built with Wagtail's tree API, models with factory_boy."""

import datetime as dt
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cohorts.enums import ApplicationStatus
from cohorts.models import Application, CohortIndexPage, CohortPage, Founder, Startup
from tests.factories.home import VerifiedUserFactory

QUESTIONS = [
    {
        "type": "short_text",
        "id": "q-name",
        "value": {"label": "Product name", "help_text": "", "required": True},
    },
    {
        "type": "long_text",
        "id": "q-problem",
        "value": {
            "label": "What problem do you solve?",
            "help_text": "",
            "required": True,
            "word_limit": 10,
        },
    },
    {
        "type": "single_choice",
        "id": "q-model",
        "value": {
            "label": "Model family",
            "help_text": "",
            "required": True,
            "choices": [
                {"type": "item", "value": "Open LLM", "id": "c-open"},
                {"type": "item", "value": "Own model", "id": "c-own"},
            ],
        },
    },
    {
        "type": "yes_no",
        "id": "q-funding",
        "value": {"label": "Funded before?", "help_text": "", "required": True},
    },
    {
        "type": "number",
        "id": "q-users",
        "value": {"label": "Active users", "help_text": "", "required": False},
    },
]

COMPLETE_ANSWERS = {
    "q-name": "VaaniAI",
    "q-problem": "Speech for Santali speakers",
    "q-model": "c-open",
    "q-funding": "no",
}


def cohort_index():
    """The home page (EN + HI) and a cohorts index under it, once."""
    from home.demo import get_locale, upsert_page, upsert_translation
    from home.seed import ensure_home

    home, _hi_home = ensure_home(io.StringIO())
    index = upsert_page(home, CohortIndexPage, "cohorts", title="Cohorts")
    upsert_translation(index, get_locale("hi"), title="समूह")
    return index


def create_cohort(slug="test-cohort", *, opens_in_days=-5, closes_in_days=10, **fields):
    from home.demo import get_locale

    index = cohort_index()
    now = timezone.now()
    closes = now + dt.timedelta(days=closes_in_days)
    defaults = {
        "title": f"Cohort {slug}",
        "theme": "Indic LLMs",
        "summary": "A test cohort.",
        "applications_open_at": now + dt.timedelta(days=opens_in_days),
        "applications_close_at": closes,
        "selection_announced_on": (closes + dt.timedelta(days=10)).date(),
        "programme_starts_on": (closes + dt.timedelta(days=20)).date(),
        "programme_ends_on": (closes + dt.timedelta(days=200)).date(),
        "compute_gpu_hours": 1000,
        "places": 5,
        "questions": QUESTIONS,
    }
    defaults.update(fields)
    cohort = CohortPage(slug=slug, **defaults)
    index.add_child(instance=cohort)
    cohort.save_revision().publish()
    cohort.refresh_from_db()
    hindi = cohort.copy_for_translation(get_locale("hi"), copy_parents=True)
    hindi.title = f"समूह {slug}"
    hindi.save_revision().publish()
    return cohort


class StartupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Startup
        skip_postgeneration_save = True

    owner = factory.SubFactory(VerifiedUserFactory)
    name = factory.Sequence(lambda n: f"Bhasha Labs {n}")
    website = "https://bhasha.example.in"
    dpiit_number = "DIPP12345"
    state = "KA"
    city = "Bengaluru"
    sector = "language_tech"
    stage = "pilot"
    team_size = 4
    languages = ["hi", "sat"]
    description = "Speech recognition for Santali."

    founder = factory.RelatedFactory(
        "tests.factories.cohorts.FounderFactory", factory_related_name="startup"
    )


class FounderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Founder

    startup = factory.SubFactory(StartupFactory, founder=None)
    name = "Asha Murmu"
    email = factory.Sequence(lambda n: f"founder{n}@bhasha.example.in")
    role = "CEO"


def pdf_bytes(size=2000):
    head = b"%PDF-1.4\n"
    return head + b"0" * max(size - len(head), 0)


def pdf_upload(name="deck.pdf", size=2000):
    return SimpleUploadedFile(name, pdf_bytes(size), content_type="application/pdf")


def answers_for(values):
    labels = {q["id"]: (q["value"]["label"], q["type"]) for q in QUESTIONS}
    answers = {
        qid: {"label": labels[qid][0], "type": labels[qid][1], "value": value}
        for qid, value in values.items()
    }
    if "q-model" in answers:
        chosen = {"c-open": "Open LLM", "c-own": "Own model"}
        value = answers["q-model"]["value"]
        answers["q-model"]["choice_labels"] = {value: chosen.get(value, value)}
    return answers


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    cohort = factory.LazyFunction(create_cohort)
    startup = factory.SubFactory(StartupFactory)
    created_by = factory.LazyAttribute(lambda o: o.startup.owner)
    status = ApplicationStatus.DRAFT
    answers = factory.LazyFunction(lambda: answers_for(COMPLETE_ANSWERS))
    compute_gpu_hours = 2000
    compute_purpose = "Fine-tuning on Santali speech."
    pitch_deck = factory.django.FileField(filename="deck.pdf", data=pdf_bytes())
    pitch_deck_name = "deck.pdf"


def add_file_answer(application, question_id="q-letter", label="Support letter"):
    """Store a PDF in private storage and record it as a file answer."""
    from cohorts.models import private_storage

    stored = private_storage().save(
        f"answers/{application.uuid}/{question_id}.pdf", pdf_upload()
    )
    application.answers[question_id] = {
        "label": label,
        "type": "file",
        "value": {"name": stored, "filename": f"{question_id}.pdf"},
    }
    application.save()
    return application
