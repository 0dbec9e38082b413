"""Whole-store backups: dump every graph to N-Quads or TriG, restore a dump into a store.

A dump is written to a temporary file beside the target and renamed into place, so a
failed or interrupted dump never leaves a half file under the backup's name; a target that is
a device, a pipe or a link is refused (kg/store/outputs.py). Its last line is a comment that
N-Quads and TriG parsers skip, the trailer:

    # kg dump: quads=20000 sha256=<hex digest of every byte before this line>

A restore checks the trailer before anything else: a file cut short (no trailer, or a
digest that differs), or RDF that `kg dump` did not write, is refused, so `--force` cannot
replace a good store with a fragment. Other RDF can still be read into an *empty* store
(`any_rdf=True`, `kg restore --any-rdf`). The whole file is parsed first (safely: see
`kg.rdf.safety`), so a broken dump writes nothing, then written in one transaction. It goes
into an empty store; `force=True` replaces what a store holds, still in one transaction (the
old content stays if the write fails).
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import InputError, StoreError, UsageError
from kg.rdf.safety import XML_FORMATS, normalise_format, parse_rdf, read_input_bytes
from kg.store.outputs import written_whole

DUMP_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
# Formats pyoxigraph parses itself: none of them can declare entities or fetch anything.
_OX_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "turtle": ox.RdfFormat.TURTLE,
               "nt": ox.RdfFormat.N_TRIPLES}
_RDFLIB_DEFAULT_GRAPH = "urn:x-rdflib:default"
_TRAILER = re.compile(rb"# kg dump: quads=(\d+) sha256=([0-9a-f]{64})\n?")


@dataclass(frozen=True)
class BackupSummary:
    quads: int
    graphs: int  # named graphs (the default graph not counted)
    location: str


def dump_format_for(path: str | None, fmt: str | None) -> str:
    """--format if given, else from the output's suffix (.trig), else N-Quads."""
    if fmt:
        if fmt not in DUMP_FORMATS:
            raise UsageError(f"cannot dump as {fmt!r}; use one of {', '.join(DUMP_FORMATS)}")
        return fmt
    if path and path != "-" and Path(path).suffix.lower() == ".trig":
        return "trig"
    return "nquads"


def _oxigraph(store: Any) -> ox.Store:
    inner = getattr(store, "oxigraph", None)
    if not isinstance(inner, ox.Store):
        raise UsageError("dump and restore work on an embedded store; for a server use its own backup tools")
    return inner


def _count(inner: ox.Store) -> tuple[int, int]:
    graphs = sum(1 for g in inner.named_graphs() if isinstance(g, ox.NamedNode | ox.BlankNode))
    return len(inner), graphs


def dump_store(store: Any, output: str | Path | None = None, fmt: str | None = None) -> BackupSummary:
    """Write every quad of the store to `output` (a path; None or "-" for standard output)."""
    inner = _oxigraph(store)
    name = dump_format_for(str(output) if output is not None else None, fmt)
    rdf_format = DUMP_FORMATS[name]
    quads, graphs = _count(inner)
    if output is None or str(output) == "-":
        try:
            _dump_to(inner, sys.stdout.buffer, rdf_format, quads)
            sys.stdout.buffer.flush()
        except OSError as exc:
            raise StoreError(f"dump to standard output failed ({exc.strerror or exc})") from exc
        return BackupSummary(quads, graphs, "-")
    with written_whole(output) as partial, partial.open("wb") as out:
        _dump_to(inner, out, rdf_format, quads)
    return BackupSummary(quads, graphs, str(output))


class _Digesting:
    """A binary stream that hashes what passes through it."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()


def _dump_to(inner: ox.Store, out: BinaryIO, rdf_format: ox.RdfFormat, quads: int) -> None:
    """The store's quads, then the trailer a restore checks (see the module docstring)."""
    digesting = _Digesting(out)
    try:
        inner.dump(digesting, rdf_format)  # type: ignore[arg-type]  # any object with write()
    except OSError as exc:
        raise StoreError(f"dump failed ({exc.strerror or exc})") from exc
    out.write(f"# kg dump: quads={quads} sha256={digesting.digest.hexdigest()}\n".encode("ascii"))


def check_dump(data: bytes, name: str) -> tuple[bytes, int]:
    """The body of a complete `kg dump` and the number of quads its trailer promises
    (InputError for a file cut short, altered, or not written by kg dump)."""
    body, _, last = data.rstrip(b"\n").rpartition(b"\n")
    trailer = _TRAILER.fullmatch(last)
    if trailer is None:
        raise InputError(f"{name}: not a complete kg dump (no '# kg dump:' trailer: cut short, or not written "
                         "by kg dump); nothing was changed. To read other RDF into an empty store, give --any-rdf")
    body += b"\n" if body else b""
    if hashlib.sha256(body).hexdigest() != trailer.group(2).decode("ascii"):
        raise InputError(f"{name}: damaged kg dump (its checksum does not match its content); nothing was changed")
    return body, int(trailer.group(1))


