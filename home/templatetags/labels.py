"""`{% load labels %}`: field labels placed inside other sentences."""

from django import template

register = template.Library()


@register.filter
def summary_label(label):
    """A label before ": the error" in the error summary, without its own final
    stop (a checkbox label is a whole sentence: "… cannot be undone.")."""
    return str(label).rstrip().rstrip(".।:").rstrip()
