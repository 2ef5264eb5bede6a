#!/usr/bin/env bash
# Bulk import of an incident CSV by `lofte incident import`, against the sqlite3 shell's
# `.import` of the same file into a bare table, in the same run. See bench/README.md.
#
#   bench/incident-import.sh [ROWS]        (default 1000000; also runs ROWS/10)
#   LOFTE_BIN=/path/to/lofte bench/incident-import.sh [ROWS]   (that binary, no build)
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
TARGET_RATIO=2
TARGET_RSS_MB=100

# shellcheck source=bench/import-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/import-common.sh"
imported() { # "N incident reports imported, M were already there." -> "N M"
    sed -nE 's/^([0-9]+) incident reports imported, ([0-9]+) were already there\.$/\1 \2/p' "$TMP/$1.out"
}

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- input --------------------------------------------------------------------------
echo "generating $SMALL and $ROWS rows ..." >&2
python3 "$ROOT/bench/gen_incidents.py" "$SMALL" -o "$TMP/small.csv"
python3 "$ROOT/bench/gen_incidents.py" "$ROWS" -o "$TMP/full.csv"
python3 "$ROOT/bench/gen_incidents.py" 0 -o "$TMP/empty.csv"

# --- runs ---------------------------------------------------------------------------
# sqlite3: `.import` creates the table from the header (all columns TEXT, no index, no
# constraint) and inserts in one transaction; the file is semicolon-separated.
sqlite_import() { # NAME CSV
    printf '.mode csv\n.separator ;\n.import %s incident_bare\n' "$2" >"$TMP/$1.sql"
    timed "$1" sqlite3 "$TMP/$1.sqlite" <"$TMP/$1.sql"
}

lofte_db lofte-empty
timed lofte-empty "$LOFTE" --data-dir "$TMP/lofte-empty" incident import \
    --municipality 0482 "$TMP/empty.csv"

for size in small full; do
    lofte_db "lofte-$size"
    echo "lofte incident import ($size) ..." >&2
    timed "lofte-$size" "$LOFTE" --data-dir "$TMP/lofte-$size" incident import \
        --municipality 0482 "$TMP/$size.csv"
    echo "sqlite3 .import ($size) ..." >&2
    sqlite_import "sqlite-$size" "$TMP/$size.csv"
done

echo "lofte incident import again (full, idempotency) ..." >&2
timed lofte-again "$LOFTE" --data-dir "$TMP/lofte-full" incident import \
    --municipality 0482 "$TMP/full.csv"

# --- checks -------------------------------------------------------------------------
count() { sqlite3 "$1" "select count(*) from $2"; }
problems=()
check() { # WHAT EXPECTED ACTUAL
    [[ $2 == "$3" ]] || problems+=("$1: expected $2, got ${3:-nothing}")
}
check "rows in lofte database ($SMALL)" "$SMALL" "$(count "$TMP/lofte-small/lofte.sqlite" incident)"
check "rows in lofte database ($ROWS)" "$ROWS" "$(count "$TMP/lofte-full/lofte.sqlite" incident)"
check "rows in sqlite3 table ($ROWS)" "$ROWS" "$(count "$TMP/sqlite-full.sqlite" incident_bare)"
check "first import (added, already there)" "$ROWS 0" "$(imported lofte-full)"
check "second import (added, already there)" "0 $ROWS" "$(imported lofte-again)"

# --- report -------------------------------------------------------------------------
ratio_small=$(ratio "$(wall lofte-small)" "$(wall sqlite-small)")
ratio=$(ratio "$(wall lofte-full)" "$(wall sqlite-full)")
cpu_ratio=$(ratio "$(cpu lofte-full)" "$(cpu sqlite-full)")
size_mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1048576 }'; }

echo
echo "Incident CSV import: lofte vs sqlite3 .import ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, sqlite3 $(sqlite3 --version | cut -d' ' -f1))"
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

if ((${#problems[@]})); then
    echo
    printf 'CHECK FAILED: %s\n' "${problems[@]}"
    exit 1
fi
echo
echo "Checks: $ROWS rows stored, a second import added 0 ($ROWS already there)."
