#!/usr/bin/env python3
"""Compares two survey indicator CSVs (lofte's and DuckDB's) for the survey benchmark.

    survey-compare.py A.csv B.csv [--tolerance 1e-9] [--names lofte duckdb]
    survey-compare.py --reference SURVEY.csv OUT.csv [--codebook FILE]
    survey-compare.py --self-test [--rows 2000] [--python PY]

Both files have the header `indicator,year,breakdown,group,n,n_eff,estimate,se,lower,upper`
and are matched by key (indicator, year, breakdown, group), not by order. They agree
when they have the same keys, the same n and the same suppression (n_eff … upper empty
in both or in neither), and every figure differs by at most the tolerance (absolute).
Prints the rows compared and the largest difference found; the last line starts with
PASS or FAIL, and the exit status is 1 on FAIL.

--reference computes the indicators from a survey CSV in plain Python, straight from
the definitions in bench/notes/survey-import.md and independently of DuckDB (two-pass variance, the
t quantile from Student's distribution function for whole degrees of freedom, by
bisection): slow, for small files and for debugging either side.

--self-test generates a survey of ROWS rows (survey-generate.py), computes it with
--reference and with survey_duckdb.py (run by PY, default this interpreter: it needs
duckdb and scipy) and compares the two; then checks that the comparison notices a
changed figure, a changed n, a lost suppression and a missing row. Standard library only
otherwise.
"""

import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile
from statistics import NormalDist

HEADER = ["indicator", "year", "breakdown", "group", "n", "n_eff", "estimate", "se", "lower", "upper"]
FIGURES = HEADER[5:]
MIN_N = 30
BENCH = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CODEBOOK = os.path.join(BENCH, "..", "data", "flen", "survey-codebook.json")


# --- comparison -----------------------------------------------------------------------
def read_result(path):
    """key -> (n, {figure: float or None}); raises ValueError on a malformed file."""
    rows = {}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header != HEADER:
            raise ValueError(f"{path}: header is {header}, expected {','.join(HEADER)}")
        for line, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) != len(HEADER):
                raise ValueError(f"{path}:{line}: {len(row)} fields, expected {len(HEADER)}")
            rec = dict(zip(HEADER, row))
            try:
                key = (rec["indicator"], int(rec["year"]), rec["breakdown"], int(rec["group"]) if rec["group"] != "" else None)
                n = int(rec["n"])
                figures = {name: (float(rec[name]) if rec[name] != "" else None) for name in FIGURES}
            except ValueError as e:
                raise ValueError(f"{path}:{line}: {e}") from None
            if key in rows:
                raise ValueError(f"{path}:{line}: the key {key} again")
            rows[key] = (n, figures)
    return rows


def show(key):
    indicator, year, breakdown, group = key
    return f"{indicator} {year} {breakdown}" + ("" if group is None else f" {group}")


