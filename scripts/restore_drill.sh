#!/usr/bin/env bash
# The restore drill: restore a backup into a new throwaway database (on the server
# of DATABASE_URL) and throwaway folders, check that pages, registrations,
# applications, files and every table's rows came back as many as the backup
# holds, then drop them. Exits non-zero and names what differs otherwise.
#
#   scripts/restore_drill.sh [BACKUP_FOLDER]   the newest under BACKUP_DIR when omitted
#   scripts/restore_drill.sh --demo            CI: a throwaway database seeded with
#       seed_demo (on DRILL_SERVER_URL, default postgres://postgres@127.0.0.1:5432),
#       backed up by scripts/backup.sh, drilled, everything dropped at the end
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${VENV:-.venv}/bin/python"

if [ "${1:-}" != "--demo" ]; then
  export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-coe_site.settings.production}"
  folder="${1:-$(ls -d "${BACKUP_DIR:-backups}"/*/ 2>/dev/null | sort | tail -n 1)}"
  if [ -z "$folder" ]; then
    echo "no backup found under ${BACKUP_DIR:-backups}/" >&2
    exit 2
  fi
  exec "$PY" -m coe_site.backups drill "$folder"
fi

server="${DRILL_SERVER_URL:-postgres://postgres@127.0.0.1:5432}"
name="coe_drill_source_$$"
work="$(mktemp -d)"
cleanup() {
  psql "$server/postgres" -q -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
psql "$server/postgres" -q -c "CREATE DATABASE $name"

export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-coe_site.settings.dev}"
export DATABASE_URL="$server/$name" BACKUP_DIR="$work/backups"
export MEDIA_ROOT="$work/media" PRIVATE_MEDIA_ROOT="$work/private_media"
echo "== restore drill on a throwaway database ($name), seeded with seed_demo"
SECONDS=0
"$PY" manage.py migrate --noinput --verbosity 0
echo "migrated in ${SECONDS}s"
if ! "$PY" manage.py seed_demo --demo-users >"$work/seed.log" 2>&1; then
  cat "$work/seed.log"
  exit 1
fi
echo "seeded in ${SECONDS}s"
# The demo has no pitch decks: one private file, so that both folders come back.
mkdir -p "$PRIVATE_MEDIA_ROOT/decks"
printf '%%PDF-1.4\n%% restore drill\n' >"$PRIVATE_MEDIA_ROOT/decks/drill.pdf"
scripts/backup.sh
echo "backed up in ${SECONDS}s"
folder="$(ls -d "$BACKUP_DIR"/*/ | tail -n 1)"
"$PY" -m coe_site.backups drill "$folder"
echo "drill done in ${SECONDS}s"

# The drill must fail, and say what, when something did not come back.
lost="$(tar -tf "$folder/private_media.tar" | grep -v '/$' | head -n 1)"
tar --delete -f "$folder/private_media.tar" "$lost"
if "$PY" -m coe_site.backups drill "$folder" >"$work/lost.log" 2>&1; then
  echo "the drill passed a backup that lost $lost" >&2
  exit 1
fi
if ! grep -q "files in private_media: backup 1, restored 0" "$work/lost.log"; then
  cat "$work/lost.log" >&2
  exit 1
fi
echo "a backup without $lost fails the drill, as it should (${SECONDS}s)"
