#!/usr/bin/env python3
"""The reference side of the survey benchmark: DuckDB loads a survey CSV into a database
file and computes every indicator of the codebook with every breakdown from it.

    survey_duckdb.py CSV DBFILE OUT.csv [--codebook FILE] [--municipality 0482]

Needs duckdb and scipy (bench/requirements-survey.txt). DBFILE is made anew (an existing
file is removed). OUT.csv gets the same columns as `lofte survey indicators --format csv`:

    indicator,year,breakdown,group,n,n_eff,estimate,se,lower,upper

one row for every indicator × year × breakdown (all, area, gender, age_band) × group
with at least one respondent who has a value; when n < 30 only n is given. The
definitions are those of bench/notes/survey-import.md ("Safety survey indicators"). Phase times go
to standard error as one line: `duckdb phases: imports=… load=… compute=… write=… close=…`.

What runs where: the CSV is loaded by `CREATE TABLE … AS SELECT * FROM read_csv(…)` with
every column's type given; the respondent values, the weighted sums of every group
(GROUPING SETS, one scan of the table), n_eff, estimates, standard errors and the Wilson
intervals are SQL; Python only turns the codebook into SQL, multiplies the standard
errors of means by Student's t quantile (scipy.special.stdtrit, what scipy.stats.t.ppf
calls) for the few hundred result rows, and writes the CSV.
"""

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from statistics import NormalDist  # noqa: E402

import duckdb  # noqa: E402
from scipy.special import stdtrit  # noqa: E402

T_IMPORTS = time.perf_counter()

HEADER = ["indicator", "year", "breakdown", "group", "n", "n_eff", "estimate", "se", "lower", "upper"]
CODE_COLUMNS = ["area", "gender", "age_band"]  # the breakdowns besides `all`
MIN_N = 30  # below this a group is suppressed: n only
Z = NormalDist().inv_cdf(0.975)
DEFAULT_CODEBOOK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "flen", "survey-codebook.json")


