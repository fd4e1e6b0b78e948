#!/usr/bin/env python3
"""FluxDB side by side with DuckDB and SQLite: TPC-H and micro-queries (see bench/README.md).

    bench/bench.py BUILD_DIR            (what `make bench` runs, through bench/run-bench.sh)

Settings come from the environment (or the matching --options):
    SF=1            TPC-H scale factor (QUICK=1: 0.1)
    RUNS=5          runs of each query per engine and thread count (run 1 = first, 2.. = warm)
    SQLITE_RUNS=3   runs for SQLite (default min(RUNS, 3))
    THREADS="1 all" thread counts ("all" = the number of cores)
    QUICK=1         SF 0.1 and micro tables 10x smaller, results to data/bench/RESULTS-quick.md
    SUITES="micro tpch"
    QUERIES=REGEX   only queries whose name matches (e.g. 'q0[16]|sum')
    TIMEOUT=180     seconds one engine may spend on one query (all its runs)
    OUT=path        where the report goes (default bench/RESULTS.md)
    DATA=data       where generated data and databases go (git-ignored)
Exit status: 0 when every FluxDB answer matched, 1 otherwise.
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from engines import DuckDB, FluxDB, QueryRun, SQLite, find_duckdb_query  # noqa: E402
from results import compare_rows, parse_answer  # noqa: E402

ROOT = os.path.dirname(HERE)
PEERS = os.path.normpath(os.path.join(ROOT, "..", "shared", "peers"))
TPCH_TABLES = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders",
               "lineitem"]


# ----------------------------------------------------------------------------------------------
# Configuration


def parse_args(argv):
    env = os.environ
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("build", nargs="?", default="build/release", help="FluxDB build directory")
    p.add_argument("--sf", default=env.get("SF"))
    p.add_argument("--runs", type=int, default=int(env.get("RUNS", "5")))
    p.add_argument("--sqlite-runs", type=int, default=int(env.get("SQLITE_RUNS", "0")) or None)
    p.add_argument("--threads", default=env.get("THREADS", "1 all"))
    p.add_argument("--quick", action="store_true", default=env.get("QUICK", "0") not in ("", "0"))
    p.add_argument("--suites", default=env.get("SUITES", "micro tpch"))
    p.add_argument("--queries", default=env.get("QUERIES", ""))
    p.add_argument("--timeout", type=float, default=float(env.get("TIMEOUT", "180")))
    p.add_argument("--out", default=env.get("OUT"))
    p.add_argument("--data", default=env.get("DATA", os.path.join(ROOT, "data")))
    args = p.parse_args(argv)
    if args.sf is None:
        args.sf = "0.1" if args.quick else "1"
    cores = os.cpu_count() or 1
    threads = []
    for t in args.threads.replace(",", " ").split():
        n = cores if t == "all" else int(t)
        if n not in threads:
            threads.append(n)
    args.thread_counts = threads
    args.suite_list = args.suites.replace(",", " ").split()
    if args.out is None:
        args.out = (os.path.join(args.data, "bench", "RESULTS-quick.md") if args.quick
                    else os.path.join(HERE, "RESULTS.md"))
    if args.sqlite_runs is None:
        # SQLite takes seconds per micro-query where the columnar engines take milliseconds;
        # three runs keep `make bench` at SF 1 within its 30 minutes.
        args.sqlite_runs = min(args.runs, 3)
    if args.runs < 1:
        p.error("RUNS must be at least 1")
    return args


def machine_description():
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram_gib = "?"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    ram_gib = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": ram_gib,
        "kernel": platform.release(),
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
    }


def git_commit():
    try:
        out = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h %s"],
                             capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return out[:90] + (" (+ uncommitted changes in the tree)" if dirty else "")
    except OSError:
        return "?"


class LoadWatch:
    """Samples the 1-minute load average, to tell how noisy the machine was during the run."""

    def __init__(self):
        self.samples = []

    def sample(self):
        try:
            self.samples.append(os.getloadavg()[0])
        except OSError:
            pass

    def describe(self):
        if not self.samples:
            return "?"
        return (f"1-min load average min {min(self.samples):.2f}, median "
                f"{statistics.median(self.samples):.2f}, max {max(self.samples):.2f} "
                f"({len(self.samples)} samples)")


# ----------------------------------------------------------------------------------------------
# Suites: how to load them and which queries they have


def substitute(text, params, engine):
    text = re.sub(r"\$\{SERIES:(\w+)\}", lambda m: engine.series(params[m.group(1)]), text)
    return re.sub(r"\$\{(\w+)\}", lambda m: str(params[m.group(1)]), text)


class MicroSuite:
    name = "micro"

    def __init__(self, args):
        div = 10 if args.quick else 1
        n_facts = 10_000_000 // div
        self.params = {
            "N_INTS": 100_000_000 // div,
            "N_FACTS": n_facts,
            "N_DIM": 1_000_000 // div,
            "RANGE_LO": n_facts // 2,
            "RANGE_HI": n_facts // 2 + 999,
        }
        self.label = f"micro{'-quick' if args.quick else ''}"
        self.dir = os.path.join(HERE, "micro")
        self.engines_allowed = ("fluxdb", "duckdb", "sqlite")
        self.answers = {}

    def prepare(self, args):
        pass

    def load_script(self, engine):
        with open(os.path.join(self.dir, "load.sql")) as f:
            script = substitute(f.read(), self.params, engine)
        if engine.key != "sqlite":
            script += "\nCHECKPOINT;\n"
        return script

    def queries(self):
        names = sorted(n for n in os.listdir(self.dir) if re.match(r"^\d\d-.*\.sql$", n))
        for n in names:
            with open(os.path.join(self.dir, n)) as f:
                yield n[:-4], f.read()

    def query_text(self, text, engine):
        return substitute(text, self.params, engine)


class TpchSuite:
    name = "tpch"

    def __init__(self, args):
        self.sf = args.sf
        self.label = f"tpch-sf{args.sf}"
        self.tbl_dir = os.path.join(args.data, f"tpch-sf{args.sf}")
        self.engines_allowed = ("fluxdb", "duckdb")
        self.answers = {}
        if float(args.sf) == 1.0:
            answers = os.path.join(PEERS, "tpch-dbgen", "answers")
            for n in range(1, 23):
                path = os.path.join(answers, f"q{n}.out")
                if os.path.exists(path):
                    with open(path, errors="replace") as f:
                        self.answers[f"q{n:02d}"] = parse_answer(f.read())

    def prepare(self, args):
        if all(os.path.exists(os.path.join(self.tbl_dir, f"{t}.tbl")) for t in TPCH_TABLES):
            return
        gen = os.path.join(PEERS, "gen-tpch.sh")
        print(f"generating TPC-H SF {self.sf} into {self.tbl_dir} ...", flush=True)
        subprocess.run([gen, self.sf, self.tbl_dir], check=True)

    def load_script(self, engine):
        with open(os.path.join(PEERS, "tpch-schema.sql")) as f:
            script = f.read()
        tbl = os.path.abspath(self.tbl_dir).replace("'", "''")
        for t in TPCH_TABLES:
            script += f"COPY {t} FROM '{tbl}/{t}.tbl' (DELIMITER '|', HEADER false);\n"
        return script + "CHECKPOINT;\n"

    def queries(self):
        qdir = os.path.join(HERE, "tpch", "queries")
        for n in range(1, 23):
            with open(os.path.join(qdir, f"q{n:02d}.sql")) as f:
                yield f"q{n:02d}", f.read()

    def query_text(self, text, engine):
        return text


# ----------------------------------------------------------------------------------------------
# Measuring


class Measurement:
    """One query at one thread count: every engine's QueryRun and FluxDB's checks."""

    def __init__(self, suite, query, threads):
        self.suite = suite
        self.query = query
        self.threads = threads
        self.runs = {}      # engine key -> QueryRun
        self.checks = []    # (ok, text)
        self.notes = []

    @property
    def failed(self):
        return any(not ok for ok, _ in self.checks)


def warm(times):
    """Median of the warm runs (2..R); the only run when there was one."""
    if not times:
        return None
    return statistics.median(times[1:]) if len(times) > 1 else times[0]


def check_measurement(m, reference_key, answers):
    flux = m.runs.get("fluxdb")
    ref = m.runs.get(reference_key)
    if flux is None:
        return
    if not flux.ok:
        what = "timed out" if flux.timed_out else f"error: {flux.error}"
        m.checks.append((False, f"FluxDB {what}"))
        return
    if ref is None or not ref.ok:
        why = "timed out" if ref is not None and ref.timed_out else (ref.error if ref else "not run")
        m.checks.append((False, f"no DuckDB reference ({why})"))
    else:
        c = compare_rows(flux.rows, ref.rows)
        m.checks.append((c.ok, "DuckDB" + ("" if c.ok and not c.message else f": {c.message}")))
    answer = answers.get(m.query)
    if answer is not None:
        # dbgen's answers are rounded to 2 decimals; its Q17 answer (348406.02) is also off by
        # 1e-7 relative from the exact value that DuckDB prints (348406.054...).
        c = compare_rows(flux.rows, answer, rel_tol=1e-6, abs_tol=0.0101)
        m.checks.append((c.ok, "dbgen answer" + ("" if c.ok and not c.message else f": {c.message}")))
    sqlite = m.runs.get("sqlite")
    if sqlite is not None and sqlite.ok and ref is not None and ref.ok:
        c = compare_rows(sqlite.rows, ref.rows)
        if not c.ok:
            m.notes.append(f"SQLite differs from DuckDB (harness problem?): {c.message}")


def run_suite(suite, engines, args, watch, loads, measurements):
    suite.prepare(args)
    workdir = os.path.join(args.data, "bench", "work")
    dbdir = os.path.join(args.data, "bench")
    os.makedirs(dbdir, exist_ok=True)
    active = [e for e in engines if e.key in suite.engines_allowed]
    dbs = {}
    for engine in active:
        db = os.path.join(dbdir, f"{suite.label}{engine.suffix}")
        print(f"[{suite.label}] loading {engine.name} ...", flush=True)
        watch.sample()
        load = engine.load(db, suite.load_script(engine), max(args.timeout, 1800), workdir)
        watch.sample()
        loads.append((suite.label, engine, load))
        state = "FAILED: " + load.error if load.error else "ok"
        print(f"[{suite.label}] {engine.name} load {load.seconds:.1f} s, "
              f"{load.size_bytes / 1e6:.0f} MB, peak {load.peak_rss_kb / 1024:.0f} MB: {state}",
              flush=True)
        if load.error is None:
            dbs[engine.key] = db
    pattern = re.compile(args.queries) if args.queries else None
    order = 0
    hopeless = set()
    for query, text in suite.queries():
        if pattern and not pattern.search(query):
            continue
        for threads in args.thread_counts:
            m = Measurement(suite.label, query, threads)
            # Alternate which engine goes first, so that neither is always measured right after
            # the other warmed the machine (or the OS page cache).
            ordered = [e for e in active if e.multithreaded or threads == 1]
            if order % 2:
                ordered = ordered[::-1]
            order += 1
            for engine in ordered:
                if engine.key not in dbs:
                    continue
                if (query, engine.key) in hopeless:
                    m.runs[engine.key] = QueryRun([], None, None, True, 0)
                    m.notes.append(f"{engine.name} not run: it timed out at a lower thread count")
                    continue
                watch.sample()
                sql = suite.query_text(text, engine)
                runs = args.sqlite_runs if engine.key == "sqlite" else args.runs
                run = engine.run_query(dbs[engine.key], sql, threads, runs, args.timeout, workdir)
                m.runs[engine.key] = run
                if run.timed_out and not run.times:
                    # It will not finish with more threads either within the budget: spare the
                    # time of the whole run (a bench at SF 1 must stay under 30 minutes).
                    hopeless.add((query, engine.key))
            check_measurement(m, "duckdb", suite.answers)
            if "fluxdb" not in dbs:
                m.checks.append((False, "FluxDB could not load the data"))
            measurements.append(m)
            print(progress_line(m), flush=True)


def progress_line(m):
    parts = [f"[{m.suite}] {m.query} threads={m.threads}:"]
    for key, run in m.runs.items():
        if run.ok:
            parts.append(f"{key} {fmt_time(warm(run.times))} (first {fmt_time(run.times[0])})")
        else:
            parts.append(f"{key} {'TIMEOUT' if run.timed_out else 'ERROR'}")
    parts.append(check_mark(m))
    for ok, text in m.checks:
        if not ok:
            parts.append(f"\n    ✗ {text}")
    for note in m.notes:
        parts.append(f"\n    note: {note}")
    return " ".join(parts)


# ----------------------------------------------------------------------------------------------
# Report


def fmt_time(t):
    if t is None:
        return "—"
    if t < 0.0005:
        return "<0.001"
    if t < 10:
        return f"{t:.3f}"
    return f"{t:.1f}"


def fmt_ratio(a, b):
    if a is None or b is None:
        return "—"
    # The shells' timers print milliseconds: a FluxDB "0.000" is < 0.5 ms.
    if a < 0.0005:
        return f"<{0.0005 / max(b, 1e-6):.2f}"
    if b <= 0:
        return "—"
    r = a / b
    return f"**{r:.2f}**" if r > 1.0 else f"{r:.2f}"


def fmt_mb(kb):
    return f"{kb / 1024:.0f}" if kb else "—"


def fmt_bytes(n):
    return f"{n / 1e6:.1f} MB" if n < 1e9 else f"{n / 1e9:.2f} GB"


def check_mark(m):
    if "fluxdb" not in m.runs:
        return "✗" if m.failed else "—"
    if m.failed:
        return "✗"
    return "✓" if m.checks else "—"


def cell(run):
    if run is None:
        return "—"
    if run.timed_out and not run.times:
        return "timeout"
    if run.error is not None:
        return "error"
    if not run.times:
        return "—"
    text = f"{fmt_time(warm(run.times))} ({fmt_time(run.times[0])})"
    if run.timed_out:
        text += f" [{len(run.times)} runs, then timeout]"
    return text


def geomean(values):
    values = [v for v in values if v and v > 0]
    if not values:
        return None
    prod = 1.0
    for v in values:
        prod *= v
    return prod ** (1 / len(values))


def time_of(m, key):
    run = m.runs.get(key)
    if run is None or not run.ok:
        return None, None
    return warm(run.times), run.times[0]


def report(args, machine, versions, loads, measurements, watch, elapsed):
    lines = []
    add = lines.append
    add("# FluxDB benchmark results")
    add("")
    add(f"- Date: {machine['date']}; total time {elapsed / 60:.1f} min")
    add(f"- Machine: {machine['cpu']}, {machine['cores']} cores, {machine['ram']} RAM, "
        f"Linux {machine['kernel']}")
    add(f"- FluxDB: {versions['fluxdb']} — commit {git_commit()}")
    add(f"- Peers: {versions['duckdb']}; {versions['sqlite']}")
    add(f"- Settings: SF={args.sf} RUNS={args.runs} SQLITE_RUNS={args.sqlite_runs} THREADS={' '.join(map(str, args.thread_counts))}"
        f" QUICK={'1' if args.quick else '0'} SUITES={' '.join(args.suite_list)}"
        + (f" QUERIES={args.queries}" if args.queries else ""))
    add(f"- Noise: {watch.describe()} on {machine['cores']} cores (above ~0.5 per core other work was "
        "running: read ratios, not absolute times)")
    add("")
    add("Times in seconds: median of the warm runs (2..RUNS), then the first run in parentheses. "
        "Ratios are FluxDB / peer of the warm medians (**bold**: FluxDB slower). SQLite is "
        "single-threaded and runs once, at threads = 1. Peak RSS is the engine process's maximum "
        "resident memory. ✓ = FluxDB's rows equal DuckDB's (and dbgen's answers at SF 1).")
    add("")
    add("Where FluxDB's time goes in the slow queries: `bench/PROFILE.md` (hand-written, dated; "
        "may be older than this run).")
    add("")
    add("## Load")
    add("")
    add("| data | engine | load time | database size | peak RSS MB | status |")
    add("|---|---|---:|---:|---:|---|")
    for label, engine, load in loads:
        add(f"| {label} | {engine.name} | {load.seconds:.1f} s | {fmt_bytes(load.size_bytes)} | "
            f"{fmt_mb(load.peak_rss_kb)} | {'✗ ' + load.error if load.error else 'ok'} |")
    add("")
    suites = []
    for m in measurements:
        if m.suite not in suites:
            suites.append(m.suite)
    for suite in suites:
        ms = [m for m in measurements if m.suite == suite]
        has_sqlite = any("sqlite" in m.runs for m in ms)
        add(f"## {suite}")
        add("")
        head = "| query | threads | FluxDB | DuckDB |"
        sep = "|---|---:|---:|---:|"
        if has_sqlite:
            head += " SQLite |"
            sep += "---:|"
        head += " FluxDB/DuckDB warm | FluxDB/DuckDB first |"
        sep += "---:|---:|"
        if has_sqlite:
            head += " FluxDB/SQLite |"
            sep += "---:|"
        head += " peak RSS MB (F/D" + ("/S" if has_sqlite else "") + ") | check |"
        sep += "---:|:---:|"
        add(head)
        add(sep)
        for m in ms:
            fw, ff = time_of(m, "fluxdb")
            dw, df = time_of(m, "duckdb")
            row = f"| {m.query} | {m.threads} | {cell(m.runs.get('fluxdb'))} | "
            row += f"{cell(m.runs.get('duckdb'))} |"
            if has_sqlite:
                row += f" {cell(m.runs.get('sqlite'))} |"
            row += f" {fmt_ratio(fw, dw)} | {fmt_ratio(ff, df)} |"
            if has_sqlite:
                sw, _ = time_of(m, "sqlite")
                row += f" {fmt_ratio(fw, sw) if 'sqlite' in m.runs else '—'} |"
            keys = ["fluxdb", "duckdb"] + (["sqlite"] if has_sqlite else [])
            rss = "/".join(fmt_mb(m.runs[k].peak_rss_kb) if k in m.runs else "—" for k in keys)
            row += f" {rss} | {check_mark(m)} |"
            add(row)
        add("")
        for threads in args.thread_counts:
            pairs = [(time_of(m, "fluxdb")[0], time_of(m, "duckdb")[0]) for m in ms
                     if m.threads == threads]
            ratios = [f / d for f, d in pairs if f and d]
            g = geomean(ratios)
            slower = sum(1 for r in ratios if r > 1)
            if g is not None:
                add(f"- threads = {threads}: geometric mean FluxDB/DuckDB {g:.2f} over {len(ratios)} "
                    f"queries; FluxDB slower on {slower}.")
        add("")
    problems = [m for m in measurements if m.failed or m.notes]
    add("## Correctness")
    add("")
    failed = [m for m in measurements if m.failed]
    checked = [m for m in measurements if "fluxdb" in m.runs]
    add(f"{len(checked) - len(failed)} of {len(checked)} FluxDB results match"
        + (" — **MISMATCHES / ERRORS BELOW**" if failed else "") + ".")
    add("")
    for m in problems:
        for ok, text in m.checks:
            if not ok:
                add(f"- ✗ {m.suite} {m.query} threads={m.threads}: {text}")
        for note in m.notes:
            add(f"- note: {m.suite} {m.query} threads={m.threads}: {note}")
    add("")
    return "\n".join(lines)


def main(argv):
    args = parse_args(argv)
    start = time.monotonic()
    build = os.path.abspath(args.build)
    fluxdb_bin = os.path.join(build, "fluxdb")
    if not os.access(fluxdb_bin, os.X_OK):
        print(f"bench: {fluxdb_bin} is not built", file=sys.stderr)
        return 2
    duckdb_bin = find_duckdb_query(ROOT)
    if duckdb_bin is None:
        print("bench: duckdb-query is missing and could not be installed "
              "(../shared/peers/install-duckdb.sh needs the npm registry)", file=sys.stderr)
        return 2
    sqlite_bin = shutil.which("sqlite3")
    engines = [FluxDB(fluxdb_bin), DuckDB(duckdb_bin)]
    if sqlite_bin:
        engines.append(SQLite(sqlite_bin))
    else:
        print("bench: sqlite3 not found; running without SQLite", file=sys.stderr)
    versions = {"fluxdb": engines[0].version(), "duckdb": engines[1].version(),
                "sqlite": engines[2].version() if sqlite_bin else "SQLite: not installed"}
    machine = machine_description()
    print(f"bench: SF={args.sf} RUNS={args.runs} THREADS={args.thread_counts} QUICK={args.quick} "
          f"suites={args.suite_list}; {machine['cores']} cores, {machine['cpu']}", flush=True)
    watch = LoadWatch()
    loads, measurements = [], []
    for name in args.suite_list:
        suite = {"micro": MicroSuite, "tpch": TpchSuite}[name](args)
        run_suite(suite, engines, args, watch, loads, measurements)
    watch.sample()
    text = report(args, machine, versions, loads, measurements, watch, time.monotonic() - start)
    print()
    print(text)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    print(f"bench: report written to {args.out}")
    bad = [m for m in measurements if m.failed] + [l for l in loads if l[2].error and l[1].key == "fluxdb"]
    if bad:
        print(f"bench: ✗ {len(bad)} FluxDB failures (see Correctness)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
