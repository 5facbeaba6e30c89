"""pytest plugin: run this session with one mutant applied (MUTATION_MUTANT).

Used by the PostgreSQL phase of `make mutate` (mutation.postgres): the mutant is
found again by its id in mutation.toml's modules and applied once Django is set
up and the tests are collected, before any test runs.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def pytest_collection_finish(session):
    mutant_id = os.environ.get("MUTATION_MUTANT")
    if not mutant_id:
        return
    import mutate

    from .runner import apply

    path = mutant_id.split("::", 1)[0]
    config = mutate.load_config(ROOT / "mutation.toml")
    found = [m for m in mutate.build_mutants(config, {path}) if m.id == mutant_id]
    if not found:
        raise LookupError(f"no mutant {mutant_id} in mutation.toml's modules")
    apply(found[0])
