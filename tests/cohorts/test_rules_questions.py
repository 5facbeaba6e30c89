"""Application questions of every type: what the form accepts, refuses and keeps.

Valid choices are read from the form's own fields, so these tests hold however
a choice answer is stored.
"""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cohorts.questions import QuestionsForm, answer_problems, field_name
from tests.factories.cohorts import create_cohort, pdf_bytes
from tests.pages_once import made_once


def block(qtype, qid, label, required=True, **extra):
    value = {"label": label, "help_text": "", "required": required, **extra}
    return {"type": qtype, "id": qid, "value": value}


def items(labels):
    """Choices with ids that stay the same when a question is edited."""
    return [{"type": "item", "value": label, "id": f"c-{label}"} for label in labels]


def every_type(word_limit=3, choices=("Open LLM", "Own model"), languages=None):
    return [
        block("short_text", "q-name", "Product name"),
        block("long_text", "q-problem", "Problem", word_limit=word_limit),
        block("single_choice", "q-model", "Model family", choices=items(choices)),
        block(
            "multiple_choice",
            "q-langs",
            "Languages",
            required=False,
            choices=items(languages or ["Hindi", "Santali", "Tamil"]),
        ),
        block(
            "number", "q-users", "Users", required=False, min_value=1, max_value=1000
        ),
        block("url", "q-site", "Demo", required=False),
        block("yes_no", "q-funded", "Funded before?"),
        block("file", "q-doc", "Licence", required=False),
    ]


# Made once for the module (a page with its Hindi translation, which costs more
# than any test here); each test still sees it as made (tests.pages_once).
all_types_cohort_once, all_types_cohort, _all_types_cohort_hidden = made_once(
    "all_types_cohort", lambda: create_cohort("all-types", questions=every_type())
)


@pytest.fixture
def questions(all_types_cohort):
    return all_types_cohort.question_list


def name(qid):
    return field_name({"id": qid})


def choice_values(questions, qid):
    field = QuestionsForm(questions=questions).fields[name(qid)]
    return [value for value, _label in field.choices]


def valid_data(questions):
    return {
        name("q-name"): "VaaniAI",
        name("q-problem"): "Speech for Santali",
        name("q-model"): choice_values(questions, "q-model")[0],
        name("q-langs"): choice_values(questions, "q-langs")[:2],
        name("q-users"): "1000",
        name("q-site"): "https://vaani.example.in",
        name("q-funded"): choice_values(questions, "q-funded")[1],
    }


def form(questions, data=None, files=None, **kwargs):
    return QuestionsForm(data, files, questions=questions, **kwargs)


def pdf(content=None):
    return SimpleUploadedFile("licence.pdf", content or pdf_bytes(3000))


def test_questions_valid_answers_of_every_type_are_accepted(questions):
    filled = form(questions, valid_data(questions), {name("q-doc"): pdf()})
    assert filled.is_valid(), filled.errors
    assert filled.cleaned_data[name("q-users")] == 1000


@pytest.mark.parametrize(
    ("qid", "bad"),
    [
        ("q-model", "Closed model"),
        ("q-langs", ["Hindi", "Klingon"]),
        ("q-users", "many"),
        ("q-users", "0"),
        ("q-users", "1001"),
        ("q-site", "not a web address"),
        ("q-funded", "maybe"),
        ("q-problem", "four words is over"),
    ],
)
def test_questions_invalid_answer_is_refused_for_its_question_only(questions, qid, bad):
    data = valid_data(questions)
    data[name(qid)] = bad
    filled = form(questions, data)
    assert not filled.is_valid()
    assert list(filled.errors) == [name(qid)]


def test_questions_file_answer_must_be_a_pdf(questions):
    not_pdf = SimpleUploadedFile("licence.pdf", b"PK\x03\x04 a zip")
    filled = form(questions, valid_data(questions), {name("q-doc"): not_pdf})
    assert list(filled.errors) == [name("q-doc")]


def test_questions_word_limit_allows_exactly_the_limit(questions):
    data = valid_data(questions)
    data[name("q-problem")] = "three words exactly"
    assert form(questions, data).is_valid()


def test_questions_required_only_when_submitting(questions):
    assert form(questions, {}, draft=True).is_valid()
    final = form(questions, {})
    assert not final.is_valid()
    assert set(final.errors) == {
        name("q-name"),
        name("q-problem"),
        name("q-model"),
        name("q-funded"),
    }


def saved_answers(questions, data=None, files=None):
    filled = form(questions, valid_data(questions) if data is None else data, files)
    assert filled.is_valid(), filled.errors
    return filled.updated_answers(owner_uuid=uuid.uuid4())


