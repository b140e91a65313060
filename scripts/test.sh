#!/usr/bin/env bash
# Install everything the tests need, then run them on SQLite and on PostgreSQL.
# Exits non-zero when any test fails. Used by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS="redis-server fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 chromium poppler-utils postgresql-client"
missing=""
for p in $DEBS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

python3 -m pip install -q --disable-pip-version-check -e '.[dev]' 2>&1 | grep -v -E "^(WARNING|  )" || true
python3 -c "import ogi, django, playwright, pytest_django" # fail early if the install did not work

# PostgreSQL: running on 127.0.0.1:5432 on our machines; start it if it is down.
PG_URL="${OGI_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# Redis on 127.0.0.1:6379 (the task queue of one test); start it if it is down.
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi

echo "== lint (ruff; also keeps Django out of the ogi library) =="
python3 -m ruff check .
echo "== migrations are current =="
python3 manage.py makemigrations --check --dry-run >/dev/null
echo "== tests on SQLite (library and web) =="
python3 -m pytest "$@"
echo "== web tests on PostgreSQL =="
DATABASE_URL="$PG_URL" python3 -m pytest ogi/web "$@"
