"""Shrinks a disagreement to a small reproduction: fewer rows, fewer columns, a smaller query.

`still_fails(tables, query_node)` says whether the disagreement (of the same kind) is still
there; every step keeps a change only if it is. Steps, repeated while they make progress and the
budget of checks lasts:
  1. rows: drop halves, quarters ... of each table's rows (delta debugging);
  2. query: drop optional clauses (WHERE, ORDER BY ...), replace a node by one of its children of
     the same type, replace a predicate by TRUE or an expression by NULL;
  3. columns the query does not mention.
"""
import copy
import re

from generator import Table
from sqlast import leaf


class Budget:
    def __init__(self, checks):
        self.left = checks

    def spend(self):
        self.left -= 1
        return self.left >= 0


def reduce_rows(tables, query, still_fails, budget):
    changed = False
    for t in range(len(tables)):
        chunk = max(1, len(tables[t].rows) // 2)
        while chunk >= 1 and tables[t].rows:
            i = 0
            while i < len(tables[t].rows):
                if not budget.spend():
                    return changed
                candidate = list(tables)
                rows = tables[t].rows[:i] + tables[t].rows[i + chunk:]
                candidate[t] = Table(tables[t].name, tables[t].columns, rows)
                if still_fails(candidate, query):
                    tables[:] = candidate
                    changed = True
                else:
                    i += chunk
            chunk //= 2
    return changed


def positions(node):
    """(parent, index) of every node below `node`, top down."""
    out = []
    for i, kid in enumerate(node.kids):
        out.append((node, i))
        out.extend(positions(kid))
    return out


def candidates(node):
    if node.optional and not node.dropped:
        dropped = copy.copy(node)
        dropped.dropped = True
        yield dropped
    if node.type in ("int", "float", "text", "date", "bool"):
        for kid in node.kids:
            if kid.type == node.type:
                yield kid
        if node.type == "bool" and node.template != "TRUE":
            yield leaf("TRUE", "bool")
        elif node.type != "bool" and node.template != "NULL":
            yield leaf("NULL", node.type)


def reduce_query(tables, query, still_fails, budget):
    changed = False
    progress = True
    while progress:
        progress = False
        for parent, index in positions(query):
            original = parent.kids[index]
            for replacement in candidates(original):
                if not budget.spend():
                    return changed
                parent.kids[index] = replacement
                if still_fails(tables, query):
                    changed = progress = True
                    break
                parent.kids[index] = original
            if progress:
                break  # positions changed: start over
    return changed


def reduce_columns(tables, query, still_fails, budget, dialect):
    text = query.render(dialect)
    changed = False
    for t, table in enumerate(tables):
        for c in range(len(table.columns) - 1, 0, -1):
            name = table.columns[c].name
            if re.search(r"\." + re.escape(name) + r"\b", text):
                continue
            if not budget.spend():
                return changed
            columns = table.columns[:c] + table.columns[c + 1:]
            rows = [row[:c] + row[c + 1:] for row in table.rows]
            candidate = list(tables)
            candidate[t] = Table(table.name, columns, rows)
            if still_fails(candidate, query):
                tables[:] = candidate
                table = candidate[t]
                changed = True
    return changed


def reduce(tables, query, still_fails, checks=200, dialect="duckdb"):
    """Returns (tables, query), shrunk in place as far as the budget of checks allows."""
    tables = list(tables)
    budget = Budget(checks)
    while budget.left > 0:
        a = reduce_rows(tables, query, still_fails, budget)
        b = reduce_query(tables, query, still_fails, budget)
        c = reduce_columns(tables, query, still_fails, budget, dialect)
        if not (a or b or c):
            break
    return tables, query
