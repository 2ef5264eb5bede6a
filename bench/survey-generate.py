#!/usr/bin/env python3
"""Writes a deterministic safety-survey CSV for Flen (0482) for the survey benchmark.

    survey-generate.py ROWS OUT.csv [--seed N]        (OUT.csv may be - for stdout)

The same ROWS and seed always give the same bytes. Only the standard library is used;
1,000,000 rows take a few seconds.

The file follows the survey CSV read by `lofte survey import` with the codebook
data/flen/survey-codebook.json: a header row, then one respondent a row,

    respondent_id,year,municipality,area,gender,age_band,weight,<the 7 item codes>

with the item columns in an order that is not the codebook's (the importer maps them by
name). What the rows look like:

* respondent_id R0000001, R0000002, … (unique); municipality always 0482;
* year 2013–2022, drawn at random per row (about ROWS/10 each, file not sorted by year);
* area 1–5 (Flen tätort most often), about 1 % empty; gender 1–2, about 2 % empty;
  age_band 1–4, about 0.5 % empty — an empty code means unknown, and the respondent is
  left out of that breakdown only;
* gender 3 ("other or prefers not to say") is rare, to give groups that are suppressed
  (n < 30): not offered before 2016, about 20 respondents in 2016 whatever ROWS is
  (so suppressed rows show up at 1,000,000 rows too), about 0.5 % from 2017;
* weight: a design weight 0.5–3.0 with six decimals, except 2013, whose survey was not
  weighted (every weight 1.000000: the groups with exactly equal weights, n_eff = n);
* each item: about 3 % empty (no answer), about 3 % 9 ("vet ej", a missing answer), the
  rest answers from the codebook with plausible distributions: women feel less safe
  out in the evening and worry more, the town (area 1) has more neighbourhood problems,
  confidence in the police drifts upwards over the years.
"""

import argparse
import random
import sys

ITEMS_IN_FILE = [  # codebook order is otrygg_kvall, oro_brott, problem_*, fortroende_polis
    "fortroende_polis",
    "problem_trafik",
    "otrygg_kvall",
    "problem_belysning",
    "oro_brott",
    "problem_narkotika",
    "problem_nedskrapning",
]
HEADER = ["respondent_id", "year", "municipality", "area", "gender", "age_band", "weight"] + ITEMS_IN_FILE
YEARS = [str(y) for y in range(2013, 2023)]
CHUNK = 50_000  # rows generated column by column at a time (part of what the seed means)

EMPTY, DONT_KNOW = 3.0, 3.0  # per cent of item cells: no answer, "9" (vet ej)


def answers(*pairs):
    """(value, per cent of valid answers) pairs -> population and cumulative weights, with
    EMPTY % empty cells and DONT_KNOW % "9"."""
    valid = 100.0 - EMPTY - DONT_KNOW
    total = sum(p for _, p in pairs)
    population = ["", "9"] + [str(v) for v, _ in pairs]
    weights = [EMPTY, DONT_KNOW] + [p * valid / total for _, p in pairs]
    return population, cumulative(weights)


def cumulative(weights):
    out, acc = [], 0.0
    for w in weights:
        acc += w
        out.append(acc)
    return out


AREA = (["1", "2", "3", "4", "5", ""], cumulative([54, 15, 8, 5, 17, 1]))
AGE = (["1", "2", "3", "4", ""], cumulative([13, 30, 31, 25.5, 0.5]))
# gender by year: 2 % empty; 3 not before 2016, a handful in 2016, 0.5 % later.
GENDER_NO_3 = (["1", "2", ""], cumulative([49.3, 48.7, 2]))
GENDER_WITH_3 = (["1", "2", "3", ""], cumulative([49, 48.5, 0.5, 2]))