def compare(a_path, b_path, tolerance=1e-9, names=("A", "B"), out=sys.stdout):
    """Prints the comparison; returns True when the files agree."""
    try:
        a, b = read_result(a_path), read_result(b_path)
    except (OSError, ValueError) as e:
        print(f"FAIL: {e}", file=out)
        return False
    problems = []
    only_a, only_b = sorted(a.keys() - b.keys(), key=str), sorted(b.keys() - a.keys(), key=str)
    for key in only_a:
        problems.append(f"{show(key)}: only in {names[0]}")
    for key in only_b:
        problems.append(f"{show(key)}: only in {names[1]}")
    max_diff, max_where, compared, suppressed, figures = 0.0, "", 0, 0, 0
    over = {}  # figure -> how many differ by more than the tolerance
    field_max = {}  # figure -> its largest difference
    for key in sorted(a.keys() & b.keys(), key=str):
        (na, fa), (nb, fb) = a[key], b[key]
        compared += 1
        if na != nb:
            problems.append(f"{show(key)}: n {na} in {names[0]}, {nb} in {names[1]}")
            continue
        if na < 1:
            problems.append(f"{show(key)}: n = {na} (rows have n >= 1)")
        sup_a = all(v is None for v in fa.values())
        sup_b = all(v is None for v in fb.values())
        if na < MIN_N:
            suppressed += 1
            for name, sup in ((names[0], sup_a), (names[1], sup_b)):
                if not sup:
                    problems.append(f"{show(key)}: n = {na} < {MIN_N} but {name} gives figures")
            continue
        for name in FIGURES:
            va, vb = fa[name], fb[name]
            if va is None or vb is None:
                if not (va is None and vb is None):
                    problems.append(f"{show(key)}: {name} empty in {names[0] if va is None else names[1]} only")
                else:
                    problems.append(f"{show(key)}: {name} empty (n = {na} >= {MIN_N})")
                continue
            figures += 1
            diff = abs(va - vb)
            if not math.isfinite(va) or not math.isfinite(vb):
                if va != vb and not (math.isnan(va) and math.isnan(vb)):
                    problems.append(f"{show(key)}: {name} {va!r} vs {vb!r}")
                continue
            field_max[name] = max(field_max.get(name, 0.0), diff)
            if diff > max_diff:
                max_diff, max_where = diff, f" ({name}, {show(key)})"
            if diff > tolerance:
                over[name] = over.get(name, 0) + 1
                problems.append(f"{show(key)}: {name} {va!r} in {names[0]}, {vb!r} in {names[1]} (difference {diff:.3g})")
    print(
        f"rows: {len(a)} in {names[0]}, {len(b)} in {names[1]}; {compared} compared by key "
        f"({suppressed} suppressed, {figures} figures)",
        file=out,
    )
    print(f"max abs difference: {max_diff:.3g}{max_where}; tolerance {tolerance:g}", file=out)
    if field_max:
        print("max by figure: " + ", ".join(f"{name} {field_max[name]:.3g}" for name in FIGURES if name in field_max), file=out)
    if over:
        print("over the tolerance: " + ", ".join(f"{name} {over[name]}" for name in FIGURES if name in over), file=out)
    for p in problems[:20]:
        print(f"  {p}", file=out)
    if len(problems) > 20:
        print(f"  … and {len(problems) - 20} more", file=out)
    if problems:
        print(f"FAIL: {len(problems)} difference(s) in {compared} rows compared, max abs difference {max_diff:.3g}", file=out)
        return False
    print(f"PASS: {compared} rows compared, max abs difference {max_diff:.3g}", file=out)
    return True


# --- an independent reference in plain Python -----------------------------------------
def t_two_sided(t, df):
    """P(|T| <= t) for Student's T with a whole number df >= 1 (Abramowitz & Stegun
    26.7.3 and 26.7.4: finite sums in cos²θ, θ = atan(t/√df))."""
    theta = math.atan(t / math.sqrt(df))
    s, c2 = math.sin(theta), math.cos(theta) ** 2
    if df % 2 == 1:
        total, term = 0.0, math.cos(theta)
        if df > 1:
            total = term
            for k in range(3, df - 1, 2):  # term_k = term_{k-2} · (k−1)/k · cos²θ
                term *= (k - 1) / k * c2
                total += term
        return 2 / math.pi * (theta + s * total)
    total, term = 1.0, 1.0
    for k in range(2, df - 1, 2):  # term_k = term_{k-2} · (k−1)/k · cos²θ
        term *= (k - 1) / k * c2
        total += term
    return s * total


def t_quantile_975(df):
    """The 0.975 quantile of Student's t (two-sided 95 %), by bisection."""
    lo, hi = 0.0, 20.0
    while t_two_sided(hi, df) < 0.95:
        hi *= 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        if t_two_sided(mid, df) < 0.95:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def reference(survey_path, out_path, codebook_path=DEFAULT_CODEBOOK, municipality="0482"):
    import json

    with open(codebook_path, encoding="utf-8") as f:
        codebook = json.load(f)
    valid = {
        item["code"]: {a["value"] for a in item["answers"] if not a.get("missing", False)}
        for item in codebook["items"]
    }

    def answer(rec, item):
        cell = rec[item]
        if cell == "":
            return None
        v = int(cell)
        return v if v in valid[item] else None

    def value(rec, ind):
        if ind["kind"] == "share":
            a = answer(rec, ind["item"])
            return None if a is None else (1.0 if a in ind["categories"] else 0.0)
        if ind["kind"] == "mean":
            a = answer(rec, ind["item"])
            return None if a is None else float(a)
        answered = [a for a in (answer(rec, i) for i in ind["items"]) if a is not None]
        return sum(answered) / len(answered) if len(answered) >= ind["min_answered"] else None

    groups = {}  # (indicator index, year, breakdown, group) -> [(w, y)]
    with open(survey_path, encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            if rec["municipality"] != municipality:
                continue
            w, year = float(rec["weight"]), int(rec["year"])
            cells = [("all", None)] + [(b, int(rec[b])) for b in ("area", "gender", "age_band") if rec[b] != ""]
            for i, ind in enumerate(codebook["indicators"]):
                y = value(rec, ind)
                if y is None:
                    continue
                for breakdown, group in cells:
                    groups.setdefault((i, year, breakdown, group), []).append((w, y))

    z = NormalDist().inv_cdf(0.975)
    t_cache = {}
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(HEADER)
        for (i, year, breakdown, group), obs in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2], kv[0][3] or 0)):
            ind = codebook["indicators"][i]
            n = len(obs)
            head = [ind["code"], year, breakdown, "" if group is None else group, n]
            if n < MIN_N:
                out.writerow(head + [""] * 5)
                continue
            sw = math.fsum(w for w, _ in obs)
            sww = math.fsum(w * w for w, _ in obs)
            n_eff = float(n) if len({w for w, _ in obs}) == 1 else min(n, sw * sw / sww)
            est = math.fsum(w * y for w, y in obs) / sw
            if ind["kind"] == "share":
                p = est
                se = math.sqrt(p * (1 - p) / n_eff)
                z2n = z * z / n_eff
                centre = (p + z2n / 2) / (1 + z2n)
                half = z / (1 + z2n) * math.sqrt(p * (1 - p) / n_eff + z2n / (4 * n_eff))
                lower = min(max(centre - half, 0.0), p)
                upper = min(max(centre + half, p), 1.0)
            else:
                ss = math.fsum(w * w * (y - est) ** 2 for w, y in obs)
                se = math.sqrt(n / (n - 1) * ss / (sw * sw))
                if n - 1 not in t_cache:
                    t_cache[n - 1] = t_quantile_975(n - 1)
                t = t_cache[n - 1]
                lower, upper = est - t * se, est + t * se
            out.writerow(head + [repr(x) for x in (n_eff, est, se, lower, upper)])


