#!/usr/bin/env python3
"""Format test: an independent reader, written only from docs/FILE_FORMAT.md and
docs/ENCODINGS.md (fluxdb_reader.py), reads a fresh database and must find the same tables,
chunks, pages and values as the engine.

    check_reader.py BUILD_DIR [--keep DIR]

The database is made through the shell (BUILD_DIR/fluxdb FILE -c ...): tables of every type,
NULLs, every encoding (forced with SET force_compression), several row groups, multi-page chunks,
deleted rows (list and bitmap forms), a second schema, views (one large enough to be a large
record split into fragments), an empty table and free pages from a dropped table.
"""

import datetime
import json
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fluxdb_reader as fr  # noqa: E402

COLUMNS = [
    ("bo", "BOOLEAN", "range % 3 = 0"),
    ("ti", "TINYINT", "(range % 200 - 100)::TINYINT"),
    ("si", "SMALLINT", "(range * 7 % 60000 - 30000)::SMALLINT"),
    ("ii", "INTEGER", "(range * 104729 % 2000000000 - 1000000000)::INTEGER"),
    ("bi", "BIGINT", "range * 1000000007 - 5000000000"),
    ("hi", "HUGEINT", "range::HUGEINT * 12345678901234567 * 1000 - 7"),
    ("fl", "FLOAT", "(range * 1.5 - 100)::FLOAT"),
    ("db", "DOUBLE", "range / 7.0 - 3"),
    ("d4", "DECIMAL(4,1)", "CAST((range % 1999 - 999) / 10.0 AS DECIMAL(4,1))"),
    ("d9", "DECIMAL(9,3)", "CAST(range / 8.0 AS DECIMAL(9,3))"),
    ("d18", "DECIMAL(18,4)", "CAST(range * 12345.6789 AS DECIMAL(18,4))"),
    ("d38", "DECIMAL(38,6)", "CAST(range / 7.0 AS DECIMAL(38,6)) * 1000000000000"),
    ("vc", "VARCHAR", "'v' || (range % 97) || repeat('ab', range % 9)"),
    ("bl", "BLOB", "CAST(('b' || (range % 13)) AS BLOB)"),
    ("dt", "DATE", "DATE '1960-01-01' + (range * 37 % 40000)::INTEGER"),
    ("tm", "TIME", "make_time(range % 24, range % 60, (range % 600) / 10.0)"),
    ("ts", "TIMESTAMP", "make_timestamp(1577836800000000 + range * 7919000123)"),
    ("iv", "INTERVAL", "CAST((range % 13) || ' months ' || (range % 40) || ' days ' || "
                       "(range * 1000001) || ' microseconds' AS INTERVAL)"),
]


def column_list(nulls_every):
    """SELECT list over range(N): every column, NULL on every `nulls_every`-th row (offset)."""
    parts = []
    for i, (name, _, expr) in enumerate(COLUMNS):
        parts.append(f"CASE WHEN (range + {i}) % {nulls_every} = 0 THEN NULL ELSE {expr} END "
                     f"AS {name}")
    return ", ".join(parts)


