"""ReviewSetup: what a programme tells review, and what review derives from it."""

import pytest
from django.utils import translation

from cohorts.selection import COHORTS, SelectionError
from cohorts.services import ApplicationError
from review.setup import DEFAULT_TEXTS, SETUPS, every_setup


@pytest.fixture
def registry():
    """Setups made by a test leave the registry as it was."""
    kept = dict(SETUPS)
    yield SETUPS
    SETUPS.clear()
    SETUPS.update(kept)


def test_setup_texts_are_the_programmes_where_given_else_the_defaults(registry):
    assert COHORTS.text("no_rubric") == "This cohort has no rubric yet."
    plain = type(COHORTS)(**{**COHORTS.__dict__, "texts": {}})
    assert plain.text("no_rubric") == str(DEFAULT_TEXTS["no_rubric"])
    assert plain.text("no_rubric") == "This call has no rubric yet."
    with translation.override("hi"):
        assert plain.text("no_rubric") == "इस आमंत्रण का अभी कोई मूल्यांकन-मानदंड नहीं है।"
    with pytest.raises(KeyError):
        plain.text("no_such_text")


def test_setup_permissions_come_from_the_programmes_models():
    assert COHORTS.reviewer_permission == "cohorts.add_review"
    assert COHORTS.manager_permission == "cohorts.view_application"


def test_setup_refusals_add_the_status_changes_refusals():
    assert COHORTS.refusals == (SelectionError, ApplicationError)


def test_setup_task_names_a_task_of_the_programmes_tasks_module():
    from cohorts import tasks

    assert COHORTS.task("email_decision") is tasks.email_decision
    with pytest.raises(AttributeError):
        COHORTS.task("email_nobody")


def test_setup_canonical_is_the_page_itself_without_translations():
    class Untranslated:
        pass

    class Translated:
        def canonical(self):
            return "the English page"

    page = Untranslated()
    assert COHORTS.canonical(page) is page
    assert COHORTS.canonical(Translated()) == "the English page"


def test_a_setup_made_is_every_setup_of_its_programme(registry):
    """The orphan-file sweep spares the answer files of every setup made
    (review.files.answer_files_in_use): each registers itself as it is made."""
    made = type(COHORTS)(**{**COHORTS.__dict__, "allocation_order": ("-pk",)})
    setups = every_setup()
    assert any(setup is made for setup in setups)
    assert not any(setup is COHORTS for setup in setups)
