#!/usr/bin/env bash
# The staff situation picture at national scale (issue 24): 290 municipalities and ROWS
# incident reports (default 10,000,000) over 2020-2021, then one municipality-year's
# staff picture (GET /personal/kommun/{code}/lagesbild?ar=2021, signed in, no page
# cache) against the raw SQL aggregates that page needs, run in the same go in sqlite3
# (or psql). Targets: the page under 100 ms, at most 2x the raw SQL.
#
#   bench/situation-national.sh [ROWS]
#   SITUATION_POSTGRES=$(scripts/postgres-start) bench/situation-national.sh [ROWS]
#   LOFTE=/path/to/lofte bench/situation-national.sh      (default target/release/lofte)
#
# The reports are written by SQL straight into a migrated database (as the made-up
# demo data they are, `synthetic`), the picture's indexes built after them as lofte's
# own import does. It is a benchmark, not a test: figures are printed, never asserted;
# the exit status is non-zero only when something fails to run or a count is wrong.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${1:-10000000}
YEAR=2021
CODE=${CODE:-0482}
RUNS=${RUNS:-30}
LOFTE=${LOFTE:-$ROOT/target/release/lofte}
[ -x "$LOFTE" ] || { echo "build it first: cargo build --release -p lofte" >&2; exit 1; }
for v in $(env | grep -o '^LOFTE_[A-Z_]*'); do unset "$v"; done
command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install sqlite3)" >&2; exit 1; }

TMP=$(mktemp -d /tmp/lofte-situation.XXXXXX)
SERVER=
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
    [ -n "${DB_NAME:-}" ] && psql -X -q "$SITUATION_POSTGRES" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" || true
    rm -rf "$TMP"
}
trap cleanup EXIT
export LOFTE_LOG=warn

if [ -n "${SITUATION_POSTGRES:-}" ]; then
    DB_NAME=lofte_situation_$$
    psql -X -q "$SITUATION_POSTGRES" -c "CREATE DATABASE $DB_NAME"
    DB_URL=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$SITUATION_POSTGRES" "$DB_NAME")
    DB_ARGS=(--database-url "$DB_URL")
    DB_KIND="PostgreSQL $(psql -X -At "$DB_URL" -c 'SHOW server_version')"
    sql() { psql -X -At -v ON_ERROR_STOP=1 "$DB_URL" -c "$1"; }
else
    DB_ARGS=(--data-dir "$TMP/data")
    DB_KIND="SQLite"
    sql() { sqlite3 -bail "$TMP/data/lofte.sqlite" "$1"; }
fi

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); database: $DB_KIND"
"$LOFTE" "${DB_ARGS[@]}" migrate >/dev/null

# The nine categories, a place for two reports in three, hours and days spread over the
# two years; municipality i % 290 in code order, so every municipality gets ROWS / 290.
CATEGORY="CASE i % 9 WHEN 0 THEN 'vandalism' WHEN 1 THEN 'graffiti' WHEN 2 THEN 'gathering'
    WHEN 3 THEN 'disorder' WHEN 4 THEN 'motor_vehicles' WHEN 5 THEN 'drug_find'
    WHEN 6 THEN 'fire' WHEN 7 THEN 'unsafe_place' ELSE 'event' END"
PLACE="CASE WHEN i % 3 = 0 THEN NULL ELSE 'plats-' || (i % 12) END"
COLUMNS="municipality_code, category, started_at, local_day, local_hour, place_slug, reporter,
    dedup_key, synthetic, created_at"
