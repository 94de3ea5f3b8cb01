#!/usr/bin/env bash
# Load run: gunicorn + PostgreSQL on loopback with the demo data, CONNECTIONS concurrent users (candidates and
# staff mixed) for DURATION seconds under wrk; prints throughput and latency percentiles; fails on any
# non-2xx/3xx answer or socket error.
#   scripts/load.sh                       # 60 s, 50 connections, database zhuan_load on 127.0.0.1:5432
#   DURATION=10 scripts/load.sh           # the short run of CI
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-60}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-4}"
WORKERS="${WORKERS:-$(( $(nproc) * 2 + 1 ))}"
PORT="${PORT:-8765}"
DATABASE_URL="${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/zhuan_load}"
PY="${PY:-.venv/bin/python}"
WORK="$(mktemp -d)"
GUNICORN_PID=""

cleanup() {
    [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=zhuan.settings.production
export DATABASE_URL
export SECRET_KEY="${SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export SECURE_SSL_REDIRECT=false
export STATIC_ROOT="$WORK/static"
export LOG_LEVEL=WARNING

database="${DATABASE_URL##*/}"
server="${DATABASE_URL%/*}/postgres"
exists="$(psql "$server" -Atqc "SELECT 1 FROM pg_database WHERE datname = '$database'")"
[ "$exists" = 1 ] || psql "$server" -qc "CREATE DATABASE \"$database\""

echo "== database $database: migrate and load the demo data"
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py seed_demo >/dev/null
"$PY" manage.py collectstatic --noinput -v0
"$PY" scripts/load_targets.py "$WORK/targets.txt"

echo "== gunicorn ($WORKERS workers) on 127.0.0.1:$PORT"
"$PY" -m gunicorn zhuan.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" --log-level warning &
GUNICORN_PID=$!
for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/accounts/login/" && break
    sleep 0.2
done

echo "== wrk: $CONNECTIONS connections, $THREADS threads, ${DURATION}s"
LOAD_RESULT="$WORK/result.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s \
    -s scripts/load.lua "http://127.0.0.1:$PORT" -- "$WORK/targets.txt"

non_2xx=$(awk '$1 == "non_2xx_3xx" {print $2}' "$WORK/result.txt")
socket_errors=$(awk '$1 == "socket_errors" {print $2}' "$WORK/result.txt")
if [ "$non_2xx" != "0" ] || [ "$socket_errors" != "0" ]; then
    echo "load run FAILED: $non_2xx non-2xx/3xx answers, $socket_errors socket errors" >&2
    exit 1
fi
echo "== load ok"
