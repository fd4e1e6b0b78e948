#!/usr/bin/env python3
"""Writes the seed corpus of sql_fuzzer: small SQL scripts taken from sqllogictest files.

Each seed is one test file's first CREATE / INSERT statements (so that its queries find their
tables) followed by a few of its other statements and queries; a file gives seeds from evenly
spaced places. Also written: scripts over the tables sql_fuzzer prepares itself (types_t, big_t,
keys_t, empty_t, group_v), which the corpora do not know.

usage: make_sql_seeds.py OUT_DIR [SOURCE_DIR_OR_FILE ...] [--per-file N] [--max-seeds N]
Sources default to test/sql and ../shared/sqllogictest (the ones that exist).
"""
import argparse
import hashlib
import os
import re
import sys

SETUP_BYTES = 1500   # of CREATE / INSERT text per seed
GROUP = 4            # other statements per seed
MAX_SEED_BYTES = 4000

OWN_SEEDS = [
    "SELECT * FROM types_t;",
    "SELECT b, ti + si, i * bi, hi - 1, f / d, d1 + d2, d3 * 2, v || 'x', length(bl), dt + 1, "
    "tm, ts, iv FROM types_t WHERE i IS NOT NULL ORDER BY i;",
    "SELECT g, count(*), sum(x), avg(x), min(s), max(day) FROM big_t GROUP BY g HAVING count(*) > 1 "
    "ORDER BY g;",
    "SELECT k, x, row_number() OVER (PARTITION BY g ORDER BY k), sum(x) OVER (ORDER BY k ROWS "
    "BETWEEN 2 PRECEDING AND CURRENT ROW) FROM big_t WHERE k < 50;",
    "SELECT a.k, b.name FROM big_t a LEFT JOIN keys_t b ON a.g = b.id WHERE a.k BETWEEN 10 AND 30;",
    "SELECT * FROM keys_t WHERE id IN (SELECT g FROM big_t) OR EXISTS (SELECT 1 FROM empty_t "
    "WHERE a = keys_t.id);",
    "INSERT INTO keys_t VALUES (5, 'e', 3.5, 50); UPDATE keys_t SET score = score + 1 WHERE id > 2; "
    "DELETE FROM keys_t WHERE name = 'a'; SELECT * FROM keys_t ORDER BY id;",
    "INSERT INTO keys_t VALUES (1, 'dup', 1, 1);",
    "BEGIN; INSERT INTO empty_t SELECT k, s FROM big_t; SELECT count(*) FROM empty_t; ROLLBACK; "
    "SELECT count(*) FROM empty_t;",
    "SELECT CAST(v AS INTEGER), TRY_CAST(v AS DATE), CAST(d AS DECIMAL(10,2)), CAST(ts AS DATE), "
    "CAST(hi AS DOUBLE) FROM types_t;",
    "SELECT * FROM group_v UNION ALL SELECT g, 0, NULL FROM big_t EXCEPT SELECT 1, 2, 3 "
    "ORDER BY 1 LIMIT 5;",
    "SELECT DISTINCT s, CASE WHEN x > 100 THEN 'big' WHEN x IS NULL THEN NULL ELSE 'small' END, "
    "COALESCE(x, -1) FROM big_t WHERE s LIKE 'v1%' AND NOT (g = 3);",
    "CREATE TABLE t AS SELECT * FROM types_t; ALTER TABLE t ADD COLUMN z INTEGER DEFAULT 7; "
    "ALTER TABLE t DROP COLUMN v; SELECT * FROM t; DROP TABLE t;",
    "SET force_compression = 'rle'; CREATE TABLE c AS SELECT * FROM big_t; CHECKPOINT; "
    "SELECT count(*), sum(k) FROM c WHERE g = 2;",
    "EXPLAIN ANALYZE SELECT count(*) FROM big_t WHERE k BETWEEN 100 AND 200;",
    "SELECT * FROM storage_info('big_t'); SELECT * FROM fluxdb_pages() LIMIT 3;",
    "PREPARE p AS SELECT * FROM big_t WHERE k = $1; EXECUTE p(5); DEALLOCATE p;",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) "
    "SELECT sum(n) FROM r;",
    "SELECT string_agg(s, ','), list(k), quantile_cont(x, 0.5), stddev(x) FROM big_t "
    "WHERE k < 20;",
    "VACUUM; CREATE INDEX ix ON keys_t(name); SELECT * FROM keys_t WHERE name = 'a';",
]

