"""A checklist's structure: sections of items, each with why it matters.

Items are answered by their block id, which every translation shares
(wagtail-localize translates the text and keeps the ids), so an assessment
filled in Hindi reads in English beside the application, and the other way.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ChecklistItemBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("item"), max_length=500)
    why = blocks.TextBlock(label=_("why it matters"), max_length=1000)

    class Meta:
        icon = "tick"
        label = _("item")


class ChecklistSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=200)
    intro = blocks.TextBlock(label=_("introduction"), required=False)
    items = blocks.ListBlock(ChecklistItemBlock(), label=_("items"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("section")
