#!/usr/bin/env bash
# The Flen 2021 T3 follow-up report as PDF by `lofte report` (typst), against WeasyPrint
# rendering the HTML edition of the same report, in the same run. See bench/README.md.
#
#   bench/report-render.sh [RUNS]        (default 20 timed runs of each command)
#   LOFTE_BIN=/path/to/lofte bench/report-render.sh [RUNS]   (that binary, no build)
#
# Prints mean ± standard deviation and minimum of whole-process times (hyperfine), the
# ratio WeasyPrint/lofte, WeasyPrint rendering in one warm Python process, and what the
# server takes for its first (rendering) and later (cached) requests of the PDF. It is a
# benchmark, not a test: the target is reported, never asserted (the exit status is
# non-zero only when a report is missing or is not the Flen 2021 T3 report).
set -euo pipefail

RUNS=${1:-20}
if ! [[ $RUNS =~ ^[0-9]+$ ]] || ((RUNS < 3)); then
    echo "usage: $0 [RUNS]   (RUNS >= 3, default 20)" >&2
    exit 2
fi
TARGET_RATIO=20
WEASYPRINT_PIN=70.0 # from PyPI; the newest release on 2026-11-25, runs on Python 3.11
SERVER_ROUNDS=3     # server starts: each gives one cold request and one warm, uncached
REPORT=(--municipality 0482 --year 2021 --period T3)
REPORT_PATH=/kommun/0482/2021/uppfoljning/t3
EXPECT="av 100 trafikkontroller" # the first commitment's headline figure

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOFTE=${LOFTE_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/lofte}
[[ $LOFTE == /* ]] || LOFTE=$PWD/$LOFTE # the runs happen in a scratch directory
VENV=${XDG_CACHE_HOME:-$HOME/.cache}/lofte-bench/weasyprint-venv

# --- tools ---------------------------------------------------------------------------
apt_install() {
    local sudo=()
    ((EUID == 0)) || sudo=(sudo)
    echo "installing Debian package(s) $* ..." >&2
    "${sudo[@]}" apt-get install -y "$@" >/dev/null ||
        { "${sudo[@]}" apt-get update >/dev/null && "${sudo[@]}" apt-get install -y "$@" >/dev/null; }
}
command -v hyperfine >/dev/null || apt_install hyperfine
command -v pdfinfo >/dev/null || apt_install poppler-utils # pdfinfo, pdftotext, pdffonts
command -v curl >/dev/null || apt_install curl
command -v python3 >/dev/null || apt_install python3 python3-venv
# WeasyPrint draws text with Pango (HarfBuzz, fontconfig); DejaVu is what typst embeds too.
for lib in libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 \
    libharfbuzz-subset.so.0:libharfbuzz-subset0 libfontconfig.so.1:libfontconfig1; do
    ldconfig -p | grep -q "${lib%%:*}" || apt_install "${lib#*:}"
done
fc-list | grep -q "DejaVu Sans" || apt_install fonts-dejavu-core

# --- WeasyPrint from PyPI, in a venv kept between runs ----------------------------------
if ! "$VENV/bin/python" -c "import weasyprint, sys; sys.exit(weasyprint.__version__ != '$WEASYPRINT_PIN')" 2>/dev/null; then
    echo "installing weasyprint==$WEASYPRINT_PIN into $VENV ..." >&2
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "weasyprint==$WEASYPRINT_PIN"
fi
WEASYPRINT=$VENV/bin/weasyprint

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
SERVER_PID=
stop_server() {
    if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; { wait "$SERVER_PID" || true; } 2>/dev/null; fi
    SERVER_PID=
}
trap 'stop_server; rm -rf "$TMP"' EXIT
# Only our flags decide where the database is: no LOFTE_* from the caller's shell, no
# ./lofte.toml from the working directory. English messages, so they can be parsed.
for var in $(compgen -v LOFTE_ || true); do unset "$var"; done
export LOFTE_LANG=en LOFTE_LOG=warn
cd "$TMP"

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
problems=()

# --- data and the two inputs (not timed) ----------------------------------------------
echo "loading the Flen demo ..." >&2
"$LOFTE" --data-dir "$TMP/data" demo >"$TMP/demo.out"
"$LOFTE" --data-dir "$TMP/data" report "${REPORT[@]}" --lang sv --format html -o "$TMP/report.html" >/dev/null
"$LOFTE" --data-dir "$TMP/data" report "${REPORT[@]}" --lang sv --format pdf -o "$TMP/lofte.pdf" >/dev/null
"$WEASYPRINT" "$TMP/report.html" "$TMP/weasyprint.pdf" 2>"$TMP/weasyprint.warnings"

# --- whole processes: lofte report (PDF; HTML for the part before typst) vs weasyprint
q() { printf '%q' "$1"; }
echo "hyperfine: $RUNS runs of each command ..." >&2
hyperfine --style basic --warmup 2 --runs "$RUNS" --export-json "$TMP/hyperfine.json" \
    -n lofte-pdf "$(q "$LOFTE") --data-dir $(q "$TMP/data") report ${REPORT[*]} --lang sv --format pdf -o $(q "$TMP/lofte-run.pdf")" \
    -n lofte-html "$(q "$LOFTE") --data-dir $(q "$TMP/data") report ${REPORT[*]} --lang sv --format html -o $(q "$TMP/lofte-run.html")" \
    -n weasyprint "$(q "$WEASYPRINT") $(q "$TMP/report.html") $(q "$TMP/weasyprint-run.pdf")" \
    -n weasyprint-ua "$(q "$WEASYPRINT") --pdf-variant pdf/ua-1 $(q "$TMP/report.html") $(q "$TMP/weasyprint-ua.pdf")" \
    >"$TMP/hyperfine.out" 2>&1 || { cat "$TMP/hyperfine.out" >&2; exit 1; }

# --- WeasyPrint in one Python process: first render, then RUNS warm ones --------------
echo "WeasyPrint in-process ..." >&2
"$VENV/bin/python" - "$TMP/report.html" "$TMP/weasyprint-warm.pdf" "$RUNS" >"$TMP/inprocess.out" \
    2>"$TMP/inprocess.err" <<'EOF' || { cat "$TMP/inprocess.err" >&2; exit 1; }
import statistics, sys, time
import weasyprint
src, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def render():
    start = time.perf_counter()
    weasyprint.HTML(filename=src).write_pdf(out)
    return time.perf_counter() - start
first = render()
warm = [render() for _ in range(runs)]
print(first, statistics.mean(warm), statistics.stdev(warm), min(warm))
EOF
read -r WP_FIRST WP_MEAN WP_SD WP_MIN <"$TMP/inprocess.out"

# --- the server: first request renders, later ones come from its PDF cache ------------
# Each start gives one cold request (sv.pdf: the process's first typst compilation, fonts
# and template loaded) and one warm, uncached (en.pdf: the same report in English, a
# model never rendered before, with typst warm). Then RUNS requests of sv.pdf, cached.
get() { # URL OUT -> seconds; fails unless 200 and a PDF
    local code time
    read -r code time < <(curl -s -o "$2" -w '%{http_code} %{time_total}\n' "$1")
    [[ $code == 200 && $(head -c 5 "$2") == %PDF- ]] || { echo "GET $1: HTTP $code" >&2; return 1; }
    echo "$time"
}
: >"$TMP/cold" >"$TMP/warm" >"$TMP/cached"
for ((round = 1; round <= SERVER_ROUNDS; round++)); do
    echo "server, start $round of $SERVER_ROUNDS ..." >&2
    "$LOFTE" --data-dir "$TMP/data" serve --bind 127.0.0.1:0 >"$TMP/serve.out" 2>"$TMP/serve.err" &
    SERVER_PID=$!
    url=
    for _ in $(seq 300); do
        url=$(sed -nE 's/^Löfte is listening on (http:[^ ]+)$/\1/p' "$TMP/serve.out" 2>/dev/null || true)
        [[ -n $url ]] && break
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    [[ -n $url ]] || { echo "the server did not start:" >&2; cat "$TMP/serve.out" "$TMP/serve.err" >&2; exit 1; }
    get "$url$REPORT_PATH/sv.pdf" "$TMP/server-sv.pdf" >>"$TMP/cold"
    get "$url$REPORT_PATH/en.pdf" "$TMP/server-en.pdf" >>"$TMP/warm"
    for ((i = 0; i < RUNS; i++)); do get "$url$REPORT_PATH/sv.pdf" "$TMP/server-sv-cached.pdf" >>"$TMP/cached"; done
    stop_server
done

# --- checks: both editions rendered the same report -----------------------------------
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
check_pdf() { # NAME FILE
    if [[ -z $(pages "$2") ]]; then problems+=("$1: $2 is not a readable PDF"); return; fi
    pdftotext -layout "$2" - 2>/dev/null | tr -s ' \n' '  ' | grep -qi "$EXPECT" ||
        problems+=("$1: the text \"$EXPECT\" is not in $2")
    pdftotext "$2" - 2>/dev/null | grep -q "Trafikkontroller" || problems+=("$1: no \"Trafikkontroller\" in $2")
}
check_pdf lofte "$TMP/lofte.pdf"
check_pdf weasyprint "$TMP/weasyprint.pdf"
check_pdf "lofte serve (sv)" "$TMP/server-sv.pdf"
cmp -s "$TMP/lofte.pdf" "$TMP/lofte-run.pdf" || problems+=("two lofte report runs gave different PDFs")

# --- report -------------------------------------------------------------------------
# stats FILE -> "mean sd min" in seconds, of one number a line
stats() { awk '{ s += $1; q += $1 * $1; if (NR == 1 || $1 < m) m = $1 } END {
    sd = NR > 1 ? sqrt((q - s * s / NR) / (NR - 1)) : 0; print s / NR, sd, m }' "$1"; }
# hf NAME -> "mean sd min cpu" from hyperfine's JSON (cpu = user + system, mean)
hf() { python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    if r["command"] == sys.argv[2]:
        print(r["mean"], r["stddev"], r["min"], r["user"] + r["system"])' "$TMP/hyperfine.json" "$1"; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.1f", a / b; else printf "n/a" }'; }
row() { # LABEL MEAN SD MIN [CPU]
    printf '  %-44s %9s ± %-7s %9s %9s\n' "$1" "$(ms "$2")" "${3:+$(ms "$3")}" "$(ms "$4")" "${5:+$(ms "$5")}"
}
read -r LP_MEAN LP_SD LP_MIN LP_CPU < <(hf lofte-pdf)
read -r LH_MEAN LH_SD LH_MIN LH_CPU < <(hf lofte-html)
read -r WC_MEAN WC_SD WC_MIN WC_CPU < <(hf weasyprint)
read -r WU_MEAN WU_SD WU_MIN WU_CPU < <(hf weasyprint-ua)
read -r COLD_MEAN COLD_SD COLD_MIN < <(stats "$TMP/cold")
read -r WARM_MEAN WARM_SD WARM_MIN < <(stats "$TMP/warm")
read -r CACHED_MEAN CACHED_SD CACHED_MIN < <(stats "$TMP/cached")
RATIO=$(ratio "$WC_MEAN" "$LP_MEAN")
kib() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.0f KiB", b / 1024 }'; }
git_rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(git -C "$ROOT" status --porcelain 2>/dev/null) ]] || git_rev+=" (+ uncommitted changes)"
[[ -z ${LOFTE_BIN:-} ]] || git_rev+=" is the work tree's; LOFTE_BIN's build may differ"
creator() { pdfinfo "$1" 2>/dev/null | sed -nE 's/^(Creator|Producer): +//p' | paste -sd' ' -; }

echo
echo "Report rendering: lofte (typst) vs WeasyPrint, Flen 2021 T3, Swedish edition ($(date -u +%Y-%m-%dT%H:%MZ))"
echo
echo "  machine: $(nproc) CPUs, $(sed -nE 's/^model name\s*: //p' /proc/cpuinfo | head -1), load average at start: $LOAD_AT_START"
echo "  lofte: commit $git_rev, binary $LOFTE; its PDF's creator: $(creator "$TMP/lofte.pdf")"
echo "  WeasyPrint: $("$WEASYPRINT" --info | awk -F': ' '/^WeasyPrint version/ { w = $2 } /^Python version/ { p = $2 }
    /^Pango version/ { g = sprintf("%d.%d.%d", $2 / 10000, $2 / 100 % 100, $2 % 100) }
    END { printf "%s (Python %s, Pango %s)", w, p, g }')"
echo
printf '  %-44s %9s   %-7s %9s %9s\n' "times in ms" mean "± sd" min "CPU"
echo "  whole process, $RUNS runs each (hyperfine, 2 warm-up runs):"
row "lofte report --format pdf" "$LP_MEAN" "$LP_SD" "$LP_MIN" "$LP_CPU"
row "lofte report --format html (no typst)" "$LH_MEAN" "$LH_SD" "$LH_MIN" "$LH_CPU"
row "weasyprint report.html out.pdf" "$WC_MEAN" "$WC_SD" "$WC_MIN" "$WC_CPU"
row "weasyprint --pdf-variant pdf/ua-1 (tagged)" "$WU_MEAN" "$WU_SD" "$WU_MIN" "$WU_CPU"
echo "  WeasyPrint in one Python process (HTML(...).write_pdf):"
row "first render after import" "$WP_FIRST" "" "$WP_FIRST"
row "warm, $RUNS renders" "$WP_MEAN" "$WP_SD" "$WP_MIN"
echo "  lofte serve, GET $REPORT_PATH/… ($SERVER_ROUNDS server starts):"
row "sv.pdf, first request (cold, renders)" "$COLD_MEAN" "$COLD_SD" "$COLD_MIN"
row "en.pdf, first request (warm, renders)" "$WARM_MEAN" "$WARM_SD" "$WARM_MIN"
row "sv.pdf, $RUNS more requests each (PDF CACHE)" "$CACHED_MEAN" "$CACHED_SD" "$CACHED_MIN"
echo
echo "  ratios (WeasyPrint / lofte: how many times faster lofte is)"
echo "    whole process, mean wall time:            $RATIO   (CPU time: $(ratio "$WC_CPU" "$LP_CPU"); min: $(ratio "$WC_MIN" "$LP_MIN"); tagged PDF/UA-1: $(ratio "$WU_MEAN" "$LP_MEAN"))"
echo "    warm: WeasyPrint in-process / server en.pdf first request: $(ratio "$WP_MEAN" "$WARM_MEAN")"
echo "    cold: weasyprint process / server sv.pdf first request:    $(ratio "$WC_MEAN" "$COLD_MEAN")"
echo "    (lofte's PDF minus HTML run, about typst's share: $(ms "$(awk -v a="$LP_MEAN" -v b="$LH_MEAN" 'BEGIN { print a - b }')") ms;" \
    "cached requests measure the cache, not rendering)"
echo
echo "  outputs: lofte $(pages "$TMP/lofte.pdf") pages, $(kib "$TMP/lofte.pdf"); WeasyPrint $(pages "$TMP/weasyprint.pdf") pages," \
    "$(kib "$TMP/weasyprint.pdf") (from $(kib "$TMP/report.html") of HTML); server en.pdf $(pages "$TMP/server-en.pdf") pages;" \
    "tagged: lofte $(pdfinfo "$TMP/lofte.pdf" 2>/dev/null | awk '/^Tagged:/ { print $2 }'), WeasyPrint $(pdfinfo "$TMP/weasyprint.pdf" | awk '/^Tagged:/ { print $2 }')"
echo "  fonts: lofte $(pdffonts "$TMP/lofte.pdf" 2>/dev/null | awk 'NR > 2 { sub(/^[A-Z]+\+/, "", $1); print $1 }' | sort -u | paste -sd' ' -);" \
    "WeasyPrint $(pdffonts "$TMP/weasyprint.pdf" | awk 'NR > 2 { sub(/^[A-Z]+\+/, "", $1); print $1 }' | sort -u | paste -sd' ' -)"
echo "  WeasyPrint warnings on this HTML (unsupported CSS, ignored): $(grep -c . "$TMP/weasyprint.warnings" || true)"
grep . "$TMP/weasyprint.warnings" | cut -c1-100 | sed 's/^/    /' || true
echo "  server sv.pdf is byte-identical to lofte report's: $(cmp -s "$TMP/lofte.pdf" "$TMP/server-sv.pdf" && echo yes || echo no)"
echo
echo "Target"
echo "  lofte at least ${TARGET_RATIO}× faster than WeasyPrint (whole process, mean): $RATIO ->" \
    "$(awk -v r="$RATIO" -v t="$TARGET_RATIO" 'BEGIN { print (r + 0 >= t) ? "yes" : "NO" }')"

if ((${#problems[@]})); then
    echo
    printf 'CHECK FAILED: %s\n' "${problems[@]}"
    exit 1
fi
echo
echo "Checks: both PDFs read back and contain \"$EXPECT\" and \"Trafikkontroller\"; lofte's output is reproducible."
