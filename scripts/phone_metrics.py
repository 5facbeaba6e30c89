"""Measure what a 375 px phone shows (issue 12, items 3, 8, 9 and 10).

    .venv/bin/python scripts/phone_metrics.py http://127.0.0.1:8000 \
        [--login user@coe.example.in --password demo-user-pass]

Serve the site with `seed_demo` content first. Prints one JSON object: per
language, the header's height, the language switch's target size, where the first
event card starts on /events/, whether the filters are folded, how many events
each listing shows (and how many in the other language), and with a login the
apply flow's step 1 (what "Save draft" with only a name typed answers).
"""

import argparse
import json
import os
import re
import sys

from playwright.sync_api import sync_playwright

PHONE = {"width": 375, "height": 812}
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
]


def box(page, selector):
    locator = page.locator(selector)
    if not locator.count():
        return None
    found = locator.first.bounding_box()
    return (
        {key: round(found[key]) for key in ("y", "width", "height")} if found else None
    )


def listing(page, base, prefix):
    page.goto(f"{base}{prefix}/events/")
    html_lang = page.get_attribute("html", "lang")
    cards = page.locator(".event-card")
    other = page.locator(f'.event-card[lang]:not([lang="{html_lang}"])').count()
    filters_visible = page.locator("#id_type").is_visible()
    return {
        "header_height_px": (box(page, "header.site-header") or {}).get("height"),
        "language_switch_target_px": box(page, ".language-switch a"),
        "first_result_y_px": (box(page, ".event-card") or {}).get("y"),
        "filters_folded": not filters_visible,
        "events_listed": cards.count(),
        "events_in_the_other_language": other,
        "page_height_px": page.evaluate("document.documentElement.scrollHeight"),
    }


def sign_in(page, base, email, password):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def apply_step_one(page, base, prefix):
    page.goto(f"{base}{prefix}/cohorts/")
    cohorts = page.locator(f"main a[href^='{prefix}/cohorts/']")
    hrefs = {cohorts.nth(i).get_attribute("href") for i in range(cohorts.count())}
    for href in sorted(hrefs - {f"{prefix}/cohorts/"}):
        page.goto(base + href)
        link = page.locator("main a[href*='/apply/']")
        if link.count():
            break
    else:
        return {"error": "no open cohort with an apply link"}
    page.goto(base + link.first.get_attribute("href") + "?new=1")
    buttons = page.locator("form.apply-form button[type=submit]")
    names = [buttons.nth(i).get_attribute("name") for i in range(buttons.count())]
    founder_name = page.locator("input[name='founders-0-name']")
    result = {
        "url": page.url.removeprefix(base),
        "submit_buttons_in_dom_order": names,
        "founder_1_prefilled": bool(
            founder_name.count() and founder_name.input_value()
        ),
        "page_height_px": page.evaluate("document.documentElement.scrollHeight"),
    }
    page.fill("input[name='startup-name']", "Metrics Labs")
    page.click("button[name=save_draft]")
    page.wait_for_load_state()
    errors = page.locator(".field-error")
    result["save_draft_with_only_a_name"] = {
        "url": re.sub(r"[0-9a-f-]{36}", "<uuid>", page.url.removeprefix(base)),
        "errors": errors.count(),
        "messages": [errors.nth(i).inner_text().strip() for i in range(errors.count())],
    }
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--login")
    parser.add_argument("--password")
    options = parser.parse_args()
    base = options.base.rstrip("/")
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    report = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        for prefix, language in (("", "en"), ("/hi", "hi"), ("/ta", "ta")):
            context = browser.new_context(viewport=PHONE, locale="en-IN")
            page = context.new_page()
            page.set_default_timeout(60_000)
            report[language] = listing(page, base, prefix)
            if options.login:
                sign_in(page, base, options.login, options.password)
                report[language]["apply_step_1"] = apply_step_one(page, base, prefix)
            context.close()
        browser.close()
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
