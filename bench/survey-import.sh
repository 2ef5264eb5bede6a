#!/usr/bin/env bash
# Safety-survey indicators (issue 6): `lofte survey` importing a survey CSV and computing
# every indicator with every breakdown from what it stored, against DuckDB loading the
# same CSV into a database file and computing the same indicators, in the same run. See
# bench/notes/survey-import.md ("Safety survey indicators").
#
#   bench/survey-import.sh [ROWS]        (default 1000000; also runs ROWS/4)
#   LOFTE_BIN=/path/to/lofte bench/survey-import.sh [ROWS]   (that binary, no build)
#
# Prints wall and CPU times of both sides end to end (and of each lofte step), the ratio
# lofte/DuckDB, the import's peak resident memory at both sizes, and the comparison of
# the two result sets (same keys, same n and suppression, every figure within 1e-9). It
# is a benchmark, not a test: the targets are reported, never asserted; the exit status
# is non-zero only when a step fails or the two result sets differ.
set -euo pipefail

ROWS=${1:-1000000}
if ! [[ $ROWS =~ ^[0-9]+$ ]] || ((ROWS < 40)); then
    echo "usage: $0 [ROWS]   (ROWS >= 40, default 1000000)" >&2
    exit 2
fi
SMALL=$((ROWS / 4))
TARGET_RATIO=1.0     # lofte end to end / DuckDB end to end
MEMORY_GROWTH=1.25   # "does not grow": peak RSS at ROWS at most this times the one at ROWS/4
TOLERANCE=1e-9
MUNICIPALITY=0482

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOFTE=${LOFTE_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/lofte}
[[ $LOFTE == /* ]] || LOFTE=$PWD/$LOFTE # the runs happen in a scratch directory
CODEBOOK=$ROOT/data/flen/survey-codebook.json
REQUIREMENTS=$ROOT/bench/requirements-survey.txt
VENV=${XDG_CACHE_HOME:-$HOME/.cache}/lofte-bench/survey-venv

# --- tools ---------------------------------------------------------------------------
apt_install() {
    local sudo=()
    ((EUID == 0)) || sudo=(sudo)
    echo "installing Debian package(s) $* ..." >&2
    "${sudo[@]}" apt-get install -y "$@" >/dev/null ||
        { "${sudo[@]}" apt-get update >/dev/null && "${sudo[@]}" apt-get install -y "$@" >/dev/null; }
}
[[ -x /usr/bin/time ]] || apt_install time # GNU time, for -v (CPU time, peak RSS)
command -v python3 >/dev/null || apt_install python3 python3-venv

# --- DuckDB and scipy from PyPI, in a venv kept between runs ---------------------------
if ! cmp -s "$REQUIREMENTS" "$VENV/requirements-survey.txt" 2>/dev/null ||
    ! "$VENV/bin/python" -c "import duckdb, scipy.special" 2>/dev/null; then
    echo "installing $(grep -v '^#' "$REQUIREMENTS" | paste -sd' ') into $VENV ..." >&2
    rm -rf "$VENV"
    python3 -m venv "$VENV" || { apt_install python3-venv && python3 -m venv "$VENV"; }
    "$VENV/bin/pip" install --quiet -r "$REQUIREMENTS"
    cp "$REQUIREMENTS" "$VENV/requirements-survey.txt"
fi

# --- build (once, only when the binary is missing or older than the sources) ----------
if [[ -n ${LOFTE_BIN:-} ]]; then
    [[ -x $LOFTE ]] || { echo "LOFTE_BIN=$LOFTE is not an executable" >&2; exit 1; }
elif [[ ! -x $LOFTE ]] || [[ -n $(find "$ROOT/crates" "$ROOT/data" "$ROOT/Cargo.toml" \
    "$ROOT/Cargo.lock" -type f -newer "$LOFTE" -print -quit) ]]; then
    echo "building the release binary ..." >&2
    (cd "$ROOT" && cargo build --release -p lofte)
fi
"$LOFTE" survey --help >/dev/null 2>&1 ||
    { echo "$LOFTE has no \`survey\` command: nothing to benchmark" >&2; exit 1; }

# --- scratch space ------------------------------------------------------------------
TMP=$(mktemp -d /tmp/lofte-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# Only our flags decide where the database is: no LOFTE_* from the caller's shell, no
# ./lofte.toml from the working directory. English messages, so they can be parsed.
for var in $(compgen -v LOFTE_ || true); do unset "$var"; done
export LOFTE_LANG=en LOFTE_LOG=warn
cd "$TMP"

# timed NAME CMD... : runs CMD under GNU time; wall time (ms resolution) in NAME.wall,
# CPU and memory in NAME.time, output in NAME.out and NAME.err.
timed() {
    local name=$1 start
    shift
    start=$EPOCHREALTIME
    if ! /usr/bin/time -v -o "$TMP/$name.time" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"; then
        echo "failed: $*" >&2
        cat "$TMP/$name.out" "$TMP/$name.err" >&2
        exit 1
    fi
    awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }' >"$TMP/$name.wall"
}
wall() { cat "$TMP/$1.wall"; } # seconds
cpu() { # user + system seconds
    awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' \
        "$TMP/$1.time"
}
rss() { # peak resident set size in MB (MiB)
    awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$TMP/$1.time"
}
sum() { awk 'BEGIN { s = 0; for (i = 1; i < ARGC; i++) s += ARGV[i]; printf "%.3f", s }' "$@"; }
ratio() { # A B -> A/B, or n/a when B is too small to time
    awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else printf "n/a" }'
}
yes_no() { # CONDITION over numbers; n/a when a figure is n/a
    if [[ $1 == *n/a* ]]; then echo "n/a"; return; fi
    awk "BEGIN { print (($1) ? \"yes\" : \"NO\") }"
}
size_mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1048576 }'; }

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
problems=()

# --- input --------------------------------------------------------------------------
echo "generating $SMALL and $ROWS rows ..." >&2
timed gen-small python3 "$ROOT/bench/survey-generate.py" "$SMALL" "$TMP/small.csv"
timed gen-full python3 "$ROOT/bench/survey-generate.py" "$ROWS" "$TMP/full.csv"

# --- runs ---------------------------------------------------------------------------
# lofte: a migrated database holding Flen's profile (not timed), then the three timed
# steps, each a whole process: codebook, import, indicators (the end to end is their sum).
# DuckDB: one whole Python process (interpreter start, imports, load, compute, write).
for size in small full; do
    db=$TMP/lofte-$size
    "$LOFTE" --data-dir "$db" migrate >/dev/null
    "$LOFTE" --data-dir "$db" municipality import "$ROOT/data/flen/municipality.json" >/dev/null
    echo "lofte survey codebook, import, indicators ($size) ..." >&2
    timed "lofte-$size-codebook" "$LOFTE" --data-dir "$db" survey codebook \
        --municipality "$MUNICIPALITY" "$CODEBOOK"
    timed "lofte-$size-import" "$LOFTE" --data-dir "$db" survey import \
        --municipality "$MUNICIPALITY" "$TMP/$size.csv"
    timed "lofte-$size-indicators" "$LOFTE" --data-dir "$db" survey indicators \
        --municipality "$MUNICIPALITY" --format csv -o "$TMP/lofte-$size.csv"
    echo "DuckDB ($size) ..." >&2
    timed "duckdb-$size" "$VENV/bin/python" "$ROOT/bench/survey_duckdb.py" \
        "$TMP/$size.csv" "$TMP/duckdb-$size.duckdb" "$TMP/duckdb-$size.csv" \
        --codebook "$CODEBOOK" --municipality "$MUNICIPALITY"
    if ! python3 "$ROOT/bench/survey-compare.py" --tolerance "$TOLERANCE" --names lofte duckdb \
        "$TMP/lofte-$size.csv" "$TMP/duckdb-$size.csv" >"$TMP/compare-$size.out" 2>&1; then
        problems+=("$size ($([[ $size == small ]] && echo "$SMALL" || echo "$ROWS") rows): the result sets differ (see above)")
    fi
done

# --- report -------------------------------------------------------------------------
e2e_wall() { sum "$(wall "lofte-$1-codebook")" "$(wall "lofte-$1-import")" "$(wall "lofte-$1-indicators")"; }
e2e_cpu() { printf '%.2f' "$(sum "$(cpu "lofte-$1-codebook")" "$(cpu "lofte-$1-import")" "$(cpu "lofte-$1-indicators")")"; }
phases() { sed -nE 's/^duckdb phases: //p' "$TMP/duckdb-$1.err" | sed -E 's/ rows=.*//'; }
verdict() { tail -n 1 "$TMP/compare-$1.out"; }
git_rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(git -C "$ROOT" status --porcelain 2>/dev/null) ]] || git_rev+=" (+ uncommitted changes)"
[[ -z ${LOFTE_BIN:-} ]] || git_rev+=" is the work tree's; LOFTE_BIN's build may differ"
ratio_full=$(ratio "$(e2e_wall full)" "$(wall duckdb-full)")
growth=$(ratio "$(rss lofte-full-import)" "$(rss lofte-small-import)")

