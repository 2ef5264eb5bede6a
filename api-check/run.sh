#!/usr/bin/env bash
# API robustness check (issue 8): schemathesis against /api/openapi.json, then a corpus
# of XSS/injection strings through every text field (xss_corpus.py), then the attacks of
# issue 21 on two instances sharing one database (attacks.py: session fixation, a raced
# sign-in lock, a frozen page cache). See README.md.
#
#   api-check/run.sh                 # build lofte if needed, run both, exit 1 on any failure
#
# Environment:
#   LOFTE_BIN=path            test this binary instead of building target/debug/lofte
#   LOFTE_API_CHECK_VENV=dir  the Python venv (default ~/.cache/lofte-api-check/venv)
#   LOFTE_API_CHECK_KEEP=1    keep the work folder (data, server logs, reports)
#   LOFTE_API_CHECK_POSTGRES=1  also run the corpus on a throwaway PostgreSQL cluster
#                             (scripts/postgres-start)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
started=$SECONDS

step() { printf '\n==> %s\n' "$*"; }

# --- the program under test
if [ -n "${LOFTE_BIN:-}" ]; then
  bin=$(cd "$(dirname "$LOFTE_BIN")" && pwd)/$(basename "$LOFTE_BIN")
else
  step "cargo build -p lofte"
  cargo build -q --locked -p lofte
  bin=$root/target/debug/lofte
fi
[ -x "$bin" ] || { echo "no lofte binary at $bin" >&2; exit 2; }

# --- Python: a venv with the pinned packages, reused while requirements.txt is unchanged
venv=${LOFTE_API_CHECK_VENV:-$HOME/.cache/lofte-api-check/venv}
want=$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)
if [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
  step "Python venv at $venv (requirements.txt)"
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
  echo "$want" > "$venv/.requirements.sha256"
fi

# --- a work folder; the server and the PostgreSQL cluster we start are stopped on exit
work=$(mktemp -d /tmp/lofte-api-check.XXXXXX)
server_pid=""
pg_started=""
pg_dir=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_started" ]; then
    LOFTE_PG_DIR=$pg_dir "$root/scripts/postgres-stop" >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
  if [ "${LOFTE_API_CHECK_KEEP:-}" = 1 ]; then
    echo "work folder kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
# The server runs in the work folder, so that no ./lofte.toml is read, nor LOFTE_CONFIG.
unset LOFTE_CONFIG
# No __pycache__ next to hooks.py.
export PYTHONDONTWRITEBYTECODE=1

# --- 1. schemathesis
step "Starting lofte serve --demo (fresh data folder)"
(cd "$work" && exec "$bin" --data-dir "$work/data" serve --demo --bind 127.0.0.1:0) \
  > "$work/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 600); do
  url=$(grep -o -m1 'http://127\.0\.0\.1:[0-9]*' "$work/server.log" || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "lofte serve stopped" >&2; exit 2; }
  sleep 0.3
done
[ -n "$url" ] || { echo "lofte serve printed no address within 180 s" >&2; exit 2; }
echo "$url"

# A coordinator token for Flen, so that the write endpoints are tested signed in.
token=$(cd "$work" && "$bin" --data-dir "$work/data" token create \
  --organisation municipality:0482 --role coordinator --name api-check | tail -n 1)
case "$token" in lofte_*) ;; *) echo "no API token from lofte token create: $token" >&2; exit 2 ;; esac

step "schemathesis run $url/api/openapi.json"
st_status=0
# Run in the work folder: nothing schemathesis writes lands in the repository.
(cd "$work" && LOFTE_API_TOKEN=$token LOFTE_API_CHECK_DIR=$here \
  exec "$venv/bin/schemathesis" --config-file "$here/schemathesis.toml" run "$url/api/openapi.json" \
  --no-color --report junit --report-dir "$work/schemathesis-report") \
  2>&1 | tee "$work/schemathesis.log" || st_status=$?
kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""
if grep -q 'panicked at' "$work/server.log"; then
  echo "the server panicked during the schemathesis run:" >&2
  grep 'panicked at' "$work/server.log" | head -5 >&2
  st_status=1
fi

# --- 2. the corpus (its own fresh server, SQLite)
step "XSS and injection corpus (SQLite)"
xss_status=0
"$venv/bin/python" "$here/xss_corpus.py" --lofte "$bin" --work "$work/xss" 2>&1 \
  | tee "$work/xss.log" || xss_status=$?

pg_status=""
if [ "${LOFTE_API_CHECK_POSTGRES:-}" = 1 ]; then
  step "XSS and injection corpus (PostgreSQL)"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # Its own folder under /tmp: the cluster runs as the postgres user, which cannot enter
  # the (private) work folder.
  pg_dir=$(mktemp -d /tmp/lofte-api-check-pg.XXXXXX)
  pg_started=1
  pg_url=$(LOFTE_PG_DIR=$pg_dir LOFTE_PG_PORT=$port "$root/scripts/postgres-start")
  pg_status=0
  "$venv/bin/python" "$here/xss_corpus.py" --lofte "$bin" --work "$work/xss-pg" \
    --database-url "$pg_url" 2>&1 | tee "$work/xss-pg.log" || pg_status=$?
fi

# --- 3. attacks on two instances over one database
step "Attacks: session fixation, sign-in race, cache freeze (SQLite)"
attacks_status=0
"$venv/bin/python" "$here/attacks.py" --lofte "$bin" 2>&1 | tee "$work/attacks.log" \
  || attacks_status=$?
attacks_pg_status=""
if [ -n "$pg_status" ]; then
  step "Attacks: session fixation, sign-in race, cache freeze (PostgreSQL)"
  attacks_pg_status=0
  psql -q "$pg_url" -c 'CREATE DATABASE lofte_attacks' >/dev/null
  "$venv/bin/python" "$here/attacks.py" --lofte "$bin" \
    --database-url "${pg_url%/*}/lofte_attacks" 2>&1 | tee "$work/attacks-pg.log" \
    || attacks_pg_status=$?
fi

# --- summary
step "api-check summary"
ops=$(grep -o 'Operations: *[0-9]* selected' "$work/schemathesis.log" | grep -o '[0-9]*' | head -1 || true)
cases=$(grep -o '[0-9]* generated' "$work/schemathesis.log" | grep -o '[0-9]*' | tail -1 || true)
st_line=$(grep -E '^=+ .* in [0-9.]+s =+$' "$work/schemathesis.log" | tail -1 | sed 's/^=* //; s/ =*$//' || true)
echo "schemathesis: ${ops:-?} operations, ${cases:-?} test cases; ${st_line:-no summary line} (exit $st_status)"
grep -E '^ *❌ [A-Z]+[0-9]+ ' "$work/schemathesis.log" | sed 's/^ */  /' || true
echo "$(grep -E '^xss corpus:' "$work/xss.log" || echo 'xss corpus: no summary line') (SQLite, exit $xss_status)"
if [ -n "$pg_status" ]; then
  echo "$(grep -E '^xss corpus:' "$work/xss-pg.log" || echo 'xss corpus: no summary line') (PostgreSQL, exit $pg_status)"
fi
echo "$(grep -E '^attacks ' "$work/attacks.log" || echo 'attacks: no summary line') (exit $attacks_status)"
if [ -n "$attacks_pg_status" ]; then
  echo "$(grep -E '^attacks ' "$work/attacks-pg.log" || echo 'attacks: no summary line') (exit $attacks_pg_status)"
fi
passed=0
failed=0
for s in "$st_status" "$xss_status" ${pg_status:+"$pg_status"} "$attacks_status" ${attacks_pg_status:+"$attacks_pg_status"}; do
  if [ "$s" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "took $((SECONDS - started)) s"
echo "api-check: $passed passed, $failed failed"
[ "$failed" = 0 ]
