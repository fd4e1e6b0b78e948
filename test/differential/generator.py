"""Random tables and random queries for differential testing.

Tables: t0, t1, t2, each with a unique `id` and 2-6 columns of INTEGER, BIGINT, DOUBLE, VARCHAR,
DECIMAL(9,2), DATE and BOOLEAN with NULLs; values come from small domains so that joins match,
groups repeat and duplicates occur.

Queries come from a grammar over those tables (see Generator.query). A query is either "common"
(the subset where SQLite means what DuckDB means, run on all three engines) or DuckDB-only (run
on FluxDB and DuckDB). The common subset avoids SQLite's known differences:
  - `/` only divides by a non-zero DOUBLE literal (SQLite divides integers as integers);
  - no CAST between text and numbers, no ROUND, no date arithmetic (SQLite has no DATE type);
  - no comparison across type classes (SQLite orders numbers before text);
  - LIKE runs with PRAGMA case_sensitive_like = ON, strings are lower-case ASCII;
  - every ORDER BY says NULLS FIRST / NULLS LAST (the engines differ in the default);
  - scalar subqueries aggregate (SQLite takes the first of several rows, DuckDB fails);
  - integer values stay small enough that no product overflows (SQLite turns to REAL).
"""
import datetime
import random

from sqlast import Node, leaf

WORDS = ["", "a", "b", "c", "ab", "ba", "abc", "cab", "bb", "a b", "ca", "aa"]
LIKE_PATTERNS = ["a%", "%b", "%a%", "_", "__", "a_%", "%", "b%c", "ab"]
COLUMN_TYPES = ["INTEGER", "BIGINT", "DOUBLE", "VARCHAR", "DECIMAL(9,2)", "DATE", "BOOLEAN"]
TYPE_CLASS = {"INTEGER": "int", "BIGINT": "int", "DOUBLE": "float", "VARCHAR": "text",
              "DECIMAL(9,2)": "float", "DATE": "date", "BOOLEAN": "bool"}
ORDERABLE = ("int", "float", "text", "date")


class Column:
    def __init__(self, name, sql_type):
        self.name = name
        self.sql_type = sql_type
        self.cls = TYPE_CLASS[sql_type]


class Table:
    def __init__(self, name, columns, rows):
        self.name = name
        self.columns = columns  # [Column]; columns[0] is id
        self.rows = rows        # [[python value or None]]

    def ddl(self):
        cols = ", ".join(f"{c.name} {c.sql_type}" for c in self.columns)
        return f"CREATE TABLE {self.name}({cols})"

    def inserts(self, rows=None):
        rows = self.rows if rows is None else rows
        if not rows:
            return []
        values = ", ".join("(" + ", ".join(literal(v, c) for v, c in zip(row, self.columns)) + ")"
                           for row in rows)
        return [f"INSERT INTO {self.name} VALUES {values}"]


def literal(value, column):
    if value is None:
        return "NULL"
    if column.cls == "bool":
        return "TRUE" if value else "FALSE"
    if column.cls in ("text", "date"):
        return "'" + value.replace("'", "''") + "'"
    return repr(value) if isinstance(value, float) else str(value)


def date_text(day):
    return (datetime.date(2024, 1, 1) + datetime.timedelta(days=day)).isoformat()


def random_value(rng, column, row_index):
    if column.name == "id":
        return row_index + 1
    if rng.random() < 0.15:
        return None
    t = column.sql_type
    if t == "INTEGER":
        return rng.randint(-5, 20)
    if t == "BIGINT":
        return rng.choice([rng.randint(-1000, 1000), rng.randint(-10**6, 10**6)])
    if t == "DOUBLE":
        return rng.randint(-40, 40) / 4.0
    if t == "DECIMAL(9,2)":
        return round(rng.randint(-2000, 2000) / 100.0, 2)
    if t == "VARCHAR":
        return rng.choice(WORDS)
    if t == "DATE":
        return date_text(rng.randint(0, 59))
    if t == "BOOLEAN":
        return rng.random() < 0.5
    raise ValueError(t)


