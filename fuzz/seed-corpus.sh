#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (git-ignored) with the starting inputs of every target:
#   - the real files in data/flen/ (copied at run time, so the repository keeps one copy),
#   - small CSV files written by the benchmark generators in bench/ (valid Flen data),
#   - the hand-written examples in fuzz/seeds/<target>/ (mostly bad input; survey_rows
#     takes survey_csv's).
# Saved crashes (fuzz/regressions/<target>/) are not copied: run.sh replays them itself.
# Safe to run again: it only adds or overwrites these files, and leaves what the fuzzer
# added to the corpus alone.
#
#   fuzz/seed-corpus.sh
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$fuzz")"
flen="$root/data/flen"
corpus="$fuzz/corpus"

targets=(promise_json profile_json codebook_json input_form incident_form police_feed activities_csv survey_csv survey_rows)
for t in "${targets[@]}"; do
  mkdir -p "$corpus/$t"
done

cp "$flen"/promise-*.json "$corpus/promise_json/"
cp "$flen/municipality.json" "$corpus/profile_json/"
cp "$flen/survey-codebook.json" "$corpus/codebook_json/"

# Flen's places as form inputs: locality<NUL>place<NUL>address<NUL>category<NUL>text<NUL>
# age band<NUL>gender<NUL>lat<NUL>lon, one per place, with the place's own coordinates.
python3 - "$flen/municipality.json" "$corpus/input_form" <<'PY'
import json, sys
profile = json.load(open(sys.argv[1], encoding="utf-8"))
places = {p["slug"]: p for p in profile["places"]}
for i, p in enumerate(profile["places"]):
    locality = p["slug"]
    while places[locality].get("within"):
        locality = places[locality]["within"]
    place = "" if locality == p["slug"] else p["slug"]
    fields = [locality, place, "", "unsafe_place", "Otryggt vid " + p["name"] + ".",
              "", "", str(p["lat"]), str(p["lon"])]
    with open(f"{sys.argv[2]}/flen-{p['slug']}.bin", "wb") as f:
        f.write("\0".join(fields).encode("utf-8"))
PY

python3 "$root/bench/gen_activities.py" 40 --seed 1 -o "$corpus/activities_csv/bench-40.csv"
python3 "$root/bench/survey-generate.py" 60 "$corpus/survey_csv/bench-60.csv" --seed 1 >/dev/null

# survey_rows reads the same files as survey_csv (without a database).
cp "$corpus/survey_csv/bench-60.csv" "$fuzz/seeds/survey_csv"/* "$corpus/survey_rows/"

for t in "${targets[@]}"; do
  if [ -d "$fuzz/seeds/$t" ]; then
    cp "$fuzz/seeds/$t"/* "$corpus/$t/"
  fi
done

for t in "${targets[@]}"; do
  printf '%-15s %3d starting inputs\n' "$t" "$(ls "$corpus/$t" | wc -l)"
done
