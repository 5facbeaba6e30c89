"""Backups of the database and the media, their restore, and the restore drill.

    python -m coe_site.backups backup [--dest backups]
    python -m coe_site.backups restore FOLDER
    python -m coe_site.backups drill FOLDER

(`scripts/backup.sh`, `scripts/restore.sh` and `scripts/restore_drill.sh` call
these with the production settings; the README's "Backups" section says when.)

A backup is one folder named by its UTC time: `database.dump` (pg_dump's custom
format), `media.tar` and `private_media.tar` (MEDIA_ROOT and PRIVATE_MEDIA_ROOT)
and `manifest.json` with the number of rows of every table and of files in each
folder. The row counts are read in the very snapshot pg_dump dumps (exported from
one repeatable-read transaction), so they are what the dump holds even while the
site takes registrations.

A restore needs an empty database and empty media folders. The drill restores a
backup into a new throwaway database and throwaway folders, compares what came
back with the manifest (pages, registrations, applications, files, and every
other table), then drops them.
"""

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess  # nosec B404  # runs pg_dump and pg_restore, no shell
import sys
import tarfile
import tempfile
from pathlib import Path

MANIFEST = "manifest.json"
DUMP = "database.dump"
FOLDERS = {"media": "MEDIA_ROOT", "private_media": "PRIVATE_MEDIA_ROOT"}
TABLES_SQL = (
    "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
    "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
)


class BackupError(Exception):
    """What went wrong, for the operator; the scripts exit non-zero with it."""


def headline_tables() -> dict[str, str]:
    """The tables the drill names first: {what: "schema.table"}."""
    from wagtail.models import Page

    from cohorts.models import Application
    from events.models import Registration

    return {
        what: f"public.{model._meta.db_table}"
        for what, model in (
            ("pages", Page),
            ("registrations", Registration),
            ("applications", Application),
        )
    }


def libpq_environment(database: dict) -> dict[str, str]:
    """Connection settings for pg_dump, pg_restore and psql, passed in the
    environment so that no password shows in a process list."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError(
            "Backups need PostgreSQL: DATABASE_URL names "
            f"{database['ENGINE'].rsplit('.', 1)[-1]}."
        )
    env = dict(os.environ)
    for setting, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if database.get(setting):
            env[variable] = str(database[setting])
    if sslmode := database.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return env


def program(name: str) -> str:
    """The full path of one of PostgreSQL's client programs."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: install PostgreSQL's client programs "
            "(Debian: postgresql-client) of the server's major version or newer."
        )
    return path


def count_rows(cursor) -> dict[str, int]:
    cursor.execute(TABLES_SQL)
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608  # nosec B608  # quote_ident'ed names from pg_tables
        counts[table] = cursor.fetchone()[0]
    return counts


def count_files(folder: Path) -> int:
    return (
        sum(1 for path in folder.rglob("*") if path.is_file()) if folder.exists() else 0
    )


