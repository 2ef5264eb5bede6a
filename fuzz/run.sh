#!/usr/bin/env bash
# Builds every fuzz target and runs each for a while; fails if any finds a crash.
#
#   fuzz/run.sh [seconds-per-target] [target ...]     (default: 30 s, every target)
#
# For each target it first replays the saved crashes in fuzz/regressions/<target>/ (each
# must pass now: one that fails fails the run, and the target is fuzzed all the same), then
# fuzzes from fuzz/corpus/<target>/ (seeded by seed-corpus.sh; new inputs the fuzzer finds
# are kept there, git-ignored) and prints one line: runs executed, runs per second, and
# whether it reached new code. A crash is written to
# fuzz/artifacts/<target>/ and its panic message printed; see fuzz/README.md for what to do
# with it. Logs are in fuzz/target/fuzz-logs/.
#
# Needs cargo-fuzz (installed here if missing), a C++ compiler (libFuzzer is C++) and
# python3 (seed-corpus.sh). Runs on the stable toolchain: cargo-fuzz's sanitizer flag
# (-Zsanitizer=address) is a nightly flag, which RUSTC_BOOTSTRAP=1 lets stable accept.
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
cd "$fuzz"

seconds="${1:-30}"
shift || true
all=(promise_json profile_json codebook_json input_form incident_form police_feed survey_rows activities_csv survey_csv)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi

export RUSTC_BOOTSTRAP=1
# Stack use-after-return checking makes stack frames heap allocations; the code under test
# is safe Rust, and without it the importer targets ran about 40% more inputs a second.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_stack_use_after_return=0}"
triple="$(rustc -vV | sed -n 's/^host: //p')"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> cargo-fuzz is missing: cargo install cargo-fuzz --locked --version 0.13.2"
  cargo install cargo-fuzz --locked --version 0.13.2
fi

echo "==> Seeding the corpora"
./seed-corpus.sh

echo "==> Building ${#targets[@]} targets (release, debug assertions, AddressSanitizer)"
build_args=(--target "$triple")
if [ ${#targets[@]} -eq ${#all[@]} ]; then
  cargo fuzz build "${build_args[@]}"
else
  for t in "${targets[@]}"; do cargo fuzz build "${build_args[@]}" "$t"; done
fi

bin="$fuzz/target/$triple/release"
logs="$fuzz/target/fuzz-logs"
mkdir -p "$logs"
failed=()

stat() { sed -n "s/^stat::$1: *//p" "$2" | tail -1; }

for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  # The importers' databases live in temporary directories that a process ending through
  # libFuzzer's exit() does not remove: keep them where this script can.
  tmp="$fuzz/target/tmp/$t"
  rm -rf "$tmp" && mkdir -p "$tmp"

  # Each saved crash on its own, so that one failing does not hide the others.
  if [ -d "regressions/$t" ]; then
    for input in "regressions/$t"/*; do
      [ -f "$input" ] || continue
      rlog="$logs/$t.regression.$(basename "$input").log"
      if ! TMPDIR="$tmp" "$bin/$t" "$input" >"$rlog" 2>&1; then
        printf '%-15s FAILS  saved crash fuzz/%s\n' "$t" "$input"
        grep -m1 -A1 -E "panicked at|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)" "$rlog" |
          sed 's/^/    /' || true
        failed+=("$t:$(basename "$input")")
      fi
    done
  fi

  # The importers keep a connection pool and caches between inputs on purpose, so
  # libFuzzer's leak check after every input that allocated more than it freed finds
  # nothing and halves their runs.
  extra=()
  case "$t" in activities_csv | survey_csv) extra+=(-detect_leaks=0) ;; esac

  log="$logs/$t.log"
  status=0
  TMPDIR="$tmp" "$bin/$t" "corpus/$t" \
    -artifact_prefix="artifacts/$t/" \
    -max_total_time="$seconds" \
    -timeout=60 \
    -print_final_stats=1 \
    ${extra[@]+"${extra[@]}"} \
    >"$log" 2>&1 || status=$?
  rm -rf "$tmp"

  runs="$(stat number_of_executed_units "$log")"
  per_second="$(stat average_exec_per_sec "$log")"
  new_units="$(stat new_units_added "$log")"
  cov_start="$(sed -n 's/.*INITED cov: \([0-9]*\).*/\1/p' "$log" | head -1)"
  cov_end="$(grep -E '^#[0-9]+' "$log" | sed -n 's/.* cov: \([0-9]*\).*/\1/p' | tail -1)"
  if [ -n "$cov_start" ] && [ -n "$cov_end" ] && [ "$cov_end" -gt "$cov_start" ]; then
    coverage="new coverage: cov ${cov_start} -> ${cov_end}, ${new_units:-0} new inputs"
  else
    coverage="no new coverage (cov ${cov_end:-?}, ${new_units:-0} new inputs)"
  fi
  if [ "$status" -eq 0 ]; then
    printf '%-15s ok     %9s runs  %6s/s  %s\n' "$t" "${runs:-?}" "${per_second:-?}" "$coverage"
  else
    artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)"
    printf '%-15s CRASH  %9s runs  %6s/s  %s; input: fuzz/%s\n' \
      "$t" "${runs:-?}" "${per_second:-?}" "$coverage" "${artifact:-(none written, see $log)}"
    grep -m1 -A2 -E "panicked at|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)" "$log" | sed 's/^/    /' || true
    failed+=("$t")
  fi
done

# The closing line in the form CI reads: targets without any failure, targets with one.
failed_targets=0
for t in "${targets[@]}"; do
  for f in ${failed[@]+"${failed[@]}"}; do
    if [ "${f%%:*}" = "$t" ]; then failed_targets=$((failed_targets + 1)); break; fi
  done
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "Fuzzing failed: ${failed[*]} (see fuzz/README.md)"
else
  echo "Fuzzing: ${#targets[@]} targets, ${seconds} s each, no crash."
fi
echo "fuzz: $((${#targets[@]} - failed_targets)) passed, ${failed_targets} failed"
[ ${#failed[@]} -eq 0 ]
