"""SPARQL 1.1 Query Results TSV (terms in N-Triples syntax) read into the same SelectResult as
the JSON reader makes, term for term.

The embedded store's query worker hands its rows over in this form, not as SPARQL-JSON: the
engine writes it itself (JSON's wrapping of every term as {"type": ..., "value": ...} was
1.6 MB for one country's 2,400 meetings at 10,000 readouts, TSV is 0.9 MB), and reading it is
cheaper here: a line is split on tabs and each distinct cell is made a term once, where the
JSON reader decoded every cell as a dictionary and keyed it by a tuple. Only the worker's
output is read here (a remote server still answers in JSON): Oxigraph's TSV, whose bare
tokens are the Turtle forms of xsd:integer, xsd:decimal, xsd:double and xsd:boolean.
"""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.sparql.results import SelectResult

_XSD = "http://www.w3.org/2001/XMLSchema#"
_BOOLEAN, _INTEGER, _DECIMAL, _DOUBLE = (URIRef(_XSD + n) for n in ("boolean", "integer", "decimal", "double"))
_INTEGER_TOKEN = re.compile(r"[+-]?[0-9]+")
_DECIMAL_TOKEN = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_DOUBLE_TOKEN = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    if code is not None:
        return chr(int(code, 16))
    char = match.group(3)
    if char not in _ECHAR:
        raise ValueError(f"unknown escape \\{char}")
    return _ECHAR[char]


def _text(escaped: str) -> str:
    return _ESCAPE.sub(_unescape, escaped) if "\\" in escaped else escaped


def term_from_nt(cell: str) -> Node:
    """One TSV cell (an N-Triples term, or a bare Turtle number or boolean) as an rdflib term,
    equal in form to what `term_from_json` makes of the same term (lexical form kept)."""
    try:
        first = cell[0]
        if first == "<" and cell[-1] == ">":
            return URIRef(_text(cell[1:-1]))
        if first == '"':
            end = cell.rindex('"')  # the language tag or datatype after it holds no quote
            if end == 0:
                raise ValueError("unterminated string")
            lexical, rest = _text(cell[1:end]), cell[end + 1:]
            if not rest:
                return Literal(lexical)
            if rest[0] == "@" and len(rest) > 1:
                return Literal(lexical, lang=rest[1:])
            if rest.startswith("^^<") and rest[-1] == ">":
                return Literal(lexical, datatype=URIRef(_text(rest[3:-1])), normalize=False)
            raise ValueError(f"unexpected {rest!r} after a string")
        if cell.startswith("_:"):
            return BNode(cell[2:])
        if cell in ("true", "false"):
            return Literal(cell, datatype=_BOOLEAN, normalize=False)
        for token, datatype in ((_INTEGER_TOKEN, _INTEGER), (_DECIMAL_TOKEN, _DECIMAL), (_DOUBLE_TOKEN, _DOUBLE)):
            if token.fullmatch(cell):
                return Literal(cell, datatype=datatype, normalize=False)
        raise ValueError("not an RDF term")
    except (IndexError, ValueError) as exc:
        raise QueryError(f"unsupported term in query results: {cell!r} ({exc})") from None


class _Terms(dict[str, Node | None]):
    """Cell text → term, each made once: answers repeat the same countries, forums, dates."""

    def __missing__(self, cell: str) -> Node:
        term = self[cell] = term_from_nt(cell)
        return term


class TsvReader:
    """Reads the TSV results of one answer, batch after batch; a term met in one batch is not
    made again in the next."""

    def __init__(self) -> None:
        self.terms = _Terms({"": None})  # an empty cell: the variable is unbound in that row

    def read(self, data: bytes | str) -> SelectResult:
        try:
            text = data if isinstance(data, str) else data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise QueryError(f"query results are not valid UTF-8 ({exc})") from exc
        # every line ends with "\n" (a row of unbound variables is an empty line); split on
        # "\n" only: a literal may hold U+2028 or a form feed, which splitlines() would cut at
        lines = text.split("\n")
        if len(lines) < 2 or lines[-1]:
            raise QueryError("query results are not complete TSV (no final line end)")
        header = lines[0]
        names = [v[1:] for v in header.split("\t")] if header else []
        if any(not n for n in names):
            raise QueryError(f"query results have a bad TSV header: {header!r}")
        width, get = len(names), self.terms.__getitem__
        rows = []
        for line in lines[1:-1]:
            cells = line.split("\t") if width else []
            if len(cells) != width:
                raise QueryError(f"query results have a TSV row of {len(cells)} cells for {width} variables")
            rows.append({n: t for n, t in zip(names, map(get, cells), strict=True) if t is not None})
        return SelectResult(names, rows)


def parse_results_tsv(data: bytes | str) -> SelectResult:
    """SPARQL 1.1 Query Results TSV → a SelectResult."""
    return TsvReader().read(data)
