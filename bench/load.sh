#!/usr/bin/env bash
# Load at national scale (issue 8): wrk on loopback against lofte serving a public promise
# page of the national data set, and nginx serving a saved copy of the same HTML, in the
# same run: requests per second of both, the ratio, latency percentiles, errors, and
# lofte's peak memory. Then the follow-up figures of one municipality-year
# (GET …/promises/{year}/progress) against the same aggregate written as one raw SQL
# query in sqlite3 (or psql).
#
#   bench/load.sh [MUNICIPALITIES] [ACTIVITIES] [RESPONSES]
#
# LOAD_POSTGRES=postgres://… runs it all on PostgreSQL: a fresh database is made on that
# server (and dropped at the end), and the raw query runs in psql. INSTANCES=N (default
# 1) also starts N lofte servers on the one database behind nginx as a load balancer
# (round robin, keep-alive to the upstreams) and measures the page through it as well.
#
# Defaults: the whole country (290, 10,000,000, 2,000,000). Uses the release build
# ($LOFTE, default target/release/lofte: `cargo build --release -p lofte` first);
# installs wrk, nginx and sqlite3 from Debian when run as root and they are missing.
# Targets (issue 8): >= 0.6 x nginx's requests per second, p99 < 20 ms at 64
# connections, no errors, lofte under 100 MB; the figures at most 2 x the raw query.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MUNICIPALITIES=${1:-290}
ACTIVITIES=${2:-10000000}
RESPONSES=${3:-2000000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
CODE=${CODE:-} # default: the first municipality of the data set (all have the same amounts)
YEAR=${YEAR:-2021}
LOFTE=${LOFTE:-$ROOT/target/release/lofte}
[ -x "$LOFTE" ] || { echo "build it first: cargo build --release -p lofte" >&2; exit 1; }

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ -z "${LOAD_POSTGRES:-}" ] || command -v psql >/dev/null || need+=(postgresql-client)
INSTANCES=${INSTANCES:-1}
if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "needs: ${need[*]} (apt-get install)" >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

TMP=$(mktemp -d /tmp/lofte-load.XXXXXX)
PIDS=()
stop_servers() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    PIDS=()
}
cleanup() {
    stop_servers
    [ -f "$TMP/nginx.pid" ] && kill "$(cat "$TMP/nginx.pid")" 2>/dev/null || true
    [ -n "${DB_NAME:-}" ] && psql -X -q "$LOAD_POSTGRES" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" || true
    rm -rf "$TMP"
}
trap cleanup EXIT
export LOFTE_LOG=warn
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [ -n "${LOAD_POSTGRES:-}" ]; then
    DB_NAME=lofte_load_$$
    psql -X -q "$LOAD_POSTGRES" -c "CREATE DATABASE $DB_NAME"
    DB_URL=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$LOAD_POSTGRES" "$DB_NAME")
    DB_ARGS=(--database-url "$DB_URL")
    DB_KIND="PostgreSQL $(psql -X -At "$DB_URL" -c 'SHOW server_version')"
    sql() { psql -X -At "$DB_URL" -c "$1"; }
    db_mb() { sql "SELECT pg_database_size(current_database()) / 1048576"; }
else
    DB_ARGS=(--data-dir "$TMP/data")
    DB_KIND="SQLite"
    sql() { sqlite3 "$TMP/data/lofte.sqlite" "$1"; }
    db_mb() { du -m "$TMP/data/lofte.sqlite" | cut -f1; }
fi

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); database: $DB_KIND; lofte instances: $INSTANCES"
echo "loading the national data set ($MUNICIPALITIES municipalities, $ACTIVITIES activities, $RESPONSES responses) ..."
start=$(date +%s)
"$LOFTE" "${DB_ARGS[@]}" demo --national --municipalities "$MUNICIPALITIES" \
    --activities "$ACTIVITIES" --responses "$RESPONSES" 2>/dev/null
echo "  loaded in $(( $(date +%s) - start )) s; database $(db_mb) MB"
[ -n "$CODE" ] || CODE=$(sql "SELECT municipality_code FROM promise ORDER BY municipality_code LIMIT 1")

