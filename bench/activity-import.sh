#!/usr/bin/env bash
# Bulk import of an activity CSV by `lofte activity import`, against the sqlite3 shell's
# `.import` of the same file into a bare table, in the same run. See bench/README.md.
#
#   bench/activity-import.sh [ROWS]        (default 1000000; also runs ROWS/10)
#   LOFTE_BIN=/path/to/lofte bench/activity-import.sh [ROWS]   (that binary, no build)
#
# Prints wall and CPU times, the ratio lofte/sqlite3 and peak resident memory, and checks
# that the import stored every row and that a second import adds nothing. It is a
# benchmark, not a test: the targets are reported, never asserted (the exit status is
# non-zero only when the import itself misbehaves).
set -euo pipefail

ROWS=${1:-1000000}
if ! [[ $ROWS =~ ^[0-9]+$ ]] || ((ROWS < 10)); then
    echo "usage: $0 [ROWS]   (ROWS >= 10, default 1000000)" >&2
    exit 2
fi
SMALL=$((ROWS / 10))
TARGET_RATIO=1.5
TARGET_RSS_MB=100

# shellcheck source=bench/import-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/import-common.sh"
imported() { # "N activities imported, M were already there." -> "N M"
    sed -nE 's/^([0-9]+) activities imported, ([0-9]+) were already there\.$/\1 \2/p' "$TMP/$1.out"
}

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- input --------------------------------------------------------------------------
echo "generating $SMALL and $ROWS rows ..." >&2
python3 "$ROOT/bench/gen_activities.py" "$SMALL" -o "$TMP/small.csv"
python3 "$ROOT/bench/gen_activities.py" "$ROWS" -o "$TMP/full.csv"
python3 "$ROOT/bench/gen_activities.py" 0 -o "$TMP/empty.csv"

# --- runs ---------------------------------------------------------------------------
# sqlite3: CSV mode, `.import` creates the table from the header (all columns TEXT, no
# index, no constraint) and inserts in one transaction.
sqlite_import() { # NAME CSV
    printf '.mode csv\n.import %s activity_bare\n' "$2" >"$TMP/$1.sql"
    timed "$1" sqlite3 "$TMP/$1.sqlite" <"$TMP/$1.sql"
}

# The fixed cost of one run (start, connect, migration and reference-data check) on a
# header-only file, to tell it apart from the cost per row.
lofte_db lofte-empty
timed lofte-empty "$LOFTE" --data-dir "$TMP/lofte-empty" activity import \
    --municipality 0482 "$TMP/empty.csv"

for size in small full; do
    lofte_db "lofte-$size"
    echo "lofte activity import ($size) ..." >&2
    timed "lofte-$size" "$LOFTE" --data-dir "$TMP/lofte-$size" activity import \
        --municipality 0482 "$TMP/$size.csv"
    echo "sqlite3 .import ($size) ..." >&2
    sqlite_import "sqlite-$size" "$TMP/$size.csv"
done
# A second reference, printed beside the target: the sqlite3 shell alone moving the same
# rows from the bare table into lofte's schema (the table, both indexes,
# `activity_progress` rebuilt at the end as lofte does, lofte's pragmas), in one
# transaction. No CSV parsing and no checks: what SQLite itself needs for this schema.
# The foreign key is not checked per row: lofte checks it once per import (every row has
# the same municipality), so the shell does the same work.
# The local-time conversion is left out, so `started_at` is approximate; the work is not.
# The type's id is looked up per row (lofte does that on its reading side, from a map),
# and the date becomes the YYYYMMDD number lofte stores.
lofte_db shell-schema
cat >"$TMP/shell-schema.sql" <<SQL
PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;
PRAGMA cache_size = -32768; PRAGMA temp_store = memory;
ATTACH '$TMP/sqlite-full.sqlite' AS bare;
BEGIN IMMEDIATE;
DROP INDEX activity_progress;
INSERT INTO activity (municipality_code, activity_type_id, performer, started_at, local_day,
    duration_minutes, place_slug, participants, note, dedup_key, synthetic, account_id,
    api_token_id, created_at)
SELECT '0482', t.id, performer,
    date || 'T' || COALESCE(NULLIF(time, ''), '12:00') || ':00+00:00',
    CAST(replace(date, '-', '') AS INTEGER),
    CAST(NULLIF(duration_minutes, '') AS INTEGER), NULLIF(place, ''),
    CAST(NULLIF(participants, '') AS INTEGER), NULLIF(note, ''), 'id:' || external_id,
    0, NULL, NULL, '2026-01-01T00:00:00.000000000+00:00'
FROM bare.activity_bare JOIN activity_type t ON t.code = type AND t.municipality_code IS NULL
WHERE true ON CONFLICT DO NOTHING;
PRAGMA cache_size = -8192; PRAGMA temp_store = file; PRAGMA threads = 1;
$(sqlite3 "$TMP/shell-schema/lofte.sqlite" "SELECT sql FROM sqlite_master WHERE name = 'activity_progress'");
COMMIT;
SQL
echo "sqlite3 into lofte's schema (full) ..." >&2
timed shell-schema sqlite3 "$TMP/shell-schema/lofte.sqlite" <"$TMP/shell-schema.sql"

