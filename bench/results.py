"""Reading query results printed by the engines and comparing them.

Every engine prints its rows as text: FluxDB and SQLite as CSV (`.mode csv`), duckdb-query as
tab-separated lines, dbgen's answers as `|`-separated, space-padded lines. Rows are compared cell by
cell: numbers (integers, decimals, doubles) with a tolerance, everything else as text. Rows are
compared in order first; when that fails they are compared again after sorting, so ties of an ORDER BY
that the engines break differently are not reported as errors (the result then says so).
"""

import csv
import io
import math
import re

NULL = "NULL"

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_csv(text):
    """Rows of CSV text (FluxDB's and SQLite's `.mode csv`)."""
    return [row for row in csv.reader(io.StringIO(text))]


def parse_tsv(text):
    """Rows of duckdb-query's output: one line per row, columns separated by a tab."""
    return [line.split("\t") for line in text.split("\n") if line != ""]


def parse_answer(text):
    """Rows of a TPC-H answer file of dbgen (answers/qN.out): a header line, then `|`-separated
    values padded with spaces."""
    lines = [line for line in text.split("\n") if line.strip() != ""]
    return [[cell.strip() for cell in line.split("|")] for line in lines[1:]]


def read_csv_file(path):
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        return [row for row in csv.reader(f)]


def write_csv_file(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerows(rows)


def _number(cell):
    if cell is None or not _NUMBER.match(cell.strip()):
        return None
    try:
        return float(cell)
    except ValueError:
        return None


def cells_equal(a, b, rel_tol, abs_tol):
    if a == b:
        return True
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return a.strip() == b.strip() if a is not None and b is not None else False
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return abs(x - y) <= max(abs_tol, rel_tol * max(abs(x), abs(y)))


def _rows_equal(a, b, rel_tol, abs_tol):
    if len(a) != len(b):
        return False
    return all(cells_equal(x, y, rel_tol, abs_tol) for x, y in zip(a, b))


def _sort_key(row):
    # Numbers sort as numbers rounded to 6 significant digits, so that values differing only in
    # their last digits (float sums in another order) land at the same position.
    key = []
    for cell in row:
        n = _number(cell)
        if n is None:
            key.append((1, 0.0, cell))
        else:
            key.append((0, float(f"{n:.6g}"), ""))
    return key


class Comparison:
    """Outcome of comparing an engine's rows with the reference rows."""

    def __init__(self, ok, message, order_differs=False):
        self.ok = ok
        self.message = message
        self.order_differs = order_differs

    def __bool__(self):
        return self.ok


def compare_rows(actual, expected, rel_tol=1e-6, abs_tol=1e-9):
    """Compares two lists of rows; returns a Comparison whose message describes the first
    difference."""
    if len(actual) != len(expected):
        return Comparison(False, f"{len(actual)} rows, expected {len(expected)}"
                          + _first_difference(actual, expected, rel_tol, abs_tol))
    if all(_rows_equal(a, e, rel_tol, abs_tol) for a, e in zip(actual, expected)):
        return Comparison(True, "")
    sorted_actual = sorted(actual, key=_sort_key)
    sorted_expected = sorted(expected, key=_sort_key)
    if all(_rows_equal(a, e, rel_tol, abs_tol) for a, e in zip(sorted_actual, sorted_expected)):
        return Comparison(True, "same rows in another order", order_differs=True)
    return Comparison(False, _first_difference(sorted_actual, sorted_expected, rel_tol, abs_tol,
                                               label="after sorting, "))


def _first_difference(actual, expected, rel_tol, abs_tol, label=""):
    for i, (a, e) in enumerate(zip(actual, expected)):
        if not _rows_equal(a, e, rel_tol, abs_tol):
            return f"{label}row {i + 1}: got {_show(a)}, expected {_show(e)}"
    if len(actual) > len(expected):
        return f"; extra row {_show(actual[len(expected)])}"
    if len(expected) > len(actual):
        return f"; missing row {_show(expected[len(actual)])}"
    return ""


def _show(row, limit=160):
    text = "|".join(row)
    return text if len(text) <= limit else text[:limit] + "..."