echo
echo "Safety survey: lofte survey vs DuckDB $("$VENV/bin/python" -c 'import duckdb; print(duckdb.__version__)')" \
    "($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs)"
echo
echo "  machine: $(nproc) CPUs, $(sed -nE 's/^model name\s*: //p' /proc/cpuinfo | head -1), load average at start: $LOAD_AT_START"
echo "  lofte: commit $git_rev, binary $LOFTE"
echo "  generator: $SMALL rows in $(wall gen-small) s, $ROWS rows in $(wall gen-full) s (not part of either side)"
echo
fmt='%-9s %8s | %8s %8s %6s | %8s %8s %6s | %8s %8s\n'
printf "$fmt" "" "" "wall (s)" "" "" "CPU (s)" "" "" "peak RSS (MB)" ""
printf "$fmt" rows file_MB lofte duckdb ratio lofte duckdb ratio import duckdb
for size in small full; do
    n=$([[ $size == small ]] && echo "$SMALL" || echo "$ROWS")
    printf "$fmt" "$n" "$(size_mb "$TMP/$size.csv")" \
        "$(e2e_wall "$size")" "$(wall "duckdb-$size")" "$(ratio "$(e2e_wall "$size")" "$(wall "duckdb-$size")")" \
        "$(e2e_cpu "$size")" "$(cpu "duckdb-$size")" "$(ratio "$(e2e_cpu "$size")" "$(cpu "duckdb-$size")")" \
        "$(rss "lofte-$size-import")" "$(rss "duckdb-$size")"
