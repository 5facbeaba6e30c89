"""The admin's rules for selection: menus, the applications listing's filters and
counts, and what each permission opens (issue 22, item 7: mutation coverage of
cohorts/wagtail_hooks.py)."""

import csv
import io

import pytest

from cohorts import selection
from cohorts.models import Application, Review, Startup
from tests.factories.cohorts import StartupFactory
from tests.factories.selection import (
    ManagerFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
    cohort_with_rubric,
)

pytestmark = pytest.mark.django_db

MY_REVIEWS = '/admin/selection/reviews/"'
SELECTION = '/admin/selection/"'


@pytest.fixture
def cohort():
    return cohort_with_rubric()


def admin_home(client, user) -> str:
    client.force_login(user)
    return client.get("/admin/").content.decode()


def test_menus_follow_the_permissions(client, cohort):
    reviewer_home = admin_home(client, ReviewerFactory())
    assert MY_REVIEWS in reviewer_home
    assert SELECTION not in reviewer_home
    manager_home = admin_home(client, ManagerFactory())
    assert SELECTION in manager_home
    assert MY_REVIEWS not in manager_home


def test_reviews_due_panel_shows_only_to_reviewers(client, cohort):
    reviewer = ReviewerFactory()
    application = SubmittedApplicationFactory(cohort=cohort)
    selection.assign_reviewers([application], reviewers=[reviewer], by=None)
    review = Review.objects.get()
    assert f"/admin/selection/reviews/{review.pk}/" in admin_home(client, reviewer)
    assert "Nothing to review." not in admin_home(client, reviewer)
    assert "Nothing to review." not in admin_home(client, ManagerFactory())


def export_rows(client, **query) -> list[dict]:
    response = client.get("/admin/application/", {"export": "csv", **query})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_listing_filters_by_reviewer_score_sector_and_stage(client, cohort):
    scored, other = ReviewerFactory.create_batch(2)
    high = SubmittedApplicationFactory(cohort=cohort)
    low = SubmittedApplicationFactory(
        cohort=cohort, startup=StartupFactory(sector="health", stage="idea")
    )
    selection.assign_reviewers([high, low], reviewers=[scored], by=None)
    selection.assign_reviewers([low], reviewers=[other], by=None)
    impact, team = selection.criteria_of(cohort)
    for application, points in ((high, 5), (low, 1)):
        selection.submit_review(
            Review.objects.get(application=application, reviewer=scored),
            by=scored,
            scores={str(impact.pk): points, str(team.pk): points},
        )
    client.force_login(ManagerFactory())

    def startups(**query):
        return sorted(row["Startup"] for row in export_rows(client, **query))

    assert startups(score_min="50") == [high.startup.name]
    assert startups(score_max="50") == [low.startup.name]
    assert startups(reviewer=str(other.pk)) == [low.startup.name]
    assert startups(sector="health") == [low.startup.name]
    assert startups(stage="idea") == [low.startup.name]
    assert startups(language="sat") == sorted([high.startup.name, low.startup.name])
    assert startups(language="ta") == []
    # Each application once, however many reviews it has.
    assert startups() == sorted([high.startup.name, low.startup.name])
    # The number of reviews counts the submitted ones (low: one of two).
    counts = {row["Startup"]: row["Reviews"] for row in export_rows(client)}
    assert counts == {high.startup.name: "1", low.startup.name: "1"}


def test_reviewer_filter_offers_reviewers_only(client, cohort):
    reviewer, manager = ReviewerFactory(), ManagerFactory()
    client.force_login(manager)
    html = client.get("/admin/application/").content.decode()
    assert f'<option value="{reviewer.pk}"' in html
    assert f'<option value="{manager.pk}"' not in html


def test_staff_see_startups_but_never_anonymised_ones(cohort):
    manager = ManagerFactory()
    kept, gone = StartupFactory(), StartupFactory()
    Startup.objects.filter(pk=gone.pk).update(anonymised_at="2026-01-01T00:00Z")
    visible = set(Startup.objects.visible_to(manager))
    assert kept in visible and gone not in visible
    owner_view = set(Startup.objects.visible_to(kept.owner))
    assert owner_view == {kept}


