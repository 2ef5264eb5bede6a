#!/usr/bin/env bash
# Kill -9 during imports, many times (issue 8, faults): `lofte activity import` and
# `lofte survey import` are killed at random moments; after each kill the database must
# pass `lofte check` (SQLite's integrity and foreign-key checks) and every import must be
# wholly there or wholly absent. Then the file is imported to the end and must be whole.
# Then the same for the server: bench/faults_server.py kills `lofte serve` while it
# publishes follow-ups and stores activities from the API (see that file).
#
#   bench/faults.sh [ROUNDS] [ACTIVITY_ROWS] [SURVEY_ROWS]
#
# Defaults: 20 rounds each, 200,000 activity rows, 200,000 survey responses;
# FAULTS_POSTGRES=postgres://… runs the server part on PostgreSQL as well. Uses
# $LOFTE (default target/debug/lofte, as `cargo build` leaves it) and sqlite3 to count.
# The kill moments come from a fixed seed, spread over the measured length of an import.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${1:-20}
ACTIVITIES=${2:-200000}
RESPONSES=${3:-200000}
LOFTE=${LOFTE:-$ROOT/target/debug/lofte}
[ -x "$LOFTE" ] || { echo "build lofte first (cargo build)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install sqlite3)" >&2; exit 1; }
export LOFTE_LOG=warn
TMP=$(mktemp -d /tmp/lofte-faults.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
RANDOM=4821 # a fixed seed: the same kill moments every run

python3 "$ROOT/bench/gen_activities.py" "$ACTIVITIES" -o "$TMP/activities.csv"
python3 "$ROOT/bench/survey-generate.py" "$RESPONSES" "$TMP/survey.csv"

fresh() { # DIR: a migrated database with Flen's profile and survey codebook
    "$LOFTE" --data-dir "$1" migrate >/dev/null
    "$LOFTE" --data-dir "$1" municipality import "$ROOT/data/flen/municipality.json" >/dev/null
    "$LOFTE" --data-dir "$1" survey codebook --municipality 0482 \
        "$ROOT/data/flen/survey-codebook.json" >/dev/null
}
count() { # DIR SQL
    sqlite3 "$1/lofte.sqlite" "$2"
}
seconds() { date +%s.%N; }

# One complete run of each import, to know how long one takes (kills land within it).
fresh "$TMP/timing"
t0=$(seconds)
"$LOFTE" --data-dir "$TMP/timing" activity import --municipality 0482 "$TMP/activities.csv" >/dev/null
t1=$(seconds)
"$LOFTE" --data-dir "$TMP/timing" survey import --municipality 0482 "$TMP/survey.csv" >/dev/null
t2=$(seconds)
activity_ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", (b - a) * 1000 }')
survey_ms=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%d", (b - a) * 1000 }')
echo "one activity import of $ACTIVITIES rows: ${activity_ms} ms; one survey import of $RESPONSES responses: ${survey_ms} ms"

failures=0
killed=0
round() { # KIND DIR TOTAL_MS SQL_COUNT EXPECTED COMMAND...
    local kind=$1 dir=$2 total=$3 sql=$4 expected=$5
    shift 5
    local delay_ms=$(( (RANDOM * 32768 + RANDOM) % (total + 1) ))
    "$@" >/dev/null 2>&1 &
    local pid=$!
    sleep "$(awk -v ms="$delay_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
    if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
    wait "$pid" 2>/dev/null || true
    if ! "$LOFTE" --data-dir "$dir" check >/dev/null 2>"$TMP/check.err"; then
        echo "FAIL $kind after ${delay_ms} ms: check failed: $(cat "$TMP/check.err")"
        failures=$((failures + 1))
        return
    fi
    local n
    n=$(count "$dir" "$sql")
    if [ "$n" != 0 ] && [ "$n" != "$expected" ]; then
        echo "FAIL $kind after ${delay_ms} ms: $n rows, expected 0 or $expected"
        failures=$((failures + 1))
    fi
}

fresh "$TMP/db"
for i in $(seq 1 "$ROUNDS"); do
    round activities "$TMP/db" "$activity_ms" "SELECT COUNT(*) FROM activity" "$ACTIVITIES" \
        "$LOFTE" --data-dir "$TMP/db" activity import --municipality 0482 "$TMP/activities.csv"
    round survey "$TMP/db" "$survey_ms" "SELECT COALESCE(SUM(rows), 0) FROM survey_import" \
        "$RESPONSES" \
        "$LOFTE" --data-dir "$TMP/db" survey import --municipality 0482 "$TMP/survey.csv"
done

# Finally to the end: everything is there once, and the check still passes.
"$LOFTE" --data-dir "$TMP/db" activity import --municipality 0482 "$TMP/activities.csv" >/dev/null
"$LOFTE" --data-dir "$TMP/db" survey import --municipality 0482 "$TMP/survey.csv" >/dev/null \
    || true # refused when an earlier round already imported it whole: that is fine
"$LOFTE" --data-dir "$TMP/db" check >/dev/null || { echo "FAIL final check"; failures=$((failures + 1)); }
final_activities=$(count "$TMP/db" "SELECT COUNT(*) FROM activity")
final_responses=$(count "$TMP/db" "SELECT COALESCE(SUM(rows), 0) FROM survey_import")
[ "$final_activities" = "$ACTIVITIES" ] || { echo "FAIL final activities: $final_activities"; failures=$((failures + 1)); }
[ "$final_responses" = "$RESPONSES" ] || { echo "FAIL final responses: $final_responses"; failures=$((failures + 1)); }

echo "rounds: $ROUNDS per import kind; processes killed mid-run: $killed of $((ROUNDS * 2))"
echo "inconsistencies: $failures (check failures, partial imports, wrong final counts)"

# The server killed while it publishes follow-ups and takes activities through the API,
# on SQLite and, when FAULTS_POSTGRES names a PostgreSQL server, there too.
echo
echo "== lofte serve killed while it publishes follow-ups and takes activity batches and survey files =="
python3 "$ROOT/bench/faults_server.py" --rounds "$ROUNDS" --lofte "$LOFTE" || failures=$((failures + 1))
if [ -n "${FAULTS_POSTGRES:-}" ]; then
    python3 "$ROOT/bench/faults_server.py" --rounds "$ROUNDS" --lofte "$LOFTE" \
        --postgres "$FAULTS_POSTGRES" || failures=$((failures + 1))
fi
[ "$failures" = 0 ]
