"""A whole selection round in a real browser (issue 20, item 7).

Three startups submit (founders reading English and Hindi) → the manager
assigns reviewers automatically → two reviewers score, one declares a conflict
and the work moves to a third → the board shows mean, median and disagreement
→ the manager stages accept / waitlist / not selected, previews and sends →
each founder gets one email, in their language → GPU-hours are allocated within
the cohort's budget → the accepted startup opts in and appears in the alumni
directory in English and Hindi.

axe-core checks every admin screen visited in English and in Hindi (the staff
member's admin language is switched and the screen opened again), and the
public pages the founder and the public see. The manager's clicks from the
admin home to "sent" are counted and printed.

Nothing here can hang: every Playwright wait has the page's 15 s timeout and
the axe check its own (tests/browser/axe.py: axe-core never finishes where
JavaScript is off, which is what hung the removed alumni test).
"""

import re

import pytest
from django.core import mail
from django.utils import translation
from wagtail.users.models import UserProfile

from cohorts import services
from cohorts.enums import ApplicationStatus, ReviewStatus
from cohorts.models import Application, CohortPage, Review
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_selection import signed_in
from tests.factories.cohorts import ApplicationFactory, StartupFactory
from tests.factories.home import VerifiedUserFactory
from tests.factories.selection import (
    ManagerFactory,
    ReviewerFactory,
    cohort_with_rubric,
)

pytestmark = [pytest.mark.browser]

S = ApplicationStatus
BUDGET = 1000
# Each reviewer's marks (Impact, Team), the same on every application they get:
# a reviewer at 100 and one at 20 on one application is high disagreement.
MARKS = {"asha": (5, 5), "ravi": (1, 1), "kavya": (4, 4)}


class Clicks:
    """The manager's clicks (a click, a tick, a choice in a list) and the
    fields they type in, counted by the test as they happen."""

    def __init__(self):
        self.clicks = 0
        self.typed = 0

    def click(self, locator):
        locator.click()
        self.clicks += 1

    def check(self, locator):
        locator.check()
        self.clicks += 1

    def select(self, locator, value):
        locator.select_option(value)
        self.clicks += 1

    def fill(self, locator, value):
        locator.fill(value)
        self.typed += 1


def settle(page):
    """Wagtail's messages fade in: check colours once they have settled."""
    page.wait_for_load_state()
    if page.locator(".messages li").count():
        page.wait_for_timeout(1200)


def admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])


def check_admin_screen(page, user, screens):
    """axe on this admin screen as it is (English), then in Hindi, then back.
    A screen seen already (the same view for the same person, with or without a
    message) is not checked again: a reviewer's list comes back after each
    review."""
    settle(page)
    assert page.locator("html").get_attribute("lang") == "en"
    path = re.sub(r"^https?://[^/]+", "", page.url)
    key = (user.pk, re.sub(r"\d+", "N", path), page.locator(".messages li").count())
    if key in screens:
        return
    assert_no_axe_violations(page)
    url = page.url
    admin_language(user, "hi")
    try:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "hi"
        settle(page)
        assert_no_axe_violations(page)
    finally:
        admin_language(user, "en")
    page.goto(url)
    screens.append(key)


def check_public_page(page):
    settle(page)
    assert_no_axe_violations(page)


def as_user(page, live_server, user):
    page.context.clear_cookies()
    return signed_in(page, live_server, user)


@pytest.fixture
def round_cohort(django_db_serialized_rollback, transactional_db):
    cohort = cohort_with_rubric("round-cohort")
    CohortPage.objects.filter(pk=cohort.pk).update(compute_budget_gpu_hours=BUDGET)
    return CohortPage.objects.get(pk=cohort.pk)


def submitted(cohort, *, name, language, sector):
    """A startup's application, submitted by its founder in their language."""
    founder = VerifiedUserFactory(preferred_language=language)
    startup = StartupFactory(owner=founder, name=name, sector=sector)
    draft = ApplicationFactory(cohort=cohort, startup=startup, created_by=founder)
    with translation.override(language):
        services.submit_application(draft, user=founder, consent=True)
    return Application.objects.get(pk=draft.pk)


