"""Which format an endpoint answer is written in: from `format=` (and its synonyms), else Accept.

Clients name formats in different ways. SPARQLWrapper sends `format=`, `output=` and
`results=` with its own names (json, xml, csv, tsv, turtle, n3, rdf, rdf+xml, json-ld),
sometimes twice (`format=tsv&format=text/tab-separated-values`); YASGUI and curl send an
Accept header. A name or media type is read by the kind of result: `json` is SPARQL results
JSON for SELECT/ASK and JSON-LD for CONSTRUCT, `xml` results XML or RDF/XML. A format the
result cannot be written in is `NotAcceptable` (HTTP 406), not a silent default.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.errors import UsageError
from kg.sparql.results import GraphResult, QueryResult

# name or media type → our format name (kg.sparql.results.format_result), per kind of result
RESULT_NAMES: dict[str, str] = {
    "json": "json", "srj": "json", "application/sparql-results+json": "json", "application/json": "json",
    "text/javascript": "json", "application/javascript": "json",
    "xml": "xml", "srx": "xml", "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "csv": "csv", "text/csv": "csv",
    "tsv": "tsv", "text/tab-separated-values": "tsv",
}
GRAPH_NAMES: dict[str, str] = {
    "turtle": "turtle", "ttl": "turtle", "text/turtle": "turtle", "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    # Turtle is N3 (the part N3 shares with RDF), so an N3 client reads it
    "n3": "turtle", "text/n3": "turtle", "text/rdf+n3": "turtle", "application/n3": "turtle",
    "nt": "ntriples", "ntriples": "ntriples", "n-triples": "ntriples", "application/n-triples": "ntriples",
    "json-ld": "json", "jsonld": "json", "json": "json", "application/ld+json": "json",
    "application/x-json+ld": "json", "application/json": "json",
    "xml": "xml", "rdf": "xml", "rdf+xml": "xml", "rdfxml": "xml", "application/rdf+xml": "xml",
    "application/xml": "xml", "text/xml": "xml",
}
RESULT_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_MEDIA = {"turtle": "text/turtle", "ntriples": "application/n-triples", "json": "application/ld+json",
               "xml": "application/rdf+xml"}
FORMAT_PARAMETERS = ("format", "output", "results")  # the names clients use for it


class NotAcceptable(UsageError):
    """The client asked only for formats this result cannot be written in (HTTP 406)."""


def accepted(header: str | None) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, order kept on ties)."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, fields[0].lower()))
    return [m for _, _, m in sorted(ranked)]


def format_values(params: dict[str, list[str]]) -> list[str]:
    """Every value of format=, output= and results= in a query string, in order."""
    return [v for name in FORMAT_PARAMETERS for v in params.get(name, []) if v.strip()]


def choose_format(result: QueryResult, accept: str | None, asked: Sequence[str] = ()) -> tuple[str, str]:
    """(our format name, media type) for a result, from the asked names (format= and its
    synonyms) if any, else the Accept header; NotAcceptable when nothing asked can be given."""
    graph = isinstance(result, GraphResult)
    names, media = (GRAPH_NAMES, GRAPH_MEDIA) if graph else (RESULT_NAMES, RESULT_MEDIA)
    kind = "CONSTRUCT/DESCRIBE" if graph else "SELECT/ASK"
    offered = sorted({n for n in names if "/" not in n})
    if asked:
        for value in asked:
            fmt = names.get(value.strip().lower())
            if fmt is not None:
                return fmt, media[fmt]
        raise NotAcceptable(f"format {', '.join(asked)} cannot be given for a {kind} result; "
                            f"formats: {', '.join(offered)}")
    types = accepted(accept)
    for media_type in types:
        fmt = names.get(media_type)
        if fmt is not None:
            return fmt, media[fmt]
        if media_type in ("*/*", "application/*", "text/*"):
            break
    else:
        if types:  # an Accept header that names only types this result cannot be written in
            raise NotAcceptable(f"cannot answer a {kind} query as {accept}; "
                                f"media types: {', '.join(sorted(media.values()))}")
    default = "turtle" if graph else "json"
    return default, media[default]
