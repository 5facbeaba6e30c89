"""Events in a real browser: accessibility, keyboard filters, no JavaScript."""

import pytest

from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser


def test_events_pages_have_no_axe_violations(page, demo_site):
    for prefix in ("", "/hi"):
        for path in (
            "/events/",
            "/events/?type=workshop&format=in_person",
            "/events/?when=past",
            "/events/gpu-compute-clinic/",
            "/events/speech-data-field-collection/",
        ):
            response = page.goto(f"{prefix}{path}")
            assert response.status == 200, path
            assert_no_axe_violations(page)


def test_filters_work_by_keyboard(page, demo_site):
    page.goto("/events/")
    page.focus("#id_q")
    for _ in range(2):
        page.keyboard.press("Tab")  # "when", then "type"
    assert page.evaluate("document.activeElement.id") == "id_type"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_format"
    page.select_option("#id_format", "online")
    for _ in range(10):  # on through the other filters to the submit button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    assert page.evaluate("document.activeElement.textContent").strip() == "Show events"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "format=online" in url)
    cards = page.locator(".event-card")
    assert cards.count() > 0
    for text in cards.all_inner_texts():
        assert "Online" in text


def test_events_work_without_javascript(no_js_page, demo_site):
    page = no_js_page
    page.goto("/events/")
    page.select_option("#id_type", "webinar")
    page.click("button[type=submit] >> text=Show events")
    page.wait_for_url("**type=webinar**")
    titles = page.locator(".event-card .card__title").all_inner_texts()
    assert titles and all(titles)
    page.locator(".event-card .card__title a").first.click()
    # A click waits only until the next page starts loading: wait for its content.
    page.wait_for_selector("#event-cta-heading")
    assert page.locator("#event-cta-heading").is_visible()
    assert page.locator("[data-seats-left]").inner_text().strip().isdigit()
    assert page.locator("text=Add to calendar").is_visible()


def test_password_protected_event(page, demo_site):
    from wagtail.models import PageViewRestriction

    from events.models import EventPage

    for event in EventPage.objects.filter(slug="gpu-compute-clinic"):
        PageViewRestriction.objects.create(
            page=event,
            restriction_type=PageViewRestriction.PASSWORD,
            password="open sesame",
        )
    for prefix in ("", "/hi"):
        page.goto(f"{prefix}/events/gpu-compute-clinic/")
        assert page.locator("#event-cta-heading").count() == 0
        assert_no_axe_violations(page)
        page.fill("input[type=password]", "wrong")
        page.click("button[type=submit] >> nth=-1")
        page.wait_for_selector("input[aria-invalid=true]")
        assert page.locator("input[aria-invalid=true]").count() == 1
        assert_no_axe_violations(page)
        page.fill("input[type=password]", "open sesame")
        page.click("button[type=submit] >> nth=-1")
        page.wait_for_selector("#event-cta-heading")