echo "lofte activity import again (full, idempotency) ..." >&2
timed lofte-again "$LOFTE" --data-dir "$TMP/lofte-full" activity import \
    --municipality 0482 "$TMP/full.csv"

# --- checks -------------------------------------------------------------------------
count() { sqlite3 "$1" "select count(*) from $2"; }
problems=()
check() { # WHAT EXPECTED ACTUAL
    [[ $2 == "$3" ]] || problems+=("$1: expected $2, got ${3:-nothing}")
}
check "rows in lofte database ($SMALL)" "$SMALL" "$(count "$TMP/lofte-small/lofte.sqlite" activity)"
check "rows in lofte database ($ROWS)" "$ROWS" "$(count "$TMP/lofte-full/lofte.sqlite" activity)"
check "rows in sqlite3 table ($ROWS)" "$ROWS" "$(count "$TMP/sqlite-full.sqlite" activity_bare)"
check "first import (added, already there)" "$ROWS 0" "$(imported lofte-full)"
check "second import (added, already there)" "0 $ROWS" "$(imported lofte-again)"
check "rows sqlite3 moved into lofte's schema" "$ROWS" "$(count "$TMP/shell-schema/lofte.sqlite" activity)"

# --- report -------------------------------------------------------------------------
ratio_small=$(ratio "$(wall lofte-small)" "$(wall sqlite-small)")
ratio=$(ratio "$(wall lofte-full)" "$(wall sqlite-full)")
cpu_ratio=$(ratio "$(cpu lofte-full)" "$(cpu sqlite-full)")
size_mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1048576 }'; }

echo
echo "Activity CSV import: lofte vs sqlite3 .import ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, sqlite3 $(sqlite3 --version | cut -d' ' -f1))"
echo
fmt='%-9s %8s | %8s %8s %6s | %8s %8s %6s | %8s %8s\n'
printf "$fmt" "" "" "wall (s)" "" "" "CPU (s)" "" "" "peak RSS (MB)" ""
printf "$fmt" rows file_MB lofte sqlite3 ratio lofte sqlite3 ratio lofte sqlite3
for size in small full; do
    n=$([[ $size == small ]] && echo "$SMALL" || echo "$ROWS")
    printf "$fmt" "$n" "$(size_mb "$TMP/$size.csv")" \
        "$(wall "lofte-$size")" "$(wall "sqlite-$size")" \
        "$(ratio "$(wall "lofte-$size")" "$(wall "sqlite-$size")")" \
        "$(cpu "lofte-$size")" "$(cpu "sqlite-$size")" \
        "$(ratio "$(cpu "lofte-$size")" "$(cpu "sqlite-$size")")" \
        "$(rss "lofte-$size")" "$(rss "sqlite-$size")"
done
echo
echo "  load average at start: $LOAD_AT_START (other work on the machine makes wall times noisy)"
echo "  ratio = lofte / sqlite3; CPU = user + system time; RSS in MiB"
echo "  second import of the $ROWS rows: $(wall lofte-again) s, peak RSS $(rss lofte-again) MB, result: $(cat "$TMP/lofte-again.out")"
echo "  fixed cost of one lofte run (header-only file): $(wall lofte-empty) s, peak RSS $(rss lofte-empty) MB"
echo "  database size: lofte $(size_mb "$TMP/lofte-full") MB (two indexes), sqlite3 bare table $(size_mb "$TMP/sqlite-full.sqlite") MB"
echo
echo "Targets"
echo "  time   lofte/sqlite3 <= $TARGET_RATIO at $ROWS rows: $ratio  -> $(yes_no "$ratio <= $TARGET_RATIO")"
echo "  memory peak RSS < $TARGET_RSS_MB MB: $(rss lofte-small) MB at $SMALL rows, $(rss lofte-full) MB at $ROWS rows" \
    " -> $(yes_no "$(rss lofte-small) < $TARGET_RSS_MB && $(rss lofte-full) < $TARGET_RSS_MB")"
echo "  (wall-time ratio at $SMALL rows: $ratio_small; CPU-time ratio at $ROWS rows: $cpu_ratio)"
echo
echo "For comparison: the sqlite3 shell alone moving the $ROWS rows from its bare table into"
echo "lofte's schema (both indexes, progress index rebuilt, no CSV parsing, no checks):"
echo "  $(wall shell-schema) s wall, $(cpu shell-schema) s CPU, peak RSS $(rss shell-schema) MB;" \
    "that is $(ratio "$(wall shell-schema)" "$(wall sqlite-full)") x sqlite3 .import," \
    "and lofte takes $(ratio "$(wall lofte-full)" "$(wall shell-schema)") x it"

if ((${#problems[@]})); then
    echo
    printf 'CHECK FAILED: %s\n' "${problems[@]}"
    exit 1
fi
echo
echo "Checks: $ROWS rows stored, a second import added 0 ($ROWS already there)."
