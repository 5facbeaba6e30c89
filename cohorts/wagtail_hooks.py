"""Staff manage startups and applications in the Wagtail admin (list, filter, export)."""

import django_filters
from django.db.models import Avg, Count, Q
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin_menu import PermissionMenuItem
from home.exports import SafeIndexView, SafeSnippetIndexView
from home.listings import IstInspectView, ist_column

from . import admin_urls
from .enums import ApplicationStatus, IndianLanguage, Sector, StartupStage
from .models import Application, DecisionTemplate, Startup


class StartupViewSet(ModelViewSet):
    index_view_class = SafeIndexView
    inspect_view_class = IstInspectView
    model = Startup
    icon = "group"
    menu_label = _("Startups")
    add_to_admin_menu = False
    list_display = ["name", "state", "city", "sector", "stage", "team_size", "owner"]
    list_filter = ["state", "sector", "stage"]
    search_fields = ["name", "city", "description", "dpiit_number"]
    list_export = [
        "name",
        "website",
        "dpiit_number",
        "incorporation_date",
        "state",
        "city",
        "sector",
        "stage",
        "team_size",
        "languages",
        "created_at",
    ]
    export_filename = "startups"
    form_fields = [
        "name",
        "website",
        "dpiit_number",
        "incorporation_date",
        "state",
        "city",
        "sector",
        "stage",
        "team_size",
        "description",
    ]
    inspect_view_enabled = True


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Applications come from startups: nobody adds, copies or edits one in the
    admin. Staff act through the selection forms (reviews, decisions, compute)."""

    REFUSED = frozenset({"add", "change"})

    def user_has_permission(self, user, action):
        return action not in self.REFUSED and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [action for action in actions if action not in self.REFUSED]
        )


register_permission_policy(Application, ApplicationPermissionPolicy(Application))


def reviewer_choices():
    from .admin_views import reviewers_queryset

    return reviewers_queryset()


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ApplicationStatus.choices
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), field_name="startup__sector", choices=Sector.choices
    )
    stage = django_filters.ChoiceFilter(
        label=_("Stage"), field_name="startup__stage", choices=StartupStage.choices
    )
    language = django_filters.ChoiceFilter(
        label=_("Languages served"),
        choices=IndianLanguage.choices,
        method="filter_language",
    )
    reviewer = django_filters.ModelChoiceFilter(
        label=_("Reviewer"),
        field_name="reviews__reviewer",
        queryset=lambda request: reviewer_choices(),
        distinct=True,
    )
    score_min = django_filters.NumberFilter(
        label=_("Mean score at least"), field_name="mean_score", lookup_expr="gte"
    )
    score_max = django_filters.NumberFilter(
        label=_("Mean score at most"), field_name="mean_score", lookup_expr="lte"
    )

    class Meta:
        model = Application
        fields = ["cohort", "startup__state"]

    def filter_language(self, queryset, name, value):
        # The JSON list as text: works on SQLite and PostgreSQL alike.
        return queryset.filter(startup__languages__icontains=f'"{value}"')


class ApplicationIndexView(SafeIndexView):
    def get_base_queryset(self):
        submitted = Q(reviews__status="submitted")
        return (
            super()
            .get_base_queryset()
            .select_related("startup", "cohort")
            .annotate(
                mean_score=Avg("reviews__score", filter=submitted),
                review_count=Count("reviews", filter=submitted, distinct=True),
            )
        )


class ApplicationInspectView(IstInspectView):
    """The whole application, readably, with reviews and the selection forms."""

    template_name = "cohorts/admin/application_inspect.html"

    def get_context_data(self, **kwargs):
        from review.forms import AssignForm, StageForm

        from .admin_views import application_context
        from .selection import COHORTS, selection_of

        context = super().get_context_data(**kwargs)
        context.update(
            application_context(self.object, self.request.user, anonymised=False)
        )
        context.update(
            selection=selection_of(self.object),
            assign_form=AssignForm(setup=COHORTS),
            stage_form=StageForm(setup=COHORTS, status=self.object.status),
            action_url=reverse("cohorts_selection:application", args=[self.object.pk]),
            board_url=reverse("cohorts_selection:board", args=[self.object.cohort_id]),
            public_url=self.object.get_absolute_url(),
        )
        return context


class ApplicationViewSet(ModelViewSet):
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    model = Application
    icon = "form"
    menu_label = _("Applications")
    add_to_admin_menu = False
    list_display = [
        "startup",
        "cohort",
        "status",
        ist_column(Application, "submitted_at"),
        Column("mean_score", label=_("Mean score"), sort_key="mean_score"),
        Column("review_count", label=_("Reviews"), sort_key="review_count"),
        "compute_gpu_hours",
    ]
    filterset_class = ApplicationFilterSet
    search_fields = ["startup__name"]
    list_export = [
        "uuid",
        "cohort",
        "startup",
        "status",
        "submitted_at",
        "compute_gpu_hours",
        "compute_purpose",
        "mean_score",
        "review_count",
        "created_at",
    ]
    export_headings = {"mean_score": _("Mean score"), "review_count": _("Reviews")}
    export_filename = "applications"
    # Never edited here (see ApplicationPermissionPolicy); the form is declared
    # because a ModelViewSet needs one.
    form_fields = ["compute_gpu_hours", "compute_purpose"]
    inspect_view_enabled = True
    copy_view_enabled = False


class DecisionTemplateViewSet(SnippetViewSet):
    """The decision emails of each cohort, in English and Hindi."""

    index_view_class = SafeSnippetIndexView
    model = DecisionTemplate
    icon = "mail"
    menu_label = _("Decision emails")
    add_to_admin_menu = False
    list_display = ["cohort", "decision", "subject_en"]
    list_filter = ["cohort", "decision"]


register_snippet(DecisionTemplateViewSet)


class StartupProgrammeGroup(ViewSetGroup):
    # Short enough for the sidebar, in both languages; an icon Wagtail ships.
    menu_label = _("Applicants")
    menu_icon = "clipboard-list"
    menu_order = 250
    items = (ApplicationViewSet, StartupViewSet)


@hooks.register("register_admin_viewset")
def register_viewset():
    return StartupProgrammeGroup()


@hooks.register("register_admin_urls")
def register_selection_urls():
    return [
        path(
            "selection/",
            include(
                (admin_urls.urlpatterns, "cohorts_selection"),
                namespace="cohorts_selection",
            ),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_my_reviews_menu_item():
    from .selection import is_reviewer

    return PermissionMenuItem(
        _("My reviews"),
        reverse("cohorts_selection:my_reviews"),
        icon_name="form",
        order=240,
        check=is_reviewer,
    )


@hooks.register("register_admin_menu_item")
def register_selection_menu_item():
    return PermissionMenuItem(
        _("Selection"),
        reverse("cohorts_selection:cohorts"),
        icon_name="tasks",
        order=245,
        check=lambda user: user.has_perm("cohorts.view_application"),
    )


@hooks.register("construct_homepage_panels")
def add_selection_panels(request, panels):
    from .admin_panels import ApplicationsByStatusPanel, ReviewsDuePanel

    panels.append(ReviewsDuePanel())
    panels.append(ApplicationsByStatusPanel())
