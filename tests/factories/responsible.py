"""Factories for responsible AI: the demo's checklists and self-assessments."""

import datetime as dt
import io

import factory

from responsible.enums import AssessmentStatus
from responsible.models import ChecklistPage, SelfAssessment
from tests.factories.home import VerifiedUserFactory


def checklist(slug="dataset-consent-and-provenance") -> ChecklistPage:
    """The demo's checklists (English and Hindi) under the home page, once."""
    from home.seed import ensure_home
    from responsible.seed import seed

    ensure_home(io.StringIO())
    seed(io.StringIO(), {})
    return ChecklistPage.objects.get(slug=slug, locale__language_code="en")


def in_hindi(page: ChecklistPage) -> ChecklistPage:
    from wagtail.models import Locale

    return page.get_translation(Locale.objects.get(language_code="hi"))


def item_ids(page: ChecklistPage) -> list[str]:
    return [item["id"] for s in page.checklist_sections() for item in s["items"]]


def all_answered(page: ChecklistPage, answer="yes", note="") -> dict:
    return {
        item_id: {"answer": answer, "note": note, "text": "?"}
        for item_id in item_ids(page)
    }


class SelfAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelfAssessment

    owner = factory.SubFactory(VerifiedUserFactory)
    checklist = factory.LazyFunction(checklist)
    subject = "Vaani speech corpus"
    answers = factory.LazyAttribute(lambda o: all_answered(o.checklist))
    status = AssessmentStatus.DRAFT


class SubmittedAssessmentFactory(SelfAssessmentFactory):
    status = AssessmentStatus.SUBMITTED
    submitted_at = factory.Faker("date_time_this_month", tzinfo=dt.UTC)