start_servers() { # N [ENV=VALUE ...]: N lofte servers on free ports, PORTS and PIDS set
    local n=$1
    shift
    PORTS=()
    for i in $(seq 1 "$n"); do
        local port
        port=$(free_port)
        env "$@" "$LOFTE" "${DB_ARGS[@]}" serve --bind "127.0.0.1:$port" >>"$TMP/lofte-$i.log" 2>&1 &
        PIDS+=($!)
        PORTS+=("$port")
        for _ in $(seq 1 100); do
            curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
            sleep 0.1
        done
    done
}
start_servers "$INSTANCES"
LPORT=${PORTS[0]}
PAGE="/kommun/$CODE/$YEAR"
mkdir -p "$TMP/www/kommun/$CODE"
curl -sf "http://127.0.0.1:$LPORT$PAGE" -o "$TMP/www/kommun/$CODE/$YEAR"
echo "page $PAGE: $(wc -c <"$TMP/www/kommun/$CODE/$YEAR") bytes"

NPORT=$(free_port)
BPORT=$(free_port) # the balancer in front of the lofte instances
UPSTREAMS=$(for p in "${PORTS[@]}"; do echo "        server 127.0.0.1:$p;"; done)
cat >"$TMP/nginx.conf" <<EOF
worker_processes $(nproc);
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    default_type text/html;
    client_body_temp_path $TMP/nginx-tmp;
    server {
        listen 127.0.0.1:$NPORT;
        root $TMP/www;
    }
    upstream lofte {
$UPSTREAMS
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$BPORT;
        location / {
            proxy_pass http://lofte;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
        }
    }
}
EOF
mkdir -p "$TMP/nginx-tmp"
chmod 755 "$TMP" && chmod -R a+rX "$TMP/www" # nginx's workers run as another user
"$NGINX" -c "$TMP/nginx.conf" -p "$TMP"
sleep 0.5

run_wrk() { # NAME URL CONNECTIONS DURATION
    local threads=2
    [ "$3" -ge 2 ] || threads=1 # wrk needs a connection per thread
    wrk -t"$threads" -c"$3" -d"$4" --latency "$2" >"$TMP/$1.wrk" 2>&1
}
rps() { awk '/Requests\/sec/ { print $2 }' "$TMP/$1.wrk"; }
pct() { # NAME 50%|99% -> milliseconds
    awk -v p="$2" '$1 == p {
        v = $2; unit = v; gsub(/[0-9.]/, "", unit); gsub(/[a-z]/, "", v)
        if (unit == "us") v /= 1000; else if (unit == "s") v *= 1000
        printf "%.2f", v }' "$TMP/$1.wrk"
}
errors() { # non-2xx responses plus socket errors
    awk '/Non-2xx/ { n += $NF } /Socket errors/ {
        for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { gsub(",", "", $i); n += $i } }
        END { print n + 0 }' "$TMP/$1.wrk"
}

echo "warming up ..."
run_wrk warm "http://127.0.0.1:$LPORT$PAGE" 8 3s
echo "wrk -c$CONNECTIONS -d$DURATION: lofte ..."
run_wrk lofte "http://127.0.0.1:$LPORT$PAGE" "$CONNECTIONS" "$DURATION"
echo "wrk -c$CONNECTIONS -d$DURATION: nginx (the same HTML, saved) ..."
run_wrk nginx "http://127.0.0.1:$NPORT$PAGE" "$CONNECTIONS" "$DURATION"
rss_mb=$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/${PIDS[0]}/status")
if [ "$INSTANCES" -gt 1 ]; then
    echo "wrk -c$CONNECTIONS -d$DURATION: $INSTANCES lofte instances through nginx as balancer ..."
    run_wrk warm "http://127.0.0.1:$BPORT$PAGE" 8 3s
    cpu_before=$(for pid in "${PIDS[@]}"; do awk '{ print $14 + $15 }' "/proc/$pid/stat"; done | paste -sd' ')
    run_wrk balanced "http://127.0.0.1:$BPORT$PAGE" "$CONNECTIONS" "$DURATION"
fi
rss_all=$(for pid in "${PIDS[@]}"; do awk '/VmHWM/ { printf "%.1f ", $2 / 1024 }' "/proc/$pid/status"; done)
# CPU seconds each instance used during the balanced run (shows the work was spread).
cpu_all=$(i=0; for pid in "${PIDS[@]}"; do i=$((i + 1)); awk -v hz="$(getconf CLK_TCK)" \
    -v before="$(echo "${cpu_before:-}" | cut -d' ' -f"$i")" \
    '{ printf "%.1f ", ($14 + $15 - before) / hz }' "/proc/$pid/stat"; done)

