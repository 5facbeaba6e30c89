"""Factories for calls for compute: calls (EN + HI), organisations, applications,
reviewers and managers of calls."""

import datetime as dt
import io

import factory
from django.utils import timezone

from compute.enums import ApplicationStatus
from compute.groups import REVIEWERS, SELECTION_MANAGERS, ensure_groups
from compute.models import (
    CallPage,
    CallReportDate,
    CallRubricCriterion,
    ComputeApplication,
    ComputeIndexPage,
    Organisation,
)
from tests.factories.home import VerifiedUserFactory, with_totp

QUESTIONS = [
    {
        "type": "long_text",
        "id": "q-data",
        "value": {
            "label": "What data will you use?",
            "help_text": "",
            "required": True,
            "word_limit": 200,
        },
    }
]


def compute_index():
    """The home page (EN + HI) and the compute index under it, once."""
    from home.demo import get_locale, upsert_page, upsert_translation
    from home.seed import ensure_home

    home, _hi = ensure_home(io.StringIO())
    index = upsert_page(
        home, ComputeIndexPage, "compute", title="Compute", show_in_menus=True
    )
    upsert_translation(index, get_locale("hi"), title="कंप्यूट")
    return index


def create_call(
    slug="test-call",
    *,
    opens_in_days=-5,
    closes_in_days=10,
    total=1000,
    largest=400,
    report_in_days=(30,),
    rubric=True,
    **fields,
) -> CallPage:
    from home.demo import get_locale

    index = compute_index()
    now = timezone.now()
    defaults = {
        "title": f"Call {slug}",
        "summary": "GPU-hours for Indian-language models.",
        "opens_at": now + dt.timedelta(days=opens_in_days),
        "closes_at": now + dt.timedelta(days=closes_in_days),
        "total_gpu_hours": total,
        "max_grant_gpu_hours": largest,
        "questions": QUESTIONS,
    }
    defaults.update(fields)
    call = CallPage(slug=slug, **defaults)
    call.report_dates = [
        CallReportDate(due_on=(now + dt.timedelta(days=closes_in_days + days)).date())
        for days in report_in_days
    ]
    if rubric:
        call.rubric_criteria = [
            CallRubricCriterion(name="Benefit", weight=2, max_score=5),
            CallRubricCriterion(name="Feasibility", weight=1, max_score=5),
        ]
    index.add_child(instance=call)
    call.save_revision().publish()
    call.refresh_from_db()
    hindi = call.copy_for_translation(get_locale("hi"), copy_parents=True)
    hindi.title = f"पुकार {slug}"
    hindi.save_revision().publish()
    return call


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    owner = factory.SubFactory(VerifiedUserFactory)
    name = factory.Sequence(lambda n: f"Santali Speech Lab {n}")
    kind = "university_lab"
    state = "JH"
    city = "Ranchi"
    aishe_code = "U-0123"


class ComputeApplicationFactory(factory.django.DjangoModelFactory):
    """A complete draft, by a researcher applying as a person."""

    class Meta:
        model = ComputeApplication

    call = factory.LazyFunction(create_call)
    applicant = factory.SubFactory(VerifiedUserFactory)
    kind = "researcher"
    project_title = factory.Sequence(lambda n: f"Santali ASR {n}")
    summary = "Fine-tune a speech model on 300 hours of Santali."
    gpu_hours_requested = 300
    state = "JH"
    sector = "language_tech"
    languages = ["sat", "hi"]
    answers = factory.LazyFunction(
        lambda: {
            "q-data": {
                "label": "What data will you use?",
                "type": "long_text",
                "value": "Read speech recorded with consent.",
            }
        }
    )


class SubmittedComputeApplicationFactory(ComputeApplicationFactory):
    status = ApplicationStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


def accepted(application) -> ComputeApplication:
    """The application, granted (status only: allocation is a separate step)."""
    ComputeApplication.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.ACCEPTED
    )
    application.refresh_from_db()
    return application


def in_group(name):
    def add(user, create, extracted, **kwargs):
        if create:
            user.groups.add(ensure_groups()[name])
            user.totp_secret = with_totp(user)

    return add


class CallReviewerFactory(VerifiedUserFactory):
    email = factory.Sequence(lambda n: f"call-reviewer{n}@coe.example.in")
    group = factory.PostGeneration(in_group(REVIEWERS))


class CallManagerFactory(VerifiedUserFactory):
    email = factory.Sequence(lambda n: f"call-manager{n}@coe.example.in")
    group = factory.PostGeneration(in_group(SELECTION_MANAGERS))
