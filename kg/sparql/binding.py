"""Query parameters as data: a VALUES block written into the query text.

Both stores bind parameters this way. A remote server has nothing like pyoxigraph's
`substitutions`; and on the embedded store a VALUES block is also the fast way: Oxigraph plans
a query's join order before it sees substituted values, so a bound parameter was treated as
unknown (the evidence of one fact scanned every selector: 1.3 s at 1,000 readouts; with the
values in the text, 0.4 ms; same rows for every named query).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import UsageError
from kg.sparql.results import SAFE_IRI, VARIABLE_NAME
from kg.sparql.safety import CheckedQuery

_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
_IRIREF_TOKEN = re.compile(r"<[^\x00-\x20<>\"{}|^`\\]*>")


# ---------------------------------------------------------------- terms as N-Triples text

def nt_term(term: Node) -> str:
    """An IRI or literal in N-Triples syntax, escaped so that no value can leave its token."""
    if isinstance(term, URIRef):
        if not SAFE_IRI.match(str(term)):
            raise UsageError(f"not an absolute IRI that can be sent safely: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = str(term).translate(_ESCAPES)
        if term.language:
            if not _LANG.match(term.language):
                raise UsageError(f"bad language tag {term.language!r}")
            return f'"{text}"@{term.language}'
        if term.datatype:
            return f'"{text}"^^{nt_term(URIRef(term.datatype))}'
        return f'"{text}"'
    raise UsageError(f"a {type(term).__name__} cannot be bound as a parameter of a remote query")


# Each character N-Triples must escape in a string, and its escape; every other character stands
# for itself. One `str.translate` over the text (a join over its characters was a third of the
# summaries' write in a load's serial part).
_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F] if c not in _ESCAPES})


# ---------------------------------------------------------------- parameters as a VALUES block

def _groups(text: str) -> list[tuple[int, int, int]]:
    """(open, close, depth) of every `{ }` group of a query, in order of closing, skipping
    strings, IRIs, comments and anything inside parentheses at the top level (EXISTS in a
    SELECT expression); depth 0 is the top level."""
    groups: list[tuple[int, int, int]] = []
    depth = parens = 0
    starts: list[int] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
            continue
        if c == "<":
            m = _IRIREF_TOKEN.match(text, i)
            if m:
                i = m.end()
                continue
        if c == "(" and depth == 0:
            parens += 1
        elif c == ")" and depth == 0:
            parens -= 1
        elif c == "{" and parens == 0:
            starts.append(i)
            depth += 1
        elif c == "}" and parens == 0 and starts:
            depth -= 1
            groups.append((starts.pop(), i, depth))
        i += 1
    return groups


_ORDER_BY = re.compile(r"\bORDER\s+BY\b.*?(?=\bLIMIT\b|\bOFFSET\b|\bVALUES\b|\Z)", re.I | re.S)
_COMMENT_LINE = re.compile(r"^[ \t]*#.*$", re.M)


def without_order(text: str) -> str:
    """The query without the ORDER BY of its outermost SELECT: the same rows, in the order the
    engine finds them, so that the first comes before the last is found (a sort must see all
    of them first). ORDER BY inside sub-selects stays (with LIMIT it chooses rows)."""
    top = [g for g in _groups(text) if g[2] == 0]
    if not top:
        return text
    close = min(top)[1]  # the WHERE group: the first at the top level
    tail = _COMMENT_LINE.sub("", text[close + 1:])
    return text[:close + 1] + _ORDER_BY.sub("", tail, count=1)


def _sub_select_groups(text: str, all_groups: list[tuple[int, int, int]], start: int, end: int,
                       names: list[str]) -> list[tuple[int, list[str]]]:
    """Where a VALUES block goes in each sub-select between `start` and `end` that projects a
    parameter: (offset after its WHERE group's `{`, the parameters it projects). A sub-select
    sees only what it projects, so the outer VALUES does not reach it, while pyoxigraph's
    substitution does: the block is repeated inside."""
    out: list[tuple[int, list[str]]] = []
    groups = [g for g in all_groups if start < g[0] and g[1] < end]
    for open_, close, _depth in groups:
        if not re.match(r"(?:\s|#[^\n]*\n)*SELECT\b", text[open_ + 1:close], re.I):  # comments may come first
            continue
        # the sub-select's own WHERE group: the first group opening inside it
        inner = [g for g in groups if open_ < g[0] and g[1] < close]
        if not inner:
            continue
        where = min(inner)[0]
        projection = text[open_ + 1:where]
        projected = [n for n in names if re.search(r"[?$]" + re.escape(n) + r"\b", projection)
                     or re.match(r"\s*SELECT\s+(DISTINCT\s+|REDUCED\s+)?\*", projection, re.I)]
        if projected:
            out.append((where + 1, projected))
    return out


def with_values(checked: CheckedQuery, bindings: Mapping[str, Node]) -> str:
    """The query with its parameters as a VALUES block at the start of its WHERE group (and of
    each sub-select that projects one of them).

    The parameters go in as data: each value is serialised as ONE N-Triples term by `nt_term`
    (IRIs checked against the IRIREF grammar, literals escaped), so a value holding quotes,
    braces, `}` or `;` stays inside its token and can change nothing but the match. Because
    every parameter of a SELECT is projected, a VALUES join at the start of the WHERE group
    binds it as pyoxigraph's substitution of a projected variable did (filters of the group
    see it bound), and the query planner sees the value.
    """
    if not bindings:
        return checked.text
    names = sorted(bindings)
    for name in names:
        if not VARIABLE_NAME.match(name):
            raise UsageError(f"{name!r} is not a SPARQL variable name")

    def block_of(bound: list[str]) -> str:
        return f"VALUES ({' '.join('?' + n for n in bound)}) {{ ({' '.join(nt_term(bindings[n]) for n in bound)}) }}"

    block = block_of(names)
    text = checked.text
    all_groups = _groups(text)
    groups = [(open_, close) for open_, close, depth in all_groups if depth == 0]
    if checked.form == "CONSTRUCT":
        head = text[: groups[0][0]] if groups else ""
        if len(groups) < 2 or re.search(r"\bWHERE\s*$", head, re.IGNORECASE):
            raise UsageError("parameters of a CONSTRUCT need its long form: CONSTRUCT { template } WHERE { pattern }")
        groups = groups[1:]
    if not groups:
        raise UsageError("this query has no WHERE group to bind parameters in")
    open_, close = groups[0]
    for at, bound in sorted(_sub_select_groups(text, all_groups, open_, close, names), reverse=True):
        text = f"{text[:at]} {block_of(bound)}\n{text[at:]}"
        close += len(block_of(bound)) + 2
    body = text[open_ + 1 : close]
    if re.match(r"(?:\s|#[^\n]*\n)*SELECT\b", body, re.IGNORECASE):  # a sub-select cannot share its group
        return f"{text[: open_ + 1]} {block} {{{body}}} {text[close:]}"
    return f"{text[: open_ + 1]} {block}\n{body}{text[close:]}"