# Follow-up figures of one municipality-year: the API against one raw SQL aggregate,
# computed on every request (the page cache off), since the query is what is compared.
stop_servers
start_servers 1 LOFTE_PAGE_CACHE_SECONDS=0
LPORT=${PORTS[0]}
FIGURES="/api/v1/municipalities/$CODE/promises/$YEAR/progress"
echo "figures $FIGURES: one connection, no page cache ..."
run_wrk figures "http://127.0.0.1:$LPORT$FIGURES" 1 10s
RAW_TOOL=sqlite3
[ -z "${LOAD_POSTGRES:-}" ] || RAW_TOOL=psql
# `local_day` is the date as the number YYYYMMDD, so the month is its middle two digits.
SQL="SELECT t.code AS activity_type, a.local_day / 100 % 100 AS month, COUNT(*) AS logged,
     SUM(CASE WHEN a.duration_minutes BETWEEN 15 AND 30 THEN 1 ELSE 0 END) AS in_window
     FROM activity a JOIN activity_type t ON t.id = a.activity_type_id
     WHERE a.municipality_code = '$CODE'
     AND a.local_day BETWEEN ${YEAR}0101 AND ${YEAR}1231
     GROUP BY t.code, month;"
if [ -n "${LOAD_POSTGRES:-}" ]; then
    # psql's \timing: the query's round trip from the client, results fetched; one
    # warm-up, then the mean of 50 in one session.
    { echo '\timing on'; for _ in $(seq 0 50); do echo "$SQL"; done; } >"$TMP/figures.sql"
    sql_ms=$(psql -X -q -o /dev/null -f "$TMP/figures.sql" "$DB_URL" |
        awk '/^Time:/ { n++; if (n > 1) { sum += $2; k++ } } END { printf "%.3f", sum / k }')
else
    sql_ms=$(python3 - "$TMP/data/lofte.sqlite" "$SQL" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
query = sys.argv[2]
db.execute(query).fetchall()  # warm the cache, as the server's is warm
runs = 50
start = time.perf_counter()
for _ in range(runs):
    db.execute(query).fetchall()
print(f"{(time.perf_counter() - start) * 1000 / runs:.3f}")
PY
    )
fi
figures_ms=$(awk '/Latency/ && !/Distribution/ {
    v = $2; unit = v; gsub(/[0-9.]/, "", unit); gsub(/[a-z]/, "", v)
    if (unit == "us") v /= 1000; else if (unit == "s") v *= 1000
    printf "%.3f", v; exit }' "$TMP/figures.wrk")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() { awk "BEGIN { print (($1) ? \"yes\" : \"NO\") }"; }
lr=$(rps lofte); nr=$(rps nginx); p99=$(pct lofte 99%); errs=$(errors lofte)
echo
echo "== promise page $PAGE, $CONNECTIONS connections, $DURATION, $DB_KIND =="
printf '%-8s %12s %10s %10s %8s\n' "" "requests/s" "p50 ms" "p99 ms" "errors"
printf '%-8s %12s %10s %10s %8s\n' lofte "$lr" "$(pct lofte 50%)" "$p99" "$errs"
printf '%-8s %12s %10s %10s %8s\n' nginx "$nr" "$(pct nginx 50%)" "$(pct nginx 99%)" "$(errors nginx)"
echo "ratio lofte/nginx requests/s: $(ratio "$lr" "$nr")  (target >= 0.6: $(verdict "$lr / $nr >= 0.6"))"
echo "p99 under 20 ms: $(verdict "$p99 < 20"); no errors: $(verdict "$errs == 0")"
echo "lofte peak memory: $rss_mb MB (target < 100: $(verdict "$rss_mb < 100"))"
if [ "$INSTANCES" -gt 1 ]; then
    br=$(rps balanced)
    echo
    echo "== the same page, $INSTANCES lofte instances on the one database, nginx balancing =="
    printf '%-8s %12s %10s %10s %8s\n' "" "requests/s" "p50 ms" "p99 ms" "errors"
    printf '%-8s %12s %10s %10s %8s\n' "lofte x$INSTANCES" "$br" "$(pct balanced 50%)" "$(pct balanced 99%)" "$(errors balanced)"
    echo "ratio to nginx serving the file: $(ratio "$br" "$nr"); no errors: $(verdict "$(errors balanced) == 0")"
    echo "peak memory per instance: $rss_all MB; CPU seconds per instance in that run: $cpu_all"
fi
echo
echo "== follow-up figures of $CODE $YEAR =="
echo "lofte API mean latency (one connection): $figures_ms ms; raw SQL aggregate in $RAW_TOOL: $sql_ms ms"
echo "ratio: $(ratio "$figures_ms" "$sql_ms")  (target <= 2: $(verdict "$figures_ms / $sql_ms <= 2"))"
