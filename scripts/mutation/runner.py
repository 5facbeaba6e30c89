"""A pytest plugin that runs the suite once with coverage, then every mutant.

One pytest session: the tests run once in this process under coverage, with one
coverage context per test, so each line knows the tests that execute it. Then
each mutant runs in a forked child of this process, which already has Django
set up and the test database created: the child swaps the code of the one
function the mutant changes (`function.__code__`, so every reference to the
function sees it) and runs only the tests that execute the changed lines,
fastest first, stopping at the first failure ("killed"). A mutant no test
notices "survives"; one on lines no test executes is "never executed".
"""

import ast
import gc
import importlib
import os
import random
import signal
import sys
import tempfile
import time
import traceback
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
    code = compile(mutant.tree, filename, "exec")
    target = _find_code(code, mutant.qualname)
    if target is None:
        raise LookupError(f"no code for {mutant.qualname}")
    _find_function(module, mutant.qualname).__code__ = target


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
        cov = coverage.Coverage(
            data_file=None, include=files, config_file=False, branch=False
        )
        durations = {}
        failures = set()
        # The last test's teardown keeps the session (and the test database) up
        # for the forked children: its "next item" is the first test.
        started = time.perf_counter()
        cov.start()
        for index, item in enumerate(items):
            nextitem = items[index + 1] if index + 1 < len(items) else items[0]
            cov.switch_context(item.nodeid)
            t0 = time.perf_counter()
            if self._run(item, nextitem):
                failures.add(item.nodeid)
            durations[item.nodeid] = time.perf_counter() - t0
        cov.stop()
        plan.baseline_seconds = time.perf_counter() - started
        plan.baseline_failures = sorted(failures)
        data = cov.get_data()
        by_file = {}
        for path in files:
            by_file[path] = data.contexts_by_lineno(path)
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

        self._run_mutants(queue, items[0])
        return True

    def _run_mutants(self, queue, first_item):
        plan = self.plan
        results = Path(tempfile.mkdtemp(prefix="mutation-"))
        running = {}
        total = len(queue)
        done = 0
        queue = list(enumerate(queue))
        terminal = sys.__stderr__
        # Objects the children only read stay shared with this process.
        gc.collect()
        gc.freeze()
        while queue or running:
            while queue and len(running) < plan.workers:
                number, (mutant, tests, timeout) = queue.pop(0)
                result_file = results / f"{number}.txt"
                pid = os.fork()
                if pid == 0:  # the child
                    self._child(mutant, tests, first_item, result_file)
                running[pid] = (mutant, tests, time.monotonic(), timeout, result_file)
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                now = time.monotonic()
                for child, (_m, _t, start, timeout, _f) in list(running.items()):
                    if now - start > timeout:
                        os.kill(child, signal.SIGKILL)
                time.sleep(0.02)
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

    def _child(self, mutant, tests, first_item, result_file):
        code = ERROR
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            manager = first_item.config.pluginmanager
            reporter = manager.get_plugin("terminalreporter")
            if reporter is not None:
                manager.unregister(reporter)
            try:
                apply(mutant)
            except Exception:
                result_file.write_text(traceback.format_exc())
                os._exit(ERROR)
            code = SURVIVED
            for index, item in enumerate(tests):
                nextitem = tests[index + 1] if index + 1 < len(tests) else first_item
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
