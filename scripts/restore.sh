#!/usr/bin/env bash
# Restore a backup folder into the configured database (DATABASE_URL, which must
# be empty: createdb a new one) and media folders (MEDIA_ROOT, PRIVATE_MEDIA_ROOT,
# which must be empty), then check the row and file counts against its manifest.
#   scripts/restore.sh backups/2026-12-01T020000Z
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ]; then
  echo "usage: scripts/restore.sh BACKUP_FOLDER" >&2
  exit 2
fi
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-coe_site.settings.production}"
exec "${VENV:-.venv}/bin/python" -m coe_site.backups restore "$1"