def test_a_pending_invitation_gives_no_access(cohort):
    from cohorts import services
    from tests.factories.home import VerifiedUserFactory

    startup = StartupFactory()
    invited = VerifiedUserFactory()
    membership = services.invite_cofounder(
        startup, invited_by=startup.owner, email=invited.email
    )
    membership.user = invited  # linked, but never accepted
    membership.save(update_fields=["user"])
    application = SubmittedApplicationFactory(cohort=cohort, startup=startup)
    assert not Startup.objects.editable_by(invited).exists()
    assert not Application.objects.visible_to(invited).exists()
    services.accept_invitation(membership, user=invited)
    assert list(Application.objects.visible_to(invited)) == [application]


def test_someone_elses_membership_opens_nothing_to_a_stranger(cohort):
    from cohorts import services
    from tests.factories.home import VerifiedUserFactory

    startup = StartupFactory()
    cofounder, stranger = VerifiedUserFactory(), VerifiedUserFactory()
    membership = services.invite_cofounder(
        startup, invited_by=startup.owner, email=cofounder.email
    )
    services.accept_invitation(membership, user=cofounder)
    assert list(Startup.objects.editable_by(cofounder)) == [startup]
    assert not Startup.objects.editable_by(stranger).exists()
    assert not Startup.objects.visible_to(stranger).exists()


def test_an_anonymised_startup_is_no_longer_its_owners_to_edit(cohort):
    startup, other = StartupFactory(), StartupFactory()
    Startup.objects.filter(pk=startup.pk).update(anonymised_at="2026-01-01T00:00Z")
    assert not Startup.objects.editable_by(startup.owner).exists()
    assert list(Startup.objects.editable_by(other.owner)) == [other]


def test_anonymous_visitors_edit_nothing_and_owners_only_their_own(cohort):
    from django.contrib.auth.models import AnonymousUser

    mine, theirs = StartupFactory(), StartupFactory()
    assert not Startup.objects.editable_by(AnonymousUser()).exists()
    assert not Startup.objects.visible_to(AnonymousUser()).exists()
    assert mine.can_edit(mine.owner)
    assert not theirs.can_edit(mine.owner)


def test_reviewers_open_their_own_assignments_only_while_reviewers(cohort):
    from django.contrib.auth.models import AnonymousUser, Group

    from cohorts.groups import REVIEWERS

    reviewer, other = ReviewerFactory.create_batch(2)
    application = SubmittedApplicationFactory(cohort=cohort)
    selection.assign_reviewers([application], reviewers=[reviewer, other], by=None)
    mine = Review.objects.get(reviewer=reviewer)
    assert list(Review.objects.for_reviewer(reviewer)) == [mine]
    assert not Review.objects.for_reviewer(AnonymousUser()).exists()
    assert not Review.objects.for_reviewer(ManagerFactory()).exists()
    reviewer.groups.remove(Group.objects.get(name=REVIEWERS))
    former = type(reviewer).objects.get(pk=reviewer.pk)
    assert not Review.objects.for_reviewer(former).exists()


def test_applications_policy_refuses_adding_and_editing_to_everyone(cohort):
    from cohorts.wagtail_hooks import ApplicationPermissionPolicy
    from tests.factories.home import StaffUserFactory

    policy = ApplicationPermissionPolicy(Application)
    manager, reviewer, superuser = (
        ManagerFactory(),
        ReviewerFactory(),
        StaffUserFactory(),
    )
    assert policy.user_has_permission(manager, "view")
    assert not policy.user_has_permission(reviewer, "view")
    for action in ("add", "change"):
        assert not policy.user_has_permission(superuser, action)
    assert not policy.user_has_any_permission(superuser, ["add", "change"])
    assert policy.user_has_any_permission(manager, ["add", "view"])
    assert not policy.user_has_any_permission(reviewer, ["add", "view"])


def test_the_sidebar_puts_my_reviews_before_registrations(client, cohort):
    from django.contrib.auth.models import Permission

    reviewer = ReviewerFactory()
    reviewer.user_permissions.add(
        Permission.objects.get(codename="change_registration"),
        Permission.objects.get(codename="view_registration"),
    )
    home = admin_home(client, reviewer)
    assert home.index(MY_REVIEWS) < home.index('/admin/event_registrations/"')


def test_managers_get_the_applications_panel_reviewers_do_not(client, cohort):
    SubmittedApplicationFactory(cohort=cohort)
    panel = "applications-panel-heading"
    assert panel in admin_home(client, ManagerFactory())
    assert panel not in admin_home(client, ReviewerFactory())
