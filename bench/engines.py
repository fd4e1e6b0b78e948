"""Running SQL in FluxDB, DuckDB and SQLite as child processes, with timings and peak memory.

Each engine runs a query R times in one process: run 1 is the first ("cold": empty buffer pool,
planning included; the OS page cache is warm since the data was just loaded), runs 2..R are warm.
Times are the engines' own statement timers, so process start-up and the opening of the database
are not counted:
  FluxDB   `.timer on`  -> "Run Time (s): real X ..."  (parse, plan, execute, render the rows)
  SQLite   `.timer on`  -> "Run Time: real X ..."      (prepare, step, render the rows)
  DuckDB   duckdb-query -t -> "time<TAB>stmt<TAB>run<TAB>X" on stderr (prepare, execute,
           materialize; no rendering)
The rows of run 1 are written to a file and used for the correctness check (DuckDB: of the last
run, as duckdb-query prints them). Peak memory is the child's maximum resident set size
(wait4's rusage), i.e. the whole process, database open included.
"""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

from results import parse_csv, parse_tsv


class ProcessResult:
    def __init__(self, returncode, wall, peak_rss_kb, timed_out, stdout, stderr):
        self.returncode = returncode
        self.wall = wall
        self.peak_rss_kb = peak_rss_kb
        self.timed_out = timed_out
        self.stdout = stdout
        self.stderr = stderr


def run_process(argv, stdin_text, timeout, workdir):
    """Runs argv with stdin_text as its standard input; kills its process group after timeout
    seconds. Returns a ProcessResult with the child's own peak RSS."""
    os.makedirs(workdir, exist_ok=True)
    with tempfile.TemporaryFile(mode="w+b", dir=workdir) as stdin, \
            tempfile.TemporaryFile(mode="w+b", dir=workdir) as stdout, \
            tempfile.TemporaryFile(mode="w+b", dir=workdir) as stderr:
        stdin.write(stdin_text.encode())
        stdin.seek(0)
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdin=stdin, stdout=stdout, stderr=stderr,
                                start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            if timer:
                timer.cancel()
        wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        return ProcessResult(proc.returncode, wall, usage.ru_maxrss, timed_out.is_set(),
                             stdout.read().decode(errors="replace"),
                             stderr.read().decode(errors="replace"))


class QueryRun:
    """Outcome of one engine running one query R times."""

    def __init__(self, times, rows, error, timed_out, peak_rss_kb):
        self.times = times            # seconds per completed run, in order
        self.rows = rows              # rows of the checked run, or None
        self.error = error            # first error message, or None
        self.timed_out = timed_out
        self.peak_rss_kb = peak_rss_kb

    @property
    def ok(self):
        # A run that hit the time budget after finishing some runs still has a checkable answer.
        return self.error is None and self.rows is not None and len(self.times) > 0


class LoadRun:
    def __init__(self, seconds, peak_rss_kb, error, size_bytes):
        self.seconds = seconds
        self.peak_rss_kb = peak_rss_kb
        self.error = error
        self.size_bytes = size_bytes


