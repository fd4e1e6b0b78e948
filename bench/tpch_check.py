#!/usr/bin/env python3
"""Correctness of the 22 TPC-H queries at a small scale factor (what `make test` runs, through
scripts/tests.d/60-tpch-sf001.sh).

    bench/tpch_check.py --fluxdb BUILD/fluxdb --data DIR [--sf 0.01]
        generates DIR/*.tbl with ../shared/peers/gen-tpch.sh once, loads them into a fresh FluxDB
        database with COPY, runs bench/tpch/queries/qNN.sql and compares the rows with the committed
        DuckDB results bench/tpch/expected-sf0.01/qNN.csv (and, with --duckdb, with a live DuckDB).
    bench/tpch_check.py --update-expected --data DIR
        rewrites bench/tpch/expected-sf0.01/ from DuckDB (duckdb-query) on the same data.

Exit status 0 only when all 22 results match.
"""

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from engines import DuckDB, FluxDB, find_duckdb_query  # noqa: E402
from results import compare_rows, read_csv_file, write_csv_file  # noqa: E402

ROOT = os.path.dirname(HERE)
PEERS = os.path.normpath(os.path.join(ROOT, "..", "shared", "peers"))
TABLES = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]
QUERIES = os.path.join(HERE, "tpch", "queries")


def load_script(tbl_dir):
    with open(os.path.join(PEERS, "tpch-schema.sql")) as f:
        script = f.read()
    tbl = os.path.abspath(tbl_dir).replace("'", "''")
    for t in TABLES:
        script += f"COPY {t} FROM '{tbl}/{t}.tbl' (DELIMITER '|', HEADER false);\n"
    return script + "CHECKPOINT;\n"


def ensure_data(sf, tbl_dir):
    if all(os.path.exists(os.path.join(tbl_dir, f"{t}.tbl")) for t in TABLES):
        return
    gen = os.path.join(PEERS, "gen-tpch.sh")
    subprocess.run([gen, sf, tbl_dir], check=True, stdout=subprocess.DEVNULL)


def queries():
    for n in range(1, 23):
        name = f"q{n:02d}"
        with open(os.path.join(QUERIES, f"{name}.sql")) as f:
            yield name, f.read()


def run_all(engine, db, tbl_dir, work, timeout):
    load = engine.load(db, load_script(tbl_dir), timeout, work)
    if load.error:
        return load.error, {}
    runs = {}
    for name, sql in queries():
        runs[name] = engine.run_query(db, sql, 1 if engine.key == "duckdb" else 2, 1, timeout, work)
    return None, runs


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--fluxdb", help="the fluxdb shell binary")
    p.add_argument("--data", required=True, help="folder for the .tbl files and the databases")
    p.add_argument("--sf", default="0.01")
    p.add_argument("--expected", default=os.path.join(HERE, "tpch", "expected-sf0.01"))
    p.add_argument("--duckdb", action="store_true", help="also compare with a live DuckDB")
    p.add_argument("--update-expected", action="store_true")
    p.add_argument("--timeout", type=float, default=300)
    args = p.parse_args()

    ensure_data(args.sf, args.data)
    work = os.path.join(args.data, "work")
    os.makedirs(work, exist_ok=True)

    duck_runs = None
    if args.update_expected or args.duckdb:
        binary = find_duckdb_query(ROOT, install=args.update_expected)
        if binary is None:
            print("tpch-check: duckdb-query is not installed", file=sys.stderr)
            return 2
        error, duck_runs = run_all(DuckDB(binary), os.path.join(args.data, "tpch.duckdb"),
                                   args.data, work, args.timeout)
        if error:
            print(f"tpch-check: DuckDB load failed: {error}", file=sys.stderr)
            return 2
    if args.update_expected:
        os.makedirs(args.expected, exist_ok=True)
        for name, run in duck_runs.items():
            if not run.ok:
                print(f"tpch-check: DuckDB failed on {name}: {run.error}", file=sys.stderr)
                return 2
            write_csv_file(os.path.join(args.expected, f"{name}.csv"), run.rows)
        print(f"tpch-check: wrote {len(duck_runs)} expected results to {args.expected}")
        return 0

    if not args.fluxdb:
        p.error("--fluxdb is required")
    error, flux_runs = run_all(FluxDB(args.fluxdb), os.path.join(args.data, "tpch.fluxdb"),
                               args.data, work, args.timeout)
    if error:
        print(f"tpch-check: FluxDB could not load TPC-H SF {args.sf}: {error}")
        return 1
    failures = 0
    for name, run in flux_runs.items():
        problems = []
        if not run.ok:
            problems.append("timed out" if run.timed_out else f"error: {run.error}")
        else:
            expected = read_csv_file(os.path.join(args.expected, f"{name}.csv"))
            c = compare_rows(run.rows, expected)
            if not c.ok:
                problems.append(f"differs from the expected result: {c.message}")
            if duck_runs is not None:
                d = duck_runs[name]
                c = compare_rows(run.rows, d.rows) if d.ok else None
                if c is not None and not c.ok:
                    problems.append(f"differs from DuckDB: {c.message}")
        if problems:
            failures += 1
            print(f"  ✗ {name}: " + "; ".join(problems))
        else:
            print(f"  ✓ {name} ({len(run.rows)} rows, {run.times[0]:.3f} s)")
    total = len(flux_runs)
    print(f"TPC-H SF {args.sf}: {total - failures} of {total} queries match the expected results")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
