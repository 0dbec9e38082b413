"""Read RDF the user gives (restores, shapes, data) without letting it reach outside the tool.

An RDF file can ask its parser to do things: an XML DTD can declare entities that expand
exponentially (billion laughs) or name local files and URLs (external entities); a JSON-LD
`@context` or `@import` can be a URL the parser fetches; `owl:imports` can make a SHACL
engine fetch ontologies; a SPARQL-based shape (`sh:select`, `sh:ask`, `sh:construct`) is a
query that pyshacl runs, and a query can `SERVICE` a URL or read `FROM <file:...>`.

So every check here happens on the bytes or the parsed JSON *before* a parser or engine sees
them, and refuses with `UnsafeRDFError` (one line: the file and the reason):
- XML (RDF/XML, TriX, OWL/XML): any `<!DOCTYPE` or `<!ENTITY` is refused, whatever it says.
- JSON-LD: any `@context` or `@import` that is not an inline object is refused; parsing then
  goes through a context loader that refuses to fetch, should anything slip past the walk.
- SHACL shapes: every embedded SPARQL query passes `kg.sparql.safety.check_query` (no SERVICE,
  no FROM, no update); `sh:update` and SHACL-JS are refused; pyshacl runs with
  `do_owl_imports=False` and without JavaScript, so `owl:imports` is never followed.
RDF is always parsed from bytes in memory (`data=`), never from a path or URL given to rdflib.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH

from kg.errors import InputError, QueryError, UnsafeRDFError

# File suffix → rdflib parser name.
RDF_FORMATS: dict[str, str] = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".nq": "nquads",
    ".nquads": "nquads", ".trig": "trig", ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".trix": "trix",
    ".jsonld": "json-ld", ".json": "json-ld", ".n3": "n3",
}
FORMAT_ALIASES = {"rdfxml": "xml", "rdf/xml": "xml", "ntriples": "nt", "n-triples": "nt", "n-quads": "nquads",
                  "jsonld": "json-ld", "ttl": "turtle"}
XML_FORMATS = frozenset({"xml", "trix"})

_DTD = re.compile(r"<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)", re.IGNORECASE)


def normalise_format(fmt: str | None, source: str) -> str:
    if fmt:
        name = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        if name not in set(RDF_FORMATS.values()):
            raise InputError(f"{source}: unknown RDF format {fmt!r} (one of {', '.join(sorted(set(RDF_FORMATS.values())))})")
        return name
    suffix = Path(source).suffix.lower()
    if suffix not in RDF_FORMATS:
        raise InputError(f"{source}: cannot tell the RDF format from the name; give --format")
    return RDF_FORMATS[suffix]


def _xml_text(data: bytes, source: str) -> str:
    """XML bytes as text for scanning, in whichever Unicode form the file uses."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:1024]:
        # BOM-less UTF-16/32: "<?xml" with NULs between the letters.
        for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
            text = data[:4096].decode(encoding, errors="replace")
            if text.lstrip().startswith("<"):
                return data.decode(encoding, errors="replace")
        raise UnsafeRDFError(f"{source}: XML in an encoding kg does not read (NUL bytes without a byte-order mark)")
    # ASCII-compatible encodings (UTF-8, Latin-1, GB18030...) keep "<!DOCTYPE" as ASCII.
    return data.decode("latin-1")


def check_xml(data: bytes, source: str) -> None:
    """Refuse XML with a document type declaration or entity declarations, before any parser runs."""
    text = _xml_text(data, source)
    match = _DTD.search(text)
    if match:
        kind = match.group(1).upper()
        raise UnsafeRDFError(
            f"{source}: refused: the XML declares <!{kind} ...> (DTDs and entities can expand without bound "
            "or read files and URLs); remove the DOCTYPE"
        )


def _walk_json(value: Any, path: str = "$") -> Iterator[tuple[str, str, Any]]:
    """(json path, key, value) for every key of every object in a JSON value."""
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, dict):
            for key, child in item.items():
                yield f"{where}.{key}", key, child
                stack.append((f"{where}.{key}", child))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", child) for i, child in enumerate(item))


def check_jsonld(data: Any, source: str) -> None:
    """Refuse any @context or @import that names a document instead of being inline."""
    for where, key, value in _walk_json(data):
        if key not in ("@context", "@import"):
            continue
        entries = value if isinstance(value, list) else [value]
        for entry in entries:
            if entry is None or isinstance(entry, dict):
                continue
            raise UnsafeRDFError(
                f"{source}: refused: {key} at {where} names a document ({str(entry)[:80]!r}) that would be "
                "fetched; put the context inline"
            )