def _first_error(stderr):
    lines = [line for line in stderr.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        if "Error" in line or "error" in line:
            return " ".join(lines[i:i + 3])[:400]
    return " ".join(lines[:3])[:400] if lines else None


def _statement(sql):
    sql = sql.strip()
    return sql if sql.endswith(";") else sql + ";"


def files_size(paths):
    return sum(os.path.getsize(p) for p in paths if os.path.exists(p))


class Engine:
    name = ""
    key = ""
    suffix = ""
    multithreaded = True

    def db_files(self, db):
        return [db]

    def remove_db(self, db):
        for path in self.db_files(db):
            if os.path.exists(path):
                os.remove(path)

    def series(self, n):
        """A subquery with one BIGINT column x = 0, 1, ..., n-1."""
        raise NotImplementedError

    def load(self, db, script, timeout, workdir):
        raise NotImplementedError

    def run_query(self, db, sql, threads, runs, timeout, workdir):
        raise NotImplementedError


class ShellEngine(Engine):
    """FluxDB and SQLite: a shell reading a script on stdin, with `.timer on` lines on stdout."""

    timer_pattern = None

    def shell_argv(self, db):
        raise NotImplementedError

    def settings(self, threads):
        return ""

    def load(self, db, script, timeout, workdir):
        self.remove_db(db)
        result = run_process(self.shell_argv(db), script, timeout, workdir)
        error = None
        if result.timed_out:
            error = f"timed out after {timeout:.0f} s"
        elif result.returncode != 0 or _first_error(result.stderr):
            error = _first_error(result.stderr) or f"exit status {result.returncode}"
        return LoadRun(result.wall, result.peak_rss_kb, error, files_size(self.db_files(db)))

    def run_query(self, db, sql, threads, runs, timeout, workdir):
        os.makedirs(workdir, exist_ok=True)
        out = os.path.join(workdir, f"{self.key}-rows.csv")
        if os.path.exists(out):
            os.remove(out)
        script = [".headers off", ".mode csv", ".nullvalue NULL", self.settings(threads),
                  ".timer on"]
        for run in range(runs):
            script.append(f".output {out}" if run == 0 else ".output /dev/null")
            script.append(_statement(sql))
        script.append(".output")
        result = run_process(self.shell_argv(db), "\n".join(script) + "\n", timeout, workdir)
        times = [float(m.group(1)) for m in self.timer_pattern.finditer(result.stdout)]
        error = _first_error(result.stderr)
        if error is None and result.returncode != 0 and not result.timed_out:
            error = f"exit status {result.returncode}"
        rows = None
        if error is None and os.path.exists(out) and len(times) >= 1:
            with open(out, encoding="utf-8", errors="replace") as f:
                rows = parse_csv(f.read())
        if error is not None:
            times = []  # a failed statement still prints its timer line
        return QueryRun(times, rows, error, result.timed_out, result.peak_rss_kb)


class FluxDB(ShellEngine):
    name = "FluxDB"
    key = "fluxdb"
    suffix = ".fluxdb"
    timer_pattern = re.compile(r"^Run Time \(s\): real ([0-9.]+)", re.M)

    def __init__(self, binary):
        self.binary = binary

    def db_files(self, db):
        return [db, db + ".wal"]

    def shell_argv(self, db):
        return [self.binary, "-bail", db]

    def settings(self, threads):
        return f"SET threads = {threads};"

    def series(self, n):
        return f"(SELECT range AS x FROM range({n}))"

    def version(self):
        try:
            out = subprocess.run([self.binary, "-version"], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        return out or "FluxDB"


class SQLite(ShellEngine):
    name = "SQLite"
    key = "sqlite"
    suffix = ".sqlite"
    multithreaded = False
    timer_pattern = re.compile(r"^Run Time: real ([0-9.]+)", re.M)

    def __init__(self, binary):
        self.binary = binary

    def db_files(self, db):
        return [db, db + "-journal", db + "-wal", db + "-shm"]

    def shell_argv(self, db):
        return [self.binary, "-bail", db]

    def series(self, n):
        # Debian's sqlite3 shell has the generate_series extension built in.
        return f"(SELECT value AS x FROM generate_series(0, {n - 1}))"

    def version(self):
        out = subprocess.run([self.binary, "-version"], capture_output=True, text=True).stdout
        return "SQLite " + (out.split() or ["?"])[0]


class DuckDB(Engine):
    name = "DuckDB"
    key = "duckdb"
    suffix = ".duckdb"
    timer_pattern = re.compile(r"^time\t\d+\t\d+\t([0-9.eE+-]+)", re.M)

    def __init__(self, binary):
        self.binary = binary

    def db_files(self, db):
        return [db, db + ".wal"]

    def series(self, n):
        return f"(SELECT range AS x FROM range({n}))"

    def load(self, db, script, timeout, workdir):
        self.remove_db(db)
        result = run_process([self.binary, "-q", db], script, timeout, workdir)
        error = None
        if result.timed_out:
            error = f"timed out after {timeout:.0f} s"
        elif result.returncode != 0:
            error = _first_error(result.stderr) or f"exit status {result.returncode}"
        return LoadRun(result.wall, result.peak_rss_kb, error, files_size(self.db_files(db)))

    def run_query(self, db, sql, threads, runs, timeout, workdir):
        os.makedirs(workdir, exist_ok=True)
        query_file = os.path.join(workdir, "duckdb-query.sql")
        with open(query_file, "w") as f:
            f.write(_statement(sql) + "\n")
        argv = [self.binary, "-t", "-j", str(threads), "-r", str(runs), "-N", "NULL",
                "-f", query_file, db]
        result = run_process(argv, "", timeout, workdir)
        times = [float(m.group(1)) for m in self.timer_pattern.finditer(result.stderr)]
        error = None
        if not result.timed_out and result.returncode != 0:
            error = _first_error(result.stderr) or f"exit status {result.returncode}"
        rows = parse_tsv(result.stdout) if error is None and not result.timed_out else None
        return QueryRun(times, rows, error, result.timed_out, result.peak_rss_kb)

    def version(self):
        out = subprocess.run([self.binary, "-c", "SELECT version()"], capture_output=True,
                             text=True).stdout.strip()
        return "DuckDB " + out


def find_duckdb_query(repo_root, install=True):
    """duckdb-query from $DUCKDB_QUERY, PATH or the peers prefix; installs it with the peers'
    install-duckdb.sh (needs the npm registry) when it is missing and install is true."""
    explicit = os.environ.get("DUCKDB_QUERY")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    prefix = os.environ.get("FLUXDB_PEERS", os.path.expanduser("~/.cache/fluxdb-peers"))
    candidate = os.path.join(prefix, "bin", "duckdb-query")
    if os.access(candidate, os.X_OK):
        return candidate
    found = shutil.which("duckdb-query")
    if found:
        return found
    installer = os.path.join(repo_root, "..", "shared", "peers", "install-duckdb.sh")
    if install and os.access(installer, os.X_OK):
        print(f"installing duckdb-query with {installer} ...", flush=True)
        if subprocess.run([installer]).returncode == 0 and os.access(candidate, os.X_OK):
            return candidate
    return None
