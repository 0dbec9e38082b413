"""Whole-store backups: dump every graph to N-Quads or TriG, restore a dump into a store.

A dump is written to a temporary file beside the target and renamed into place, so a
failed or interrupted dump never leaves a half file under the backup's name. A restore
parses the whole file first (safely: see `kg.rdf.safety`), so a broken dump writes nothing,
then writes it in one transaction. It goes into an empty store; `force=True` replaces what
a store holds, still in one transaction (the old content stays if the write fails).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import InputError, StoreError, UsageError
from kg.rdf.safety import XML_FORMATS, normalise_format, parse_rdf

DUMP_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
# Formats pyoxigraph parses itself: none of them can declare entities or fetch anything.
_OX_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "turtle": ox.RdfFormat.TURTLE,
               "nt": ox.RdfFormat.N_TRIPLES}
_RDFLIB_DEFAULT_GRAPH = "urn:x-rdflib:default"


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
        _dump_to(inner, sys.stdout.buffer, rdf_format)
        sys.stdout.buffer.flush()
        return BackupSummary(quads, graphs, "-")
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{target}: folder {folder} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            _dump_to(inner, out, rdf_format)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return BackupSummary(quads, graphs, str(target))


def _dump_to(inner: ox.Store, out: BinaryIO, rdf_format: ox.RdfFormat) -> None:
    try:
        inner.dump(out, rdf_format)
    except OSError as exc:
        raise StoreError(f"dump failed ({exc})") from exc


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


def read_backup(path: str | Path, fmt: str | None = None) -> list[ox.Quad]:
    """Every quad of a backup file, parsed before anything is written; unsafe RDF is refused."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    name = normalise_format(fmt, str(p))
    data = p.read_bytes()
    if not data.strip():
        raise InputError(f"{p}: empty file")
    if name in _OX_FORMATS:
        try:
            return list(ox.parse(data, _OX_FORMATS[name]))
        except SyntaxError as exc:
            raise InputError(f"{p}: not valid {name} RDF ({str(exc).splitlines()[0][:200]})") from exc
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
                  progress: Callable[[str], None] | None = None) -> BackupSummary:
    """Read a dump back: into an empty store, or replacing everything with `force`.

    `progress` is told each step as it starts (reading the file, writing the store)."""
    step = progress or (lambda _step: None)
    inner = _oxigraph(store)
    step("reading the backup")
    quads = read_backup(path, fmt)
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