def build_script():
    ddl = ", ".join(f"{n} {t}" for n, t, _ in COLUMNS)
    script = [
        f"CREATE TABLE alltypes({ddl})",
        f"INSERT INTO alltypes SELECT {column_list(11)} FROM range(3000)",
        # Floating-point specials: NaN sorts above every number in min/max (2.7).
        "INSERT INTO alltypes(fl, db) VALUES ('nan', 'nan'), ('inf', '-inf'), (-0.0, -0.0), "
        "('-inf', 'inf')",
        # Runs and constants, for RLE and CONSTANT of every type.
        f"CREATE TABLE runs AS SELECT {column_list(1000000)} FROM (SELECT range // 500 AS range "
        f"FROM range(4000))",
        f"CREATE TABLE consts AS SELECT {column_list(1000000)} FROM (SELECT 42::BIGINT AS range "
        f"FROM range(1000))",
        "CREATE TABLE all_null AS SELECT " +
        ", ".join(f"CAST(NULL AS {t}) AS {n}" for n, t, _ in COLUMNS) + " FROM range(10)",
        "CHECKPOINT",
    ]
    for encoding in ("plain", "constant", "rle", "dictionary", "bitpacking", "zstd", "delta"):
        script += [f"SET force_compression = '{encoding}'",
                   f"CREATE TABLE enc_{encoding} AS SELECT * FROM alltypes",
                   f"CREATE TABLE enc_{encoding}_runs AS SELECT * FROM runs",
                   "CHECKPOINT"]
    script += [
        "SET force_compression = 'auto'",
        # Two full row groups and a partial one, multi-page chunks, deletes in both forms.
        "CREATE TABLE big(id INTEGER, grp VARCHAR, flag BOOLEAN, val DOUBLE, run BIGINT, "
        "note VARCHAR)",
        "INSERT INTO big SELECT range, 'group ' || (range % 50), range % 2 = 0, (range % 1000) * 0.25, "
        "range // 10000, CASE WHEN range % 3 = 0 THEN NULL ELSE repeat('n', range % 40) END "
        "FROM range(250000)",
        "DELETE FROM big WHERE id % 1000 = 7",
        "DELETE FROM big WHERE id BETWEEN 130000 AND 150000",
        "CREATE SCHEMA other",
        "CREATE TABLE other.t(k BIGINT PRIMARY KEY, name VARCHAR NOT NULL DEFAULT 'none', "
        "CHECK (k >= 0))",
        "INSERT INTO other.t SELECT range, 'name' || range FROM range(100)",
        "CREATE TABLE empty_t(a INTEGER, b VARCHAR)",
        # Free text: distinct values sharing words, stored ZSTD.
        "CREATE TABLE notes AS SELECT range AS id, 'the ' || (range % 97) || ' quick brown foxes "
        "jump over ' || (range % 89) || ' lazy dogs, carefully ' || range AS note "
        "FROM range(20000)",
        "CREATE VIEW v AS SELECT id, grp FROM big WHERE flag",
        # A catalog record larger than a page: stored as a large record in fragments.
        "CREATE VIEW long_v AS SELECT '" + "x" * 150000 + "' AS long_text",
        "CREATE TABLE dropped AS SELECT range AS r, range * 2 AS r2 FROM range(200000)",
        "CHECKPOINT",
        "DROP TABLE dropped",
        "CHECKPOINT",
    ]
    return script


# ---------------------------------------------------------------------------------------------
# Engine side


class Engine:
    def __init__(self, binary, path):
        self.binary = binary
        self.path = path

    def run(self, statements, mode="-json", readonly=False):
        args = [self.binary, self.path, mode, "-bail", "-batch"]
        if readonly:
            args.append("-readonly")
        # Through stdin: one statement may be longer than an argument can be.
        script = "".join(s + ";\n" for s in statements)
        result = subprocess.run(args, input=script, capture_output=True, text=True,
                                errors="surrogateescape")
        if result.returncode != 0:
            raise SystemExit(f"engine failed ({result.returncode}): {result.stderr.strip()}\n"
                             f"statements: {[s[:200] for s in statements]}")
        return result.stdout

    def query(self, sql):
        out = self.run([sql], readonly=True).strip()
        return json.loads(out) if out else []


# ---------------------------------------------------------------------------------------------
# The engine's text for a value (CAST(x AS VARCHAR)), from the reader's decoded value


def format_fraction(micros):
    return "" if micros == 0 else "." + f"{micros:06d}".rstrip("0")


def format_time_of_day(micros):
    h, rest = divmod(micros, 3600000000)
    m, rest = divmod(rest, 60000000)
    s, us = divmod(rest, 1000000)
    return f"{h:02d}:{m:02d}:{s:02d}{format_fraction(us)}"


def plural(n, unit):
    return f"{n} {unit}" + ("" if abs(n) == 1 else "s")


def format_interval(value):
    months, days, micros = value
    parts = []
    years = int(months / 12)
    months -= years * 12
    if years:
        parts.append(plural(years, "year"))
    if months:
        parts.append(plural(months, "month"))
    if days:
        parts.append(plural(days, "day"))
    if micros or not parts:
        parts.append(("-" if micros < 0 else "") + format_time_of_day(abs(micros)))
    return " ".join(parts)


def format_blob(value):
    return "".join(chr(b) if 32 <= b <= 126 and b != 0x5C else f"\\x{b:02X}" for b in value)


EPOCH = datetime.date(1970, 1, 1)


