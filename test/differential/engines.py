"""The engines under comparison, each in a worker process of its own.

FluxDB and DuckDB are driven through their C APIs with ctypes (the two APIs have the same shape:
fluxdb_query / duckdb_query, *_value_varchar ...), SQLite through Python's sqlite3 module. A
worker reads one JSON request per line on stdin and answers one JSON line on stdout, so that an
engine that crashes or hangs takes only its worker down: the client notices, reports the crash
or the timeout for that statement, and starts a new worker (replaying the setup statements).

Answer: {"ok": true, "types": [class...], "rows": [[value...]...]} or
        {"ok": false, "error": "message"}; class is one of int float decimal bool text date
        other, with values as the engine's text (as CAST(x AS VARCHAR) prints them) or null, or
        "native" for SQLite, whose values are JSON numbers, strings or null.

Run as a worker: engines.py --worker fluxdb|duckdb|sqlite [LIBRARY]
FLUXDB_WORKER_PRELOAD, when set, is LD_PRELOAD of the FluxDB worker only (a sanitizer runtime).
"""
import ctypes
import json
import os
import select
import subprocess
import sys
import tempfile
import time

# Type ids of the C APIs (shared by FluxDB and DuckDB).
TYPE_CLASSES = {1: "bool", 2: "int", 3: "int", 4: "int", 5: "int", 6: "int", 7: "int", 8: "int",
                9: "int", 16: "int", 32: "int", 10: "float", 11: "float", 19: "decimal",
                13: "date", 17: "text", 36: "text"}
MAX_ROWS = 5000  # rows of an answer sent back; a longer answer is compared by its row count


class CApiEngine:
    def __init__(self, prefix, library):
        lib = ctypes.CDLL(library)
        self.lib = lib
        self.f = lambda name: getattr(lib, f"{prefix}_{name}")
        vp, u64 = ctypes.c_void_p, ctypes.c_uint64
        for name, res, args in [
            ("open", ctypes.c_int, [ctypes.c_char_p, ctypes.POINTER(vp)]),
            ("connect", ctypes.c_int, [vp, ctypes.POINTER(vp)]),
            ("query", ctypes.c_int, [vp, ctypes.c_char_p, vp]),
            ("destroy_result", None, [vp]),
            ("result_error", ctypes.c_char_p, [vp]),
            ("column_count", u64, [vp]),
            ("row_count", u64, [vp]),
            ("column_type", ctypes.c_int, [vp, u64]),
            ("value_is_null", ctypes.c_bool, [vp, u64, u64]),
            ("value_varchar", vp, [vp, u64, u64]),
            ("free", None, [vp]),
        ]:
            fn = self.f(name)
            fn.restype = res
            fn.argtypes = args
        self.db = vp()
        self.con = vp()
        if self.f("open")(None, ctypes.byref(self.db)) != 0:
            raise RuntimeError(f"{prefix}_open failed")
        if self.f("connect")(self.db, ctypes.byref(self.con)) != 0:
            raise RuntimeError(f"{prefix}_connect failed")
        # Larger than either API's result struct (32 and 48 bytes).
        self.result = ctypes.create_string_buffer(256)

    def run(self, sql):
        f, result = self.f, self.result
        state = f("query")(self.con, sql.encode(), result)
        try:
            if state != 0:
                error = f("result_error")(result)
                return {"ok": False, "error": (error or b"unknown error").decode(errors="replace")}
            columns = f("column_count")(result)
            total = f("row_count")(result)
            rows = min(total, MAX_ROWS)
            types = [TYPE_CLASSES.get(f("column_type")(result, c), "other") for c in range(columns)]
            out = []
            for r in range(rows):
                row = []
                for c in range(columns):
                    if f("value_is_null")(result, c, r):
                        row.append(None)
                        continue
                    ptr = f("value_varchar")(result, c, r)
                    if not ptr:
                        row.append(None)
                        continue
                    row.append(ctypes.string_at(ptr).decode(errors="replace"))
                    f("free")(ptr)
                out.append(row)
            return {"ok": True, "types": types, "rows": out, "row_count": total}
        finally:
            f("destroy_result")(result)


