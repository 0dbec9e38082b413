"""Query results as plain values (rdflib terms), read from and written to the standard formats.

Both the embedded store (through its query worker) and a remote server hand results over as
SPARQL 1.1 Query Results JSON (SELECT/ASK) or N-Triples (CONSTRUCT/DESCRIBE), so one reader
here gives the same typed result whichever store answered.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, UsageError
from kg.sparql.formats import FORMATS

# IRIREF of SPARQL/N-Triples: no spaces, controls or <>"{}|^`\ — checked so that an IRI
# parameter can never close its brackets, wherever it is serialised (query.py, remote.py).
SAFE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*$")
VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

Row = dict[str, Node]


@dataclass
class SelectResult:
    variables: list[str]
    rows: list[Row] = field(default_factory=list)
    more: int = 0  # rows of the answer past the page that were counted but not returned

    def values(self) -> list[tuple[str | None, ...]]:
        """Each row as a tuple of plain strings (None where unbound), in variable order."""
        return [tuple(str(r[v]) if v in r else None for v in self.variables) for r in self.rows]


@dataclass
class AskResult:
    value: bool


@dataclass
class GraphResult:
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)

    def graph(self) -> Graph:
        g = Graph()
        for t in self.triples:
            g.add(t)
        return g


QueryResult = SelectResult | AskResult | GraphResult



# ---------------------------------------------------------------- reading

def term_from_json(value: dict[str, Any], normalize: bool = False) -> Node:
    """A SPARQL-JSON term; literals keep their lexical form unless `normalize` (rdflib's canonical form)."""
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(value["value"], lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype and datatype != XSD_STRING:
            return Literal(value["value"], datatype=URIRef(datatype), normalize=normalize)
        return Literal(value["value"])
    raise QueryError(f"unsupported term in query results: {value!r}")


def parse_results_json(data: bytes | str, normalize: bool = False) -> SelectResult | AskResult:
    """SPARQL 1.1 Query Results JSON → a SelectResult or an AskResult."""
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise QueryError(f"query results are not valid JSON ({exc})") from exc
    if "boolean" in doc:
        return AskResult(bool(doc["boolean"]))
    variables = list(doc.get("head", {}).get("vars", []))
    # Rows repeat the same countries, forums, dates and labels: each distinct term is made
    # once (an rdflib Literal costs microseconds to build; terms are immutable, so shared).
    made: dict[tuple[Any, ...], Node] = {}

    def term(value: dict[str, Any]) -> Node:
        key = (value.get("type"), value.get("value"), value.get("xml:lang"), value.get("datatype"))
        found = made.get(key)
        if found is None:
            found = made[key] = term_from_json(value, normalize)
        return found

    rows = [{k: term(v) for k, v in b.items()} for b in doc.get("results", {}).get("bindings", [])]
    return SelectResult(variables, rows)


def parse_triples(data: bytes | str) -> GraphResult:
    """N-Triples → a GraphResult (in document order)."""
    g = Graph()
    try:
        g.parse(data=data if isinstance(data, str) else data.decode("utf-8"), format="nt")
    except Exception as exc:  # rdflib raises several parser-specific classes
        raise QueryError(f"query results are not valid N-Triples ({exc})") from exc
    return GraphResult(sorted(g, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))))


# ---------------------------------------------------------------- writing

def term_to_json(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and str(term.datatype) != XSD_STRING:
            out["datatype"] = str(term.datatype)
        return out
    raise QueryError(f"cannot write a term of type {type(term).__name__}")


def to_json(result: SelectResult | AskResult) -> str:
    if isinstance(result, AskResult):
        return json.dumps({"head": {}, "boolean": result.value})
    bindings = [{k: term_to_json(v) for k, v in row.items()} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _term_xml(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(str(term))}</literal>"
    if term.datatype and str(term.datatype) != XSD_STRING:
        return f"<literal datatype={quoteattr(str(term.datatype))}>{escape(str(term))}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def to_xml(result: SelectResult | AskResult) -> str:
    out = ['<?xml version="1.0"?>', f'<sparql xmlns="{SPARQL_RESULTS_NS}">', "  <head>"]
    if isinstance(result, AskResult):
        out += ["  </head>", f"  <boolean>{'true' if result.value else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
    out += ["  </head>", "  <results>"]
    for row in result.rows:
        out.append("    <result>")
        out += [f"      <binding name={quoteattr(v)}>{_term_xml(row[v])}</binding>" for v in result.variables if v in row]
        out.append("    </result>")
    out += ["  </results>", "</sparql>"]
    return "\n".join(out) + "\n"


def to_csv(result: SelectResult, header: bool = True) -> str:
    """SPARQL 1.1 CSV: plain values (IRIs and literals without decoration), CRLF line ends
    (`header=False`: the rows only, for the batches after the first of a stream)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if header:
        writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([str(row[v]) if v in row else "" for v in result.variables])
    return buf.getvalue()


def to_tsv(result: SelectResult, header: bool = True) -> str:
    """SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax, so types and languages survive."""
    lines = ["\t".join("?" + v for v in result.variables)] if header else []
    for row in result.rows:
        cells = [row[v].n3() if v in row else "" for v in result.variables]
        lines.append("\t".join(c.replace("\t", "\\t").replace("\n", "\\n") for c in cells))
    return "\n".join(lines) + "\n" if lines else ""


def to_table(result: SelectResult) -> str:
    """A fixed-width text table for people; IRIs shortened to the part after the last / or #."""
    def short(term: Node) -> str:
        text = str(term)
        if isinstance(term, URIRef) and "/climate-kg/id/" in text:
            return text.split("/climate-kg/id/", 1)[1]
        return text.replace("\n", " ")

    header = result.variables
    body = [[short(r[v]) if v in r else "" for v in header] for r in result.rows]
    widths = [max([len(h)] + [len(row[i]) for row in body]) for i, h in enumerate(header)]
    widths = [min(w, 80) for w in widths]
    def line(cells: list[str]) -> str:
        return "  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in body]
    out.append(f"({len(body)} row{'s' if len(body) != 1 else ''})" if not result.more else more_rows_note(result))
    return "\n".join(out) + "\n"


def more_rows_note(result: SelectResult) -> str:
    """What a page of an answer says about the rest: '(1000 rows shown; 234 more: --limit N or --all)'."""
    return (f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''} shown; {result.more} more: "
            f"--limit N or --all)")


def format_result(result: QueryResult, fmt: str) -> str:
    """Write a result in one of FORMATS (graph results: turtle/ntriples, json = JSON-LD, xml = RDF/XML)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if isinstance(result, GraphResult):
        rdf = {"table": "nt", "ntriples": "nt", "csv": "nt", "tsv": "nt", "turtle": "turtle",
               "json": "json-ld", "xml": "xml"}[fmt]
        return result.graph().serialize(format=rdf)
    if fmt in ("turtle", "ntriples"):
        raise UsageError(f"format {fmt} is for CONSTRUCT/DESCRIBE results; use table, csv, tsv, json or xml")
    if fmt == "json":
        return to_json(result) + "\n"
    if fmt == "xml":
        return to_xml(result)
    if isinstance(result, AskResult):
        return ("true" if result.value else "false") + "\n"
    return {"table": to_table, "csv": to_csv, "tsv": to_tsv}[fmt](result)
