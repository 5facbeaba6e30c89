"""StreamField blocks of cohort pages. The question builder is `review.blocks`."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import FAQItemBlock
from review.blocks import QuestionsBlock  # noqa: F401 -- cohorts.models imports it here


class FAQBlock(blocks.StreamBlock):
    item = FAQItemBlock(label=_("Question and answer"))