CONTROL = ("skipif", "onlyif", "hash-threshold", "halt", "require", "load", "mode", "loop",
           "endloop", "foreach", "concurrentloop", "restart", "reconnect", "set", "sleep",
           "unzip", "tags", "#")


def records(path):
    """Yields (kind, sql) for every statement / query record of a sqllogictest file."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
    except OSError:
        return
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if line.startswith("statement") or line.startswith("query"):
            kind = line.split()[0]
            sql = []
            i += 1
            while i < len(lines) and lines[i].strip() != "" and lines[i].strip() != "----":
                sql.append(lines[i])
                i += 1
            # Skip the expected results.
            while i < len(lines) and lines[i].strip() != "":
                i += 1
            text = shrink_ranges("\n".join(sql).strip().rstrip(";"))
            if text and "${" not in text and "__TEST_DIR__" not in text and "{" not in text[:1]:
                yield kind, text
        i += 1


def shrink_ranges(sql):
    """range(5000000) -> range(5000): the corpora's memory tests would spend the fuzzing time."""
    def shrink(match):
        return match.group(1) + re.sub(r"\d{5,}", lambda m: m.group(0)[:4], match.group(2))
    return re.sub(r"(\b(?:range|generate_series)\s*\()([^)]*)", shrink, sql, flags=re.I)


def test_files(sources):
    for source in sources:
        if os.path.isfile(source):
            yield source
            continue
        for root, dirs, files in os.walk(source):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(".test") or name.endswith(".slt"):
                    yield os.path.join(root, name)


def seeds_of(path, per_file):
    setup, others, size = [], [], 0
    for kind, sql in records(path):
        head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if kind == "statement" and head in ("CREATE", "INSERT") and not others:
            if size + len(sql) <= SETUP_BYTES:
                setup.append(sql)
                size += len(sql)
            continue
        others.append(sql)
    groups = [others[i:i + GROUP] for i in range(0, len(others), GROUP)] or [[]]
    if len(groups) > per_file:
        step = len(groups) / per_file
        groups = [groups[int(k * step)] for k in range(per_file)]
    for group in groups:
        text = ";\n".join(setup + group) + ";\n"
        if len(text) > MAX_SEED_BYTES:
            text = ";\n".join(group) + ";\n"
        if len(text) <= MAX_SEED_BYTES:
            yield text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("sources", nargs="*")
    parser.add_argument("--per-file", type=int, default=6)
    parser.add_argument("--max-seeds", type=int, default=800)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sources = args.sources or [p for p in (os.path.join(root, "test", "sql"),
                                           os.path.join(root, "..", "shared", "sqllogictest"))
                               if os.path.exists(p)]
    seeds = list(OWN_SEEDS)
    for path in test_files(sources):
        seeds.extend(seeds_of(path, args.per_file))
    unique = list(dict.fromkeys(seeds))
    if len(unique) > args.max_seeds:
        # Keep every own seed, spread the rest evenly over the files.
        rest = unique[len(OWN_SEEDS):]
        step = len(rest) / (args.max_seeds - len(OWN_SEEDS))
        unique = unique[:len(OWN_SEEDS)] + [rest[int(k * step)]
                                            for k in range(args.max_seeds - len(OWN_SEEDS))]
    os.makedirs(args.out, exist_ok=True)
    for text in unique:
        data = text.encode("utf-8")
        with open(os.path.join(args.out, hashlib.sha1(data).hexdigest()), "wb") as f:
            f.write(data)
    print(f"{len(unique)} seeds in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
