#!/usr/bin/env bash
# The production build (`make build`): install, compile the message catalogues,
# collect static files, check the deployment, migrate. Run it on every deploy, on
# every app server, before starting gunicorn; it never prompts.
#
# Settings come from the environment (README, "Configuration for production"):
# at least SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL (or
# ALLOW_LOCAL_CACHE=true). DJANGO_SETTINGS_MODULE defaults to production.
# SKIP_MIGRATE=1 leaves the migration to one other server of the same release.
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-coe_site.settings.production}"
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"

step() { printf '== %s\n' "$*"; }

step "install into $VENV"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt

# The .mo files are not in the repository: without them /hi/ speaks English.
step "compile the message catalogues"
"$VENV/bin/python" scripts/compile_messages.py

step "collect static files"
"$VENV/bin/python" manage.py collectstatic --noinput --verbosity 0

# Errors (a missing or stale catalogue among them) stop the build; warnings show.
step "check the deployment"
"$VENV/bin/python" manage.py check --deploy

if [ "${SKIP_MIGRATE:-0}" = "1" ]; then
  step "migrate: skipped (SKIP_MIGRATE=1)"
else
  step "migrate"
  "$VENV/bin/python" manage.py migrate --noinput
fi

step "build done: start gunicorn, the task worker and cron (README, production)"