echo "writing $ROWS reports for 290 municipalities ..."
start=$(date +%s)
if [ -n "${SITUATION_POSTGRES:-}" ]; then
    # The indexes as lofte's migrations made them, built again after the rows.
    sql "SELECT indexdef || ';' FROM pg_indexes WHERE tablename = 'incident' AND indexname <> 'incident_pkey'" >"$TMP/indexes.sql"
    sql "DROP INDEX incident_picture; DROP INDEX incident_organisation; DROP INDEX incident_dedup;"
    sql "CREATE TEMP TABLE m AS SELECT (ROW_NUMBER() OVER (ORDER BY code)) - 1 AS k, code FROM municipality;
        INSERT INTO incident ($COLUMNS)
        SELECT m.code, $CATEGORY,
            (DATE '2020-01-01' + ((i / 290) * 7 % 731)::int) + make_interval(hours => (i * 31 % 24)::int),
            to_char(DATE '2020-01-01' + ((i / 290) * 7 % 731)::int, 'YYYYMMDD')::int,
            (i * 31 % 24)::int, $PLACE, 'Bench', 'bench-' || i, true, now()
        FROM generate_series(0, $ROWS - 1) AS g(i) JOIN m ON m.k = i % 290;"
else
    sql "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incident' AND sql IS NOT NULL" >"$TMP/indexes.sql"
    sql "DROP INDEX incident_picture; DROP INDEX incident_organisation; DROP INDEX incident_dedup;
        CREATE TEMP TABLE m AS SELECT (ROW_NUMBER() OVER (ORDER BY code)) - 1 AS k, code FROM municipality;
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS - 1)
        INSERT INTO incident ($COLUMNS)
        SELECT m.code, $CATEGORY,
            strftime('%Y-%m-%dT%H:%M:%SZ', '2020-01-01', '+' || ((i / 290) * 7 % 731) || ' days',
                '+' || (i * 31 % 24) || ' hours'),
            CAST(strftime('%Y%m%d', '2020-01-01', '+' || ((i / 290) * 7 % 731) || ' days') AS INTEGER),
            i * 31 % 24, $PLACE, 'Bench', 'bench-' || i, 1, '2026-12-06T00:00:00Z'
        FROM n JOIN m ON m.k = i % 290;"
fi
echo "  written in $(( $(date +%s) - start )) s; building the indexes ..."
start=$(date +%s)
[ "$(grep -c 'INDEX' "$TMP/indexes.sql")" = 3 ] || { echo "expected three indexes: $(cat "$TMP/indexes.sql")" >&2; exit 1; }
while read -r definition; do sql "$definition"; done <"$TMP/indexes.sql"
[ -n "${SITUATION_POSTGRES:-}" ] && sql "ANALYZE incident;" >/dev/null || sql "ANALYZE;" >/dev/null
echo "  built in $(( $(date +%s) - start )) s"
stored=$(sql "SELECT COUNT(*) FROM incident")
[ "$stored" = "$ROWS" ] || { echo "stored $stored reports, not $ROWS" >&2; exit 1; }
mine=$(sql "SELECT COUNT(*) FROM incident WHERE municipality_code = '$CODE' AND local_day BETWEEN ${YEAR}0101 AND ${YEAR}1231")
echo "reports: $stored in all; $mine for $CODE in $YEAR"

# A coordinator of the municipality, signed in through the form.
PASSWORD=$("$LOFTE" "${DB_ARGS[@]}" user add --email bench@lofte.example --name Bench \
    --organisation "municipality:$CODE" --role coordinator | tail -1)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
LOFTE_PAGE_CACHE_SECONDS=0 "$LOFTE" "${DB_ARGS[@]}" serve --bind "127.0.0.1:$PORT" >"$TMP/serve.log" 2>&1 &
SERVER=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
curl -s -o /dev/null -c "$TMP/cookies" -H "Origin: $BASE" \
    --data-urlencode "email=bench@lofte.example" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "nasta=/personal" "$BASE/logga-in"
PAGE="/personal/kommun/$CODE/lagesbild?ar=$YEAR"
status=$(curl -s -o "$TMP/page.html" -w '%{http_code}' -b "$TMP/cookies" "$BASE$PAGE")
[ "$status" = 200 ] || { echo "GET $PAGE: $status" >&2; exit 1; }
grep -q "Lägesbild för" "$TMP/page.html" || { echo "not the picture" >&2; exit 1; }
for _ in $(seq 1 "$RUNS"); do
    curl -s -o /dev/null -w '%{time_total}\n' -b "$TMP/cookies" "$BASE$PAGE"