def make_tables(rng):
    tables = []
    for t in range(3):
        columns = [Column("id", "INTEGER")]
        for c in range(rng.randint(2, 6)):
            sql_type = rng.choice(COLUMN_TYPES)
            columns.append(Column(f"{TYPE_CLASS[sql_type][0]}{c}", sql_type))
        n = rng.choice([0, 1, 3, 8, 15, 20, 25, 30, 40]) if t else rng.choice([5, 15, 25, 40])
        rows = [[random_value(rng, col, r) for col in columns] for r in range(n)]
        rng.shuffle(rows)
        tables.append(Table(f"t{t}", columns, rows))
    return tables


class Scope:
    """The tables a query level can see: [(alias, Table)], and the levels around it."""

    def __init__(self, items, outer=None):
        self.items = items
        self.outer = outer

    def columns(self, cls=None, outer=True):
        found = [(alias, col) for alias, table in self.items for col in table.columns
                 if cls is None or col.cls == cls]
        if outer and self.outer is not None:
            found += self.outer.columns(cls, outer=True)
        return found


class Generator:
    def __init__(self, rng, tables, common):
        self.rng = rng
        self.tables = tables
        self.common = common
        self.alias_counter = 0

    # ---- helpers ----
    def alias(self):
        self.alias_counter += 1
        return f"a{self.alias_counter}"

    def chance(self, p):
        return self.rng.random() < p

    def pick(self, options):
        return self.rng.choice(options)

    def weighted(self, options):
        """options: [(weight, callable)]; calls one."""
        total = sum(w for w, _ in options)
        x = self.rng.random() * total
        for w, f in options:
            x -= w
            if x < 0:
                return f()
        return options[-1][1]()

    # ---- literals ----
    def lit(self, cls, bare=False):
        """A literal; a `bare` date may be a plain string (where it meets a DATE)."""
        rng = self.rng
        if cls == "int":
            text = str(rng.randint(-5, 20))
            return Node(text if not text.startswith("-") else f"({text})", (), "int")
        if cls == "float":
            text = repr(rng.randint(-40, 40) / 4.0)
            return Node(text if not text.startswith("-") else f"({text})", (), "float")
        if cls == "text":
            return leaf("'" + self.pick(WORDS) + "'", "text")
        if cls == "date":
            # A bare string is a string literal DuckDB casts to DATE where a DATE is expected.
            text = f"'{date_text(rng.randint(0, 59))}'"
            return leaf(text if self.common or (bare and self.chance(0.5)) else f"DATE {text}",
                        "date")
        if cls == "bool":
            return leaf(self.pick(["TRUE", "FALSE"]), "bool")
        raise ValueError(cls)

    def null_lit(self, cls):
        return leaf("NULL", cls)

    # ---- expressions ----
    def column(self, scope, cls):
        cols = scope.columns(cls)
        if not cols:
            return None
        alias, col = self.pick(cols)
        return leaf(f"{alias}.{col.name}", cls, simple=None)

    def expr(self, scope, cls, depth, agg=False):
        """An expression of type class `cls`. With agg, aggregates may appear (and bare columns
        must not: the caller passes agg only where every column is aggregated)."""
        if agg:
            return self.agg_expr(scope, cls, depth)
        if depth <= 0 or (cls == "date" and self.common):
            # In SQLite a date is text: CASE / COALESCE over a date column and a string give
            # text there but DATE in DuckDB, so the common subset uses dates only as they are.
            col = self.column(scope, cls) if self.chance(0.8) else None
            return col or self.lit(cls)
        options = [(6, lambda: self.column(scope, cls) or self.lit(cls)),
                   (2, lambda: self.lit(cls))]
        d = depth - 1
        if cls == "int":
            options += [
                (2, lambda: self.binop(scope, "int", d, self.pick(["+", "-"]))),
                (1, lambda: Node("({0} * {1})", [self.expr(scope, "int", d), self.small_int()],
                                 "int")),
                (1, lambda: Node("({0} % {1})", [self.expr(scope, "int", d),
                                                 leaf(str(self.rng.randint(2, 7)), "int")], "int")),
                (1, lambda: Node("abs({0})", [self.expr(scope, "int", d)], "int")),
                (1, lambda: Node("(- {0})", [self.expr(scope, "int", d)], "int")),
                (1, lambda: Node("length({0})", [self.expr(scope, "text", d)], "int")),
            ]
            if not self.common:
                options += [
                    (1, lambda: Node("CAST({0} AS INTEGER)", [self.expr(scope, "float", d)],
                                     "int")),
                    (1, lambda: Node("greatest({0}, {1})", [self.expr(scope, "int", d),
                                                            self.expr(scope, "int", d)], "int")),
                    (1, lambda: Node("extract(day FROM {0})", [self.expr(scope, "date", d)],
                                     "int")),
                    (1, lambda: Node("date_diff('day', {0}, {1})",
                                     [self.expr(scope, "date", d), self.expr(scope, "date", d)],
                                     "int")),
                ]
        elif cls == "float":
            options += [
                (2, lambda: self.binop(scope, "float", d, self.pick(["+", "-", "*"]))),
                (1, lambda: Node("({0} + {1})", [self.expr(scope, "int", d),
                                                 self.expr(scope, "float", d)], "float")),
                (1, lambda: Node("({0} / {1})", [self.expr(scope, self.pick(["float", "float",
                                                                            "int"]) if
                                                           not self.common else "float", d),
                                                 leaf(self.pick(["2.0", "4.0", "0.5", "(-8.0)"]),
                                                      "float")], "float")),
                (1, lambda: Node("abs({0})", [self.expr(scope, "float", d)], "float")),
            ]
            if not self.common:
                options += [
                    (1, lambda: Node("round({0}, {1})", [self.expr(scope, "float", d),
                                                         leaf(str(self.rng.randint(0, 2)),
                                                              "int")], "float")),
                    (1, lambda: Node("CAST({0} AS DOUBLE)", [self.expr(scope, "int", d)],
                                     "float")),
                    (1, lambda: Node("({0} / {1})", [self.expr(scope, "int", d),
                                                     self.expr(scope, "int", d)], "float")),
                    (1, lambda: Node("floor({0})", [self.expr(scope, "float", d)], "float")),
                ]
        elif cls == "text":
            options += [
                (2, lambda: Node("({0} || {1})", [self.expr(scope, "text", d),
                                                  self.expr(scope, "text", d)], "text")),
                (1, lambda: Node(self.pick(["upper({0})", "lower({0})", "trim({0})"]),
                                 [self.expr(scope, "text", d)], "text")),
                (1, lambda: Node("substr({0}, {1}, {2})",
                                 [self.expr(scope, "text", d),
                                  leaf(str(self.rng.randint(1, 3)), "int"),
                                  leaf(str(self.rng.randint(0, 3)), "int")], "text")),
                (1, lambda: Node("replace({0}, {1}, {2})",
                                 [self.expr(scope, "text", d),
                                  leaf("'" + self.pick(["a", "b", "ab"]) + "'", "text"),
                                  leaf("'" + self.pick(["", "x", "yy"]) + "'", "text")], "text")),
            ]
            if not self.common:
                options += [
                    (1, lambda: Node("CAST({0} AS VARCHAR)", [self.expr(scope, self.pick(
                        ["int", "float", "date"]), d)], "text")),
                    (1, lambda: Node("concat({0}, {1})", [self.expr(scope, "text", d),
                                                          self.expr(scope, "text", d)], "text")),
                    (1, lambda: Node("reverse({0})", [self.expr(scope, "text", d)], "text")),
                    (1, lambda: Node("lpad({0}, 4, '*')", [self.expr(scope, "text", d)], "text")),
                ]
        elif cls == "date":
            if not self.common:
                options += [
                    (1, lambda: Node("({0} + {1})", [self.expr(scope, "date", d),
                                                     self.small_int()], "date")),
                    (1, lambda: Node("CAST(date_trunc('month', {0}) AS DATE)",
                                     [self.expr(scope, "date", d)], "date")),
                ]
        elif cls == "bool":
            return self.pred(scope, depth)
        options += [
            (0.5, lambda: Node("CASE {0} WHEN {1} THEN {2} WHEN {3} THEN {4} END",
                               [self.expr(scope, "int", d), self.lit("int"),
                                self.expr(scope, cls, d), self.lit("int"),
                                self.expr(scope, cls, d)], cls)),
            (1, lambda: Node("CASE WHEN {0} THEN {1} ELSE {2} END",
                             [self.pred(scope, d), self.expr(scope, cls, d),
                              self.expr(scope, cls, d)], cls)),
            (1, lambda: Node("COALESCE({0}, {1})", [self.expr(scope, cls, d),
                                                    self.expr(scope, cls, d)], cls)),
            (0.5, lambda: Node("NULLIF({0}, {1})", [self.expr(scope, cls, d),
                                                    self.expr(scope, cls, d)], cls)),
        ]
        if cls in ("int", "float", "text", "date") and depth >= 2:
            options.append((0.7, lambda: self.scalar_subquery(scope, cls)))
        return self.weighted(options)

    def small_int(self):
        return leaf(str(self.rng.choice([2, 3, -1, 10])), "int")

    def binop(self, scope, cls, depth, op):
        return Node("({0} " + op + " {1})", [self.expr(scope, cls, depth),
                                            self.expr(scope, cls, depth)], cls)

    def comparable_class(self, scope=None):
        """A class to compare in; mostly one the scope has columns of."""
        if scope is not None and self.chance(0.8):
            present = [col.cls for _, col in scope.columns() if col.cls in ORDERABLE]
            if present:
                return self.pick(present)
        return self.pick(["int", "int", "float", "text", "date"])

    def pred(self, scope, depth):
        d = depth - 1
        if depth <= 0:
            cls = self.comparable_class(scope)
            return Node("({0} " + self.pick(["=", "<>", "<", "<=", ">", ">="]) + " {1})",
                        [self.expr(scope, cls, 0), self.expr(scope, cls, 0)], "bool")

        def compare():
            cls = self.comparable_class(scope)
            if cls in ("int", "float") and self.chance(0.3):
                other = "float" if cls == "int" else "int"
            else:
                other = cls
            right = (self.lit(cls, bare=True) if cls == "date" and self.chance(0.3) else
                     self.expr(scope, other, d))
            return Node("({0} " + self.pick(["=", "<>", "<", "<=", ">", ">="]) + " {1})",
                        [self.expr(scope, cls, d), right], "bool")

        def in_list():
            cls = self.comparable_class(scope)
            items = [self.lit(cls, bare=True) for _ in range(self.rng.randint(1, 4))]
            if self.chance(0.2):
                items.append(self.null_lit(cls))
            holes = ", ".join("{%d}" % (i + 1) for i in range(len(items)))
            neg = "NOT " if self.chance(0.3) else ""
            return Node("({0} " + neg + "IN (" + holes + "))", [self.expr(scope, cls, d)] + items,
                        "bool")

        def between():
            cls = self.comparable_class(scope)
            if cls == "date" and not scope.columns("date"):
                cls = "int"
            neg = "NOT " if self.chance(0.3) else ""
            # A string literal as BETWEEN's input has no type to cast the bounds to (DuckDB
            # rejects it): dates go in as columns.
            subject = self.column(scope, "date") if cls == "date" else self.expr(scope, cls, d)
            return Node("({0} " + neg + "BETWEEN {1} AND {2})",
                        [subject, self.expr(scope, cls, d), self.expr(scope, cls, d)], "bool")

        options = [
            (5, compare),
            (2, lambda: Node("({0} AND {1})", [self.pred(scope, d), self.pred(scope, d)], "bool")),
            (2, lambda: Node("({0} OR {1})", [self.pred(scope, d), self.pred(scope, d)], "bool")),
            (1, lambda: Node("(NOT {0})", [self.pred(scope, d)], "bool")),
            (2, lambda: Node(self.pick(["({0} IS NULL)", "({0} IS NOT NULL)"]),
                             [self.expr(scope, self.pick(["int", "float", "text", "date",
                                                          "bool"]), d)], "bool")),
            (1, between),
            (1, in_list),
            (1, lambda: Node("({0} " + self.pick(["", "NOT "]) + "LIKE '" +
                             self.pick(LIKE_PATTERNS) + "')", [self.expr(scope, "text", d)],
                             "bool")),
            (1, lambda: self.column(scope, "bool") or self.lit("bool")),
        ]
        if depth >= 2:
            options += [
                (1, lambda: self.exists_subquery(scope)),
                (1, lambda: self.in_subquery(scope)),
            ]
        if not self.common:
            options += [
                (0.5, lambda: self.quantified_subquery(scope) if depth >= 2 else
                 self.pred(scope, 0)),
                (1, lambda: Node("({0} IS " + self.pick(["", "NOT "]) + "DISTINCT FROM {1})",
                                 [self.expr(scope, "int", d), self.expr(scope, "int", d)],
                                 "bool")),
                (0.5, lambda: Node("({0} ILIKE '" + self.pick(LIKE_PATTERNS).upper() + "')",
                                   [self.expr(scope, "text", d)], "bool")),
            ]
        return self.weighted(options)

    # ---- aggregates ----
    def agg_expr(self, scope, cls, depth):
        d = max(depth - 1, 0)
        options = []
        if cls == "int":
            options += [
                (2, lambda: leaf("count(*)", "int")),
                (2, lambda: Node("count({0})", [self.expr(scope, self.pick(
                    ["int", "text", "float", "date"]), d)], "int")),
                (1, lambda: Node("count(DISTINCT {0})", [self.expr(scope, self.pick(
                    ["int", "text"]), d)], "int")),
                (2, lambda: Node("sum({0})", [self.expr(scope, "int", d)], "int")),
                (2, lambda: Node(self.pick(["min({0})", "max({0})"]),
                                 [self.expr(scope, "int", d)], "int")),
            ]
        elif cls == "float":
            options += [
                (2, lambda: Node("sum({0})", [self.expr(scope, "float", d)], "float")),
                (2, lambda: Node("avg({0})", [self.expr(scope, self.pick(["int", "float"]), d)],
                                 "float")),
                (1, lambda: Node(self.pick(["min({0})", "max({0})"]),
                                 [self.expr(scope, "float", d)], "float")),
            ]
            if not self.common:
                options += [
                    (1, lambda: Node(self.pick(["stddev_samp({0})", "var_pop({0})"]),
                                     [self.expr(scope, "float", d)], "float")),
                    (1, lambda: Node("sum({0}) FILTER (WHERE {1})",
                                     [self.expr(scope, "float", d), self.pred(scope, d)],
                                     "float")),
                ]
        elif cls in ("text", "date"):
            options += [(1, lambda: Node(self.pick(["min({0})", "max({0})"]),
                                         [self.expr(scope, cls, d)], cls))]
            if cls == "text" and not self.common:
                options += [(1, lambda: Node("string_agg({0}, ',' ORDER BY {0} NULLS FIRST)",
                                             [self.expr(scope, "text", d)], "text"))]
        elif cls == "bool":
            return self.agg_pred(scope, depth)
        options.append((1, lambda: Node("({0} + {1})", [self.agg_expr(scope, cls, d),
                                                         self.agg_expr(scope, cls, d)], cls)
                        if cls in ("int", "float") and depth > 0 else
                        Node("COALESCE({0}, {1})", [self.agg_expr(scope, cls, d), self.lit(cls)],
                             cls)))
        return self.weighted(options)

    def agg_pred(self, scope, depth):
        cls = self.pick(["int", "int", "float"])
        return Node("({0} " + self.pick(["=", "<>", "<", ">", ">="]) + " {1})",
                    [self.agg_expr(scope, cls, depth), self.lit(cls)], "bool")

    # ---- subqueries ----
    def sub_scope(self, scope):
        table = self.pick(self.tables)
        return Scope([(self.alias(), table)], outer=scope), table

    def correlation(self, inner, scope):
        """A predicate of the subquery, sometimes referring to the outer query."""
        if self.chance(0.6):
            cls = self.pick(["int", "text", "float"])
            inner_cols = inner.columns(cls, outer=False)
            outer_cols = scope.columns(cls)
            if inner_cols and outer_cols:
                (ia, ic), (oa, oc) = self.pick(inner_cols), self.pick(outer_cols)
                return Node("(" + f"{ia}.{ic.name}" + " " + self.pick(["=", "<", ">="]) + " " +
                            f"{oa}.{oc.name}" + ")", (), "bool")
        return self.pred(inner, 1)

    def scalar_subquery(self, scope, cls):
        inner, table = self.sub_scope(scope)
        # The aggregate's argument must not refer to the outer query (that would make it an
        # aggregate of the outer query, where the engines differ).
        own = Scope(inner.items)
        agg = cls in ("int", "float") and self.chance(0.5)
        item = self.agg_expr(own, cls, 1) if agg else Node(
            self.pick(["max({0})", "min({0})"]), [self.expr(own, cls, 0)], cls)
        alias = inner.items[0][0]
        return Node("(SELECT {0} FROM " + f"{table.name} AS {alias}" + " WHERE {1})",
                    [item, self.correlation(inner, scope)], cls)

    def exists_subquery(self, scope):
        inner, table = self.sub_scope(scope)
        alias = inner.items[0][0]
        neg = "NOT " if self.chance(0.3) else ""
        return Node("(" + neg + "EXISTS (SELECT 1 FROM " + f"{table.name} AS {alias}" +
                    " WHERE {0}))", [self.correlation(inner, scope)], "bool")

    def in_subquery(self, scope):
        inner, table = self.sub_scope(scope)
        alias = inner.items[0][0]
        cls = self.pick(["int", "text"])
        cols = inner.columns(cls, outer=False)
        if not cols:
            return self.pred(scope, 0)
        ia, ic = self.pick(cols)
        neg = "NOT " if self.chance(0.3) else ""
        return Node("({0} " + neg + "IN (SELECT " + f"{ia}.{ic.name} FROM {table.name} AS {alias}" +
                    " WHERE {1}))", [self.expr(scope, cls, 1), self.correlation(inner, scope)],
                    "bool")

    def quantified_subquery(self, scope):
        """x op ANY / ALL (SELECT ...): not in SQLite."""
        inner, table = self.sub_scope(scope)
        alias = inner.items[0][0]
        cls = self.pick(["int", "float"])
        cols = inner.columns(cls, outer=False)
        if not cols:
            return self.pred(scope, 0)
        ia, ic = self.pick(cols)
        op = self.pick(["=", "<>", "<", ">=", ">"])
        quantifier = self.pick(["ANY", "ALL"])
        return Node("({0} " + op + " " + quantifier + " (SELECT " +
                    f"{ia}.{ic.name} FROM {table.name} AS {alias}" + " WHERE {1}))",
                    [self.expr(scope, cls, 1), self.correlation(inner, scope)], "bool")

    # ---- FROM ----
    def from_clause(self, outer=None):
        """Returns (Node, Scope)."""
        if self.chance(0.1):
            return self.derived_table(outer)
        first = self.pick(self.tables)
        a = self.alias()
        items = [(a, first)]
        text = f"{first.name} AS {a}"
        node_kids = []
        template = text.replace("{", "{{")
        joins = self.weighted([(4, lambda: 0), (4, lambda: 1), (1, lambda: 2)])
        for _ in range(joins):
            table = self.pick(self.tables)
            b = self.alias()
            kinds = ["JOIN", "JOIN", "LEFT JOIN", "CROSS JOIN"]
            if not self.common:
                kinds += ["RIGHT JOIN", "FULL OUTER JOIN"]
            kind = self.pick(kinds)
            items.append((b, table))
            scope = Scope(list(items), outer)
            if kind == "CROSS JOIN":
                template += f" CROSS JOIN {table.name} AS {b}"
                continue
            on = self.join_condition(scope, items[:-1], (b, table))
            template += f" {kind} {table.name} AS {b} ON {{{len(node_kids)}}}"
            node_kids.append(on)
        return Node(template, node_kids), Scope(items, outer)

    def join_condition(self, scope, left_items, right):
        b, table = right
        left_scope = Scope(left_items)
        conds = []
        for _ in range(self.rng.randint(1, 2)):
            cls = self.pick(["int", "int", "text", "float", "date"])
            lcols = left_scope.columns(cls, outer=False)
            rcols = [c for c in table.columns if c.cls == cls]
            if lcols and rcols:
                la, lc = self.pick(lcols)
                rc = self.pick(rcols)
                conds.append(leaf(f"({la}.{lc.name} {self.pick(['=', '=', '=', '<', '<>'])} "
                                  f"{b}.{rc.name})", "bool"))
        if not conds or self.chance(0.3):
            conds.append(self.pred(scope, 1))
        node = conds[0]
        for c in conds[1:]:
            node = Node("({0} AND {1})", [node, c], "bool")
        return node

    def derived_table(self, outer):
        """(SELECT ...) AS dN over one table: its columns are c0.. of known classes."""
        table = self.pick(self.tables)
        a = self.alias()
        scope = Scope([(a, table)])
        # In the common subset a derived table's date column could be a string literal, which
        # is VARCHAR (not comparable to DATE) in DuckDB but the same as a date in SQLite.
        classes = [self.pick(["int", "float", "text", "int"] + ([] if self.common else ["date"]))
                   for _ in range(self.rng.randint(1, 3))]
        items = [self.expr(scope, cls, 1) for cls in classes]
        holes = ", ".join("{%d} AS c%d" % (i, i) for i in range(len(items)))
        where = self.where(scope, 1)
        inner = Node("SELECT " + holes + f" FROM {table.name} AS {a}" + "{%d}" % len(items),
                     items + [where], "query")
        alias = self.alias()
        columns = [Column(f"c{i}", {"int": "BIGINT", "float": "DOUBLE", "text": "VARCHAR",
                                    "date": "DATE"}[cls]) for i, cls in enumerate(classes)]
        fake = Table(alias, columns, [])
        return Node("({0}) AS " + alias, [inner]), Scope([(alias, fake)], outer)

    # ---- whole queries ----
    def where(self, scope, depth):
        """An optional WHERE clause: absent 40% of the time, so that more queries return rows."""
        node = Node(" WHERE {0}", [self.pred(scope, depth)], optional=True)
        node.dropped = self.chance(0.4)
        return node

    def select_items(self, scope, classes, agg=False):
        return [self.expr(scope, cls, self.rng.randint(0, 3), agg) for cls in classes]

    def order_by(self, n, limit_ok=True):
        parts = []
        for i in range(1, n + 1):
            parts.append(f"{i} {self.pick(['ASC', 'DESC'])} "
                         f"{self.pick(['NULLS FIRST', 'NULLS LAST'])}")
        text = " ORDER BY " + ", ".join(parts)
        if limit_ok and self.chance(0.6):
            text += f" LIMIT {self.rng.randint(1, 10)}"
            if self.chance(0.3):
                text += f" OFFSET {self.rng.randint(1, 5)}"
        return leaf(text, optional=True, tag="order")

    def simple_select(self, classes=None, for_setop=False):
        from_node, scope = self.from_clause()
        classes = classes or [self.comparable_class(scope) if self.chance(0.8) else "bool"
                              for _ in range(self.rng.randint(1, 4))]
        items = self.select_items(scope, classes)
        distinct = "DISTINCT " if self.chance(0.2) else ""
        n = len(items)
        holes = ", ".join("{%d} AS c%d" % (i, i) for i in range(n))
        kids = items + [from_node,
                        self.where(scope, self.rng.randint(1, 3))]
        template = "SELECT " + distinct + holes + " FROM {%d}{%d}" % (n, n + 1)
        if not for_setop:
            kids.append(self.order_by(n) if self.chance(0.5) else leaf("", optional=True))
            template += "{%d}" % (n + 2)
        return Node(template, kids, "query")

    def aggregate_select(self):
        from_node, scope = self.from_clause()
        keys = [self.expr(scope, self.comparable_class(scope) if self.chance(0.85) else "bool",
                          self.rng.randint(0, 1)) for _ in range(self.rng.randint(0, 2))]
        aggs = [self.agg_expr(scope, self.pick(["int", "int", "float", "text"]),
                              self.rng.randint(1, 2)) for _ in range(self.rng.randint(1, 3))]
        items = keys + aggs
        n = len(items)
        holes = ", ".join("{%d} AS c%d" % (i, i) for i in range(n))
        kids = items + [from_node,
                        self.where(scope, self.rng.randint(1, 2))]
        template = "SELECT " + holes + " FROM {%d}{%d}" % (n, n + 1)
        if keys:
            template += " GROUP BY " + ", ".join(str(i + 1) for i in range(len(keys)))
            if self.chance(0.4):
                kids.append(Node(" HAVING {0}", [self.agg_pred(scope, 1)], optional=True))
                template += "{%d}" % (len(kids) - 1)
        kids.append(self.order_by(n) if self.chance(0.5) else leaf("", optional=True))
        template += "{%d}" % (len(kids) - 1)
        return Node(template, kids, "query")

    def window_select(self):
        table = self.pick(self.tables)
        a = self.alias()
        scope = Scope([(a, table)])
        plain = self.select_items(scope, [self.pick(["int", "text", "float"])
                                          for _ in range(self.rng.randint(1, 2))])
        windows = []
        for _ in range(self.rng.randint(1, 2)):
            part = self.column(scope, self.pick(["int", "text", "bool"]))
            partition = f"PARTITION BY {part.render('')} " if part is not None and \
                self.chance(0.7) else ""
            order_col = self.column(scope, self.pick(["int", "float", "text", "date"]))
            order = (f"ORDER BY {order_col.render('')} {self.pick(['ASC', 'DESC'])} "
                     f"{self.pick(['NULLS FIRST', 'NULLS LAST'])}, {a}.id" if order_col
                     else f"ORDER BY {a}.id")
            arg_col = self.column(scope, self.pick(["int", "float"])) or leaf(f"{a}.id", "int")
            arg = arg_col.render("")
            func, cls = self.pick([
                ("row_number()", "int"), ("rank()", "int"), ("dense_rank()", "int"),
                (f"sum({arg})", "float"), (f"count({arg})", "int"), (f"min({arg})", "float"),
                (f"lag({arg}, 1)", "float"), (f"lead({arg}, 2)", "float"),
                (f"first_value({arg})", "float"), ("ntile(3)", "int"),
            ])
            frame = ""
            if func.startswith(("sum", "count", "min")) and self.chance(0.4):
                frame = self.pick([" ROWS BETWEEN 1 PRECEDING AND CURRENT ROW",
                                   " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING",
                                   " ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING"])
            if func.startswith(("rank", "dense_rank")):
                # Ties are peers: the order must not include id.
                order = order.rsplit(",", 1)[0] if order_col else order
            windows.append(leaf(f"{func} OVER ({partition}{order}{frame})", cls))
        items = plain + windows
        n = len(items)
        holes = ", ".join("{%d} AS c%d" % (i, i) for i in range(n))
        where = self.where(scope, 1)
        order = self.order_by(n) if self.chance(0.4) else leaf("", optional=True)
        return Node("SELECT " + holes + f" FROM {table.name} AS {a}" + "{%d}{%d}" % (n, n + 1),
                    items + [where, order], "query")

    def setop_select(self):
        classes = [self.pick(["int", "text", "float", "date"])
                   for _ in range(self.rng.randint(1, 3))]
        ops = ["UNION", "UNION ALL", "EXCEPT", "INTERSECT"]
        if not self.common:
            ops += ["EXCEPT ALL", "INTERSECT ALL"]
        op = self.pick(ops)
        left = self.simple_select(classes, for_setop=True)
        right = self.simple_select(classes, for_setop=True)
        order = self.order_by(len(classes)) if self.chance(0.5) else leaf("", optional=True)
        return Node("{0} " + op + " {1}{2}", [left, right, order], "query")

    def cte_select(self):
        inner = self.simple_select(for_setop=True)
        outer_alias = self.alias()
        # Re-select the CTE's columns, filtered by one of them being non-NULL.
        return Node("WITH w AS ({0}) SELECT * FROM w AS " + outer_alias +
                    f" WHERE {outer_alias}.c0 IS NOT NULL", [inner], "query")

    def query(self):
        return self.weighted([
            (4, self.simple_select),
            (3, self.aggregate_select),
            (2, self.window_select),
            (2, self.setop_select),
            (1, self.cte_select),
        ])
