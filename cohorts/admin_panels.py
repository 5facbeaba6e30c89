"""Panels of the admin home page: reviews due, applications by status, a chart.

The chart is server-rendered SVG (bars drawn from the numbers in the table
beside it), so it reads without JavaScript and a screen reader gets the table.
"""

from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .enums import ApplicationStatus, IndianLanguage, IndianState, ReviewStatus, Sector
from .models import Application, CohortPage, Review
from .selection import is_reviewer

BAR_HEIGHT = 22
CHART_WIDTH = 320


class PermissionPanel(Component):
    """A home panel shown only to users for whom `shown_to(user)` is true."""

    def shown_to(self, user) -> bool:
        raise NotImplementedError

    def render_html(self, parent_context=None):
        request = (parent_context or {}).get("request")
        if request is None or not self.shown_to(request.user):
            return ""
        return super().render_html(parent_context)


class ReviewsDuePanel(PermissionPanel):
    name = "reviews_due"
    order = 90
    template_name = "cohorts/admin/panel_reviews_due.html"

    def shown_to(self, user) -> bool:
        return is_reviewer(user)

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        reviews = (
            Review.objects.for_reviewer(request.user)
            .filter(status=ReviewStatus.ASSIGNED)
            .select_related("application__startup", "application__cohort")
        )
        return {"reviews": list(reviews[:20]), "count": reviews.count()}


def bars(counts: list[tuple[str, int]]) -> dict:
    """Rows of a horizontal bar chart, widths scaled to the largest count."""
    top = max((n for _label, n in counts), default=0) or 1
    rows = []
    for index, (label, n) in enumerate(counts):
        rows.append(
            {
                "label": label,
                "count": n,
                "y": index * BAR_HEIGHT,
                "text_y": index * BAR_HEIGHT + 15,
                "width": round(n / top * (CHART_WIDTH - 170)),
                "count_x": 165 + round(n / top * (CHART_WIDTH - 170)) + 4,
            }
        )
    return {"rows": rows, "height": max(len(rows), 1) * BAR_HEIGHT}


def breakdowns():
    submitted = Application.objects.exclude(
        status__in=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN]
    )
    states = dict(IndianState.choices)
    sectors = dict(Sector.choices)
    languages = dict(IndianLanguage.choices)
    by_state = submitted.values("startup__state").annotate(n=Count("pk")).order_by("-n")
    by_sector = (
        submitted.values("startup__sector").annotate(n=Count("pk")).order_by("-n")
    )
    language_counts = Counter()
    for served in submitted.values_list("startup__languages", flat=True):
        language_counts.update(served or [])
    return [
        (
            _("By state"),
            bars(
                [
                    (str(states.get(r["startup__state"], r["startup__state"])), r["n"])
                    for r in by_state[:8]
                ]
            ),
        ),
        (
            _("By sector"),
            bars(
                [
                    (
                        str(sectors.get(r["startup__sector"], r["startup__sector"])),
                        r["n"],
                    )
                    for r in by_sector[:8]
                ]
            ),
        ),
        (
            _("By languages served"),
            bars(
                [
                    (str(languages.get(code, code)), n)
                    for code, n in language_counts.most_common(8)
                ]
            ),
        ),
    ]


class ApplicationsByStatusPanel(PermissionPanel):
    name = "applications_by_status"
    order = 95
    template_name = "cohorts/admin/panel_applications.html"

    def shown_to(self, user) -> bool:
        return user.has_perm("cohorts.view_application")

    def get_context_data(self, parent_context):
        statuses = [s for s in ApplicationStatus if s != ApplicationStatus.DRAFT]
        counts = {}
        for row in Application.objects.values("cohort_id", "status").annotate(
            n=Count("pk")
        ):
            counts.setdefault(row["cohort_id"], {})[row["status"]] = row["n"]
        cohorts = CohortPage.objects.filter(pk__in=counts).order_by(
            "-applications_close_at"
        )
        rows = [
            {
                "cohort": cohort,
                "counts": [counts[cohort.pk].get(s, 0) for s in statuses],
            }
            for cohort in cohorts
        ]
        return {
            "statuses": [s.label for s in statuses],
            "rows": rows,
            "charts": breakdowns(),
            "chart_width": CHART_WIDTH,
        }