def test_questions_saved_answers_are_filled_in_again(questions):
    data = valid_data(questions)
    answers = saved_answers(questions, data, {name("q-doc"): pdf()})
    again = form(questions, answers=answers)
    for qid in ("q-name", "q-problem", "q-model", "q-site", "q-funded"):
        assert again[name(qid)].value() == data[name(qid)], qid
    assert again[name("q-users")].value() == 1000
    assert list(again[name("q-langs")].value()) == data[name("q-langs")]
    # A saved file need not be uploaded again, and its name is shown.
    doc = again.fields[name("q-doc")]
    assert doc.current_file == "licence.pdf"


def test_questions_saved_file_is_not_required_again(db):
    questions = create_cohort(
        "file-required", questions=[block("file", "q-doc", "Licence")]
    ).question_list
    assert not form(questions, {}).is_valid()
    answers = saved_answers(questions, {}, {name("q-doc"): pdf()})
    assert form(questions, {}, answers=answers).is_valid()


def test_answer_problems_none_for_complete_answers(questions):
    assert answer_problems(questions, saved_answers(questions)) == {}


def test_answer_problems_names_blank_required_questions_only(questions):
    answers = saved_answers(questions)
    del answers["q-name"]
    del answers["q-users"]  # not required
    assert set(answer_problems(questions, answers)) == {"q-name"}


def test_answer_problems_recheck_answers_against_edited_questions(questions):
    answers = saved_answers(questions)  # three-word problem, first choices
    edited = create_cohort(
        "edited",
        questions=every_type(word_limit=2, choices=("Own model",), languages=["Tamil"]),
    ).question_list
    assert set(answer_problems(edited, answers)) == {"q-problem", "q-model", "q-langs"}
    same_limit = create_cohort(
        "same-limit", questions=every_type(word_limit=3)
    ).question_list
    assert answer_problems(same_limit, answers) == {}


@pytest.mark.parametrize(
    ("qid", "longest"),
    [("q-name", "n" * 300), ("q-site", "https://vaani.example.in/" + "p" * 475)],
)
def test_questions_text_and_address_length_limits(questions, qid, longest):
    data = valid_data(questions)
    data[name(qid)] = longest
    assert form(questions, data).is_valid()
    data[name(qid)] = longest + "x"
    assert list(form(questions, data).errors) == [name(qid)]


def test_questions_long_text_without_a_limit_takes_any_length(db):
    questions = create_cohort(
        "no-limit", questions=[block("long_text", "q-story", "Story", word_limit=None)]
    ).question_list
    assert form(questions, {name("q-story"): "word " * 500}).is_valid()


def test_questions_help_text_states_the_limits(questions):
    fields = form(questions).fields
    assert fields[name("q-problem")].help_text.endswith("At most 3 words.")
    assert fields[name("q-doc")].help_text.endswith("PDF, at most 10 MB.")


def test_questions_new_upload_replaces_the_old_file(questions):
    from cohorts.models import private_storage

    first = saved_answers(questions, files={name("q-doc"): pdf()})
    old = first["q-doc"]["value"]["name"]
    long_name = "l" * 250 + ".pdf"
    second = form(
        questions,
        valid_data(questions),
        {name("q-doc"): SimpleUploadedFile(long_name, pdf_bytes(3000))},
        answers=first,
    )
    assert second.is_valid(), second.errors
    answers = second.updated_answers(owner_uuid=uuid.uuid4())
    # The old file goes only once the save that drops it commits (update_draft;
    # tests/cohorts/test_files_security.py), never while the form is read.
    assert private_storage().exists(old)
    assert private_storage().exists(answers["q-doc"]["value"]["name"])
    assert answers["q-doc"]["value"]["filename"] == long_name[:200]


# Plain question dicts (as CohortPage.question_list gives them): no database.
def q(qtype, qid, label, required=False, **extra):
    return {
        "id": qid,
        "type": qtype,
        "label": label,
        "help_text": "",
        "required": required,
        **extra,
    }


PLAIN = [
    q("short_text", "q-name", "Product name", help_text="As on your website."),
    q("long_text", "q-problem", "Problem", word_limit=50),
    q("single_choice", "q-model", "Model family", choices=[("c-open", "Open LLM")]),
    q("multiple_choice", "q-langs", "Languages", choices=[("c-hi", "Hindi")]),
    q("number", "q-users", "Users"),
    q("url", "q-site", "Demo"),
    q("yes_no", "q-funded", "Funded before?"),
    q("file", "q-doc", "Licence"),
]