done
echo
echo "  end to end: lofte = survey codebook + survey import + survey indicators (three processes);"
echo "  DuckDB = one python process (start, imports, CREATE TABLE … AS read_csv, SQL, CSV written)"
echo "  ratio = lofte / DuckDB; CPU = user + system time (DuckDB uses $(nproc) threads); RSS in MiB"
for size in small full; do
    n=$([[ $size == small ]] && echo "$SMALL" || echo "$ROWS")
    echo "  lofte steps at $n rows (wall s / CPU s / peak MB): codebook $(wall "lofte-$size-codebook") / $(cpu "lofte-$size-codebook") / $(rss "lofte-$size-codebook")," \
        "import $(wall "lofte-$size-import") / $(cpu "lofte-$size-import") / $(rss "lofte-$size-import")," \
        "indicators $(wall "lofte-$size-indicators") / $(cpu "lofte-$size-indicators") / $(rss "lofte-$size-indicators")"
    echo "  DuckDB phases at $n rows (s, inside the process): $(phases "$size")"
done
echo "  lofte import said: $(tail -n 1 "$TMP/lofte-full-import.out")"
echo "  database size at $ROWS rows: lofte $(size_mb "$TMP/lofte-full") MB, DuckDB $(size_mb "$TMP/duckdb-full.duckdb") MB"
echo "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine makes wall times noisy)"
echo
echo "Result sets (lofte vs DuckDB, by key; every figure within $TOLERANCE absolute)"
for size in small full; do
    n=$([[ $size == small ]] && echo "$SMALL" || echo "$ROWS")
    echo "  $n rows:"
    sed 's/^/    /' "$TMP/compare-$size.out"
done
echo
echo "Targets"
echo "  time   lofte/DuckDB end to end <= $TARGET_RATIO at $ROWS rows: $ratio_full -> $(yes_no "$ratio_full <= $TARGET_RATIO")"
echo "  memory lofte survey import peak RSS: $(rss lofte-small-import) MB at $SMALL rows, $(rss lofte-full-import) MB at $ROWS rows" \
    "(×$growth for 4× the rows; does not grow = at most ×$MEMORY_GROWTH) -> $(yes_no "$growth <= $MEMORY_GROWTH")"
echo "  results identical (same keys, n, suppression; figures within $TOLERANCE): $(verdict full | cut -d: -f1) at $ROWS rows," \
    "$(verdict small | cut -d: -f1) at $SMALL rows"

if ((${#problems[@]})); then
    echo
    printf 'CHECK FAILED: %s\n' "${problems[@]}"
    exit 1
fi
