#!/usr/bin/env python3
"""Writes a deterministic CSV of logged activities in Flen for the import benchmark.

    gen_activities.py [ROWS] [--seed N] [-o FILE]

ROWS defaults to 1,000,000; the output goes to standard output unless -o is given.
The same ROWS and seed always give the same bytes. Only the standard library is used.

The rows follow the activity CSV format read by `lofte activity import`
(crates/db/src/activities.rs): every row is valid for Flen (0482) once Flen's profile
(data/flen/municipality.json) is imported, and every row has its own external id.
"""

import argparse
import csv
import datetime
import random
import sys

COLUMNS = [
    "external_id",
    "type",
    "performer",
    "date",
    "time",
    "duration_minutes",
    "place",
    "participants",
    "note",
]

# Flen's place slugs, as in data/flen/municipality.json, with rough weights: most work
# happens in Flen's centre and around the travel centre.
PLACES = [
    ("flen", 14),
    ("malmkoping", 10),
    ("halleforsnas", 8),
    ("sparreholm", 5),
    ("skebokvarn", 3),
    ("flen-centrum", 25),
    ("resecentrum", 20),
    ("sveaparken", 15),
]

# type -> (weight, performers with weights, duration range in minutes,
#          participants range or None, hours the activity usually starts)
TYPES = {
    "traffic_control": (40, [("police", 1)], (20, 120), None, list(range(6, 24)) + [0, 1, 2]),
    "foot_patrol": (30, [("police", 4), ("municipality", 1)], (30, 240), None, list(range(10, 24)) + [0, 1]),
    "safety_walk": (15, [("municipality", 3), ("police", 1)], (60, 150), (3, 40), list(range(17, 22))),
    "trygg_vuxen": (15, [("municipality", 1)], (90, 300), (2, 15), [19, 20, 21, 22]),
}

NOTES = [
    "Lugnt.",
    "Många ungdomar vid Resecentrum, samtal med flera.",
    "Kontroll vid Storgatan; 3 förare rapporterades för hastighet.",
    'Gick rundan "Trygga Flen" med föreningar och fastighetsägare.',
    "Belysningen vid gångtunneln är trasig, anmält till kommunen.",
    "Nedskräpning i parken, kontakt med gatuenheten.",
    "Samverkan med Securitas, inga händelser.",
    "Föräldrar från två skolor deltog, fika i Sveaparken.",
]
NOTE_SHARE = 0.02  # a few rows carry a note

FIRST_DAY = datetime.date(2020, 1, 1)
DAYS = (datetime.date(2021, 12, 31) - FIRST_DAY).days + 1


def weighted(pairs):
    values = [v for v, _ in pairs]
    weights = [w for _, w in pairs]
    return values, weights


def rows(n, seed):
    rng = random.Random(seed)
    type_names = list(TYPES)
    type_weights = [TYPES[t][0] for t in type_names]
    place_values, place_weights = weighted(PLACES)
    performers = {t: weighted(TYPES[t][1]) for t in type_names}
    for i in range(1, n + 1):
        kind = rng.choices(type_names, type_weights)[0]
        _, _, (dmin, dmax), participants_range, hours = TYPES[kind]
        values, weights = performers[kind]
        performer = rng.choices(values, weights)[0] if len(values) > 1 else values[0]
        day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        time = f"{rng.choice(hours):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        duration = rng.randrange(dmin, dmax + 1, 5)
        place = rng.choices(place_values, place_weights)[0]
        participants = (
            str(rng.randint(*participants_range)) if participants_range else ""
        )
        note = rng.choice(NOTES) if rng.random() < NOTE_SHARE else ""
        yield [
            f"flen-bench-{i:08d}",
            kind,
            performer,
            day.isoformat(),
            time,
            str(duration),
            place,
            participants,
            note,
        ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=482)
    parser.add_argument("-o", "--output", help="file to write (default: stdout)")
    args = parser.parse_args()
    if args.rows < 0:
        parser.error("ROWS must be 0 or more")
    out = (
        open(args.output, "w", newline="", encoding="utf-8")
        if args.output
        else sys.stdout
    )
    try:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows(args.rows, args.seed))
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