done >"$TMP/page.times"
page_ms=$(awk '{ s += $1; n++ } END { printf "%.2f", s / n * 1000 }' "$TMP/page.times")
page_p90=$(sort -n "$TMP/page.times" | awk '{ a[NR] = $1 } END { printf "%.2f", a[int(NR * 0.9)] * 1000 }')

# The raw SQL the picture needs, as lofte's queries ask it: the years with reports; each
# category this year and the year before; day, hour and category for the year's weeks
# and the grid, and for the same weeks a year before; place or point and category for
# the hot spots.
DAYS="local_day BETWEEN ${YEAR}0101 AND ${YEAR}1231"
BEFORE="local_day BETWEEN $((YEAR - 1))0101 AND $((YEAR - 1))1231"
WHERE="municipality_code = '$CODE'"
SYN="SUM(CASE WHEN synthetic THEN 1 ELSE 0 END)"
RAW="SELECT DISTINCT local_day / 10000 FROM incident WHERE $WHERE;
SELECT category, COUNT(*), $SYN FROM incident WHERE $WHERE AND $DAYS GROUP BY category;
SELECT category, COUNT(*), $SYN FROM incident WHERE $WHERE AND $BEFORE GROUP BY category;
SELECT local_day, local_hour, category, COUNT(*) FROM incident WHERE $WHERE AND $DAYS GROUP BY local_day, local_hour, category;
SELECT local_day, local_hour, category, COUNT(*) FROM incident WHERE $WHERE AND local_day BETWEEN $((YEAR - 1))1101 AND $((YEAR - 1))1231 GROUP BY local_day, local_hour, category;
SELECT place_slug, lat, lon, category, COUNT(*) FROM incident WHERE $WHERE AND $DAYS GROUP BY place_slug, lat, lon, category;"
if [ -n "${SITUATION_POSTGRES:-}" ]; then
    RAW_TOOL=psql
    # One warm-up round, then RUNS rounds in one session; each round is the six queries.
    { echo '\timing on'; for _ in $(seq 0 "$RUNS"); do echo "$RAW"; done; } >"$TMP/raw.sql"
    raw_ms=$(psql -X -q -o /dev/null -f "$TMP/raw.sql" "$DB_URL" |
        awk -v q=6 '/^Time:/ { n++; if (n > q) { sum += $2 } } END { printf "%.2f", sum / ((n - q) / q) }')
else
    RAW_TOOL=sqlite3
    raw_ms=$(python3 - "$TMP/data/lofte.sqlite" "$RAW" "$RUNS" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
queries = [q.strip() for q in sys.argv[2].split(";") if q.strip()]
runs = int(sys.argv[3])
for q in queries:  # warm the cache, as the server's is warm
    db.execute(q).fetchall()
start = time.perf_counter()
for _ in range(runs):
    for q in queries:
        db.execute(q).fetchall()
print(f"{(time.perf_counter() - start) * 1000 / runs:.2f}")
PY
    )
fi

ratio=$(awk -v a="$page_ms" -v b="$raw_ms" 'BEGIN { printf "%.2f", a / b }')
verdict() { awk "BEGIN { print (($1) ? \"yes\" : \"NO\") }"; }
echo
echo "== staff situation picture of $CODE $YEAR, $ROWS reports, $DB_KIND =="
echo "lofte page (HTTP, signed in, no cache), mean of $RUNS: $page_ms ms (p90 $page_p90 ms)"
echo "raw SQL, the same six aggregates in $RAW_TOOL: $raw_ms ms"
echo "ratio: $ratio  (target <= 2: $(verdict "$ratio <= 2")); under 100 ms: $(verdict "$page_ms < 100")"