def backup(dest: Path) -> Path:
    """Dump the database and archive both media folders into a new folder of dest."""
    from django.conf import settings
    from django.db import connection, transaction

    env = libpq_environment(connection.settings_dict)
    stamp = dt.datetime.now(tz=dt.UTC).strftime("%Y-%m-%dT%H%M%SZ")
    folder = dest / stamp
    folder.mkdir(parents=True)
    folder.chmod(0o700)  # personal data: for the operator's account alone
    connection.ensure_connection()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        rows = count_rows(cursor)
        subprocess.run(  # noqa: S603  # nosec B603  # our own arguments, no shell
            [
                program("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={folder / DUMP}",
            ],
            env=env,
            check=True,
        )
    files = {}
    for name, setting in FOLDERS.items():
        root = Path(getattr(settings, setting))
        files[name] = count_files(root)
        with tarfile.open(folder / f"{name}.tar", "w") as archive:
            if root.exists():
                archive.add(root, arcname=".")
    manifest = {
        "created": dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds"),
        "rows": rows,
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return folder


def read_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST}.") from None


def differences(manifest: dict, rows: dict[str, int], files: dict[str, int]) -> list:
    """What came back differently from what the backup holds, one line each."""
    lines = []
    for name, expected in sorted(manifest["files"].items()):
        if files.get(name) != expected:
            lines.append(
                f"files in {name}: backup {expected}, restored {files.get(name)}"
            )
    for table in sorted(set(manifest["rows"]) | set(rows)):
        expected, restored = manifest["rows"].get(table), rows.get(table)
        if expected != restored:
            lines.append(f"rows of {table}: backup {expected}, restored {restored}")
    return lines


def summary(manifest: dict) -> str:
    rows = manifest["rows"]
    parts = [f"{what} {rows.get(table)}" for what, table in headline_tables().items()]
    parts += [f"files in {name} {n}" for name, n in sorted(manifest["files"].items())]
    parts.append(f"{len(rows)} tables")
    return ", ".join(parts)


def restore_into(folder: Path, database: dict, media_roots: dict[str, Path]) -> list:
    """Restore the backup into an empty database and empty folders; return the
    differences from its manifest (an empty list when everything came back)."""
    import psycopg

    manifest = read_manifest(folder)
    env = libpq_environment(database)
    with psycopg.connect(dbname=database["NAME"], **_connect_args(database)) as conn:
        if conn.execute(TABLES_SQL).fetchall():
            raise BackupError(
                f"The database {database['NAME']} has tables: restore only into an "
                "empty database (createdb a new one)."
            )
    for name, root in media_roots.items():
        if root.exists() and any(root.iterdir()):
            raise BackupError(f"{root} ({FOLDERS[name]}) is not empty.")
    subprocess.run(  # noqa: S603  # nosec B603  # our own arguments, no shell
        [
            program("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            f"--dbname={database['NAME']}",
            str(folder / DUMP),
        ],
        env=env,
        check=True,
    )
    for name, root in media_roots.items():
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(folder / f"{name}.tar") as archive:
            archive.extractall(root, filter="data")
    with psycopg.connect(dbname=database["NAME"], **_connect_args(database)) as conn:
        rows = count_rows(conn.cursor())
    files = {name: count_files(root) for name, root in media_roots.items()}
    return differences(manifest, rows, files)


def _connect_args(database: dict) -> dict:
    args = {
        key: database[setting]
        for setting, key in (
            ("HOST", "host"),
            ("PORT", "port"),
            ("USER", "user"),
            ("PASSWORD", "password"),
        )
        if database.get(setting)
    }
    if sslmode := database.get("OPTIONS", {}).get("sslmode"):
        args["sslmode"] = sslmode
    return args


def restore(folder: Path) -> list:
    """Restore into the configured (empty) database and media folders."""
    from django.conf import settings
    from django.db import connection

    roots = {
        name: Path(getattr(settings, setting)) for name, setting in FOLDERS.items()
    }
    return restore_into(folder, connection.settings_dict, roots)


def drill(folder: Path, *, keep: bool = False) -> list:
    """Restore into a new throwaway database and folders, compare, drop them."""
    from django.db import connection

    source = connection.settings_dict
    stamp = dt.datetime.now(tz=dt.UTC).strftime("%Y%m%d%H%M%S")
    database = {**source, "NAME": f"{source['NAME'][:30]}_drill_{stamp}"}
    work = Path(tempfile.mkdtemp(prefix="coe-drill-"))
    roots = {name: work / name for name in FOLDERS}
    quoted = connection.ops.quote_name(database["NAME"])
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {quoted}")
    try:
        return restore_into(folder, database, roots)
    finally:
        if keep:
            print(f"kept: database {database['NAME']}, folders under {work}")
        else:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP DATABASE {quoted} WITH (FORCE)")
            shutil.rmtree(work)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coe_site.backups")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup", help="back up the database and the media")
    make.add_argument("--dest", type=Path, default=Path("backups"))
    back = commands.add_parser("restore", help="restore into the empty configured one")
    back.add_argument("folder", type=Path)
    check = commands.add_parser("drill", help="restore into a throwaway one, compare")
    check.add_argument("folder", type=Path)
    check.add_argument("--keep", action="store_true", help="keep what was restored")
    args = parser.parse_args(argv)

    import django

    django.setup()
    try:
        if args.command == "backup":
            folder = backup(args.dest)
            print(f"backup written to {folder}: {summary(read_manifest(folder))}")
            return 0
        manifest = read_manifest(args.folder)
        if args.command == "restore":
            problems = restore(args.folder)
        else:
            problems = drill(args.folder, keep=args.keep)
    except (BackupError, subprocess.CalledProcessError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if problems:
        print(f"{args.command} FAILED: what came back differs from {args.folder}:")
        for line in problems:
            print(f"  {line}")
        return 1
    print(f"{args.command} passed: the same {summary(manifest)} as the backup")
    return 0


if __name__ == "__main__":
    sys.exit(main())
