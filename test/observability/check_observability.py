#!/usr/bin/env python3
"""Observable internals, end to end through the `fluxdb` binary:

  * fluxdb_pages() has one row per page of the file (file size / page size);
  * `fluxdb check` says ok on a healthy file, and names the page (and its chunk and table) after
    a byte of a data page is flipped, or after a heap page is damaged so the file cannot open;
  * `fluxdb inspect --svg` writes a valid SVG with one cell per page (or per group of pages);
  * EXPLAIN ANALYZE of a pruned range query shows pruning reasons, pages read and peak memory,
    in text and as valid JSON; PRAGMA enable_profiling = 'json' writes valid JSON per query.

    check_observability.py BUILD_DIR
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

FAILURES = []


def expect(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL:", message)
    return condition


def run(args, input_text=None, ok_codes=(0,)):
    result = subprocess.run(args, input=input_text, capture_output=True, text=True,
                            errors="replace")
    if result.returncode not in ok_codes:
        raise SystemExit(f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n"
                         f"{result.stderr}")
    return result


class Shell:
    def __init__(self, binary, path):
        self.binary = binary
        self.path = path

    def sql(self, statements, mode="-json", readonly=True):
        args = [self.binary, self.path, mode, "-bail", "-batch"]
        if readonly:
            args.append("-readonly")
        return run(args, "".join(s + ";\n" for s in statements)).stdout

    def rows(self, query):
        out = self.sql([query]).strip()
        return json.loads(out) if out else []

    def value(self, query):
        rows = self.rows(query)
        return next(iter(rows[0].values()))


def json_tool(text, what):
    """Validates JSON with python3 -m json.tool, as a user would."""
    result = subprocess.run([sys.executable, "-m", "json.tool"], input=text, capture_output=True,
                            text=True)
    expect(result.returncode == 0, f"{what} is not valid JSON: {result.stderr.strip()}\n"
                                   f"{text[:300]}")
    return json.loads(text) if result.returncode == 0 else None


def make_database(shell):
    shell.sql([
        "CREATE TABLE events(id INTEGER, kind VARCHAR, amount DOUBLE, day DATE)",
        "INSERT INTO events SELECT range, 'kind ' || (range % 20), range * 0.5, "
        "DATE '2020-01-01' + (range // 1000)::INTEGER FROM range(300000)",
        "CREATE TABLE users(id BIGINT, name VARCHAR, active BOOLEAN)",
        "INSERT INTO users SELECT range, 'user ' || range, range % 2 = 0 FROM range(5000)",
        "CREATE TABLE notes(id INTEGER, body VARCHAR)",
        "INSERT INTO notes SELECT range, repeat('note ', range % 50) FROM range(20000)",
        "CREATE TABLE scratch AS SELECT range AS r FROM range(130000)",
        "CHECKPOINT",
        "DROP TABLE scratch",  # leaves free pages and a free-list trunk
        "CHECKPOINT",
    ], mode="-list", readonly=False)


def check_pages(shell, page_size):
    file_pages = os.path.getsize(shell.path) // page_size
    for readonly in (True, False):
        out = shell.sql(["SELECT count(*) FROM fluxdb_pages()"], mode="-list", readonly=readonly)
        count = int(out.strip().splitlines()[-1])
        expect(count == file_pages and os.path.getsize(shell.path) % page_size == 0,
               f"fluxdb_pages() counts {count} pages, the file holds {file_pages} "
               f"(readonly={readonly})")
    kinds = {r["kind"]: r["n"] for r in shell.rows(
        "SELECT kind, count(*) AS n FROM fluxdb_pages() GROUP BY kind")}
    expect(kinds.get("header") == 2 and kinds.get("data", 0) > 0 and kinds.get("free", 0) > 0,
           f"unexpected page kinds {kinds}")
    print(f"pages: {file_pages} pages of {page_size} bytes: {kinds}")
    return file_pages


def check_check_command(binary, path, page_size, workdir):
    result = run([binary, "check", path])
    expect(result.stdout.strip() == "ok", f"fluxdb check on a healthy file: {result.stdout!r}")

    # A flipped byte in a data page: check names the page and what it holds.
    shell = Shell(binary, path)
    page = shell.rows("SELECT page_id, table_name, column_name, chunk_id FROM fluxdb_pages() "
                      "WHERE kind = 'data' AND table_name = 'users' ORDER BY page_id LIMIT 1")[0]
    damaged = os.path.join(workdir, "damaged.fluxdb")
    shutil.copy(path, damaged)
    with open(damaged, "r+b") as f:
        f.seek(page["page_id"] * page_size + 1000)
        byte = f.read(1)
        f.seek(page["page_id"] * page_size + 1000)
        f.write(bytes([byte[0] ^ 0x10]))
    result = run([binary, "check", damaged], ok_codes=(1,))
    out = result.stdout
    expect(re.search(rf"^page {page['page_id']}\b.*checksum mismatch", out, re.M) is not None,
           f"fluxdb check does not name damaged page {page['page_id']}:\n{out}")
    expect(f"chunk {page['chunk_id']}" in out and "users" in out,
           f"fluxdb check does not name the chunk {page['chunk_id']} of table users:\n{out}")
    print(f"check: flipped a byte of page {page['page_id']} (users.{page['column_name']}, chunk "
          f"{page['chunk_id']}):\n  " + "\n  ".join(out.strip().splitlines()))

    # The same through SQL: PRAGMA integrity_check lists the problems instead of "ok".
    problems = Shell(binary, damaged).rows("PRAGMA integrity_check")
    expect(any(f"page {page['page_id']}" in r["integrity_check"] for r in problems),
           f"PRAGMA integrity_check on the damaged file: {problems}")

    # A damaged heap page: the database cannot open, check still names the page.
    heap_page = shell.value("SELECT min(page_id) FROM fluxdb_pages() WHERE kind = 'catalog_heap'")
    broken = os.path.join(workdir, "broken.fluxdb")
    shutil.copy(path, broken)
    with open(broken, "r+b") as f:
        f.seek(heap_page * page_size + 60)
        f.write(b"\xff")
    result = run([binary, "check", broken], ok_codes=(1,))
    expect(re.search(rf"^page {heap_page}\b.*checksum mismatch", result.stdout, re.M) is not None
           and "cannot be opened" in result.stdout,
           f"fluxdb check on a file with a damaged heap page {heap_page}:\n{result.stdout}")
    result = run([binary, "check", os.path.join(workdir, "missing.fluxdb")], ok_codes=(1,))
    expect("no such file" in result.stdout, f"fluxdb check of a missing file: {result.stdout}")
    return damaged


def check_svg(binary, path, file_pages, workdir, damaged):
    svg = os.path.join(workdir, "map.svg")
    result = run([binary, "inspect", path, "--svg", svg])
    text = result.stdout
    for needle in ("format version", "Pages by kind", "main.events", "main.users", "main.notes",
                   "encodings"):
        expect(needle in text, f"fluxdb inspect output lacks {needle!r}:\n{text}")
    print("inspect:\n  " + "\n  ".join(text.strip().splitlines()[:40]))

    def cells(file):
        try:
            root = ET.parse(file).getroot()
        except ET.ParseError as e:
            expect(False, f"{file} is not valid XML: {e}")
            return None, []
        ns = "{http://www.w3.org/2000/svg}"
        expect(root.tag == ns + "svg", f"{file}: root element is {root.tag}")
        found = [r for r in root.iter(ns + "rect") if "cell" in r.get("class", "").split()]
        return root, found

    root, found = cells(svg)
    expect(len(found) == file_pages, f"the page map has {len(found)} cells for {file_pages} pages")
    expect(root is not None and root.get("data-pages-per-cell") == "1", "one page per cell")
    pages_in_cells = sorted(int(r.get("data-first-page")) for r in found)
    expect(pages_in_cells == list(range(file_pages)), "cells are not the pages in file order")
    legend = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for needle in ("events.id", "users.name", "free", "catalog heap", "1 cell = 1 page"):
        expect(needle in legend, f"the legend lacks {needle!r}")

    # Aggregated: at most 20 cells, the legend says how many pages a cell holds.
    small = os.path.join(workdir, "small.svg")
    run([binary, "inspect", path, "--svg", small, "--max-cells", "20"])
    root, found = cells(small)
    per_cell = -(-file_pages // 20)
    expect(len(found) == -(-file_pages // per_cell) and len(found) <= 20,
           f"aggregated map: {len(found)} cells for {file_pages} pages")
    legend = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    expect(f"1 cell = {per_cell} consecutive pages" in legend, "aggregated legend")

    # The damaged copy: its cell is marked.
    bad = os.path.join(workdir, "damaged.svg")
    run([binary, "inspect", damaged, "--svg", bad])
    _, found = cells(bad)
    expect(sum("damaged" in r.get("class", "") for r in found) == 1,
           "the damaged page is not marked in the page map")
    print(f"svg: {file_pages} cells; aggregated: {len(cells(small)[1])} cells of {per_cell} pages")


def explain_value(shell, statement):
    rows = shell.rows(statement)
    expect(len(rows) == 1 and rows[0].get("explain_key") == "analyzed_plan",
           f"{statement}: {rows}")
    return rows[0]["explain_value"]


def check_explain(binary, path, workdir):
    shell = Shell(binary, path)
    query = "SELECT count(*), sum(amount) FROM events WHERE id > 250000"
    text = explain_value(shell, "EXPLAIN ANALYZE " + query)  # a fresh process: pages from disk
    print("explain analyze:\n  " + "\n  ".join(text.strip().splitlines()))
    pruned = re.search(r"chunks pruned: (\d+)", text)
    expect(pruned is not None and int(pruned.group(1)) > 0, "no chunks pruned")
    expect(re.search(r"by min/max: [1-9]", text) is not None, "no pruning reason")
    read = re.search(r"pages read: (\d+), cached: (\d+)", text)
    expect(read is not None and int(read.group(1)) > 0, "no pages read from disk")
    decoded = re.search(r"bytes read: (\d+), decoded: (\d+)", text)
    expect(decoded is not None and int(decoded.group(1)) > 0 and int(decoded.group(2)) > 0,
           "no bytes read / decoded")
    expect(re.search(r"Peak memory: [0-9.]+ MB", text) is not None, "no peak memory")

    plan = json_tool(explain_value(shell, "EXPLAIN (ANALYZE, FORMAT JSON) " + query),
                     "EXPLAIN (ANALYZE, FORMAT JSON)")
    if plan is not None:
        scans = []

        def walk(node):
            if "scan" in node:
                scans.append(node["scan"])
            for child in node["children"]:
                walk(child)
        walk(plan["plan"])
        expect(len(scans) == 1 and scans[0]["chunks_pruned_by"]["min/max"] > 0 and
               scans[0]["pages_read"] > 0 and scans[0]["bytes_read"] > 0,
               f"JSON scan statistics: {scans}")
        expect(plan["peak_memory_bytes"] >= 0 and "FROM events" in plan["query"],
               f"JSON summary: { {k: v for k, v in plan.items() if k != 'plan'} }")

    # Memory accounting: a query that holds its input (sort, hash table) reports it.
    for statement in ("SELECT kind, count(*), sum(amount) FROM events GROUP BY kind",
                      "SELECT * FROM events ORDER BY amount DESC",
                      "SELECT count(*) FROM events e JOIN users u ON e.id = u.id"):
        text = explain_value(shell, "EXPLAIN ANALYZE " + statement)
        peak = re.search(r"Peak memory: [0-9.]+ MB \((\d+) bytes\)", text)
        expect(peak is not None and int(peak.group(1)) > 0, f"no peak memory for {statement}")
        if peak:
            print(f"peak memory {int(peak.group(1)):>10} bytes: {statement}")

    # JSON profiling of every query into a file.
    profile = os.path.join(workdir, "profile.json")
    shell.sql(["PRAGMA enable_profiling = 'json'", f"PRAGMA profiling_output = '{profile}'",
               "SELECT count(*) FROM users WHERE id < 100"], mode="-list")
    with open(profile) as f:
        data = json_tool(f.read(), "the profiling output")
    expect(data is not None and "users" in data.get("query", "") and
           data.get("plan", {}).get("name"), f"profiling output: {data}")


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    binary = os.path.join(os.path.abspath(argv[1]), "fluxdb")
    workdir = tempfile.mkdtemp(prefix="fluxdb-observability-")
    try:
        path = os.path.join(workdir, "observe.fluxdb")
        shell = Shell(binary, path)
        make_database(shell)
        page_size = shell.value("SELECT block_size FROM pragma_database_size()")
        file_pages = check_pages(shell, page_size)
        damaged = check_check_command(binary, path, page_size, workdir)
        check_svg(binary, path, file_pages, workdir, damaged)
        check_explain(binary, path, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if FAILURES:
        print(f"{len(FAILURES)} observability checks failed")
        return 1
    print("ok: observability checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
