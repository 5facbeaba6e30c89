"""A pytest plugin that runs the suite once with coverage, then every mutant.

One pytest session. This process makes the test database (SQLite in memory, so
every forked child has its own copy). The suite then runs once under coverage,
each test file in a forked child (two at once on two cores), with one coverage
context per test, so each line knows the tests that execute it. Then each
mutant runs in a forked child, which swaps the code of the one function the
mutant changes (`function.__code__`, so every reference to the function sees
it) and runs only the tests that execute the changed lines, those that killed
its neighbours first, stopping at the first failure ("killed"). A mutant no
test notices "survives"; one on lines no test executes is "never executed".
"""

import ast
import copy
import gc
import hashlib
import importlib
import json
import os
import pickle
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import coverage
import pytest

from .mutants import Mutant

SURVIVED, KILLED, ERROR = 0, 1, 3


@dataclass
class Outcome:
    mutant: Mutant
    status: str  # killed, survived, not executed, equivalent, error
    tests: int = 0
    killer: str = ""
    seconds: float = 0.0
    detail: str = ""


@dataclass
class Plan:
    root: Path
    mutants: list[Mutant]
    equivalent: dict[str, str]
    workers: int = 2
    sample: int = 0
    seed: int = 13
    max_tests: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    baseline_seconds: float = 0.0
    baseline_failures: list[str] = field(default_factory=list)


def _find_code(code, qualname):
    if getattr(code, "co_qualname", None) == qualname:
        return code
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            found = _find_code(const, qualname)
            if found is not None:
                return found
    return None


def _find_function(module, qualname):
    obj = module
    for part in qualname.split("."):
        namespace = vars(obj) if hasattr(obj, "__dict__") else {}
        obj = namespace[part] if part in namespace else getattr(obj, part)
    # Unwrap decorators (transaction.atomic, property, staticmethod, ...).
    seen = set()
    queue = [obj]
    while queue:
        candidate = queue.pop()
        if id(candidate) in seen:
            continue
        seen.add(id(candidate))
        code = getattr(candidate, "__code__", None)
        if code is not None and getattr(code, "co_qualname", None) == qualname:
            return candidate
        for attr in ("__wrapped__", "__func__", "fget", "fset", "func"):
            inner = getattr(candidate, attr, None)
            if inner is not None:
                queue.append(inner)
    raise LookupError(f"no live function {qualname} in {module.__name__}")


def apply(mutant: Mutant) -> None:
    """Make the running process execute `mutant` instead of the original code."""
    module = importlib.import_module(mutant.module)
    filename = module.__file__
    if mutant.qualname is None:
        statement = ast.Module(body=[mutant.statement], type_ignores=[])
        exec(compile(statement, filename, "exec"), module.__dict__)  # noqa: S102 -- the mutant is our own code, changed on purpose
        return
    function = _find_function(module, mutant.qualname)
    tree = mutant.tree
    missing = set(function.__code__.co_freevars)
    for _attempt in range(2):
        target = _find_code(compile(tree, filename, "exec"), mutant.qualname)
        if target is None:
            raise LookupError(f"no code for {mutant.qualname}")
        missing -= set(target.co_freevars)
        if not missing:
            break
        # The mutant no longer uses a name of the enclosing scope (`super()`'s
        # `__class__` once the call is removed): a function's code can only be
        # swapped for code with the same free variables, so the mutant names it.
        tree = _naming(tree, mutant.qualname, sorted(missing))
    function.__code__ = target
    _rebuild_menus()


def _rebuild_menus() -> None:
    """Let Wagtail build its admin menus again from the hooks.

    A menu keeps the items its hooks made the first time it was read (the
    cached property `registered_menu_items`), before any mutant was applied:
    a mutant of a menu hook or menu item would go unseen.
    """
    menu = sys.modules.get("wagtail.admin.menu")
    if menu is None:
        return
    for name in ("admin_menu", "settings_menu"):
        vars(getattr(menu, name)).pop("registered_menu_items", None)


