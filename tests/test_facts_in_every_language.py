"""Acceptance (issue 19): for every event and cohort of the demo, availability
and every fact are the same in all languages."""

import io

import pytest
from django.core.management import call_command
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.managers import TaggableManager

from cohorts.models import CohortPage
from events.models import EventPage
from home.facts import fact_names, translated_reference_names

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]


def fact_values(page) -> dict:
    """A page's facts, comparable across languages (snippets by translation_key)."""
    model = type(page)
    values = {}
    for name in fact_names(model):
        if name == "slug" and model is not EventPage:
            continue
        field = model._meta.get_field(name)
        if isinstance(field, TaggableManager):
            values[name] = sorted(tag.name for tag in getattr(page, name).all())
        elif isinstance(field, ParentalManyToManyField):
            values[name] = sorted(obj.pk for obj in getattr(page, name).all())
        elif field.one_to_many and isinstance(field.remote_field, ParentalKey):
            values[name] = [
                {
                    f.name: getattr(getattr(child, f.name), "translation_key", None)
                    or getattr(child, f.attname)
                    for f in field.related_model._meta.concrete_fields
                    if not f.primary_key and f.name != field.remote_field.name
                }
                for child in getattr(page, name).all()
            ]
        elif isinstance(field, models.ForeignKey):
            values[name] = getattr(page, field.attname)
        else:
            values[name] = getattr(page, name)
    for name in translated_reference_names(model):
        related = getattr(page, name)
        values[name] = related.translation_key if related else None
    return values


def versions(model):
    groups = {}
    for page in model.objects.live().order_by("pk"):
        groups.setdefault(page.translation_key, []).append(page)
    return [pages for pages in groups.values() if len(pages) > 1]


@pytest.mark.parametrize("model", [EventPage, CohortPage], ids=lambda m: m.__name__)
def test_every_fact_is_the_same_in_every_language(seeded, model):
    groups = versions(model)
    assert groups, "the demo translates some"
    for pages in groups:
        first = fact_values(pages[0])
        for page in pages[1:]:
            assert fact_values(page) == first, (pages[0].title, page.locale)


def test_availability_is_the_same_in_every_language(seeded, client):
    for pages in versions(EventPage):
        answers = []
        for page in pages:
            data = client.get(f"{page.url}availability.json").json()
            data.pop("label")
            answers.append(data)
        assert all(answer == answers[0] for answer in answers), pages[0].title


def test_seeding_again_repairs_a_translation_that_drifted(seeded):
    english = EventPage.objects.get(
        slug="responsible-ai-dpdp", locale__language_code="en"
    )
    drifted = EventPage.objects.filter(translation_key=english.translation_key).exclude(
        pk=english.pk
    )
    drifted.update(capacity=english.capacity + 490)
    call_command("seed_demo", stdout=io.StringIO())
    for page in drifted:
        assert page.capacity == english.capacity