def format_value(type_, value):
    """The text the engine shows for a value (floats excluded: compared numerically)."""
    if value is None:
        return None
    t = type_.id
    if t == 2:
        return "true" if value else "false"
    if t in (3, 4, 5, 6, 7):
        return str(value)
    if t == 10:
        if type_.scale == 0:
            return str(value)
        sign = "-" if value < 0 else ""
        digits = str(abs(value)).rjust(type_.scale + 1, "0")
        return f"{sign}{digits[:-type_.scale]}.{digits[-type_.scale:]}"
    if t == 11:
        return value.decode("utf-8", "surrogateescape")
    if t == 12:
        return format_blob(value)
    if t == 13:
        return (EPOCH + datetime.timedelta(days=value)).isoformat()
    if t == 14:
        return format_time_of_day(value)
    if t == 15:
        days, micros = divmod(value, 86400000000)
        date = (EPOCH + datetime.timedelta(days=days)).isoformat()
        return f"{date} {format_time_of_day(micros)}"
    if t == 16:
        return format_interval(value)
    raise ValueError(f"no text form for {type_.name}")


def parse_float(text):
    lowered = text.lower()
    if lowered in ("nan", "-nan"):
        return math.nan
    if lowered in ("inf", "infinity", "+inf"):
        return math.inf
    if lowered in ("-inf", "-infinity"):
        return -math.inf
    return float(text)


def same_value(type_, reader_value, engine_text):
    if reader_value is None or engine_text is None:
        return reader_value is None and engine_text is None
    if type_.id in (8, 9):
        engine_value = parse_float(engine_text)
        if type_.id == 8:  # the engine prints the shortest text that reads back as the float
            engine_value = struct.unpack("<f", struct.pack("<f", engine_value))[0]
        if math.isnan(reader_value):
            return math.isnan(engine_value)
        return engine_value == reader_value
    return format_value(type_, reader_value) == engine_text


# ---------------------------------------------------------------------------------------------
# Comparisons


class Checker:
    def __init__(self):
        self.failures = []
        self.checked = 0

    def expect(self, condition, message):
        self.checked += 1
        if not condition and len(self.failures) < 50:
            self.failures.append(message)
        return condition


