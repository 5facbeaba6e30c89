from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("compute/includes/totals.html")
def totals_tables(totals):
    """The totals of grants: overall, then per call, state, sector and language."""
    return {
        "totals": totals,
        "tables": [
            (_("Call"), _("Per call"), totals["call"]),
            (_("State or union territory"), _("Per state"), totals["state"]),
            (_("Sector"), _("Per sector"), totals["sector"]),
            (_("Language"), _("Per language"), totals["language"]),
        ],
    }
