#!/usr/bin/env python3
"""Differential testing of FluxDB against DuckDB and SQLite on random tables and queries.

Every round makes three random tables (generator.make_tables) and loads them into each engine;
then each query of the round (generator.Generator.query) runs on FluxDB and DuckDB and, when it
is in the subset where SQLite means the same, on SQLite too. Answers are compared after
normalization (compare.py). A disagreement that is not a documented semantic difference
(compare.KNOWN_DIFFERENCES) is written to OUT/NNN.sql with the tables and the answers, and the
first ones of each kind are shrunk to a small reproduction (reduce.py).

usage: differential.py BUILD_DIR [--queries N] [--seed S] [--time-limit SECONDS] [--out DIR]
                       [--no-sqlite] [--no-duckdb] [--reduce N] [--quiet]
The last line printed is the summary:
  differential: N queries, M disagreements (K known differences)
Exit status: 0 when M is 0, 1 when not, 2 when FluxDB cannot be run at all.
"""
import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import compare  # noqa: E402
import engines  # noqa: E402
import generator  # noqa: E402
import reduce as reducer  # noqa: E402

QUERIES_PER_ROUND = 40


def setup_statements(tables):
    statements = [f"DROP TABLE IF EXISTS {t.name}" for t in tables]
    for t in tables:
        statements.append(t.ddl())
        statements.extend(t.inserts())
    return statements


def load(engine, tables):
    """Replaces the engine's tables; a failure here is FluxDB's (or the generator's) bug."""
    engine.setup = setup_statements(tables)
    for sql in engine.setup:
        answer = engine.run(sql)
        if not answer["ok"]:
            return f"{engine.kind} could not load the tables: {sql[:200]}: {answer['error']}"
    return None


def is_ordered(query):
    return query.find("order") is not None


