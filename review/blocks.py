"""The question builder: StreamField blocks of the questions staff ask applicants.

A programme page holds `questions = StreamField(QuestionsBlock())`;
`review.questions` turns them into plain dicts, form fields and checked answers.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .enums import QuestionType


class BaseQuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Question"), max_length=300)
    help_text = blocks.CharBlock(label=_("Help text"), required=False, max_length=500)
    required = blocks.BooleanBlock(label=_("Required"), required=False, default=True)

    question_type: str = ""

    class Meta:
        icon = "form"


class ShortTextQuestionBlock(BaseQuestionBlock):
    question_type = QuestionType.SHORT_TEXT

    class Meta:
        label = _("Short text")
        icon = "pilcrow"


class LongTextQuestionBlock(BaseQuestionBlock):
    word_limit = blocks.IntegerBlock(
        label=_("Word limit"), required=False, min_value=1, default=300
    )
    question_type = QuestionType.LONG_TEXT

    class Meta:
        label = _("Long text")
        icon = "doc-full"


class ChoiceQuestionBlock(BaseQuestionBlock):
    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("Choice"), max_length=200),
        label=_("Choices"),
        min_num=2,
    )


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    question_type = QuestionType.SINGLE_CHOICE

    class Meta:
        label = _("Single choice")
        icon = "radio-full"


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    question_type = QuestionType.MULTIPLE_CHOICE

    class Meta:
        label = _("Multiple choice")
        icon = "list-ul"


class NumberQuestionBlock(BaseQuestionBlock):
    min_value = blocks.IntegerBlock(label=_("Minimum"), required=False)
    max_value = blocks.IntegerBlock(label=_("Maximum"), required=False)
    question_type = QuestionType.NUMBER

    class Meta:
        label = _("Number")
        icon = "order"


class URLQuestionBlock(BaseQuestionBlock):
    question_type = QuestionType.URL

    class Meta:
        label = _("Web address")
        icon = "link"


class YesNoQuestionBlock(BaseQuestionBlock):
    question_type = QuestionType.YES_NO

    class Meta:
        label = _("Yes or no")
        icon = "tick"


class FileQuestionBlock(BaseQuestionBlock):
    question_type = QuestionType.FILE

    class Meta:
        label = _("File (PDF)")
        icon = "doc-empty"


class QuestionsBlock(blocks.StreamBlock):
    short_text = ShortTextQuestionBlock()
    long_text = LongTextQuestionBlock()
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    number = NumberQuestionBlock()
    url = URLQuestionBlock()
    yes_no = YesNoQuestionBlock()
    file = FileQuestionBlock()