def compare(engine, db, checker):
    page_size = db.page_size
    file_pages = os.path.getsize(engine.path) // page_size

    # Pages: one row per page, same kind, same chunk.
    pages = engine.query("SELECT page_id, kind, chunk_id FROM fluxdb_pages() ORDER BY page_id")
    checker.expect(len(pages) == file_pages == db.header["page_count"],
                   f"fluxdb_pages() has {len(pages)} rows, the file {file_pages} pages, the "
                   f"reader's header {db.header['page_count']}")
    chunk_of_page = {p: c["chunk_id"] for c in db.chunks for p in c["pages"]}
    for row in pages:
        p = row["page_id"]
        checker.expect(db.owner.get(p) == row["kind"],
                       f"page {p}: engine says {row['kind']}, reader {db.owner.get(p)}")
        if row["kind"] == "data":
            checker.expect(chunk_of_page.get(p) == row["chunk_id"],
                           f"page {p}: engine chunk {row['chunk_id']}, reader "
                           f"{chunk_of_page.get(p)}")

    # Objects: tables and views with their schemas.
    objects = engine.query("SELECT table_schema, table_name, table_type FROM "
                           "information_schema.tables ORDER BY ALL")
    engine_objects = sorted((o["table_schema"], o["table_name"],
                             "table" if o["table_type"] == "BASE TABLE" else "view")
                            for o in objects)
    reader_objects = sorted((r["schema"], r["name"], r["kind"]) for r in db.catalog
                            if r["kind"] in ("table", "view"))
    checker.expect(engine_objects == reader_objects,
                   f"objects differ: engine {engine_objects}, reader {reader_objects}")

    columns = engine.query("SELECT table_schema, table_name, column_name, data_type, is_nullable "
                           "FROM information_schema.columns ORDER BY table_schema, table_name, "
                           "ordinal_position")
    engine_columns = [(c["table_schema"], c["table_name"], c["column_name"], c["data_type"],
                       c["is_nullable"] == "NO") for c in columns]
    reader_columns = []
    for t in sorted(db.tables, key=lambda t: (t["record"]["schema"], t["record"]["name"])):
        rec = t["record"]
        for c in rec["columns"]:
            reader_columns.append((rec["schema"], rec["name"], c["name"], c["type"].name,
                                   c["not_null"]))
    checker.expect(engine_columns == reader_columns,
                   f"columns differ: engine {engine_columns[:5]}..., reader {reader_columns[:5]}...")

    values = 0
    for t in db.tables:
        rec = t["record"]
        qualified = f'"{rec["schema"]}"."{rec["name"]}"'
        types = [c["type"] for c in rec["columns"]]

        # Chunks: storage_info() against the chunk records and pages.
        info = engine.query(
            "SELECT row_group_id, column_id, chunk_id, row_start, row_count, encoding, null_count, "
            "min, max, compressed_bytes, uncompressed_bytes, first_page, page_count, persistent "
            f"FROM storage_info('{rec['schema']}.{rec['name']}') ORDER BY row_group_id, column_id")
        checker.expect(len(info) == len(t["chunks"]),
                       f"{qualified}: engine lists {len(info)} chunks, reader {len(t['chunks'])}")
        for e, c in zip(info, t["chunks"]):
            where = f"{qualified} chunk {c['chunk_id']}"
            encoding = {"BITPACK": "BITPACKING"}.get(e["encoding"], e["encoding"])
            type_ = types[c["column_index"]]
            checker.expect(
                (e["row_group_id"], e["column_id"], e["chunk_id"], e["row_start"],
                 e["row_count"], encoding, e["null_count"], e["compressed_bytes"],
                 e["uncompressed_bytes"], e["first_page"], e["page_count"], e["persistent"]) ==
                (c["row_group_index"], c["column_index"], c["chunk_id"], c["row_start"],
                 c["row_count"], c["encoding_name"], c["null_count"],
                 c["validity_bytes"] + c["encoded_bytes"], c["uncompressed_bytes"],
                 c["pages"][0], len(c["pages"]), True),
                f"{where}: engine {e}, reader {c['row_group_index']}/{c['column_index']} "
                f"{c['encoding_name']} nulls {c['null_count']} pages {c['pages'][0]}+"
                f"{len(c['pages'])}")
            for label in ("min", "max"):
                checker.expect(same_value(type_, c[label], e[label]),
                               f"{where}: engine {label} {e[label]!r}, reader {c[label]!r}")
            checker.expect(not c["problems"], f"{where}: statistics: {c['problems']}")

        # Values: every row, in row id order.
        select = ", ".join(f'CAST("{c["name"]}" AS VARCHAR) AS c{i}'
                           for i, c in enumerate(rec["columns"]))
        rows = engine.query(f"SELECT {select} FROM {qualified}")
        checker.expect(len(rows) == len(t["rows"]),
                       f"{qualified}: engine returns {len(rows)} rows, reader {len(t['rows'])}")
        for r, (engine_row, reader_row) in enumerate(zip(rows, t["rows"])):
            for i, type_ in enumerate(types):
                values += 1
                checker.expect(same_value(type_, reader_row[i], engine_row[f"c{i}"]),
                               f"{qualified} row {r} column {rec['columns'][i]['name']}: engine "
                               f"{engine_row[f'c{i}']!r}, reader {reader_row[i]!r} "
                               f"({format_value(type_, reader_row[i]) if type_.id not in (8, 9) else ''})")
    return values


WAL_STATEMENTS = [
    # Appends continuing a row group of the file, deletes of rows in the file and in the log.
    f"INSERT INTO alltypes SELECT {column_list(13)} FROM range(3004, 3504)",
    "DELETE FROM alltypes WHERE ii % 5 = 0",
    "CREATE TABLE wal_t AS SELECT * FROM alltypes",  # batches of at most 2048 rows
    "UPDATE other.t SET name = 'changed ' || k WHERE k < 10",
    "ALTER TABLE other.t RENAME COLUMN name TO label",  # an UPDATE record keeping the rows
    "INSERT INTO other.t VALUES (1000, 'late')",
    "DROP TABLE enc_plain",
    "CREATE VIEW wal_v AS SELECT 1 AS one",
    "BEGIN",
    "INSERT INTO runs SELECT * FROM runs",
    "ROLLBACK",  # never logged
]


