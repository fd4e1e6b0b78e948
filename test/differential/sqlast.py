"""The tree a generated query is made of, so that it can be rendered per dialect and shrunk.

A Node renders itself from a template (one per dialect where they differ) filled with its
children's renderings. Shrinking a query replaces a node by something simpler: a child of the
same type, a constant of its type, or nothing at all for an optional clause.
"""


class Node:
    """One piece of SQL.

    template: a str with {0}, {1} ... for the children, or a dict dialect -> str with a
      "default" entry.
    type: the SQL value type class of an expression ("int", "float", "text", "bool", "date"),
      "clause" for parts of a query, "query" for a whole (sub)query.
    optional: the node may be dropped (rendered as "") when shrinking.
    simple: a simpler replacement of the same type (e.g. a literal), tried when shrinking.
    """

    __slots__ = ("template", "kids", "type", "optional", "simple", "tag", "dropped")

    def __init__(self, template, kids=(), type="clause", optional=False, simple=None, tag=None):
        self.template = template
        self.kids = list(kids)
        self.type = type
        self.optional = optional
        self.simple = simple
        self.tag = tag  # e.g. "order": what a clause is, for the comparer
        self.dropped = False

    def render(self, dialect):
        if self.dropped:
            return ""
        template = self.template
        if isinstance(template, dict):
            template = template.get(dialect, template["default"])
        return template.format(*[kid.render(dialect) for kid in self.kids])

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def find(self, tag):
        """The first node with `tag` outside nested queries, or None."""
        if self.tag == tag and not self.dropped:
            return self
        for kid in self.kids:
            if kid.type == "query":
                continue
            found = kid.find(tag)
            if found is not None:
                return found
        return None


def leaf(text, type="clause", **kwargs):
    return Node(text.replace("{", "{{").replace("}", "}}"), (), type, **kwargs)
