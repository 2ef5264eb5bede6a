#!/usr/bin/env bash
# Load at national scale (issue 8): wrk on loopback against lofte serving a public promise
# page of the national data set, and nginx serving a saved copy of the same HTML, in the
# same run: requests per second of both, the ratio, latency percentiles, errors, and
# lofte's peak memory. Then the follow-up figures of one municipality-year
# (GET …/promises/{year}/progress) against the same aggregate written as one raw SQL
# query in sqlite3.
#
#   bench/load.sh [MUNICIPALITIES] [ACTIVITIES] [RESPONSES]
#
# Defaults: the whole country (290, 10,000,000, 2,000,000). Uses the release build
# ($LOFTE, default target/release/lofte: `cargo build --release -p lofte-cli` first);
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
[ -x "$LOFTE" ] || { echo "build it first: cargo build --release -p lofte-cli" >&2; exit 1; }

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v sqlite3 >/dev/null || need+=(sqlite3)
if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "needs: ${need[*]} (apt-get install)" >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

TMP=$(mktemp -d /tmp/lofte-load.XXXXXX)
cleanup() {
    [ -n "${LOFTE_PID:-}" ] && kill "$LOFTE_PID" 2>/dev/null || true
    [ -f "$TMP/nginx.pid" ] && kill "$(cat "$TMP/nginx.pid")" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT
export LOFTE_LOG=warn
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "loading the national data set ($MUNICIPALITIES municipalities, $ACTIVITIES activities, $RESPONSES responses) ..."
start=$(date +%s)
"$LOFTE" --data-dir "$TMP/data" demo --national --municipalities "$MUNICIPALITIES" \
    --activities "$ACTIVITIES" --responses "$RESPONSES" 2>/dev/null
echo "  loaded in $(( $(date +%s) - start )) s; database $(du -m "$TMP/data/lofte.sqlite" | cut -f1) MB"
[ -n "$CODE" ] || CODE=$(sqlite3 "$TMP/data/lofte.sqlite" \
    "SELECT municipality_code FROM promise ORDER BY municipality_code LIMIT 1")

LPORT=$(free_port)
"$LOFTE" --data-dir "$TMP/data" serve --bind "127.0.0.1:$LPORT" >"$TMP/lofte.log" 2>&1 &
LOFTE_PID=$!
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$LPORT/healthz" >/dev/null && break
    sleep 0.1
done
PAGE="/kommun/$CODE/$YEAR"
mkdir -p "$TMP/www/kommun/$CODE"
curl -sf "http://127.0.0.1:$LPORT$PAGE" -o "$TMP/www/kommun/$CODE/$YEAR"
echo "page $PAGE: $(wc -c <"$TMP/www/kommun/$CODE/$YEAR") bytes"

NPORT=$(free_port)
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
rss_mb=$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$LOFTE_PID/status")

# Follow-up figures of one municipality-year: the API against one raw SQL aggregate,
# computed on every request (the page cache off), since the query is what is compared.
kill "$LOFTE_PID"
wait "$LOFTE_PID" 2>/dev/null || true
LOFTE_PAGE_CACHE_SECONDS=0 "$LOFTE" --data-dir "$TMP/data" serve --bind "127.0.0.1:$LPORT" \
    >"$TMP/lofte-uncached.log" 2>&1 &
LOFTE_PID=$!
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$LPORT/healthz" >/dev/null && break
    sleep 0.1
done
FIGURES="/api/v1/municipalities/$CODE/promises/$YEAR/progress"
echo "figures $FIGURES: one connection, no page cache ..."
run_wrk figures "http://127.0.0.1:$LPORT$FIGURES" 1 10s
SQL="SELECT activity_type, strftime('%m', local_date) AS month, COUNT(*) AS logged,
     SUM(CASE WHEN duration_minutes BETWEEN 15 AND 30 THEN 1 ELSE 0 END) AS in_window
     FROM activity WHERE municipality_code = '$CODE'
     AND local_date BETWEEN '$YEAR-01-01' AND '$YEAR-12-31'
     GROUP BY activity_type, month;"
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
figures_ms=$(awk '/Latency/ && !/Distribution/ {
    v = $2; unit = v; gsub(/[0-9.]/, "", unit); gsub(/[a-z]/, "", v)
    if (unit == "us") v /= 1000; else if (unit == "s") v *= 1000
    printf "%.3f", v; exit }' "$TMP/figures.wrk")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() { awk "BEGIN { print (($1) ? \"yes\" : \"NO\") }"; }
lr=$(rps lofte); nr=$(rps nginx); p99=$(pct lofte 99%); errs=$(errors lofte)
echo
echo "== promise page $PAGE, $CONNECTIONS connections, $DURATION =="
printf '%-8s %12s %10s %10s %8s\n' "" "requests/s" "p50 ms" "p99 ms" "errors"
printf '%-8s %12s %10s %10s %8s\n' lofte "$lr" "$(pct lofte 50%)" "$p99" "$errs"
printf '%-8s %12s %10s %10s %8s\n' nginx "$nr" "$(pct nginx 50%)" "$(pct nginx 99%)" "$(errors nginx)"
echo "ratio lofte/nginx requests/s: $(ratio "$lr" "$nr")  (target >= 0.6: $(verdict "$lr / $nr >= 0.6"))"
echo "p99 under 20 ms: $(verdict "$p99 < 20"); no errors: $(verdict "$errs == 0")"
echo "lofte peak memory: $rss_mb MB (target < 100: $(verdict "$rss_mb < 100"))"
echo
echo "== follow-up figures of $CODE $YEAR =="
echo "lofte API mean latency (one connection): $figures_ms ms; raw SQL aggregate in sqlite3: $sql_ms ms"
echo "ratio: $(ratio "$figures_ms" "$sql_ms")  (target <= 2: $(verdict "$figures_ms / $sql_ms <= 2"))"
