#!/usr/bin/env bash
# The production stack on this machine, from Debian's packages:
#
#   Varnish :8080 (front cache, deploy/varnish.vcl)
#     -> nginx :8081 (load balancer, static and media files, deploy/nginx.conf)
#       -> gunicorn :8101 and :8102 (two app servers, deploy/gunicorn.conf.py)
#   + the task worker (manage.py db_worker) + the periodic jobs (deploy/periodic.py)
#   on PostgreSQL (database coe_stack, created when missing) and Redis.
#
#   deploy/stack.sh start       build (messages, static, migrate, demo) and start
#   deploy/stack.sh stop        stop everything this script started
#   deploy/stack.sh status      what runs
#   deploy/stack.sh manage ...  manage.py with the stack's settings and environment
#   deploy/stack.sh run ...     any command with them (the load test's setup)
#
# Runtime state (secret key, pids, logs, media, Varnish's work folder) lives in
# deploy/state/ (gitignored). Start is idempotent: it stops a running stack first.
# Environment: STACK_DATABASE_URL, STACK_REDIS_URL, APP_SERVERS (1 or 2),
# GUNICORN_WORKERS, GUNICORN_THREADS, STACK_SEED (0 skips seed_demo),
# STACK_BUILD (0 skips the whole build: a quick restart of a built stack),
# STACK_NICE (e.g. -10 as root: the stack's priority on a shared machine).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPLOY="$ROOT/deploy"
STATE="$DEPLOY/state"
PY="$ROOT/.venv/bin/python"
APP_PORTS=(8101 8102)
APP_SERVERS="${APP_SERVERS:-2}"
VARNISH_ADMIN=127.0.0.1:8110

log() { printf 'stack: %s\n' "$*"; }