# --- self-test --------------------------------------------------------------------------
def self_test(rows, python):
    with tempfile.TemporaryDirectory(prefix="survey-compare.") as tmp:
        survey = os.path.join(tmp, "survey.csv")
        ref, duck = os.path.join(tmp, "reference.csv"), os.path.join(tmp, "duckdb.csv")
        subprocess.run([sys.executable, os.path.join(BENCH, "survey-generate.py"), str(rows), survey], check=True)
        reference(survey, ref)
        subprocess.run(
            [python, os.path.join(BENCH, "survey_duckdb.py"), survey, os.path.join(tmp, "d.duckdb"), duck],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        print(f"self-test on {rows} generated rows: plain-Python reference vs survey_duckdb.py")
        ok = compare(ref, duck, names=("reference", "duckdb"))

        # The comparison must notice each kind of difference.
        with open(duck, encoding="utf-8", newline="") as f:
            lines = list(csv.reader(f))
        full = next(i for i, r in enumerate(lines) if i and r[5] != "")
        supp = next((i for i, r in enumerate(lines) if i and r[5] == ""), None)

        def mutated(name, change):
            copy = [list(r) for r in lines]
            change(copy)
            path = os.path.join(tmp, f"mutated-{name}.csv")
            with open(path, "w", encoding="utf-8", newline="") as f:
                csv.writer(f, lineterminator="\n").writerows(copy)
            return path

        def bump(c):
            c[full][6] = repr(float(c[full][6]) + 2e-9)

        def n_plus(c):
            c[full][4] = str(int(c[full][4]) + 1)

        def drop(c):
            del c[full]

        cases = [("figure +2e-9", bump), ("n + 1", n_plus), ("row missing", drop)]
        if supp is not None:
            cases.append(("figures in a suppressed row", lambda c: c[supp].__setitem__(slice(5, 10), ["1.0"] * 5)))
        for name, change in cases:
            caught = not compare(ref, mutated(name.split()[0], change), out=open(os.devnull, "w"))
            print(f"  the comparison notices {name}: {'yes' if caught else 'NO'}")
            ok = ok and caught
        print("self-test:", "PASS" if ok else "FAIL")
        return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", metavar="FILE")
    parser.add_argument("--tolerance", type=float, default=1e-9)
    parser.add_argument("--names", nargs=2, default=["A", "B"], metavar=("NAME_A", "NAME_B"))
    parser.add_argument("--reference", action="store_true", help="FILE…: SURVEY.csv OUT.csv")
    parser.add_argument("--codebook", default=DEFAULT_CODEBOOK)
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--python", default=sys.executable, help="interpreter with duckdb and scipy (self-test)")
    args = parser.parse_args()
    if args.self_test:
        sys.exit(0 if self_test(args.rows, args.python) else 1)
    if len(args.files) != 2:
        parser.error("two files are needed")
    if args.reference:
        reference(args.files[0], args.files[1], args.codebook)
        return
    sys.exit(0 if compare(args.files[0], args.files[1], args.tolerance, args.names) else 1)


if __name__ == "__main__":
    main()
