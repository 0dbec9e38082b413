"""Read readouts: bytes from a file, a folder or stdin → `Document`.

Owns encodings, HTML to text and page furniture; knows no entity.
"""

from __future__ import annotations

import codecs
import json
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.document import Document
from kg.errors import InputError

READOUT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".json"}


def decode(data: bytes, source: str) -> str:
    """Bytes → str: a BOM decides; then UTF-8; then GB18030 (a superset of GBK); then cp1252."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{source}: bad {encoding} text after its byte-order mark ({exc.reason})") from exc
    for encoding in ("utf-8", "gb18030", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{source}: not text in UTF-8, UTF-16, GB18030 or Windows-1252")


def normalise_text(text: str) -> str:
    """Newlines to \\n, NFC, no-break spaces kept as they are (the gold keeps them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_bytes(data: bytes, source: str, media_type: str | None = None) -> Document:
    text = normalise_text(decode(data, source))
    if media_type is None:
        media_type = sniff_media_type(text, source)
    if media_type == "application/json":
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
        if not isinstance(record, dict):
            raise InputError(f"{source}: a JSON readout must be an object")
        body = record.get("text") if isinstance(record.get("text"), str) else json.dumps(record, sort_keys=True)
        return Document(text=body, source=source, media_type=media_type, record=record)
    return Document(text=text, source=source, media_type=media_type)


def sniff_media_type(text: str, source: str) -> str:
    suffix = Path(source).suffix.lower()
    if suffix == ".json":
        return "application/json"
    if suffix in {".html", ".htm"}:
        return "text/html"
    head = text.lstrip()[:200].lower()
    if head.startswith("<!doctype html") or head.startswith("<html"):
        return "text/html"
    return "text/plain"


def read_path(path: Path | str) -> Document:
    """One file (or "-" for stdin) → Document."""
    if str(path) == "-":
        return read_bytes(sys.stdin.buffer.read(), "-")
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    if p.is_dir():
        raise InputError(f"{p}: is a folder; give its files, or load the folder")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from exc
    return read_bytes(data, str(p))


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Files as given, folders as their readout files (sorted, recursive), "-" as stdin."""
    for item in paths:
        if str(item) == "-":
            yield "-"
            continue
        p = Path(item)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READOUT_SUFFIXES
                           and not f.name.endswith(".gold.json"))
            if not files:
                raise InputError(f"{p}: folder holds no readout files ({', '.join(sorted(READOUT_SUFFIXES))})")
            yield from files
        else:
            yield p

