"""Mutation testing of the modules that hold the rules (`make mutate`).

Reads mutation.toml (the modules, the tests, the equivalent mutants), makes the
mutants, runs the suite once with coverage and then each mutant against the
tests that execute its lines (see scripts/mutation/runner.py). Prints a table
per module and writes it, with every survivor, to bench/results/mutation/.

    python scripts/mutate.py                       # every module in mutation.toml
    python scripts/mutate.py --modules cohorts/files.py,events/services.py
    python scripts/mutate.py --sample 40           # at most 40 mutants a module
    python scripts/mutate.py --kinds compare,remove --tests tests/cohorts

With DATABASE_URL pointing at PostgreSQL, the mutants that survive run again
against the postgres-marked tests of their app (scripts/mutation/postgres.py):
that is where a removed lock shows.
"""

import argparse
import datetime as dt
import json
import os
import resource
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from mutation.mutants import KINDS, mutants_of  # noqa: E402 -- after the path setup
from mutation.postgres import is_postgres, run_phase  # noqa: E402 -- after the path setup
from mutation.runner import MutationPlugin, Plan  # noqa: E402 -- after the path setup


def load_config(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def module_name(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def build_mutants(config, only_modules=None, kinds=None):
    mutants = []
    for path, functions in config["modules"].items():
        if only_modules and path not in only_modules:
            continue
        source = (ROOT / path).read_text()
        found = mutants_of(
            path,
            module_name(path),
            source,
            None if functions == "all" else list(functions),
        )
        mutants.extend(m for m in found if not kinds or m.kind in kinds)
    return mutants


def table(plan) -> tuple[str, dict]:
    rows = {}
    for path in dict.fromkeys(m.path for m in plan.mutants):
        rows[path] = {
            "killed": 0,
            "survived": 0,
            "not executed": 0,
            "equivalent": 0,
            "error": 0,
        }
    for outcome in plan.outcomes:
        rows[outcome.mutant.path][outcome.status] += 1
    lines = [
        "| module | mutants run | killed | survived | never executed "
        "| equivalent (excluded) | errors | killed % |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for path, row in rows.items():
        run = row["killed"] + row["survived"]
        # Never-executed mutants count as not killed in the score.
        scored = run + row["not executed"]
        score = f"{100 * row['killed'] / scored:.0f} %" if scored else "-"
        lines.append(
            f"| `{path}` | {run} | {row['killed']} | {row['survived']} "
            f"| {row['not executed']} | {row['equivalent']} | {row['error']} "
            f"| {score} |"
        )
    return "\n".join(lines), rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / "mutation.toml"))
    parser.add_argument("--modules", default="", help="comma-separated paths")
    parser.add_argument("--kinds", default="", help=f"of {', '.join(KINDS)}")
    parser.add_argument("--sample", type=int, default=0, help="mutants a module")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--tests", default="", help="comma-separated test paths")
    parser.add_argument("--max-tests", type=int, default=0, help="tests a mutant")
    parser.add_argument("--list", action="store_true", help="list mutants, run none")
    parser.add_argument("--out", default=str(ROOT / "bench/results/mutation"))
    args = parser.parse_args(argv)

    config = load_config(Path(args.config))
    only = {m.strip() for m in args.modules.split(",") if m.strip()}
    unknown = only - set(config["modules"])
    if unknown:
        parser.error(f"not in {args.config}: {', '.join(sorted(unknown))}")
    kinds = {k.strip() for k in args.kinds.split(",") if k.strip()}
    mutants = build_mutants(config, only, kinds)
    equivalent = {e["mutant"]: e["reason"] for e in config.get("equivalent", [])}
    if args.list:
        for mutant in mutants:
            mark = "  (equivalent)" if mutant.id in equivalent else ""
            print(f"{mutant.path}:{mutant.lines[0]} [{mutant.kind}] {mutant.id}{mark}")
        print(f"{len(mutants)} mutants", file=sys.stderr)
        return 0

    run = config.get("run", {})
    plan = Plan(
        root=ROOT,
        mutants=mutants,
        equivalent=equivalent,
        workers=args.workers or run.get("workers", 2),
        sample=args.sample,
        seed=args.seed,
        max_tests=args.max_tests,
    )
    tests = [t for t in args.tests.split(",") if t] or run.get("tests", ["tests"])
    os.chdir(ROOT)
    # Forked children need SQLite in memory; PostgreSQL gets a second phase.
    database_url = os.environ.pop("DATABASE_URL", None)
    import pytest

    started = time.monotonic()
    pytest.main(
        [
            *tests,
            "-m",
            run.get("markers", "not browser and not postgres"),
            "-p",
            "no:xdist",
            "-p",
            "no:randomly",
            "-q",
            "--no-header",
            "-o",
            "console_output_style=classic",
        ],
        plugins=[MutationPlugin(plan)],
    )
    postgres_seconds = None
    if is_postgres(database_url):
        postgres_seconds = run_phase(plan, database_url)
    elapsed = time.monotonic() - started
    cpu = sum(
        getattr(resource.getrusage(who), field)
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        for field in ("ru_utime", "ru_stime")
    )
    text, rows = table(plan)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    survivors = [o for o in plan.outcomes if o.status in {"survived", "not executed"}]
    errors = [o for o in plan.outcomes if o.status == "error"]
    report = [
        f"# Mutation testing, {stamp}",
        "",
        f"{len(mutants)} mutants; suite once with coverage "
        f"{plan.baseline_seconds:.0f} s; total {elapsed / 60:.1f} min "
        f"on {plan.workers} workers; {cpu / 60:.1f} min of CPU time"
        + (f"; sample {args.sample} a module" if args.sample else "")
        + (
            f"; PostgreSQL phase (postgres-marked tests of each survivor's app) "
            f"{postgres_seconds / 60:.1f} min"
            if postgres_seconds is not None
            else "; no PostgreSQL phase (DATABASE_URL is not PostgreSQL)"
        ),
        "",
        text,
        "",
    ]
    if plan.baseline_failures:
        report += ["Tests failing before any mutation (left out):", ""]
        report += [f"- {name}" for name in plan.baseline_failures] + [""]
    report += ["## Survivors (and mutants no test executes)", ""]
    for o in sorted(survivors, key=lambda o: (o.mutant.path, o.mutant.lines)):
        report.append(
            f"- {o.mutant.path}:{o.mutant.lines[0]} [{o.mutant.kind}, {o.status}, "
            f"{o.tests} tests] `{o.mutant.id}`"
        )
    if errors:
        report += ["", "## Mutants that could not be applied", ""]
        report += [f"- `{o.mutant.id}`: {o.detail[-300:]}" for o in errors]
    body = "\n".join(report) + "\n"
    (out / f"{stamp}.md").write_text(body)
    (out / "latest.md").write_text(body)
    (out / f"{stamp}.json").write_text(
        json.dumps(
            [
                {
                    "id": o.mutant.id,
                    "path": o.mutant.path,
                    "line": o.mutant.lines[0],
                    "kind": o.mutant.kind,
                    "status": o.status,
                    "tests": o.tests,
                    "killed_by": o.killer,
                    "seconds": round(o.seconds, 2),
                }
                for o in plan.outcomes
            ],
            indent=1,
        )
    )
    print()
    print(text)
    print(
        f"\n{len(survivors)} survivors and never-executed mutants listed in "
        f"{out / 'latest.md'}; took {elapsed / 60:.1f} min "
        f"({cpu / 60:.1f} min of CPU time)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
