"""A page made once for a test module, as if each test had made it.

Making a cohort or a call (a page with its Hindi translation, published) costs
more than most tests that use one. `made_once` gives a module three fixtures:

- `<name>_once` (module scope, inside `module_db`): makes the page, returns its pk;
- `<name>`: the page read afresh for each test, so that one test changing the
  object in memory never reaches the next;
- an autouse fixture that, for a test not asking for `<name>` (directly or through
  another fixture), deletes the page and its translations inside the test's
  savepoint: such a test sees only what it makes itself (several make a page of
  the same slug, or list every page), and the rollback brings it back for the
  next. The deletion starts a new site generation, so the cache is emptied as
  the test found it.

    cohort_once, cohort, _cohort_hidden = made_once("cohort", cohort_with_rubric)
"""

import inspect

import pytest
from django.core.cache import cache
from wagtail.models import Page

from home.caching import forget_local


def made_once(name: str, make):
    made: dict[str, int] = {}  # the pk, while the module's page exists

    @pytest.fixture(scope="module", name=f"{name}_once")
    def once(module_db):
        made["pk"] = make().pk
        yield made["pk"]
        made.clear()

    def fresh(**fixtures):
        return Page.objects.get(pk=fixtures[f"{name}_once"]).specific

    # Asked for by name, not with getfixturevalue: a module fixture first set up
    # from inside a test would be made in that test's savepoint, and rolled back.
    fresh.__signature__ = inspect.Signature(
        [
            inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD)
            for n in (f"{name}_once", "db")
        ]
    )
    fresh = pytest.fixture(name=name)(fresh)

    @pytest.fixture(autouse=True, name=f"_{name}_hidden_unless_asked")
    def hidden(request, db):
        if name in request.fixturenames or not made:
            return
        page = Page.objects.get(pk=made["pk"])
        Page.objects.filter(translation_key=page.translation_key).delete()
        cache.clear()
        forget_local()

    return once, fresh, hidden