OTRYGG = {  # by gender: women / everyone else
    "1": answers((1, 35), (2, 33), (3, 17), (4, 8), (5, 7)),
    "": answers((1, 55), (2, 30), (3, 9), (4, 3), (5, 3)),
}
ORO = {
    "1": answers((1, 22), (2, 50), (3, 20), (4, 8)),
    "": answers((1, 35), (2, 50), (3, 11), (4, 4)),
}
PROBLEM = {  # by area: the town / elsewhere (and unknown)
    "problem_belysning": {"1": answers((0, 40), (1, 35), (2, 18), (3, 7)), "": answers((0, 50), (1, 30), (2, 14), (3, 6))},
    "problem_nedskrapning": {"1": answers((0, 30), (1, 38), (2, 22), (3, 10)), "": answers((0, 45), (1, 35), (2, 15), (3, 5))},
    "problem_narkotika": {"1": answers((0, 45), (1, 25), (2, 18), (3, 12)), "": answers((0, 70), (1, 18), (2, 8), (3, 4))},
    "problem_trafik": {"1": answers((0, 25), (1, 35), (2, 27), (3, 13)), "": answers((0, 30), (1, 35), (2, 23), (3, 12))},
}
FORTROENDE = {  # by year: confidence grows from 2013 to 2022
    year: answers((1, 8 - i * 0.3), (2, 22 - i), (3, 45 + i * 0.5), (4, 25 + i * 0.8))
    for i, year in enumerate(YEARS)
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("out", help="output file, or - for standard output")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    if args.rows < 0:
        parser.error("ROWS must be >= 0")

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    try:
        out.write(",".join(HEADER) + "\n")
        write_rows(out, args.rows, random.Random(args.seed))
    finally:
        if out is not sys.stdout:
            out.close()


def write_rows(out, rows, rnd):
    # About 20 respondents of gender 3 in 2016: a per-row chance in that year.
    per_year = max(rows / len(YEARS), 1.0)
    share_2016 = min(20 / per_year, 0.005) * 100
    gender_2016 = (["1", "2", "3", ""], cumulative([49.3 - share_2016 / 2, 48.7 - share_2016 / 2, share_2016, 2]))
    gender_by_year = {y: GENDER_NO_3 if y < "2016" else gender_2016 if y == "2016" else GENDER_WITH_3 for y in YEARS}
    width = max(7, len(str(rows)))
    choices, rand = rnd.choices, rnd.random

    def column(dist, k):
        return choices(dist[0], cum_weights=dist[1], k=k)

    def by(key_column, dists, default, k):
        """One value a row from the distribution named by the row's key (default for
        keys not in dists)."""
        cols = {key: column(d, k) for key, d in dists.items()}
        fallback = cols[default]
        return [cols.get(key, fallback)[i] for i, key in enumerate(key_column)]

    done = 0
    while done < rows:
        k = min(CHUNK, rows - done)
        years = choices(YEARS, k=k)
        areas = column(AREA, k)
        ages = column(AGE, k)
        g_cols = {y: column(d, k) for y, d in gender_by_year.items()}
        genders = [g_cols[y][i] for i, y in enumerate(years)]
        weights = [
            "1.000000" if y == "2013" else f"{0.5 + 2.5 * r * r:.6f}"
            for y, r in zip(years, [rand() for _ in range(k)])
        ]
        items = {
            "otrygg_kvall": by(genders, OTRYGG, "", k),
            "oro_brott": by(genders, ORO, "", k),
            "fortroende_polis": by(years, FORTROENDE, "2013", k),
        }
        for code, dists in PROBLEM.items():
            items[code] = by(areas, dists, "", k)
        ids = [f"R{n:0{width}d}" for n in range(done + 1, done + k + 1)]
        municipality = ["0482"] * k
        columns = [ids, years, municipality, areas, genders, ages, weights] + [items[c] for c in ITEMS_IN_FILE]
        out.write("\n".join(map(",".join, zip(*columns))))
        out.write("\n")
        done += k


if __name__ == "__main__":
    main()
