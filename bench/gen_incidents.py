#!/usr/bin/env python3
"""Writes a deterministic CSV of incident reports in Flen for the import benchmark.

    gen_incidents.py [ROWS] [--seed N] [-o FILE]

ROWS defaults to 1,000,000; the output goes to standard output unless -o is given.
The same ROWS and seed always give the same bytes. Only the standard library is used.

The rows follow the incident CSV format read by `lofte incident import`
(docs/incident-csv.md) with Swedish headers, as a housing company's system would export
them: every row is valid for Flen (0482) once Flen's profile
(data/flen/municipality.json) is imported, and every row has its own id. Categories are
written as codes and as Swedish words; a tenth of the rows give a point inside Flen's
boundary instead of a place; texts hold no personal data.
"""

import argparse
import csv
import datetime
import random
import sys

HEADER = ["Löpnummer", "Datum", "Kl", "Kategori", "Plats", "Latitud", "Longitud",
          "Beskrivning", "Rapportör"]

# Flen's places by name and by slug, as spreadsheets mix them.
PLACES = [
    ("Resecentrum och stationsområdet", 20), ("sveaparken", 15), ("Flens centrum", 20),
    ("Malmköping", 10), ("halleforsnas", 8), ("Sparreholm", 5), ("Skebokvarn", 3), ("flen", 9),
]

CATEGORIES = [
    ("Skadegörelse", 20), ("klotter", 15), ("Otrygghetsskapande samling", 10),
    ("disorder", 10), ("Störning från motorfordon", 20), ("Narkotikarelaterat fynd", 5),
    ("fire", 5), ("Otrygg plats", 10), ("Arrangemang", 5),
]

TEXTS = [
    "", "Taggar på gaveln.", "Mopeder kör i cirklar på parkeringen.",
    "Krossad ruta i busskuren.", "Grupp ungdomar vid entrén, stökigt.",
    "Belysningen trasig i gångtunneln.", "Sprutor i buskaget vid lekplatsen.",
    "Brand i papperskorg, släckt av väktare.",
]

REPORTERS = [("Flenbostäder (exempel)", 5), ("Väktarbolaget (exempel)", 3),
             ("Flens kommun, fältgruppen (exempel)", 2)]


def weighted(rng, choices):
    total = sum(w for _, w in choices)
    r = rng.uniform(0, total)
    for value, w in choices:
        r -= w
        if r <= 0:
            return value
    return choices[-1][0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=482)
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = open(args.output, "w", newline="", encoding="utf-8") if args.output else sys.stdout
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(HEADER)
    start = datetime.date(2020, 1, 1)
    for n in range(args.rows):
        day = start + datetime.timedelta(days=rng.randrange(5 * 365))
        timed = rng.random() < 0.8
        time = f"{rng.randrange(24):02d}:{rng.randrange(12) * 5:02d}" if timed else ""
        if rng.random() < 0.1:
            # A point inside Flen's (demo) boundary, around the town.
            place, lat, lon = "", f"{59.04 + rng.random() * 0.04:.5f}", f"{16.55 + rng.random() * 0.08:.5f}"
        else:
            place, lat, lon = weighted(rng, PLACES), "", ""
        writer.writerow([
            f"FB-{n}", day.isoformat(), time, weighted(rng, CATEGORIES), place, lat, lon,
            rng.choice(TEXTS), weighted(rng, REPORTERS),
        ])
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
