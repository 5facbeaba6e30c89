"""The Wagtail groups of selection, each with the least rights it needs.

Wagtail's own migrations create "Editors" (pages, images, documents) and
"Moderators"; editors get no rights on applications. `ensure_groups()` is
idempotent: `seed_demo` and `manage.py setup_selection_groups` call it.
"""

from django.contrib.auth.models import Group

from home.groups import ensure_group_permissions

REVIEWERS = "Reviewers"
SELECTION_MANAGERS = "Selection managers"

GROUP_PERMISSIONS = {
    # Reviewers open the admin and score what is assigned to them, nothing else.
    REVIEWERS: [
        ("wagtailadmin", "access_admin"),
        ("cohorts", "add_review"),
    ],
    SELECTION_MANAGERS: [
        ("wagtailadmin", "access_admin"),
        ("cohorts", "view_application"),
        ("cohorts", "view_startup"),
        ("cohorts", "view_review"),
        ("cohorts", "assign_reviewers"),
        ("cohorts", "decide_application"),
        ("cohorts", "add_decisiontemplate"),
        ("cohorts", "change_decisiontemplate"),
        ("cohorts", "view_decisiontemplate"),
    ],
}


def ensure_groups() -> dict[str, Group]:
    return ensure_group_permissions(GROUP_PERMISSIONS)
