"""The data migration gives drifted translations their source's facts back."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cohorts.models import CohortPage
from events.models import EventPage, Language
from tests.factories.events import make_event, translate

pytestmark = pytest.mark.django_db

EVENTS = ("events", "0006_share_facts_across_translations")
COHORTS = ("cohorts", "0006_share_facts_across_translations")


def run(migration):
    state = MigrationExecutor(connection).loader.project_state([migration])
    module = importlib.import_module(f"{migration[0]}.migrations.{migration[1]}")
    module.repair(state.apps, None)


def test_drifted_event_translation_is_repaired(index):
    event = make_event(index, slug="dpdp", capacity=10, waitlist_enabled=True)
    event.languages = [Language.objects.get(code="hi")]
    event.tags.set(["DPDP Act"], clear=True)
    event.save_revision().publish()
    hindi = translate(event)
    # As the demo had it: the Hindi version kept its own facts.
    EventPage.objects.filter(pk=hindi.pk).update(capacity=500, waitlist_enabled=False)
    EventPage.languages.through.objects.filter(eventpage=hindi.pk).delete()
    revision = EventPage.objects.get(pk=hindi.pk).latest_revision
    revision.content["capacity"] = 500
    revision.save()
    run(EVENTS)
    hindi = EventPage.objects.get(pk=hindi.pk)
    assert (hindi.capacity, hindi.waitlist_enabled) == (10, True)
    assert [lang.code for lang in hindi.languages.all()] == ["hi"]
    assert [tag.name for tag in hindi.tags.all()] == ["DPDP Act"]
    draft = hindi.get_latest_revision_as_object()
    assert (draft.capacity, draft.waitlist_enabled) == (10, True)
    assert [tag.name for tag in draft.tags.all()] == ["DPDP Act"]
    assert EventPage.objects.get(pk=event.pk).capacity == 10  # the source stays


def test_drifted_cohort_translation_is_repaired(seeded):
    cohort = CohortPage.objects.filter(locale__language_code="en").first()
    translations = CohortPage.objects.filter(
        translation_key=cohort.translation_key
    ).exclude(pk=cohort.pk)
    assert translations.exists()
    translations.update(places=999, compute_gpu_hours=1)
    run(COHORTS)
    for translation in translations:
        assert (translation.places, translation.compute_gpu_hours) == (
            cohort.places,
            cohort.compute_gpu_hours,
        )