class Run:
    def __init__(self, args):
        self.args = args
        self.fluxdb = engines.Engine("fluxdb", args.fluxdb_lib, timeout=args.timeout)
        self.duckdb = (engines.Engine("duckdb", args.duckdb_lib, timeout=args.timeout)
                       if args.duckdb_lib else None)
        self.sqlite = engines.Engine("sqlite", timeout=args.timeout) if args.sqlite else None
        self.queries = 0
        self.compared = {"duckdb": 0, "sqlite": 0}
        self.disagreements = []   # dicts
        self.known = {}           # name -> count
        self.signatures = {}      # kind -> count, for the report
        self.reduced = 0
        self.answered = 0   # queries FluxDB answered (others failed, mostly by design: types)
        self.with_rows = 0  # ... with at least one row

    def engines(self):
        return [e for e in (self.fluxdb, self.duckdb, self.sqlite) if e is not None]

    def check(self, tables, query, common, only=None):
        """The differences of one query: [(engine, description, fluxdb answer, other answer)].
        `only` names the one peer to ask (default: every peer that applies)."""
        ordered = is_ordered(query)
        found = []
        flux_answer = self.fluxdb.run(query.render("fluxdb"))
        if flux_answer["ok"]:
            self.answered += 1
            self.with_rows += 1 if flux_answer.get("row_count", 0) > 0 else 0
        if flux_answer.get("crash") or flux_answer.get("timeout"):
            found.append(("fluxdb", flux_answer["error"], flux_answer, None))
            return found, flux_answer, {}
        others = {}
        if self.duckdb is not None and only in (None, "duckdb"):
            others["duckdb"] = self.duckdb.run(query.render("duckdb"))
        if self.sqlite is not None and common and only in (None, "sqlite"):
            others["sqlite"] = self.sqlite.run(query.render("sqlite"))
        for name, answer in others.items():
            if answer.get("crash") or answer.get("timeout"):
                continue  # a peer's problem, not FluxDB's
            self.compared[name] += 1
            difference = compare.compare(flux_answer, answer, ordered)
            if difference is not None:
                found.append((name, difference, flux_answer, answer))
        if not found and not flux_answer["ok"] and flux_answer["error"].startswith("INTERNAL"):
            # A bug whatever the peers say.
            found.append(("fluxdb", flux_answer["error"], flux_answer, None))
        return found, flux_answer, others

    def kind(self, engine, description, flux_answer, other):
        if flux_answer.get("crash"):
            return "crash"
        if flux_answer.get("timeout"):
            return "timeout"
        if engine == "fluxdb":
            return "FluxDB fails: " + compare.error_signature(flux_answer["error"])
        if not flux_answer["ok"]:
            return f"{engine}: FluxDB fails: " + compare.error_signature(flux_answer["error"])
        if other is not None and not other["ok"]:
            return f"{engine}: FluxDB answers, it fails: " + compare.error_signature(
                other["error"])
        return f"{engine}: different results"

    def record(self, tables, query, common, engine, description, flux_answer, other, seed_info):
        kind = self.kind(engine, description, flux_answer, other)
        self.signatures[kind] = self.signatures.get(kind, 0) + 1
        number = len(self.disagreements) + 1
        entry = {"number": number, "kind": kind, "engine": engine, "description": description,
                 "query": query.render(engine if engine != "fluxdb" else "duckdb"),
                 "tables": tables, "seed": seed_info}
        if (self.args.reduce > 0 and self.signatures[kind] <= self.args.reduce_per_kind and
                self.reduced < self.args.reduce and time.monotonic() < self.deadline):
            self.reduced += 1
            entry["reduced"] = self.shrink(tables, query, common, engine, kind)
        self.disagreements.append(entry)
        self.write(entry, flux_answer, other)

    def shrink(self, tables, query, common, engine, kind):
        import copy
        query = copy.deepcopy(query)
        peer = {"duckdb": self.duckdb, "sqlite": self.sqlite}.get(engine)

        def still_fails(candidate_tables, candidate_query):
            for e in (self.fluxdb, peer):
                if e is not None and load(e, candidate_tables) is not None:
                    return False
            found, flux_answer, others = self.check(candidate_tables, candidate_query, common,
                                                    only=engine)
            for name, description, fa, oa in found:
                if name == engine and self.kind(name, description, fa, oa) == kind:
                    return True
            return False

        tables, query = reducer.reduce(tables, query, still_fails, checks=self.args.reduce_checks,
                                       dialect=engine)
        # Put the round's tables back.
        for e in self.engines():
            load(e, self.round_tables)
        return {"tables": tables, "query": query.render(engine)}

    def write(self, entry, flux_answer, other):
        os.makedirs(self.args.out, exist_ok=True)
        path = os.path.join(self.args.out, f"{entry['number']:03d}.sql")
        with open(path, "w") as f:
            f.write(f"-- {entry['kind']}\n-- {entry['description']}\n-- {entry['seed']}\n")
            if "reduced" in entry:
                f.write("-- reduced:\n")
                for sql in setup_statements(entry["reduced"]["tables"])[3:]:
                    f.write(sql + ";\n")
                f.write(entry["reduced"]["query"] + ";\n\n-- original:\n")
            for sql in setup_statements(entry["tables"])[3:]:
                f.write(sql + ";\n")
            f.write(entry["query"] + ";\n")
            f.write(f"-- FluxDB: {summary(flux_answer)}\n-- {entry['engine']}: {summary(other)}\n")
        entry["path"] = path

    def main(self):
        args = self.args
        start = time.monotonic()
        self.deadline = start + args.time_limit
        round_number = 0
        while self.queries < args.queries and time.monotonic() < self.deadline:
            rng = random.Random(f"{args.seed}/{round_number}")
            tables = generator.make_tables(rng)
            self.round_tables = tables
            for e in self.engines():
                problem = load(e, tables)
                if problem is not None:
                    if e is self.fluxdb:
                        kind = "FluxDB cannot load the tables"
                        self.signatures[kind] = self.signatures.get(kind, 0) + 1
                        entry = {"number": len(self.disagreements) + 1, "kind": kind,
                                 "description": problem, "query": "SELECT 1", "engine": "fluxdb",
                                 "tables": tables, "seed": f"seed {args.seed} round {round_number}"}
                        self.disagreements.append(entry)
                        self.write(entry, {"ok": False, "error": problem}, None)
                    else:
                        print(problem, file=sys.stderr)
            for i in range(QUERIES_PER_ROUND):
                if self.queries >= args.queries or time.monotonic() >= self.deadline:
                    break
                qrng = random.Random(f"{args.seed}/{round_number}/{i}")
                common = self.sqlite is not None and (self.duckdb is None or qrng.random() < 0.5)
                gen = generator.Generator(qrng, tables, common)
                query = gen.query()
                self.queries += 1
                found, flux_answer, _ = self.check(tables, query, common)
                for engine, description, fa, other in found:
                    known = compare.known_difference(query.render(engine), fa, other, engine)
                    if known is not None:
                        self.known[known] = self.known.get(known, 0) + 1
                        continue
                    self.record(tables, query, common, engine, description, fa, other,
                                f"seed {args.seed} round {round_number} query {i}")
                    if not args.quiet:
                        print(f"disagreement {len(self.disagreements)} "
                              f"({self.disagreements[-1]['kind']}): "
                              f"{self.disagreements[-1]['path']}", file=sys.stderr)
            round_number += 1
        for e in self.engines():
            e.stop()
        elapsed = time.monotonic() - start
        self.report(elapsed)
        return 1 if self.disagreements else 0

    def report(self, elapsed):
        names = ["FluxDB"] + (["DuckDB"] if self.duckdb else []) + (
            ["SQLite"] if self.sqlite else [])
        print(f"engines: {', '.join(names)}; {self.compared['duckdb']} answers compared with "
              f"DuckDB, {self.compared['sqlite']} with SQLite; {elapsed:.0f} s; seed "
              f"{self.args.seed}")
        print(f"FluxDB answered {self.answered} of the queries run, {self.with_rows} with rows")
        for kind, count in sorted(self.signatures.items(), key=lambda kv: -kv[1]):
            example = next(d for d in self.disagreements if d["kind"] == kind)
            print(f"  {count:4d} x {kind}  (e.g. {example.get('path', '')})")
        for name, count in sorted(self.known.items()):
            print(f"  {count:4d} x known difference: {name}")
        known = sum(self.known.values())
        print(f"differential: {self.queries} queries, {len(self.disagreements)} disagreements "
              f"({known} known differences)")


