"""The cohort's application questions: the question builder is `review.questions`."""

from review.questions import (  # noqa: F401 -- views, services and tests import them here
    CHOICE_TYPES,
    NO,
    YES,
    QuestionsForm,
    answer_problems,
    choice_ids,
    choices_of,
    count_words,
    display_value,
    field_name,
    is_blank,
    make_field,
    questions_of,
    readable_answers,
    word_limit_validator,
)