def score_my_reviews(page, live_server, reviewer, screens, *, conflict_with=None):
    """The reviewer opens each application assigned to them and scores it, or
    declares a conflict with `conflict_with`'s startup."""
    as_user(page, live_server, reviewer)
    page.goto("/admin/")
    check_admin_screen(page, reviewer, screens)
    impact, team = MARKS[reviewer.first_name]
    while True:
        page.goto("/admin/selection/reviews/")
        pending = Review.objects.filter(
            reviewer=reviewer, status=ReviewStatus.ASSIGNED
        ).select_related("application__startup")
        if not pending:
            break
        check_admin_screen(page, reviewer, screens)
        review = pending[0]
        page.get_by_role("link", name=review.application.startup.name).click()
        page.wait_for_url(f"**/admin/selection/reviews/{review.pk}/")
        check_admin_screen(page, reviewer, screens)
        if conflict_with is not None and review.application_id == conflict_with.pk:
            page.locator("button[name=conflict]").click()
            page.wait_for_load_state()
            continue
        page.locator("input[name^=score_]").nth(0).fill(str(impact))
        page.locator("input[name^=score_]").nth(1).fill(str(team))
        page.locator("textarea[name=comment]").fill("Clear plan; data in hand.")
        page.locator("select[name=recommendation]").select_option("yes")
        page.locator("button[name=submit]").click()
        page.locator(".messages .success").wait_for()
        check_admin_screen(page, reviewer, screens)


