"""Selection in a real browser: a reviewer scores an application, a manager sends
a bulk decision; axe-core on every page the reviewer sees, in English and Hindi."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from cohorts.enums import ApplicationStatus
from cohorts.models import Application, Review
from cohorts.selection import assign_reviewers
from tests.browser.axe import assert_no_axe_violations
from tests.factories.selection import (
    ManagerFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
    cohort_with_rubric,
)

pytestmark = [pytest.mark.browser]


@pytest.fixture
def cohort(django_db_serialized_rollback, transactional_db):
    return cohort_with_rubric("selection-cohort")


def signed_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )
    return page


@pytest.mark.parametrize("language", ["en", "hi"])
def test_reviewer_scores_one_application(page, live_server, cohort, language):
    from wagtail.users.models import UserProfile

    reviewer = ReviewerFactory()
    profile = UserProfile.get_for_user(reviewer)
    profile.preferred_language = language
    profile.save()
    application = SubmittedApplicationFactory(cohort=cohort)
    assign_reviewers([application], reviewers=[reviewer], by=None)
    signed_in(page, live_server, reviewer)

    page.goto("/admin/")
    assert_no_axe_violations(page)
    page.goto("/admin/selection/reviews/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=application.startup.name).click()
    page.wait_for_url("**/admin/selection/reviews/*/")
    assert_no_axe_violations(page)

    page.locator("input[name^=score_]").nth(0).fill("4")
    page.locator("input[name^=score_]").nth(1).fill("3")
    page.locator("textarea[name=comment]").fill("A clear plan for Santali.")
    page.locator("select[name=recommendation]").select_option("yes")
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    # Wagtail's messages fade in; check the colours once they have settled.
    page.locator(".messages .success").wait_for()
    page.wait_for_timeout(1500)
    assert_no_axe_violations(page)
    review = Review.objects.get()
    assert review.score == 73.33
    assert review.comment == "A clear plan for Santali."


def test_manager_sends_a_bulk_decision(page, live_server, cohort):
    manager = ManagerFactory()
    applications = SubmittedApplicationFactory.create_batch(2, cohort=cohort)
    for application in applications:
        Application.objects.filter(pk=application.pk).update(
            status=ApplicationStatus.SHORTLISTED
        )
    signed_in(page, live_server, manager)

    page.goto(f"/admin/selection/cohort/{cohort.pk}/")
    for application in applications:
        page.locator(f"#app-{application.pk}").check()
    page.locator("select[name=decision]").select_option(ApplicationStatus.ACCEPTED)
    page.locator("button[name=action][value=stage]").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Preview and send 2 staged decisions").click()
    page.wait_for_url("**/decisions/")
    assert page.locator("main article").count() == 2
    page.get_by_role("button", name="Send 2 decisions").click()
    page.wait_for_load_state()

    assert set(Application.objects.values_list("status", flat=True)) == {
        ApplicationStatus.ACCEPTED
    }
    assert len(mail.outbox) == 2
