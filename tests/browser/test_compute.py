"""The acceptance journey of a call for compute, in a real browser (issue 23):
a researcher without a startup applies, a reviewer scores the application, the
manager decides and allocates within the budget, and the grantee files a usage
report after the reminder. Every page visited passes axe-core, in English and
Hindi; the applicant's pages run without JavaScript on a 375 px phone."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from compute import services
from compute.enums import ApplicationStatus
from compute.models import ComputeApplication, UsageReport
from compute.selection import assign_reviewers
from tests.browser.axe import assert_no_axe_violations
from tests.factories.compute import CallManagerFactory, CallReviewerFactory, create_call
from tests.factories.home import VerifiedUserFactory

pytestmark = [pytest.mark.browser]

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def call(django_db_serialized_rollback, transactional_db):
    return create_call("indic-speech", total=1000, largest=400)


def phone_page(browser, live_server, *, javascript: bool):
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-IN",
        java_script_enabled=javascript,
        viewport=PHONE,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def phone(browser, live_server):
    """The applicant's browser: no JavaScript, a 375 px screen."""
    page = phone_page(browser, live_server, javascript=False)
    yield page
    page.context.close()


@pytest.fixture
def viewer(browser, live_server):
    """axe-core needs JavaScript: the same phone, with it, opens each page the
    applicant saw and checks it."""
    page = phone_page(browser, live_server, javascript=True)
    yield page
    page.context.close()


def signed_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )
    return page


def prefers(user, language):
    from wagtail.users.models import UserProfile

    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def checked(phone, viewer):
    """The page the applicant is on passes axe-core and fits the phone."""
    viewer.goto(phone.url)
    assert_no_axe_violations(viewer)
    width = viewer.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{phone.url} is {width}px wide on a phone"


def path_in(message) -> str:
    url = re.search(r"https?://\S+/compute/reports/\S+/", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_a_researcher_is_granted_compute_and_reports_its_use(
    phone, viewer, page, live_server, call, prefix
):
    language = prefix.strip("/") or "en"
    researcher = prefers(VerifiedUserFactory(first_name="Sunita"), language)

    # The applicant: the calls, the call, apply as a person, a draft, submit.
    signed_in(phone, live_server, researcher)
    signed_in(viewer, live_server, researcher)
    phone.goto(f"{prefix}/compute/")
    checked(phone, viewer)
    phone.locator(f"a[href$='/compute/{call.slug}/']").first.click()
    phone.wait_for_url(f"**/compute/{call.slug}/")
    checked(phone, viewer)
    phone.locator(f"a[href$='/compute/{call.slug}/apply/']").click()
    phone.wait_for_url("**/apply/")
    checked(phone, viewer)
    phone.locator("#applicant-person").check()
    phone.locator("form.apply-form button[type=submit]").click()
    phone.wait_for_url("**/compute/applications/*/")
    checked(phone, viewer)
    phone.locator("input[name=project_title]").fill("Santali speech recognition")
    phone.locator("textarea[name=summary]").fill("Fine-tune a speech model.")
    phone.locator("input[name=gpu_hours_requested]").fill("300")
    phone.locator("select[name=state]").select_option("JH")
    phone.locator("select[name=sector]").select_option("language_tech")
    phone.locator("input[name=languages][value=sat]").check()
    phone.locator("button[name=save_draft]").click()
    phone.wait_for_load_state()
    checked(phone, viewer)
    application = ComputeApplication.objects.get()
    assert application.status == ApplicationStatus.DRAFT
    assert application.project_title == "Santali speech recognition"
    phone.locator("textarea[name^=q-]").fill("Read speech recorded with consent.")
    phone.locator("button[name=submit]").click()
    phone.wait_for_load_state()
    checked(phone, viewer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.language == language

    # A reviewer scores it in the admin.
    reviewer = prefers(CallReviewerFactory(), language)
    assign_reviewers([application], reviewers=[reviewer], by=None)
    signed_in(page, live_server, reviewer)
    page.goto("/admin/compute/reviews/")
    assert_no_axe_violations(page)
    page.locator("table.listing a").first.click()
    page.wait_for_url("**/admin/compute/reviews/*/")
    assert_no_axe_violations(page)
    page.locator("input[name^=score_]").nth(0).fill("5")
    page.locator("input[name^=score_]").nth(1).fill("4")
    page.locator("select[name=recommendation]").select_option("yes")
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    page.locator(".messages .success").wait_for()
    page.wait_for_timeout(1500)
    assert_no_axe_violations(page)
    assert application.reviews.get().score == 93.33

    # The manager accepts it and allocates within the budget (and not past it).
    manager = prefers(CallManagerFactory(), language)
    signed_in(page, live_server, manager)
    page.goto(f"/admin/compute/call/{call.pk}/")
    assert_no_axe_violations(page)
    page.locator(f"#app-{application.pk}").check()
    page.locator("select[name=decision]").select_option(ApplicationStatus.ACCEPTED)
    page.locator("button[name=action][value=stage]").click()
    page.wait_for_load_state()
    # The board links to the preview; sending happens there.
    page.locator(f"a[href$='/admin/compute/call/{call.pk}/decisions/']").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    assert researcher.email in page.content()
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"/admin/compute/call/{call.pk}/")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    decision = [m for m in mail.outbox if application.get_absolute_url() in m.body]
    assert decision and decision[-1].to == [researcher.email]
    page.locator(f"input[name=gpu_hours_{application.pk}]").fill("401")
    page.locator(f"button[name=allocate_to][value='{application.pk}']").click()
    page.wait_for_load_state()
    assert services.budget_of(call)["allocated"] == 0
    page.locator(f"input[name=gpu_hours_{application.pk}]").fill("300")
    page.locator(f"button[name=allocate_to][value='{application.pk}']").click()
    page.wait_for_load_state()
    page.locator(".messages .success").wait_for()
    page.wait_for_timeout(1500)
    assert_no_axe_violations(page)
    assert services.budget_of(call)["left"] == 700
    assert "700" in page.locator("#compute-budget").inner_text()

    # The reminder, then the grantee files the report from its link.
    report = UsageReport.objects.get()
    due_soon = timezone.make_aware(
        dt.datetime.combine(report.due_on - dt.timedelta(days=3), dt.time(12))
    )
    assert services.send_usage_reminders(now=due_soon) == 1
    reminder = [m for m in mail.outbox if report.get_absolute_url() in m.body]
    assert len(reminder) == 1 and reminder[0].to == [researcher.email]
    signed_in(phone, live_server, researcher)
    phone.goto(path_in(reminder[0]))
    checked(phone, viewer)
    phone.locator("input[name=hours_used]").fill("120")
    phone.locator("textarea[name=summary]").fill("Trained two checkpoints.")
    phone.locator("select[name=outputs-0-kind]").select_option("model")
    phone.locator("input[name=outputs-0-title]").fill("Santali ASR v1")
    phone.locator("input[name=outputs-0-url]").fill("https://example.org/santali")
    phone.locator("form.apply-form button[type=submit]").click()
    phone.wait_for_url("**/compute/applications/*/")
    checked(phone, viewer)
    report.refresh_from_db()
    assert report.hours_used == 120
    assert report.outputs.get().kind == "model"
    phone.goto(f"{prefix}/dashboard/")
    checked(phone, viewer)
