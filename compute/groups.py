"""Compute's rights in the Wagtail groups of selection ("Reviewers",
"Selection managers"): the same people review and decide cohorts and calls.
`ensure_groups()` is idempotent; `seed_demo` calls it."""

from django.contrib.auth.models import Group

from home.groups import ensure_group_permissions

REVIEWERS = "Reviewers"
SELECTION_MANAGERS = "Selection managers"

GROUP_PERMISSIONS = {
    REVIEWERS: [("wagtailadmin", "access_admin"), ("compute", "add_computereview")],
    SELECTION_MANAGERS: [
        ("wagtailadmin", "access_admin"),
        ("compute", "view_computeapplication"),
        ("compute", "view_organisation"),
        ("compute", "view_usagereport"),
        ("compute", "view_computereview"),
        ("compute", "assign_reviewers"),
        ("compute", "decide_application"),
        ("compute", "allocate_compute"),
        ("compute", "add_computedecisiontemplate"),
        ("compute", "change_computedecisiontemplate"),
        ("compute", "view_computedecisiontemplate"),
    ],
}


def ensure_groups() -> dict[str, Group]:
    return ensure_group_permissions(GROUP_PERMISSIONS)
