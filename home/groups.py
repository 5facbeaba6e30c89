"""Wagtail groups given the least rights they need: each app names its groups'
permissions, and `ensure_group_permissions` (idempotent) grants them."""

from django.contrib.auth.models import Group, Permission


def ensure_group_permissions(wanted: dict[str, list[tuple[str, str]]]) -> dict:
    """{group name: [(app_label, codename), ...]} -> {group name: Group}."""
    groups = {}
    for name, permissions in wanted.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
        groups[name] = group
    return groups