environment() {
    mkdir -p "$STATE"/{logs,run,nginx,varnish,media,private_media}
    # One secret key for this stack, made once and kept.
    if [ ! -s "$STATE/secret_key" ]; then
        (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' \
            >"$STATE/secret_key")
    fi
    export DJANGO_SETTINGS_MODULE=coe_site.settings.production
    SECRET_KEY="$(cat "$STATE/secret_key")"
    export SECRET_KEY
    export ALLOWED_HOSTS="127.0.0.1,localhost"
    export CSRF_TRUSTED_ORIGINS="http://127.0.0.1:8080,http://localhost:8080"
    export SITE_URL="http://127.0.0.1:8080"
    export WAGTAILADMIN_BASE_URL="$SITE_URL"
    # Plain HTTP on this machine; a real deployment terminates TLS in front.
    export SECURE_SSL_REDIRECT=false
    export SECURE_HSTS_SECONDS=0
    # Varnish and nginx each append to X-Forwarded-For.
    export TRUSTED_PROXY_COUNT=2
    export DATABASE_URL="${STACK_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/coe_stack}"
    export REDIS_URL="${STACK_REDIS_URL:-redis://127.0.0.1:6379/3}"
    export CACHE_KEY_PREFIX="${CACHE_KEY_PREFIX:-coe-stack}"
    export MEDIA_ROOT="$STATE/media"
    export PRIVATE_MEDIA_ROOT="$STATE/private_media"
    export TASKS_BACKEND=database
    export EMAIL_URL="${STACK_EMAIL_URL:-filemail://$STATE/mail}"
    export FRONTEND_CACHE_URL="http://127.0.0.1:8080"
    export PYTHONPATH="$ROOT"
    # DEBUG logs how long each registration held its event's lock (the load
    # test reads it from the app servers' logs).
    export LOCK_LOG_LEVEL="${LOCK_LOG_LEVEL:-DEBUG}"
}

need() {
    local missing=()
    command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ] || missing+=(varnish)
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v psql >/dev/null || missing+=(postgresql-client)
    if [ ${#missing[@]} -gt 0 ]; then
        if [ "$(id -u)" = 0 ]; then
            log "installing ${missing[*]}"
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
        else
            log "missing: ${missing[*]} (run 'sudo apt-get install ${missing[*]}')"
            exit 2
        fi
    fi
    export PATH="$PATH:/usr/sbin"
}

database() {
    local name="${DATABASE_URL##*/}"
    local server="${DATABASE_URL%/*}/postgres"
    if ! psql "$server" -tAc "select 1 from pg_database where datname = '$name'" | grep -q 1; then
        log "creating database $name"
        psql "$server" -qc "create database \"$name\""
    fi
}

build() {
    # The production build (`make build`: install, catalogues, static files,
    # check --deploy, migrate), then the demo content.
    log "building (scripts/build.sh, then demo content)"
    # A caller's DJANGO_ALLOW_ASYNC_UNSAFE (the browser tests set it) is not for
    # production: check --deploy refuses it.
    env -u DJANGO_ALLOW_ASYNC_UNSAFE VENV="$ROOT/.venv" "$ROOT/scripts/build.sh" \
        >"$STATE/logs/build.log" 2>&1 \
        || { tail -20 "$STATE/logs/build.log"; exit 1; }
    if [ "${STACK_SEED:-1}" != 0 ]; then
        "$PY" "$ROOT/manage.py" seed_demo >"$STATE/logs/seed.log" 2>&1 \
            || { tail -20 "$STATE/logs/seed.log"; exit 1; }
    fi
}

pid_alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Start a long-running command in its own session; its pid goes to run/<name>.pid.
spawn() {
    local name="$1"
    shift
    setsid "$@" >>"$STATE/logs/$name.log" 2>&1 </dev/null &
    echo $! >"$STATE/run/$name.pid"
}

start_apps() {
    local i port
    for ((i = 0; i < APP_SERVERS; i++)); do
        port="${APP_PORTS[$i]}"
        spawn "app-$port" "$ROOT/.venv/bin/gunicorn" -c "$DEPLOY/gunicorn.conf.py" \
            --chdir "$ROOT" -b "127.0.0.1:$port" --name "coe-app-$port" \
            --control-socket "$STATE/run/app-$port.ctl"
    done
    # Deferred work (emails, reminders) yields the cores to people waiting for
    # an answer: at an opening the emails go out after the rush, not during it.
    spawn worker nice -n 10 "$PY" "$ROOT/manage.py" db_worker --interval 0.5
    spawn periodic nice -n 10 "$PY" "$DEPLOY/periodic.py"
}

start_nginx() {
    {
        echo "upstream app {"
        echo "    least_conn;"
        local i
        for ((i = 0; i < APP_SERVERS; i++)); do
            echo "    server 127.0.0.1:${APP_PORTS[$i]} max_fails=3 fail_timeout=5s;"
        done
        echo "    keepalive 32;"
        echo "}"
    } >"$STATE/upstream.conf"
    mkdir -p "$STATE/nginx"
    nginx -p "$ROOT/" -c "$DEPLOY/nginx.conf" -e "$STATE/logs/nginx-error.log" -t -q
    nginx -p "$ROOT/" -c "$DEPLOY/nginx.conf" -e "$STATE/logs/nginx-error.log"
}

start_varnish() {
    [ -s "$STATE/varnish/secret" ] || head -c 32 /dev/urandom | base64 >"$STATE/varnish/secret"
    chmod 600 "$STATE/varnish/secret"
    varnishd -a 127.0.0.1:8080 -T "$VARNISH_ADMIN" -S "$STATE/varnish/secret" \
        -n "$STATE/varnish/work" -P "$STATE/run/varnish.pid" \
        -f "$DEPLOY/varnish.vcl" -s malloc,256m \
        -p default_ttl=0 -p default_grace=0
}

# STACK_NICE (e.g. -10, as root) raises the stack's priority on a shared machine.
# With the kernel's autogroups each session (and every process here starts its
# own) shares the CPU as one unit, weighted by its autogroup's nice, whatever a
# process's own nice: so both are set, for the app servers, nginx and Varnish.
prioritise() {
    [ -n "${STACK_NICE:-}" ] || return 0
    local pidfile pid
    for pidfile in "$STATE"/run/app-*.pid "$STATE/nginx/nginx.pid" "$STATE/run/varnish.pid"; do
        [ -s "$pidfile" ] || continue
        pid="$(cat "$pidfile")"
        [ -w "/proc/$pid/autogroup" ] && echo "$STACK_NICE" >"/proc/$pid/autogroup"
        renice -n "$STACK_NICE" -g "$(ps -o pgid= -p "$pid" | tr -d ' ')" >/dev/null || true
    done
}

wait_for() {
    local url="$1" tries=60
    until curl -fsS -o /dev/null "$url"; do
        tries=$((tries - 1))
        if [ $tries = 0 ]; then
            log "no answer from $url; logs in $STATE/logs/"
            return 1
        fi
        sleep 0.5
    done
}

stop() {
    environment
    local pidfile
    if [ -s "$STATE/nginx/nginx.pid" ]; then
        kill -QUIT "$(cat "$STATE/nginx/nginx.pid")" 2>/dev/null || true
    fi
    # Every process is asked to stop at once, then each is waited for (up to
    # 10 s, then killed): they finish their requests and tasks side by side.
    local running=()
    for pidfile in "$STATE"/run/*.pid; do
        [ -e "$pidfile" ] || continue
        if pid_alive "$pidfile"; then
            kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
            running+=("$pidfile")
        else
            rm -f "$pidfile"
        fi
    done
    for pidfile in "${running[@]}"; do
        for _ in $(seq 50); do pid_alive "$pidfile" || break; sleep 0.2; done
        pid_alive "$pidfile" && kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
        log "stopped $(basename "$pidfile" .pid)"
        rm -f "$pidfile"
    done
    for _ in $(seq 25); do
        pid_alive "$STATE/nginx/nginx.pid" || break
        sleep 0.2
    done
    rm -f "$STATE/nginx/nginx.pid"
}

status() {
    environment
    local pidfile running=0
    for pidfile in "$STATE"/run/*.pid "$STATE/nginx/nginx.pid"; do
        [ -e "$pidfile" ] || continue
        if pid_alive "$pidfile"; then
            echo "running: $(basename "$pidfile" .pid) (pid $(cat "$pidfile"))"
            running=1
        fi
    done
    [ $running = 1 ]
}

start() {
    need
    stop >/dev/null
    environment
    database
    if [ "${STACK_BUILD:-1}" != 0 ]; then build; fi
    start_apps
    start_nginx
    start_varnish
    local port i
    for ((i = 0; i < APP_SERVERS; i++)); do
        port="${APP_PORTS[$i]}"
        wait_for "http://127.0.0.1:$port/healthz"
    done
    wait_for "http://127.0.0.1:8080/healthz"
    prioritise
    # What runs, for the load test's records (bench/load/run.py).
    printf '{"app_servers": %s, "workers": %s, "threads": %s, "nice": "%s"}\n' \
        "$APP_SERVERS" "${GUNICORN_WORKERS:-4}" "${GUNICORN_THREADS:-1}" \
        "${STACK_NICE:-}" >"$STATE/stack.json"
    log "up: http://127.0.0.1:8080 (Varnish) -> nginx :8081 -> app servers" \
        "${APP_PORTS[*]:0:$APP_SERVERS}; logs in deploy/state/logs/"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) status ;;
manage)
    shift
    environment
    exec "$PY" "$ROOT/manage.py" "$@"
    ;;
run)
    shift
    environment
    cd "$ROOT"
    exec "$@"
    ;;
*)
    echo "usage: $0 start|stop|status|manage <command>|run <command>" >&2
    exit 2
    ;;
esac