def _parse_jsonld(data: bytes, source: str, dataset: Dataset, base: str | None) -> None:
    from rdflib.plugins.parsers.jsonld import Parser
    from rdflib.plugins.shared.jsonld.context import Context

    class RefusingContext(Context):
        """A context whose document loader refuses: nothing is ever fetched."""

        def _fetch_context(self, source_url: str, base: str | None, referenced_contexts: set[str]) -> Any:
            raise UnsafeRDFError(f"{source}: refused: a JSON-LD context would be fetched from {source_url!r}")

    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{source}: not valid JSON-LD ({exc})") from exc
    check_jsonld(document, source)
    Parser().parse(document, RefusingContext(base=base), dataset)


def parse_rdf(data: bytes, source: str, fmt: str | None = None, *, base: str | None = None) -> Dataset:
    """RDF bytes → an rdflib Dataset (triples of graph formats land in its default graph)."""
    name = normalise_format(fmt, source)
    dataset = Dataset()
    if name in XML_FORMATS:
        check_xml(data, source)
    try:
        if name == "json-ld":
            _parse_jsonld(data, source, dataset, base)
        else:
            dataset.parse(data=data, format=name, publicID=base)
    except (UnsafeRDFError, InputError):
        raise
    except Exception as exc:  # the parsers raise many types; each is "not valid RDF" to a user
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{source}: not valid {name} RDF ({message[:200]})") from exc
    return dataset


def read_rdf_file(path: Path | str, fmt: str | None = None, *, base: str | None = None) -> Dataset:
    """One RDF file → Dataset, read as bytes and parsed by `parse_rdf` (never by rdflib from a path)."""
    return parse_rdf(read_input_bytes(path), str(path), fmt, base=base)


def read_input_bytes(path: Path | str) -> bytes:
    """A file's bytes, or an InputError that names the file and says why in one line."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from exc


# --- SHACL shapes ----------------------------------------------------------------------------
_QUERY_PROPERTIES = (SH.select, SH.ask, SH.construct)
_REFUSED_PROPERTIES = {
    SH.update: "sh:update (a SPARQL update inside shapes)",
    SH.jsLibrary: "SHACL-JavaScript", SH.jsLibraryURL: "SHACL-JavaScript", SH.jsFunctionName: "SHACL-JavaScript",
}


def _prefix_declarations(shapes: Graph) -> str:
    lines = []
    for decl in shapes.objects(None, SH.declare):
        prefix = shapes.value(decl, SH.prefix)
        namespace = shapes.value(decl, SH.namespace)
        if prefix is not None and namespace is not None:
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def check_shapes_graph(shapes: Graph, source: str = "shapes") -> None:
    """Refuse shapes whose SPARQL could leave the data being validated (SERVICE, FROM, updates)."""
    for prop, what in _REFUSED_PROPERTIES.items():
        for node in shapes.subjects(prop, None):
            raise UnsafeRDFError(f"{source}: refused: {what} at {node.n3()}; kg does not run it")
    prefixes = _prefix_declarations(shapes)
    for prop in _QUERY_PROPERTIES:
        for node, query in shapes.subject_objects(prop):
            try:
                from kg.sparql.safety import check_query

                check_query(f"{prefixes}\n{query}", store_graphs=None)
            except QueryError as exc:
                raise UnsafeRDFError(f"{source}: refused: the SPARQL of {node.n3()} ({shapes.qname(prop)}): {exc}") \
                    from exc


def safe_shacl_validate(data_graph: Graph, shapes_graph: Graph, *, source: str = "shapes",
                        ont_graph: Graph | None = None, **options: Any) -> tuple[bool, Graph, str]:
    """pyshacl.validate on graphs already in memory, after `check_shapes_graph`, never importing."""
    import pyshacl

    check_shapes_graph(shapes_graph, source)
    for forbidden in ("do_owl_imports", "js"):
        if options.pop(forbidden, False):
            raise UnsafeRDFError(f"{source}: refused: {forbidden}=True would let shapes reach outside kg")
    conforms, report_graph, report_text = pyshacl.validate(
        data_graph, shacl_graph=shapes_graph, ont_graph=ont_graph, do_owl_imports=False, js=False, **options
    )
    return bool(conforms), report_graph, str(report_text)


def graph_names(dataset: Dataset) -> list[URIRef]:
    """The named graphs of a dataset that hold triples (the default graph excluded)."""
    out = []
    for graph in dataset.graphs():
        if isinstance(graph.identifier, URIRef) and str(graph.identifier) != "urn:x-rdflib:default" and len(graph):
            out.append(graph.identifier)
    return sorted(out)