def test_questions_each_type_is_asked_with_its_own_kind_of_input():
    html = {
        question["id"]: str(QuestionsForm(questions=PLAIN)[field_name(question)])
        for question in PLAIN
    }
    assert 'type="text"' in html["q-name"] and 'maxlength="300"' in html["q-name"]
    assert "<textarea" in html["q-problem"] and 'rows="6"' in html["q-problem"]
    assert 'type="radio"' in html["q-model"] and "Open LLM" in html["q-model"]
    assert 'type="checkbox"' in html["q-langs"] and "Hindi" in html["q-langs"]
    assert 'type="number"' in html["q-users"]
    assert 'type="url"' in html["q-site"]
    assert html["q-funded"].count('type="radio"') == 2
    assert 'type="file"' in html["q-doc"]


def test_questions_help_text_is_shown_with_the_limit_after_it():
    with_help = [
        q("long_text", "q-p", "Problem", help_text="Who has it?", word_limit=1),
        q("file", "q-doc", "Licence", help_text="The signed copy."),
    ]
    fields = QuestionsForm(questions=with_help).fields
    assert fields[name("q-p")].help_text == "Who has it? At most 1 word."
    assert fields[name("q-doc")].help_text == "The signed copy. PDF, at most 10 MB."
    plain = QuestionsForm(questions=PLAIN).fields
    assert plain[name("q-name")].help_text == "As on your website."


def test_questions_answers_stored_as_labels_are_shown_as_chosen():
    # Answers saved before choices had ids hold the label the applicant chose.
    questions = [
        q(
            "single_choice",
            "q-model",
            "Model",
            choices=[("c-o", "Open"), ("c-w", "Own")],
        ),
        q(
            "multiple_choice",
            "q-langs",
            "Languages",
            choices=[("c-hi", "Hindi"), ("c-ta", "Tamil"), ("c-sat", "Santali")],
        ),
    ]
    answers = {
        "q-model": {"type": "single_choice", "value": "Own"},
        "q-langs": {"type": "multiple_choice", "value": ["Tamil", "c-hi"]},
    }
    shown = QuestionsForm(questions=questions, answers=answers)
    assert shown[name("q-model")].value() == "c-w"
    assert list(shown[name("q-langs")].value()) == ["c-ta", "c-hi"]


def test_questions_answers_read_back_as_text_in_the_questions_order():
    from cohorts.questions import display_value, readable_answers

    filled = QuestionsForm(
        {
            name("q-name"): "VaaniAI",
            name("q-model"): "c-open",
            name("q-langs"): ["c-hi"],
            name("q-users"): "40",
            name("q-funded"): "yes",
        },
        questions=PLAIN,
        draft=True,
    )
    assert filled.is_valid(), filled.errors
    answers = filled.updated_answers(owner_uuid=uuid.uuid4())
    assert answers["q-model"]["choice_labels"] == {"c-open": "Open LLM"}
    assert answers["q-langs"]["choice_labels"] == {"c-hi": "Hindi"}
    answers["q-doc"] = {"type": "file", "value": {"name": "x", "filename": "l.pdf"}}
    answers["gone"] = {"label": "Old question", "type": "yes_no", "value": "no"}
    rows = readable_answers(answers, PLAIN)
    assert [(row["label"], row["value"]) for row in rows] == [
        ("Product name", "VaaniAI"),
        ("Problem", ""),
        ("Model family", "Open LLM"),
        ("Languages", "Hindi"),
        ("Users", "40"),
        ("Demo", ""),
        ("Funded before?", "Yes"),
        ("Licence", "l.pdf"),
        ("Old question", "No"),
    ]
    # Without the question, the labels the applicant saw are shown.
    assert display_value(answers["q-model"]) == "Open LLM"
    assert display_value({"type": "multiple_choice", "value": ["c-x"]}) == "c-x"
    # Anonymised and unanswered questions read as blank, not "None".
    assert display_value({"type": "short_text", "value": None}) == ""
    assert [row["value"] for row in readable_answers(None, PLAIN)] == [""] * 8


def test_answer_problems_take_any_length_without_a_limit_and_every_option():
    questions = [
        q("long_text", "q-story", "Story", required=True, word_limit=None),
        q("multiple_choice", "q-langs", "Langs", choices=[("c-hi", "Hindi")]),
        q("single_choice", "q-one", "One", choices=[("c-a", "A"), ("c-b", "B")]),
    ]
    answers = {
        "q-story": {"type": "long_text", "value": "word " * 500},
        "q-langs": {"type": "multiple_choice", "value": ["c-hi"]},
        "q-one": {"type": "single_choice", "value": "c-b"},
    }
    assert answer_problems(questions, answers) == {}
