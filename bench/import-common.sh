# The harness the import benchmarks share (sourced, not run): tools, the release build,
# a scratch directory, and timing with GNU time. The sourcing script sets ROWS, SMALL,
# TARGET_RATIO and TARGET_RSS_MB first. See bench/README.md.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# LOFTE_BIN=path benchmarks that binary as it is (no build), e.g. to compare two builds.
LOFTE=${LOFTE_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/lofte}

# --- tools ---------------------------------------------------------------------------
apt_install() {
    local sudo=()
    ((EUID == 0)) || sudo=(sudo)
    echo "installing Debian package $1 ..." >&2
    "${sudo[@]}" apt-get install -y "$1" >/dev/null ||
        { "${sudo[@]}" apt-get update >/dev/null && "${sudo[@]}" apt-get install -y "$1" >/dev/null; }
}
[[ -x /usr/bin/time ]] || apt_install time # GNU time, for -v (peak RSS)
command -v sqlite3 >/dev/null || apt_install sqlite3
command -v python3 >/dev/null || { echo "python3 is needed for the generator" >&2; exit 1; }

# --- build (once, only when the binary is missing or older than the sources) ----------
if [[ -n ${LOFTE_BIN:-} ]]; then
    [[ -x $LOFTE ]] || { echo "LOFTE_BIN=$LOFTE is not an executable" >&2; exit 1; }
elif [[ ! -x $LOFTE ]] || [[ -n $(find "$ROOT/crates" "$ROOT/data" "$ROOT/Cargo.toml" \
    "$ROOT/Cargo.lock" -type f -newer "$LOFTE" -print -quit) ]]; then
    echo "building the release binary ..." >&2
    (cd "$ROOT" && cargo build --release -p lofte)
fi

# --- scratch space ------------------------------------------------------------------
TMP=$(mktemp -d /tmp/lofte-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# Only our flags decide where the databases are: no LOFTE_* from the caller's shell, no
# ./lofte.toml from the working directory. English messages, so they can be parsed.
for var in $(compgen -v LOFTE_ || true); do unset "$var"; done
export LOFTE_LANG=en LOFTE_LOG=warn
cd "$TMP"

# timed NAME CMD... : runs CMD under GNU time; figures in NAME.time, output in NAME.out.
timed() {
    local name=$1
    shift
    if ! /usr/bin/time -v -o "$TMP/$name.time" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"; then
        echo "failed: $*" >&2
        cat "$TMP/$name.out" "$TMP/$name.err" >&2
        exit 1
    fi
}
wall() { # seconds, from "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.03"
    awk '/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); s = 0
         for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$TMP/$1.time"
}
cpu() { # user + system seconds
    awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' \
        "$TMP/$1.time"
}
rss() { # peak resident set size in MB (MiB)
    awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$TMP/$1.time"
}
ratio() { # A B -> A/B, or n/a when B is too small to time (0.00 s)
    awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else printf "n/a" }'
}
yes_no() { # CONDITION over numbers; n/a when a figure is n/a
    if [[ $1 == *n/a* ]]; then echo "n/a (too fast to time: use more rows)"; return; fi
    awk "BEGIN { print (($1) ? \"yes\" : \"NO\") }"
}
lofte_db() { # DIR: a migrated database holding Flen's profile (places), not timed
    "$LOFTE" --data-dir "$TMP/$1" migrate >/dev/null
    "$LOFTE" --data-dir "$TMP/$1" municipality import "$ROOT/data/flen/municipality.json" >/dev/null
}
