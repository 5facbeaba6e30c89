"""The axe-core check every page must pass (WCAG 2.1 AA).

axe-core runs in the page and needs its timers: where JavaScript is off it never
finishes, and Playwright's `evaluate` waits for ever (that is what hung a CI
worker in the alumni test). So the run is started without waiting for it, and
its result is awaited with a timeout: a page that cannot be checked fails the
test in seconds instead of hanging it. Check pages in a context with JavaScript.
"""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()
TIMEOUT_MS = 60_000

WCAG_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

START = """options => {
  window.coeAxeResult = null;
  axe.run(document, options).then(
    results => { window.coeAxeResult = {violations: results.violations}; },
    error => { window.coeAxeResult = {error: String(error)}; },
  );
}"""


def axe_violations(page, timeout_ms: int = TIMEOUT_MS) -> list[dict]:
    page.evaluate(_axe.axe_script)
    page.evaluate(START, WCAG_AA)
    try:
        page.wait_for_function("() => window.coeAxeResult !== null", timeout=timeout_ms)
    except Exception as error:  # noqa: BLE001 -- Playwright's TimeoutError, said plainly
        raise AssertionError(
            f"axe-core did not finish on {page.url} within {timeout_ms} ms "
            "(is JavaScript off in this browser context?)"
        ) from error
    result = page.evaluate("() => window.coeAxeResult")
    if "error" in result:
        raise AssertionError(f"axe-core failed on {page.url}: {result['error']}")
    return result["violations"]


def assert_no_axe_violations(page, *, exclude: dict | None = None) -> None:
    """No violation on the page, except those `exclude` names: {rule id: CSS
    selector of the one element (in Wagtail's own markup) it may flag}."""
    violations = []
    for violation in axe_violations(page):
        allowed = (exclude or {}).get(violation["id"])
        nodes = [
            node
            for node in violation["nodes"]
            if not (allowed and allowed in ", ".join(node["target"]))
        ]
        if nodes:
            violations.append({**violation, "nodes": nodes})
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            lines.append(f"- {violation['id']}: {violation['help']} at {targets}")
        raise AssertionError("\n".join(lines))