def summary(answer):
    if answer is None:
        return "-"
    if not answer["ok"]:
        return "error: " + answer["error"].split("\n")[0][:300]
    rows = answer["rows"]
    text = "; ".join(", ".join("NULL" if v is None else str(v) for v in row) for row in rows[:10])
    return f"{len(rows)} rows: {text}" + (" ..." if len(rows) > 10 else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("build_dir")
    parser.add_argument("--queries", type=int, default=3000)
    parser.add_argument("--seed", default=str(int(time.time())))
    parser.add_argument("--time-limit", type=float, default=170.0,
                        help="stop generating queries after this many seconds")
    parser.add_argument("--timeout", type=float, default=10.0, help="per statement")
    parser.add_argument("--out", default=None, help="where disagreements are written")
    parser.add_argument("--no-sqlite", dest="sqlite", action="store_false")
    parser.add_argument("--no-duckdb", dest="duckdb", action="store_false")
    parser.add_argument("--reduce", type=int, default=8, help="disagreements to shrink")
    parser.add_argument("--reduce-per-kind", type=int, default=2)
    parser.add_argument("--reduce-checks", type=int, default=150)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    args.fluxdb_lib = engines.find_fluxdb(args.build_dir)
    if args.fluxdb_lib is None:
        print(f"differential: no libfluxdb.so in {args.build_dir}", file=sys.stderr)
        return 2
    args.duckdb_lib = engines.find_duckdb() if args.duckdb else None
    if args.sqlite:
        try:
            import sqlite3  # noqa: F401
        except ImportError:
            args.sqlite = False
    if args.duckdb_lib is None and not args.sqlite:
        print("differential: neither DuckDB nor SQLite is available", file=sys.stderr)
        return 2
    if args.out is None:
        args.out = os.path.join(args.build_dir, "differential")
    return Run(args).main()


if __name__ == "__main__":
    sys.exit(main())
