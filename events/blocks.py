"""StreamField blocks of events: the agenda."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class SessionBlock(blocks.StructBlock):
    start = blocks.TimeBlock(label=_("Start time (IST)"))
    end = blocks.TimeBlock(label=_("End time (IST)"), required=False)
    day = blocks.IntegerBlock(
        label=_("Day"),
        min_value=1,
        default=1,
        help_text=_("For events over several days: which day (1 is the first)."),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    speaker = SnippetChooserBlock("events.Speaker", label=_("Speaker"), required=False)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "time"
        label = _("Session")
        template = "events/includes/session.html"


class AgendaBlock(blocks.StreamBlock):
    session = SessionBlock()


class QuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Question"), max_length=200)
    help_text = blocks.CharBlock(label=_("Help text"), required=False, max_length=300)
    required = blocks.BooleanBlock(label=_("Required"), required=False)

    class Meta:
        icon = "help"


class TextQuestionBlock(QuestionBlock):
    long = blocks.BooleanBlock(label=_("Long answer (several lines)"), required=False)

    class Meta:
        label = _("Text question")


class ChoiceQuestionBlock(QuestionBlock):
    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("Choice"), max_length=200), label=_("Choices")
    )

    class Meta:
        label = _("Choice question")


class YesNoQuestionBlock(QuestionBlock):
    class Meta:
        label = _("Yes or no question")


class RegistrationQuestionsBlock(blocks.StreamBlock):
    """The event's own questions on the registration form."""

    text = TextQuestionBlock()
    choice = ChoiceQuestionBlock()
    yes_no = YesNoQuestionBlock()
