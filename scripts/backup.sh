#!/usr/bin/env bash
# A backup of the database (pg_dump, custom format) and of MEDIA_ROOT and
# PRIVATE_MEDIA_ROOT, in a new folder named by the UTC time under BACKUP_DIR
# (default backups/), with a manifest of row and file counts. README: "Backups".
# The same environment as the site (DATABASE_URL, MEDIA_ROOT, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-coe_site.settings.production}"
exec "${VENV:-.venv}/bin/python" -m coe_site.backups backup --dest "${BACKUP_DIR:-backups}"