def test_a_selection_round_end_to_end(page, live_server, round_cohort):
    cohort = round_cohort
    vaani = submitted(cohort, name="Vaani Labs", language="hi", sector="language_tech")
    nyaya = submitted(cohort, name="Nyaya Anuvad", language="en", sector="legal")
    krishi = submitted(cohort, name="Krishi Bol", language="en", sector="agriculture")
    founders = {app.pk: app.startup.owner for app in (vaani, nyaya, krishi)}
    manager = ManagerFactory(first_name="Meera")
    asha = ReviewerFactory(first_name="asha")
    ravi = ReviewerFactory(first_name="ravi")
    kavya = ReviewerFactory(first_name="kavya")
    screens: list[tuple] = []
    clicks = Clicks()
    board_url = f"/admin/selection/cohort/{cohort.pk}/"

    # The manager: from the admin home to the board, and assigns automatically.
    as_user(page, live_server, manager)
    page.goto("/admin/")
    check_admin_screen(page, manager, screens)
    clicks.click(page.locator('a[href="/admin/selection/"]').first)
    page.wait_for_url("**/admin/selection/")
    check_admin_screen(page, manager, screens)
    clicks.click(page.get_by_role("link", name=cohort.title))
    page.wait_for_url(f"**{board_url}")
    check_admin_screen(page, manager, screens)
    for reviewer in (asha, ravi, kavya):
        clicks.check(page.locator(f"input[name=reviewers][value='{reviewer.pk}']"))
    clicks.fill(page.locator("input[name=per_application]"), "2")
    clicks.click(page.locator("button[name=action][value=auto]"))
    page.locator(".messages .success").wait_for()
    assert "6 reviews assigned" in page.content()
    check_admin_screen(page, manager, screens)
    assert Review.objects.filter(application__cohort=cohort).count() == 6

    # Two reviewers score; Ravi declares a conflict with one startup he was
    # given, and it moves to the reviewer who is not on it yet.
    ravis_first = (
        Review.objects.filter(reviewer=ravi).order_by("application_id").first()
    )
    conflicted = ravis_first.application
    already_on_it = set(
        Review.objects.filter(application=conflicted).values_list("reviewer", flat=True)
    )
    score_my_reviews(page, live_server, asha, screens)
    score_my_reviews(page, live_server, ravi, screens, conflict_with=conflicted)
    assert Review.objects.get(pk=ravis_first.pk).status == ReviewStatus.CONFLICT
    moved_to = Review.objects.get(
        application=conflicted, status=ReviewStatus.ASSIGNED
    ).reviewer
    assert moved_to.pk not in already_on_it
    score_my_reviews(page, live_server, kavya, screens)
    if moved_to != kavya:
        score_my_reviews(page, live_server, moved_to, screens)
    assert not Review.objects.filter(status=ReviewStatus.ASSIGNED).exists()

    # The manager sees mean, median and disagreement, the conflict marked.
    as_user(page, live_server, manager)
    page.goto("/admin/")
    clicks.click(page.locator('a[href="/admin/selection/"]').first)
    page.wait_for_url("**/admin/selection/")
    clicks.click(page.get_by_role("link", name=cohort.title))
    page.wait_for_url(f"**{board_url}")
    board = page.locator("table.listing")
    for header in ("Mean", "Median", "Standard deviation"):
        assert board.get_by_role("columnheader", name=header).count() == 1
    assert "High disagreement" in board.inner_text()
    assert "(Conflict declared)" in board.inner_text()
    check_admin_screen(page, manager, screens)

    # Stage accept / waitlist / not selected, each in the bulk form.
    for application, decision in (
        (vaani, S.ACCEPTED),
        (nyaya, S.WAITLISTED),
        (krishi, S.REJECTED),
    ):
        clicks.check(page.locator(f"#app-{application.pk}"))
        clicks.select(page.locator("select[name=decision]"), decision)
        clicks.click(page.locator("button[name=action][value=stage]"))
        page.locator(".messages .success").wait_for()
    check_admin_screen(page, manager, screens)

    # Preview, then send.
    clicks.click(page.get_by_role("link", name="Preview and send 3 staged decisions"))
    page.wait_for_url("**/decisions/")
    assert page.locator("main article").count() == 3
    check_admin_screen(page, manager, screens)
    mail.outbox.clear()
    clicks.click(page.get_by_role("button", name="Send 3 decisions"))
    page.locator(".messages .success").wait_for()
    sent_clicks, sent_typed = clicks.clicks, clicks.typed
    check_admin_screen(page, manager, screens)

    assert {
        app.startup.name: app.status
        for app in Application.objects.filter(cohort=cohort).select_related("startup")
    } == {
        "Vaani Labs": S.ACCEPTED,
        "Nyaya Anuvad": S.WAITLISTED,
        "Krishi Bol": S.REJECTED,
    }
    # Each founder gets one email, in their language.
    for founder in founders.values():
        theirs = [m for m in mail.outbox if m.to == [founder.email]]
        assert len(theirs) == 1, (founder.email, [m.subject for m in mail.outbox])
        devanagari = bool(re.search("[\u0900-\u097f]", theirs[0].body))
        assert devanagari == (founder.preferred_language == "hi"), theirs[0].body

    # GPU-hours, within the cohort's budget: more than it holds is refused.
    page.goto(board_url)
    page.get_by_role("link", name="Allocate compute").click()
    page.wait_for_url("**/compute/")
    check_admin_screen(page, manager, screens)
    page.locator(f"#gpu-{vaani.pk}").fill(str(BUDGET + 500))
    page.locator(f"#gpu-{vaani.pk} ~ button").click()
    page.wait_for_load_state()
    assert page.locator(f"#gpu-{vaani.pk}[aria-invalid=true]").count() == 1
    check_admin_screen(page, manager, screens)
    page.locator(f"#gpu-{vaani.pk}").fill("800")
    page.locator(f"#gpu-{vaani.pk} ~ button").click()
    page.locator(".messages .success").wait_for()
    assert "200 left" in page.locator("#compute-budget").inner_text()
    check_admin_screen(page, manager, screens)
    vaani.refresh_from_db()
    assert vaani.selection.gpu_hours_allocated == 800

    # The accepted founder (reading Hindi) joins the alumni directory.
    founder = founders[vaani.pk]
    as_user(page, live_server, founder)
    page.goto(f"/hi/applications/{vaani.uuid}/")
    check_public_page(page)
    page.locator("#id_alumni_line").fill("संथाली के लिए वाक् पहचान")
    page.locator(f"form[action$='/applications/{vaani.uuid}/alumni/'] button").click()
    page.wait_for_load_state()
    check_public_page(page)

    page.context.clear_cookies()
    for prefix in ("", "/hi"):
        page.goto(f"{prefix}/cohorts/alumni/")
        directory = page.locator("main").inner_text()
        assert "Vaani Labs" in directory
        assert "Nyaya Anuvad" not in directory and "Krishi Bol" not in directory
        check_public_page(page)

    print(
        f"\nManager, admin home to decisions sent: {sent_clicks} clicks and "
        f"{sent_typed} typed field(s); distinct admin screens checked with axe "
        f"in English and Hindi: {len(screens)}"
    )