class SqliteEngine:
    def __init__(self):
        import sqlite3
        self.db = sqlite3.connect(":memory:", isolation_level=None)
        # LIKE as the other engines do it.
        self.db.execute("PRAGMA case_sensitive_like = ON")

    def run(self, sql):
        try:
            cursor = self.db.execute(sql)
            rows = cursor.fetchmany(MAX_ROWS)
            total = len(rows) + (sum(1 for _ in cursor) if len(rows) == MAX_ROWS else 0)
        except Exception as e:  # sqlite3.Error and friends: the statement failed
            return {"ok": False, "error": str(e)}
        # SQLite types values, not columns: the values go as JSON numbers and strings.
        columns = len(cursor.description or [])
        out = [[v.hex() if isinstance(v, bytes) else v for v in row] for row in rows]
        return {"ok": True, "types": ["native"] * columns, "rows": out, "row_count": total}


def worker(kind, library):
    engine = SqliteEngine() if kind == "sqlite" else CApiEngine(kind, library)
    out = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        answer = engine.run(request["sql"])
        out.write(json.dumps(answer) + "\n")
        out.flush()


class Engine:
    """Client side: a worker process that is restarted after a crash or a timeout."""

    def __init__(self, kind, library=None, timeout=10.0):
        self.kind = kind
        self.library = library
        self.timeout = timeout
        self.setup = []
        self.process = None
        self.restarts = 0

    def start(self):
        args = [sys.executable, os.path.abspath(__file__), "--worker", self.kind]
        if self.library:
            args.append(self.library)
        env = dict(os.environ)
        preload = os.environ.get("FLUXDB_WORKER_PRELOAD")
        if preload and self.kind == "fluxdb":
            # A FluxDB built with AddressSanitizer (GCC's, a shared runtime) cannot be loaded by
            # ctypes unless the runtime is the first library of the process.
            env["LD_PRELOAD"] = preload
        # At a worker's exit LeakSanitizer would report what Python never frees.
        env.setdefault("ASAN_OPTIONS", "detect_leaks=0")
        # A file, not a pipe: a sanitizer report must not block the worker on a full pipe.
        self.stderr = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.stderr, text=True, env=env)
        for sql in self.setup:
            answer = self._request(sql)
            if answer.get("crash") or answer.get("timeout"):
                raise RuntimeError(f"{self.kind}: setup statement failed: {answer}")

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def reset(self, setup):
        """A fresh database holding what `setup` (statements) creates."""
        self.stop()
        self.setup = list(setup)
        self.start()
        return self

    def _request(self, sql):
        p = self.process
        try:
            p.stdin.write(json.dumps({"sql": sql}) + "\n")
            p.stdin.flush()
        except (BrokenPipeError, OSError):
            return self._died(sql)
        deadline = time.monotonic() + self.timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stop()
                return {"ok": False, "timeout": True, "error": f"timeout after {self.timeout} s"}
            ready, _, _ = select.select([p.stdout], [], [], remaining)
            if ready:
                line = p.stdout.readline()
                if not line:
                    return self._died(sql)
                return json.loads(line)

    def _died(self, sql):
        p = self.process
        p.wait()
        self.stderr.seek(0)
        stderr = self.stderr.read()[-4000:]
        self.process = None
        return {"ok": False, "crash": True,
                "error": f"worker died (exit status {p.returncode}): {stderr.strip()}"}

    def run(self, sql):
        if self.process is None:
            self.restarts += 1
            self.start()
        return self._request(sql)


def find_fluxdb(build_dir):
    path = os.path.join(build_dir, "libfluxdb.so")
    return path if os.path.exists(path) else None


def find_duckdb():
    prefixes = [os.environ.get("FLUXDB_PEERS", ""),
                os.path.expanduser("~/.cache/fluxdb-peers")]
    for prefix in prefixes:
        path = os.path.join(prefix, "lib", "libduckdb.so") if prefix else ""
        if path and os.path.exists(path):
            return path
    return None


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        print(__doc__)
        sys.exit(2)
