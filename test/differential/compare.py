"""Normalizes the engines' answers and compares them.

Values: NULL is None whatever the engine prints; booleans are 1 / 0 (SQLite has no booleans);
INTEGER, DECIMAL and DOUBLE values are numbers compared with a relative tolerance of 1e-9 (sums
in another order, DECIMAL versus DOUBLE typing); everything else is compared as text.
Rows: in order when the query's ORDER BY covers every output column (ties are then identical
rows), otherwise as multisets.
"""
import math
import re

REL_TOL = 1e-9
ABS_TOL = 1e-9


def normalize_value(value, cls):
    if value is None:
        return None
    if cls == "native":
        return value
    if cls == "bool":
        return {"true": 1, "false": 0}.get(value, value)
    if cls == "int":
        try:
            return int(value)
        except ValueError:
            return value
    if cls in ("float", "decimal"):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def normalize(answer):
    types = answer["types"]
    return [[normalize_value(v, types[i]) for i, v in enumerate(row)] for row in answer["rows"]]


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def values_equal(a, b):
    if a is None or b is None:
        return a is None and b is None
    if is_number(a) and is_number(b):
        if isinstance(a, int) and isinstance(b, int):
            return a == b
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b or math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    return type(a) is type(b) and a == b


def sort_key(row):
    key = []
    for v in row:
        if v is None:
            key.append((0, 0.0, ""))
        elif is_number(v):
            # Exact values: two engines' values that differ in the last bits still sort alike
            # unless another value lies between them; rounding the key would tie distinct
            # values and pair them up arbitrarily.
            key.append((1, math.inf if math.isnan(v) else float(v), ""))
        else:
            key.append((2, 0.0, str(v)))
    return key


def show(v):
    return "NULL" if v is None else repr(v)


def paired_rows(a, b, ordered):
    """The normalized rows of two successful answers of the same shape, paired up (sorted unless
    ordered); None when the shapes differ."""
    rows_a, rows_b = normalize(a), normalize(b)
    if len(a["types"]) != len(b["types"]) or len(rows_a) != len(rows_b):
        return None
    if not ordered:
        rows_a, rows_b = sorted(rows_a, key=sort_key), sorted(rows_b, key=sort_key)
    return list(zip(rows_a, rows_b))


def compare(a, b, ordered):
    """Returns None when the answers agree, else a one-line description of the difference.
    Two failures agree (the engines may word the error differently)."""
    if not a["ok"] or not b["ok"]:
        if not a["ok"] and not b["ok"]:
            return None
        failed, other = ("first", a) if not a["ok"] else ("second", b)
        return f"only the {failed} engine failed: {other['error'][:300]}"
    rows_a, rows_b = normalize(a), normalize(b)
    if len(a["types"]) != len(b["types"]):
        return f"{len(a['types'])} columns versus {len(b['types'])}"
    count_a, count_b = a.get("row_count", len(rows_a)), b.get("row_count", len(rows_b))
    if count_a != count_b:
        return f"{count_a} rows versus {count_b}"
    if len(rows_a) < count_a and not ordered:
        return None  # only a part was sent back: which part is up to each engine
    if not ordered:
        rows_a, rows_b = sorted(rows_a, key=sort_key), sorted(rows_b, key=sort_key)
    for i, (ra, rb) in enumerate(zip(rows_a, rows_b)):
        for j, (va, vb) in enumerate(zip(ra, rb)):
            if not values_equal(va, vb):
                where = f"row {i + 1}" if ordered else "sorted row " + str(i + 1)
                return f"{where} column {j + 1}: {show(va)} versus {show(vb)}"
    return None


def error_signature(message):
    """An error message without its specifics, to group failures of one kind."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "?", message.split("\n")[0])
    return re.sub(r"\d+", "N", text)[:120]


# Differences between the engines that are semantics, not bugs. Each entry: name, why, and a
# test on (query text, FluxDB's answer, the other engine's answer, which engine) that says the
# difference is this one. The generator avoids most differences; these are the ones it cannot.
def rounded_by_other(fluxdb, other, ordered):
    """Every differing value of `other` is FluxDB's rounded to fewer fraction digits."""
    if not fluxdb["ok"] or other is None or not other["ok"]:
        return False
    pairs = paired_rows(fluxdb, other, ordered)
    if pairs is None:
        return False
    for ra, rb in pairs:
        for va, vb in zip(ra, rb):
            if values_equal(va, vb):
                continue
            if not (is_number(va) and is_number(vb)):
                return False
            if not any(math.isclose(round(va, k), vb, abs_tol=1e-9) for k in range(4)):
                return False
    return True


KNOWN_DIFFERENCES = [
    (
        "decimal-wider-than-38-digits",
        "where the common type of two DECIMALs would need more than 38 digits (a set operation, "
        "CASE or COALESCE over sum(DECIMAL(18,s)) = DECIMAL(38,s) and a DECIMAL of more fraction "
        "digits), DuckDB keeps DECIMAL(38, smaller scale) and rounds the other side's values; "
        "FluxDB uses DOUBLE and keeps them",
        lambda query, fluxdb, other, engine: engine == "duckdb" and (
            rounded_by_other(fluxdb, other, False) or rounded_by_other(fluxdb, other, True)),
    ),
    (
        "variance-of-non-finite",
        "variance and standard deviation over a NaN or infinite input (x / 0 of DOUBLEs): "
        "DuckDB 1.5 fails with 'STDDEV_SAMP is out of range!', FluxDB answers NaN or inf on "
        "purpose (execution/aggregate/statistics_aggregates.cc)",
        lambda query, fluxdb, other, engine: engine == "duckdb" and fluxdb["ok"] and
        other is not None and not other["ok"] and re.match(
            r"Out of Range Error: (STDDEV|VAR)\w*( for X)? is out of range", other["error"])
        is not None,
    ),
    (
        "fluxdb-not-implemented",
        "FluxDB refuses a feature DuckDB has with an explicit Not implemented error (they are "
        "listed in test/sql/KNOWN_FAILURES.md); an honest refusal, not a wrong answer",
        lambda query, fluxdb, other, engine: not fluxdb["ok"] and fluxdb["error"].startswith(
            "Not implemented Error"),
    ),
]


def known_difference(query, fluxdb, other, engine):
    for name, _, test in KNOWN_DIFFERENCES:
        if test(query, fluxdb, other, engine):
            return name
    return None