def make_wal(engine):
    """Commits WAL_STATEMENTS and kills the shell before it can checkpoint them: the log is
    left for the reader to replay (3.3)."""
    process = subprocess.Popen([engine.binary, engine.path, "-batch", "-list", "-bail"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    process.stdin.write("".join(s + ";\n" for s in WAL_STATEMENTS) + "SELECT 'wal-ready';\n")
    process.stdin.flush()
    for line in process.stdout:
        if line.strip() == "wal-ready":
            break
    process.kill()
    process.wait()
    return os.path.getsize(engine.path + ".wal")


def compare_after_wal(engine, db, checker):
    """Objects and rows after replaying the log, against the engine (read-only: it replays in
    memory and leaves both files alone)."""
    records, tables, transactions = fr.apply_wal(db)
    objects = engine.query("SELECT table_schema, table_name, table_type FROM "
                           "information_schema.tables")
    engine_objects = sorted((o["table_schema"], o["table_name"]) for o in objects)
    reader_objects = sorted((r["schema"], r["name"]) for r in records.values()
                            if r["kind"] in ("table", "view"))
    checker.expect(engine_objects == reader_objects,
                   f"after the WAL: objects differ: engine {engine_objects}, reader "
                   f"{reader_objects}")
    values = 0
    for table in tables.values():
        rec = table.record
        qualified = f'"{rec["schema"]}"."{rec["name"]}"'
        types = [c["type"] for c in rec["columns"]]
        select = ", ".join(f'CAST("{c["name"]}" AS VARCHAR) AS c{i}'
                           for i, c in enumerate(rec["columns"]))
        mine = table.visible_rows()
        if not table.changed:  # compared value by value before the log
            count = engine.query(f"SELECT count(*) AS n FROM {qualified}")[0]["n"]
            checker.expect(count == len(mine), f"after the WAL: {qualified}: engine {count} rows, "
                                               f"reader {len(mine)}")
            continue
        rows = engine.query(f"SELECT {select} FROM {qualified}")
        checker.expect(len(rows) == len(mine),
                       f"after the WAL: {qualified}: engine {len(rows)} rows, reader {len(mine)}")
        for r, (engine_row, reader_row) in enumerate(zip(rows, mine)):
            for i, type_ in enumerate(types):
                values += 1
                checker.expect(same_value(type_, reader_row[i], engine_row[f"c{i}"]),
                               f"after the WAL: {qualified} row {r} column "
                               f"{rec['columns'][i]['name']}: engine {engine_row[f'c{i}']!r}, "
                               f"reader {reader_row[i]!r}")
    return transactions, values


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    binary = os.path.join(argv[1], "fluxdb")
    keep = argv[argv.index("--keep") + 1] if "--keep" in argv else None
    workdir = tempfile.mkdtemp(prefix="fluxdb-format-")
    try:
        path = os.path.join(workdir, "format.fluxdb")
        engine = Engine(binary, path)
        engine.run(build_script(), mode="-list")
        wal = path + ".wal"
        if os.path.exists(wal) and os.path.getsize(wal) > 32:
            print(f"FAIL: the WAL still holds {os.path.getsize(wal)} bytes after the checkpoint")
            return 1
        db = fr.Database(path)
        checker = Checker()
        values = compare(engine, db, checker)
        encodings = sorted({c["encoding_name"] for c in db.chunks})
        kinds = sorted(set(db.owner.values()))
        large = "yes" if any(len(r["sql"]) > db.page_size for r in db.catalog) else "no"
        deletes = sum(len(g["deleted"]) for g in db.row_groups)
        print(f"reader: {len(db.tables)} tables, {len(db.chunks)} chunks, {values} values, "
              f"{db.header['page_count']} pages ({', '.join(kinds)}), encodings "
              f"{', '.join(encodings)}, {deletes} deleted rows, large catalog record: {large}")
        if checker.failures:
            for f in checker.failures:
                print("FAIL:", f)
            return 1
        missing = {"PLAIN", "CONSTANT", "RLE", "DICTIONARY", "BITPACKING", "ZSTD",
                   "DELTA"} - set(encodings)
        if missing or "free" not in kinds or "other" not in kinds or large != "yes":
            print(f"FAIL: the database does not exercise everything: missing encodings "
                  f"{sorted(missing)}, page kinds {kinds}, large record {large}")
            return 1
        # The log: committed transactions the file does not hold yet.
        wal_bytes = make_wal(engine)
        db = fr.Database(path)
        transactions, wal_values = compare_after_wal(engine, db, checker)
        print(f"reader: WAL of {wal_bytes} bytes, {transactions} committed transactions "
              f"replayed, {wal_values} values")
        if transactions < len(WAL_STATEMENTS) - 3:
            checker.expect(False, f"only {transactions} transactions in the WAL")
        if checker.failures:
            for f in checker.failures:
                print("FAIL:", f)
            return 1
        print(f"ok: the independent reader agrees with the engine ({checker.checked} checks)")
        return 0
    except fr.FormatError as e:
        print(f"FAIL: the reader rejects the file: {e}")
        return 1
    finally:
        if keep:
            os.makedirs(keep, exist_ok=True)
            for name in os.listdir(workdir):
                shutil.copy(os.path.join(workdir, name), keep)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