def _rdflib_to_quads(dataset: Dataset) -> list[ox.Quad]:
    from kg.sparql.terms import to_ox

    quads = []
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph
        if g is None or str(getattr(g, "identifier", g)) == _RDFLIB_DEFAULT_GRAPH:
            graph = ox.DefaultGraph()
        else:
            term = to_ox(getattr(g, "identifier", g))
            assert isinstance(term, ox.NamedNode | ox.BlankNode)
            graph = term
        subject, predicate, obj = to_ox(s), to_ox(p), to_ox(o)
        assert isinstance(subject, ox.NamedNode | ox.BlankNode) and isinstance(predicate, ox.NamedNode)
        quads.append(ox.Quad(subject, predicate, obj, graph))
    return quads


def read_backup(path: str | Path, fmt: str | None = None, *, any_rdf: bool = False) -> list[ox.Quad]:
    """Every quad of a backup file, parsed before anything is written; unsafe RDF is refused.

    Unless `any_rdf`, the file must be a complete `kg dump` (check_dump), and must hold as many
    quads as its trailer says."""
    p = Path(path)
    data = read_input_bytes(p)
    if not data.strip():
        raise InputError(f"{p}: empty file")
    if not any_rdf:
        data, promised = check_dump(data, str(p))
        quads = _parse_ox(data, _dump_format(fmt, p, data), p)
        if len(set(quads)) != promised:
            raise InputError(f"{p}: the kg dump holds {len(set(quads))} quads where its trailer says {promised}; "
                             "nothing was changed")
        return quads
    return _parse_any(data, normalise_format(fmt, str(p)), p)


def _dump_format(fmt: str | None, p: Path, body: bytes) -> str:
    """nquads or trig: as given, else by the name, else by the first statement (TriG opens a graph
    block with `{`; an N-Quads line never ends with one)."""
    if fmt or p.suffix.lower() in (".nq", ".nquads", ".trig"):
        name = normalise_format(fmt, str(p))
        if name not in DUMP_FORMATS:
            raise InputError(f"{p}: a kg dump is N-Quads or TriG, not {name}")
        return name
    first = next((line for line in body.splitlines() if line.strip() and not line.startswith(b"#")), b"")
    return "trig" if first.rstrip().endswith(b"{") else "nquads"


def _parse_ox(data: bytes, name: str, p: Path) -> list[ox.Quad]:
    try:
        return list(ox.parse(data, _OX_FORMATS[name]))
    except SyntaxError as exc:
        raise InputError(f"{p}: not valid {name} RDF ({str(exc).splitlines()[0][:200]})") from exc


def _parse_any(data: bytes, name: str, p: Path) -> list[ox.Quad]:
    if name in _OX_FORMATS:
        return _parse_ox(data, name, p)
    if name in XML_FORMATS or name in ("json-ld", "n3"):
        return _rdflib_to_quads(parse_rdf(data, str(p), name))
    raise InputError(f"{p}: cannot restore from {name}")  # pragma: no cover - every format is handled above


def _insert_data(quads: list[ox.Quad]) -> str:
    """CLEAR ALL then the quads, as one SPARQL update (one transaction)."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        key = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        by_graph.setdefault(key, []).append(f"{q.subject} {q.predicate} {q.object} .")
    blocks = []
    for graph, triples in by_graph.items():
        body = "\n".join(triples)
        blocks.append(body if not graph else f"GRAPH {graph} {{\n{body}\n}}")
    return "CLEAR ALL ;\nINSERT DATA {\n" + "\n".join(blocks) + "\n}"


def restore_store(store: Any, path: str | Path, fmt: str | None = None, *, force: bool = False,
                  any_rdf: bool = False, progress: Callable[[str], None] | None = None) -> BackupSummary:
    """Read a dump back: into an empty store, or replacing everything with `force`.

    `any_rdf`: read RDF that `kg dump` did not write (no trailer to check), into an empty store only.
    `progress` is told each step as it starts (reading the file, writing the store)."""
    step = progress or (lambda _step: None)
    inner = _oxigraph(store)
    if any_rdf and force:
        raise UsageError("--any-rdf reads RDF that kg dump did not write, into an empty store only: "
                         "it cannot be combined with --force")
    step("reading the backup")
    quads = read_backup(path, fmt, any_rdf=any_rdf)
    held = len(inner)
    if held and not force:
        raise UsageError(
            f"store {getattr(store, 'location', '?')} is not empty ({held} quads); restore into an empty store, "
            "or give --force to replace its whole content with the backup"
        )
    step(f"writing {len(quads)} quads")
    try:
        if held:
            inner.update(_insert_data(quads))
        else:
            inner.extend(quads)
        inner.flush()
    except (OSError, SyntaxError, ValueError) as exc:
        raise StoreError(f"restore into {getattr(store, 'location', '?')} failed; the store is unchanged ({exc})") \
            from exc
    quads_now, graphs = _count(inner)
    return BackupSummary(quads_now, graphs, str(path))
