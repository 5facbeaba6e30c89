"""Rows of the database copied as they are, table by table, and put back.

`loaddata` builds a model instance for every row, saves it and sends its signals:
for the demo site that took 1.5-2.5 s a test. Copying the rows with plain SQL
takes a tenth of that. A snapshot is a dict {table: (primary key, columns, rows)}
and can be pickled; it is put back inside the current transaction, replacing the
rows with the same primary key and leaving the others alone, like `loaddata`.
Whatever reads the database through a cache must be told (the caller clears it).
"""

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

# Rows that are not the demo's: who signed in, the queue of tasks, and what
# migrations make identically in every database (content types, permissions).
EXCLUDED_APPS = {"contenttypes", "sessions", "django_tasks_database", "account", "mfa"}
EXCLUDED_MODELS = {"auth.permission", "home.user"}


def _excluded(model) -> bool:
    meta = model._meta
    if meta.auto_created:  # a many-to-many table: goes with the model that declares it
        return _excluded(meta.auto_created)
    return meta.app_label in EXCLUDED_APPS or meta.label_lower in EXCLUDED_MODELS


def _model_tables(everything: bool = False) -> dict[str, object]:
    existing = set(connection.introspection.table_names())
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and meta.db_table in existing:
            if everything or not _excluded(model):
                tables[meta.db_table] = model
    return tables


def _sqlite_virtual_tables() -> list[str]:
    """SQLite's full-text tables (Wagtail's search index), which no model manages."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND sql LIKE 'CREATE VIRTUAL TABLE%'"
        )
        return [name for (name,) in cursor.fetchall()]


def capture(everything: bool = False) -> dict:
    """The rows of the demo's tables, or with `everything` of every table."""
    quote = connection.ops.quote_name
    snapshot = {}
    with connection.cursor() as cursor:
        for table, model in _model_tables(everything).items():
            pk = model._meta.pk.column
            if connection.vendor == "postgresql":
                rows = "coalesce(json_agg(t), '[]')::text"
                cursor.execute(f"SELECT {rows} FROM {quote(table)} t")  # noqa: S608
                snapshot[table] = (pk, None, cursor.fetchone()[0])
            else:
                cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 -- names from models
                columns = [c[0] for c in cursor.description]
                snapshot[table] = (pk, columns, cursor.fetchall())
        if connection.vendor == "sqlite":
            for table in _sqlite_virtual_tables():
                cursor.execute(f"SELECT rowid, * FROM {quote(table)}")  # noqa: S608
                columns = [c[0] for c in cursor.description]
                snapshot[table] = ("rowid", columns, cursor.fetchall())
    return snapshot


def restore(snapshot: dict) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, (pk, columns, rows) in snapshot.items():
            if connection.vendor == "postgresql":
                records = f"json_populate_recordset(NULL::{quote(table)}, %s::json)"
                cursor.execute(
                    f"DELETE FROM {quote(table)} WHERE {quote(pk)} IN "  # noqa: S608
                    f"(SELECT {quote(pk)} FROM {records})",
                    [rows],
                )
                cursor.execute(
                    f"INSERT INTO {quote(table)} SELECT * FROM {records}",  # noqa: S608
                    [rows],
                )
            elif rows:
                names = ", ".join(quote(c) for c in columns)
                marks = ", ".join("%s" for _ in columns)
                cursor.executemany(
                    f"INSERT OR REPLACE INTO {quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
                    rows,
                )
        if connection.vendor == "postgresql":
            # The rows came with their ids: the sequences continue after them.
            tables = _model_tables(everything=True)
            models = [m for t, m in tables.items() if t in snapshot]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


def replace_all(snapshot: dict) -> None:
    """Every table holds exactly the snapshot's rows again (after a flush)."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in snapshot:
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        for table in set(_model_tables(everything=True)) - set(snapshot):
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        restore(snapshot)