def ident(name):
    return '"' + name.replace('"', '""') + '"'


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def int_list(values):
    return ", ".join(str(int(v)) for v in values) or "NULL"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv")
    parser.add_argument("dbfile")
    parser.add_argument("out")
    parser.add_argument("--codebook", default=DEFAULT_CODEBOOK)
    parser.add_argument("--municipality", default="0482")
    args = parser.parse_args()

    with open(args.codebook, encoding="utf-8") as f:
        codebook = json.load(f)
    valid = {
        item["code"]: [a["value"] for a in item["answers"] if not a.get("missing", False)]
        for item in codebook["items"]
    }
    with open(args.csv, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))

    for path in (args.dbfile, args.dbfile + ".wal"):
        if os.path.exists(path):
            os.remove(path)
    con = duckdb.connect(args.dbfile)

    # --- load: every column typed; item columns by name, in the file's order ----------
    types = {"respondent_id": "VARCHAR", "year": "INTEGER", "municipality": "VARCHAR", "weight": "DOUBLE"}
    types.update({c: "INTEGER" for c in CODE_COLUMNS})
    types.update({c: "INTEGER" for c in valid})
    unknown = [c for c in header if c not in types]
    missing = [c for c in types if c not in header]
    if unknown or missing:
        sys.exit(f"{args.csv}: unknown columns {unknown}, missing columns {missing}")
    columns = "{" + ", ".join(f"{literal(c)}: {literal(types[c])}" for c in header) + "}"
    con.execute(
        f"CREATE TABLE survey AS SELECT * FROM read_csv({literal(args.csv)}, header = true, "
        f"delim = ',', quote = '\"', columns = {columns})"
    )
    T_LOAD = time.perf_counter()

    # --- compute ------------------------------------------------------------------------
    # One value a respondent and indicator (NULL: none).
    values = []
    for ind in codebook["indicators"]:
        kind = ind["kind"]
        if kind == "share":
            item = ident(ind["item"])
            v = (
                f"CASE WHEN {item} IN ({int_list(valid[ind['item']])}) THEN "
                f"CASE WHEN {item} IN ({int_list(ind['categories'])}) THEN 1.0 ELSE 0.0 END END"
            )
        elif kind == "mean":
            item = ident(ind["item"])
            v = f"CASE WHEN {item} IN ({int_list(valid[ind['item']])}) THEN CAST({item} AS DOUBLE) END"
        elif kind == "index":
            ok = [f"{ident(i)} IN ({int_list(valid[i])})" for i in ind["items"]]
            count = " + ".join(f"(CASE WHEN {c} THEN 1 ELSE 0 END)" for c in ok)
            total = " + ".join(f"(CASE WHEN {c} THEN {ident(i)} ELSE 0 END)" for c, i in zip(ok, ind["items"]))
            v = f"CASE WHEN ({count}) >= {int(ind['min_answered'])} THEN CAST(({total}) AS DOUBLE) / ({count}) END"
        else:
            sys.exit(f"unknown indicator kind {kind!r}")
        values.append(v)

    # Per group and indicator i: n, Σw, Σw², Σwy, Σw²y, Σw²y², min and max w over the
    # respondents with a value. Σw²(y−ȳ)² = Σw²y² − 2ȳΣw²y + ȳ²Σw². fsum (Kahan–Babuška)
    # rather than sum: a plain sum over ~100,000 weights puts n_eff ~1e-9 off at 1,000,000
    # rows, the whole tolerance of the comparison (bench/notes/survey-import.md).
    aggs = []
    for i in range(len(values)):
        has = f"v{i} IS NOT NULL"
        aggs += [
            f"count(v{i}) AS n{i}",
            f"fsum(w) FILTER (WHERE {has}) AS sw{i}",
            f"fsum(w * w) FILTER (WHERE {has}) AS sww{i}",
            f"fsum(w * v{i}) AS swy{i}",
            f"fsum(w * w * v{i}) AS swwy{i}",
            f"fsum(w * w * v{i} * v{i}) AS swwyy{i}",
            f"min(w) FILTER (WHERE {has}) AS wmin{i}",
            f"max(w) FILTER (WHERE {has}) AS wmax{i}",
        ]
    breakdown = (
        "CASE WHEN grouping(area) = 0 THEN 'area' WHEN grouping(gender) = 0 THEN 'gender' "
        "WHEN grouping(age_band) = 0 THEN 'age_band' ELSE 'all' END"
    )
    grp = "CASE WHEN grouping(area) = 0 THEN area WHEN grouping(gender) = 0 THEN gender WHEN grouping(age_band) = 0 THEN age_band END"
    unknown_code = " OR ".join(f"(grouping({c}) = 0 AND {c} IS NULL)" for c in CODE_COLUMNS)
    per_indicator = []
    for i, ind in enumerate(codebook["indicators"]):
        n, sw, sww, swy, swwy, swwyy = (f"{x}{i}" for x in ("n", "sw", "sww", "swy", "swwy", "swwyy"))
        neff = f"CASE WHEN wmin{i} = wmax{i} THEN CAST({n} AS DOUBLE) ELSE least(CAST({n} AS DOUBLE), {sw} * {sw} / {sww}) END"
        est = f"{swy} / {sw}"
        if ind["kind"] == "share":
            # se and the Wilson interval from p and n_eff.
            stats = f"""sqrt(p * (1 - p) / neff) AS se,
                least(greatest(centre - half, 0.0), p) AS lower,
                least(greatest(centre + half, p), 1.0) AS upper"""
            extra = f""",
                (p + ({Z!r} * {Z!r} / neff) / 2) / (1 + {Z!r} * {Z!r} / neff) AS centre,
                {Z!r} / (1 + {Z!r} * {Z!r} / neff)
                    * sqrt(p * (1 - p) / neff + ({Z!r} * {Z!r} / neff) / (4 * neff)) AS half"""
        else:
            # se of a weighted mean; the t interval is finished in Python (t quantile).
            stats = f"""CASE WHEN n > 1 THEN sqrt(CAST(n AS DOUBLE) / (n - 1)
                    * greatest({swwyy} - 2 * p * {swwy} + p * p * {sww}, 0.0) / ({sw} * {sw})) END AS se,
                NULL::DOUBLE AS lower, NULL::DOUBLE AS upper"""
            extra = ""
        per_indicator.append(f"""
            SELECT {literal(ind['code'])} AS indicator, {i} AS ord, kind, year, breakdown, grp, n, neff, p, {stats}
            FROM (SELECT *{extra} FROM (
                SELECT {literal(ind['kind'])} AS kind, year, breakdown, grp, {n} AS n,
                       {neff} AS neff, {est} AS p, {sw}, {sww}, {swwy}, {swwyy}
                FROM groups WHERE {n} >= 1))""")
    values_sql = ", ".join(f"{v} AS v{i}" for i, v in enumerate(values))
    sql = f"""
        WITH resp AS (
            SELECT year, area, gender, age_band, weight AS w, {values_sql}
            FROM survey WHERE municipality = {literal(args.municipality)}
        ),
        groups AS (
            SELECT * FROM (
                SELECT year, {breakdown} AS breakdown, {grp} AS grp, ({unknown_code}) AS unknown_code, {', '.join(aggs)}
                FROM resp
                GROUP BY GROUPING SETS ((year), (year, area), (year, gender), (year, age_band))
            ) WHERE NOT unknown_code
        )
        {' UNION ALL '.join(per_indicator)}
        ORDER BY ord, year, breakdown, grp
    """
    rows = con.execute(sql).fetchall()
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    T_COMPUTE = time.perf_counter()

    # --- write: suppression, t intervals ----------------------------------------------
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(HEADER)
        for indicator, _, kind, year, bd, grp, n, neff, p, se, lower, upper in rows:
            group = "" if grp is None else str(grp)
            if n < MIN_N:
                out.writerow([indicator, year, bd, group, n, "", "", "", "", ""])
                continue
            if kind != "share":
                t = float(stdtrit(n - 1, 0.975))
                lower, upper = p - t * se, p + t * se
            out.writerow([indicator, year, bd, group, n, repr(neff), repr(p), repr(se), repr(lower), repr(upper)])
    T_WRITE = time.perf_counter()
    con.close()  # checkpoints the table into the database file
    T_CLOSE = time.perf_counter()
    print(
        f"duckdb phases: imports={T_IMPORTS - T0:.3f} load={T_LOAD - T_IMPORTS:.3f} "
        f"compute={T_COMPUTE - T_LOAD:.3f} write={T_WRITE - T_COMPUTE:.3f} close={T_CLOSE - T_WRITE:.3f} rows={len(rows)} "
        f"duckdb={duckdb.__version__} threads={threads}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