def _naming(tree, qualname, names):
    """A copy of `tree` whose function `qualname` ends by naming `names`."""
    tree = copy.deepcopy(tree)
    body = tree.body
    node = None
    for part in qualname.split("."):
        if part == "<locals>":
            body = node.body
            continue
        node = next(
            n
            for n in body
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and n.name == part
        )
        body = node.body
    node.body.extend(ast.Expr(ast.Name(name, ast.Load())) for name in names)
    return ast.fix_missing_locations(tree)


class MutationPlugin:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.failed = False
        self.failure = ""

    def pytest_runtest_logreport(self, report):
        if report.failed:
            self.failed = True
            self.failure = f"{report.when}: {str(report.longrepr)[-600:]}"

    def _run(self, item, nextitem) -> bool:
        """Run one test; True when it failed (or its fixtures did)."""
        self.failed = False
        item.config.hook.pytest_runtest_protocol(item=item, nextitem=nextitem)
        return self.failed

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        if (
            session.testsfailed
            and not session.config.option.continue_on_collection_errors
        ):
            raise session.Interrupted("collection errors")
        items = list(session.items)
        if not items:
            return True
        plan = self.plan
        files = sorted({str((plan.root / m.path).resolve()) for m in plan.mutants})
        # The table is the summary: pytest's own ("1 passed") would count only
        # the test that made the database here.
        manager = session.config.pluginmanager
        reporter = manager.get_plugin("terminalreporter")
        if reporter is not None:
            manager.unregister(reporter)
        anchor = self._prepare(items)
        started = time.perf_counter()
        by_file, durations, failures = self._baseline(items, files, anchor)
        plan.baseline_seconds = time.perf_counter() - started
        plan.baseline_failures = sorted(failures)
        by_id = {item.nodeid: item for item in items}

        def covering(mutant):
            lines = by_file.get(str((plan.root / mutant.path).resolve()), {})
            if mutant.qualname is None:  # a module constant: every test of the file
                wanted = lines.keys()
            else:
                wanted = range(mutant.lines[0], mutant.lines[1] + 1)
            names = set()
            for line in wanted:
                names.update(lines.get(line, ()))
            tests = [
                by_id[name] for name in names if name in by_id and name not in failures
            ]
            tests.sort(key=lambda item: durations.get(item.nodeid, 0))
            if plan.max_tests:
                tests = tests[: plan.max_tests]
            return tests

        queue = []
        mutants = plan.mutants
        if plan.sample:
            rng = random.Random(plan.seed)  # noqa: S311 -- a repeatable sample, not a secret
            by_path = {}
            for mutant in mutants:
                by_path.setdefault(mutant.path, []).append(mutant)
            mutants = []
            for group in by_path.values():
                mutants.extend(
                    group
                    if len(group) <= plan.sample
                    else sorted(rng.sample(group, plan.sample), key=group.index)
                )
        for mutant in mutants:
            if mutant.id in plan.equivalent:
                plan.outcomes.append(
                    Outcome(mutant, "equivalent", detail=plan.equivalent[mutant.id])
                )
                continue
            tests = covering(mutant)
            if not tests:
                plan.outcomes.append(Outcome(mutant, "not executed"))
                continue
            budget = sum(durations.get(t.nodeid, 1) for t in tests)
            queue.append((mutant, tests, 10 + 4 * budget))

        self._run_mutants(queue, anchor, durations)
        return True

    def _prepare(self, items):
        """Make the test database here, once, before any fork.

        The test database is SQLite in memory: every forked child gets its own
        copy of it, so children never see each other's writes. One test that
        uses the database is run here to create it. Its teardown keeps only the
        collectors every test shares (the session and the top folder), so that
        a child can run any test next: the returned "anchor" is the test each
        child names as the next one after its last, which keeps the session up.
        """

        def shared(a, b):
            n = 0
            for x, y in zip(a.listchain(), b.listchain(), strict=False):
                if x is not y:
                    break
                n += 1
            return n

        warm = next(
            (item for item in items if "db" in getattr(item, "fixturenames", ())),
            items[0],
        )
        anchor = min(items, key=lambda item: shared(item, warm))
        self._run(warm, anchor)
        return anchor

    def _baseline(self, items, files, anchor):
        """Run every test once under coverage, one context per test.

        The tests of each file run in a forked child (at most `workers` at
        once, the longest files first), which writes the lines each test
        executed, its duration and whether it failed.
        """
        plan = self.plan
        by_path = {}
        for item in items:
            by_path.setdefault(str(item.path), []).append(item)
        known = _load_durations(plan.root)
        groups = sorted(
            by_path.values(),
            key=lambda group: -sum(known.get(item.nodeid, 0.5) for item in group),
        )
        results = Path(tempfile.mkdtemp(prefix="mutation-baseline-"))
        queue = [(number, group) for number, group in enumerate(groups)]
        terminal = sys.__stderr__

        def start(number, group):
            result_file = results / f"{number}.pickle"
            pid = os.fork()
            if pid == 0:
                self._baseline_child(group, files, anchor, result_file)
            return pid, result_file

        by_file = {path: {} for path in files}
        durations = {}
        failures = set()
        running = {}
        done = 0
        gc.collect()
        gc.freeze()
        while queue or running:
            while queue and len(running) < plan.workers:
                number, group = queue.pop(0)
                pid, result_file = start(number, group)
                running[pid] = (group, result_file)
            pid, status = os.waitpid(-1, 0)
            group, result_file = running.pop(pid)
            done += 1
            if not result_file.exists():
                # The child died: its tests count as failing (left out).
                failures.update(item.nodeid for item in group)
                print(f"[baseline] {group[0].path}: child died", file=terminal)
                continue
            with result_file.open("rb") as handle:
                part = pickle.load(handle)  # noqa: S301 -- written by our own child
            durations.update(part["durations"])
            failures.update(part["failures"])
            for path, lines in part["lines"].items():
                target = by_file.setdefault(path, {})
                for line, names in lines.items():
                    target.setdefault(line, set()).update(names)
            print(
                f"[baseline {done}/{len(groups)}] {len(group)} tests "
                f"{sum(part['durations'].values()):5.1f}s "
                f"{Path(group[0].path).relative_to(plan.root)}",
                file=terminal,
                flush=True,
            )
        _save_durations(plan.root, durations)
        return by_file, durations, failures

    def _baseline_child(self, group, files, anchor, result_file):
        try:
            self._quiet(anchor)
            cov = coverage.Coverage(
                data_file=None, include=files, config_file=False, branch=False
            )
            # A file whose tests touch no listed module is no news.
            cov.set_option("run:disable_warnings", ["no-data-collected"])
            durations = {}
            failures = []
            cov.start()
            for index, item in enumerate(group):
                nextitem = group[index + 1] if index + 1 < len(group) else anchor
                cov.switch_context(item.nodeid)
                # Each test that reads a menu builds it, so that the lines of the
                # menu hooks count for every such test, not only the first.
                _rebuild_menus()
                t0 = time.perf_counter()
                if self._run(item, nextitem):
                    failures.append(item.nodeid)
                durations[item.nodeid] = time.perf_counter() - t0
            cov.stop()
            data = cov.get_data()
            lines = {}
            for path in data.measured_files():
                lines[path] = {
                    line: [name for name in names if name]
                    for line, names in data.contexts_by_lineno(path).items()
                }
            partial = result_file.with_suffix(".partial")
            with partial.open("wb") as handle:
                pickle.dump(
                    {"durations": durations, "failures": failures, "lines": lines},
                    handle,
                )
            partial.rename(result_file)
        finally:
            os._exit(0)

    def _quiet(self, anchor):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        manager = anchor.config.pluginmanager
        reporter = manager.get_plugin("terminalreporter")
        if reporter is not None:
            manager.unregister(reporter)

    def _run_mutants(self, queue, anchor, durations):
        """Run each mutant in a forked child, at most `workers` at once.

        A mutant's tests run in the order most likely to kill it soonest: the
        tests that killed other mutants of the same function first, then those
        that killed mutants of the same module, then the test files named after
        the module, then the fastest. Mutants of one function are made one after
        another, so the first kill teaches the rest.
        """
        plan = self.plan
        results = Path(tempfile.mkdtemp(prefix="mutation-"))
        running = {}
        total = len(queue)
        done = 0
        queue = list(enumerate(queue))
        terminal = sys.__stderr__
        kills_in_function = Counter()
        kills_in_module = Counter()

        def affinity(mutant, item):
            """0 for tests/cohorts/test_rules_services.py and cohorts/services.py,
            1 for another app's test_services.py, 2 for the rest."""
            app, _slash, name = mutant.path.rpartition("/")
            if Path(name).stem not in Path(item.path).stem:
                return 2
            return 0 if app in Path(item.path).parts else 1

        def order(mutant, tests):
            function = (mutant.path, mutant.qualname)
            return sorted(
                tests,
                key=lambda item: (
                    -kills_in_function[function, item.nodeid],
                    -kills_in_module[mutant.path, item.nodeid],
                    affinity(mutant, item),
                    durations.get(item.nodeid, 0),
                ),
            )

        # Objects the children only read stay shared with this process.
        gc.collect()
        gc.freeze()
        while queue or running:
            while queue and len(running) < plan.workers:
                number, (mutant, tests, timeout) = queue.pop(0)
                tests = order(mutant, tests)
                result_file = results / f"{number}.txt"
                pid = os.fork()
                if pid == 0:  # the child
                    self._child(mutant, tests, anchor, result_file)
                running[pid] = (mutant, tests, time.monotonic(), timeout, result_file)
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                now = time.monotonic()
                for child, (_m, _t, start, timeout, _f) in list(running.items()):
                    if now - start > timeout:
                        os.kill(child, signal.SIGKILL)
                time.sleep(0.01)
                continue
            mutant, tests, start, timeout, result_file = running.pop(pid)
            seconds = time.monotonic() - start
            note = result_file.read_text() if result_file.exists() else ""
            if os.WIFSIGNALED(status):
                outcome = Outcome(
                    mutant, "killed", len(tests), "timeout or crash", seconds
                )
            elif os.WEXITSTATUS(status) == KILLED:
                outcome = Outcome(mutant, "killed", len(tests), note, seconds)
                killer = note.split(" ", 1)[0]
                kills_in_function[(mutant.path, mutant.qualname), killer] += 1
                kills_in_module[mutant.path, killer] += 1
            elif os.WEXITSTATUS(status) == SURVIVED:
                outcome = Outcome(mutant, "survived", len(tests), "", seconds)
            else:
                outcome = Outcome(mutant, "error", len(tests), "", seconds, note)
            plan.outcomes.append(outcome)
            done += 1
            print(
                f"[{done}/{total}] {outcome.status:9} {seconds:5.1f}s {mutant.id}",
                file=terminal,
                flush=True,
            )

    def _child(self, mutant, tests, anchor, result_file):
        code = ERROR
        try:
            self._quiet(anchor)
            try:
                apply(mutant)
            except Exception:
                result_file.write_text(traceback.format_exc())
                os._exit(ERROR)
            code = SURVIVED
            for index, item in enumerate(tests):
                nextitem = tests[index + 1] if index + 1 < len(tests) else anchor
                if self._run(item, nextitem):
                    result_file.write_text(f"{item.nodeid} {self.failure}")
                    code = KILLED
                    break
        except BaseException:
            # A mutant that breaks the test machinery itself is noticed too.
            result_file.write_text("crash: " + traceback.format_exc()[-500:])
            code = KILLED
        finally:
            os._exit(code)


def _durations_file(root: Path) -> Path:
    return Path(tempfile.gettempdir()) / (
        "mutation-durations-" + hashlib.sha256(str(root).encode()).hexdigest()[:12]
    )


def _load_durations(root: Path) -> dict:
    """Each test's duration in the last baseline of this checkout, if any: the
    longest files start first, so that the workers finish together."""
    try:
        return json.loads(_durations_file(root).read_text())
    except (OSError, ValueError):
        return {}


def _save_durations(root: Path, durations: dict) -> None:
    _durations_file(root).write_text(json.dumps(durations))
