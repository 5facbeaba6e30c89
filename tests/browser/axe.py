"""The axe-core check every page must pass (WCAG 2.1 AA)."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()

WCAG_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def axe_violations(page) -> list[dict]:
    results = _axe.run(page, options=WCAG_AA)
    return results.response["violations"]


def assert_no_axe_violations(page) -> None:
    violations = axe_violations(page)
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            lines.append(f"- {violation['id']}: {violation['help']} at {targets}")
        raise AssertionError("\n".join(lines))
