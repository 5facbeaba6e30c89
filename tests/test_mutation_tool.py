"""The mutation runner behind `make mutate`: the mutants it makes and applies."""

import importlib
import sys
import textwrap

import pytest

from scripts.mutation.mutants import KINDS, mutants_of
from scripts.mutation.runner import apply

SOURCE = textwrap.dedent(
    """
    LIMIT = 10


    def logged(func):
        @functools.wraps(func)
        def inner(*args, **kwargs):
            return func(*args, **kwargs)

        return inner


    @logged
    def over(size):
        return size > LIMIT


    def check(thing, rows):
        if not thing.ok and thing.size >= 3:
            raise ValueError("no")
        thing.seen = True
        rows.filter(owner=thing, active=True).delete()
        logger.info("checked %s", thing)


    class Box:
        def full(self, count):
            return count == self.size


    class Named:
        def __init__(self, name):
            self.name = name


    class Refusal(Named):
        def __init__(self, message):
            super().__init__(message)
            self.message = message
    """
)


@pytest.fixture
def module(tmp_path, monkeypatch):
    (tmp_path / "mutation_sample.py").write_text("import functools\n" + SOURCE)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield importlib.import_module("mutation_sample")
    sys.modules.pop("mutation_sample", None)


def sample_mutants(functions=None):
    source = "import functools\n" + SOURCE
    return mutants_of("mutation_sample.py", "mutation_sample", source, functions)


def by_description(mutants, description):
    return next(m for m in mutants if m.description == description)


def test_mutants_of_every_kind_with_unique_ids():
    mutants = sample_mutants()
    assert {m.kind for m in mutants} == set(KINDS)
    assert len({m.id for m in mutants}) == len(mutants)
    descriptions = {m.description for m in mutants}
    assert "size > LIMIT -> size >= LIMIT" in descriptions
    assert "rows.filter(owner=thing, active=True).delete() -> pass" in descriptions
    assert "rows.filter(owner=thing, active=True) -> without owner=" in descriptions
    assert "raise ValueError('no') -> pass" in descriptions
    # Logging is not behaviour: its calls are never removed.
    assert not any("logger" in m.description for m in mutants)


def test_mutants_only_of_the_functions_named():
    mutants = sample_mutants(["Box"])
    assert {m.qualname for m in mutants} == {"Box.full"}


def test_apply_changes_the_function_everywhere_it_is_referenced(module):
    held = module.over  # e.g. imported by name into another module
    assert held(10) is False
    apply(by_description(sample_mutants(), "size > LIMIT -> size >= LIMIT"))
    assert held(10) is True and module.over(10) is True


def test_apply_changes_a_method_and_a_module_constant(module):
    box = module.Box()
    box.size = 3
    apply(by_description(sample_mutants(), "count == self.size -> count != self.size"))
    assert box.full(3) is False
    apply(by_description(sample_mutants(), "LIMIT = 10: 10 -> 11"))
    assert module.LIMIT == 11


def test_apply_removes_a_super_call(module):
    # The method's code then no longer needs `__class__`, which super() uses:
    # the mutant still names it, so that its code can take the method's place.
    apply(
        by_description(sample_mutants(["Refusal"]), "super().__init__(message) -> pass")
    )
    refusal = module.Refusal("no")
    assert refusal.message == "no" and not hasattr(refusal, "name")


def test_the_postgres_phase_runs_only_on_postgres_with_each_apps_marked_tests():
    from pathlib import Path

    from scripts.mutation.postgres import is_postgres, postgres_tests

    assert is_postgres("postgres://postgres@127.0.0.1:5432/coe")
    assert is_postgres("postgresql://db/coe")
    assert not is_postgres("sqlite:///db.sqlite3")
    assert not is_postgres(None)
    root = Path(__file__).resolve().parent.parent
    events = postgres_tests(root, "events/registration.py")
    assert "tests/events/test_concurrency.py" in events
    assert all(path.startswith("tests/events/") for path in events)
    assert "tests/cohorts/test_selection_locks.py" in postgres_tests(
        root, "cohorts/selection.py"
    )
    assert postgres_tests(root, "scripts/nowhere.py") == []


def test_mutation_toml_reads_and_names_what_exists():
    """A name listed twice (TOML refuses the file: `make mutate` cannot start), or a
    module or function since moved (its mutants silently vanish), fails here."""
    import ast
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "mutation.toml").read_text())
    for path, names in config["modules"].items():
        tree = ast.parse((root / path).read_text())
        defined = set()
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                defined.add(node.name)
            if isinstance(node, ast.ClassDef):
                defined.update(
                    f"{node.name}.{item.name}"
                    for item in node.body
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                )
        if names != "all":
            assert set(names) <= defined, (path, set(names) - defined)
