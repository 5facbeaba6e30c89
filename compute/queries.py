"""Reused reads: an applicant's applications and reports, and the totals of
grants per call, state, sector and language (a fixed number of queries)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from home.choices import IndianLanguage, IndianState, Sector
from home.translations import localized_pages

from .enums import OutputKind
from .models import (
    CallPage,
    ComputeApplication,
    ComputeSelection,
    ReportOutput,
    UsageReport,
)


def applications_for(user):
    """The user's compute applications, with their call and grant."""
    if not user.is_authenticated:
        return ComputeApplication.objects.none()
    return (
        ComputeApplication.objects.editable_by(user)
        .select_related("call", "organisation", "selection")
        .order_by("-created_at")
    )


def reports_due_for(user):
    """The user's usage reports not filed yet, soonest first."""
    return (
        UsageReport.objects.editable_by(user)
        .filter(submitted_at__isnull=True)
        .select_related("application__call")
        .order_by("due_on")
    )


@dataclass
class Row:
    key: str
    label: str
    grants: int = 0
    allocated: int = 0
    used: int = 0
    outputs: Counter = field(default_factory=Counter)

    def add(self, grant, outputs: Counter) -> None:
        self.grants += 1
        self.allocated += grant.gpu_hours_allocated
        self.used += grant.used or 0
        self.outputs.update(outputs)

    @property
    def output_rows(self) -> list[tuple[str, int]]:
        return [(kind.label, self.outputs[kind.value]) for kind in OutputKind]


def totals(grants=None) -> dict:
    """GPU-hours allocated and used, grants and outputs (by kind): overall and
    per call, state, sector and language (a grant serving several languages
    counts under each). Three queries however many grants."""
    grants = ComputeSelection.objects.granted() if grants is None else grants
    grants = list(
        grants.select_related("application__call").annotate(
            used=Sum("application__usage_reports__hours_used")
        )
    )
    by_grant: dict[int, Counter] = {}
    for application_id, kind, count in (
        ReportOutput.objects.filter(
            report__application__in=[g.application_id for g in grants]
        )
        .values_list("report__application_id", "kind")
        .annotate(count=Count("pk"))
    ):
        by_grant.setdefault(application_id, Counter())[kind] += count
    calls = {
        page.translation_key: page
        for page in localized_pages(
            CallPage.objects.filter(pk__in={g.application.call_id for g in grants})
        ).values()
    }
    states, sectors = dict(IndianState.choices), dict(Sector.choices)
    languages = dict(IndianLanguage.choices)
    overall = Row("", "")
    tables: dict[str, dict[str, Row]] = {
        "call": {},
        "state": {},
        "sector": {},
        "language": {},
    }

    def row(table, key, label):
        return tables[table].setdefault(key, Row(key, str(label)))

    for grant in grants:
        application = grant.application
        outputs = by_grant.get(grant.application_id, Counter())
        overall.add(grant, outputs)
        call = calls.get(application.call.translation_key, application.call)
        row("call", str(call.pk), call.title).add(grant, outputs)
        row("state", application.state, states.get(application.state, "—")).add(
            grant, outputs
        )
        row("sector", application.sector, sectors.get(application.sector, "—")).add(
            grant, outputs
        )
        for code in application.languages or ["—"]:
            row("language", code, languages.get(code, "—")).add(grant, outputs)
    return {
        "overall": overall,
        **{
            name: sorted(rows.values(), key=lambda r: (-r.allocated, r.label))
            for name, rows in tables.items()
        },
    }


def public_grants():
    """Grants their grantees chose to list, with what the list shows."""
    from home.privacy import public

    calls = public(CallPage.objects.live()).values("pk")
    return (
        ComputeSelection.objects.listed()
        .filter(application__call__in=calls)
        .select_related("application__call", "application__organisation")
        .select_related("application__applicant")
        .order_by("-allocated_at", "pk")
    )


def dashboard_for(user) -> dict:
    """What the dashboard shows of compute: applications, reports due,
    organisation profiles (a fixed number of queries)."""
    from .models import Organisation

    return {
        "template": "compute/includes/dashboard.html",
        "applications": list(applications_for(user)),
        "reports_due": list(reports_due_for(user)),
        "organisations": list(Organisation.objects.editable_by(user)),
    }
