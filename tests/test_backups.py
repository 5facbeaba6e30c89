"""Backups and the restore drill (issue 18, item 9).

The whole drill (a throwaway PostgreSQL database seeded with seed_demo, backed up,
restored, compared, dropped; then a backup that lost a file, which must fail) is
`scripts/restore_drill.sh --demo`, run by CI after the PostgreSQL suite. These
tests check how the drill judges what came back, on any database.
"""

import pytest

from coe_site.backups import differences, main

MANIFEST = {
    "rows": {
        "public.wagtailcore_page": 53,
        "public.events_registration": 22,
        "public.cohorts_application": 6,
    },
    "files": {"media": 23, "private_media": 1},
}


def test_nothing_differs_when_everything_came_back():
    assert differences(MANIFEST, dict(MANIFEST["rows"]), {**MANIFEST["files"]}) == []


def test_missing_rows_and_files_are_named():
    rows = {**MANIFEST["rows"], "public.events_registration": 21}
    del rows["public.cohorts_application"]
    files = {"media": 23, "private_media": 0}
    assert differences(MANIFEST, rows, files) == [
        "files in private_media: backup 1, restored 0",
        "rows of public.cohorts_application: backup 6, restored None",
        "rows of public.events_registration: backup 22, restored 21",
    ]


def test_a_table_the_backup_does_not_hold_is_named():
    rows = {**MANIFEST["rows"], "public.stray": 0}
    assert differences(MANIFEST, rows, dict(MANIFEST["files"])) == [
        "rows of public.stray: backup None, restored 0"
    ]


def test_backup_on_sqlite_says_it_needs_postgresql(db, tmp_path, capsys, settings):
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.skip("on PostgreSQL the drill in CI backs up for real")
    assert main(["backup", "--dest", str(tmp_path)]) == 1
    assert "Backups need PostgreSQL" in capsys.readouterr().err


def test_a_folder_without_manifest_is_not_a_backup(db, tmp_path, capsys):
    assert main(["drill", str(tmp_path)]) == 1
    assert f"{tmp_path} is not a backup" in capsys.readouterr().err
