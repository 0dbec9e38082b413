"""Refuse inputs that are not readouts, before anything is decoded, extracted or stored.

Each refusal is an `InputError` (or `NoContentError`) whose message is one line: the file,
then the reason, so a batch report reads as a list of `path: why` lines.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

from kg.errors import InputError, NoContentError, UsageError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_BYTES_ENV = "KG_MAX_BYTES"

# Leading bytes of the binary formats people most often mistake for a readout. Word and
# Excel files are ZIP archives; old .doc files are OLE compound files.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document; extract its text first (e.g. pdftotext) and load the text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF media file (WebP, WAV or AVI)"),
    (b"PK\x03\x04", "a ZIP archive (Word, Excel and EPUB files are ZIP archives); save it as text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document; save it as text"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x7fELF", "an executable program"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"%!PS", "a PostScript document"),
    (b"{\\rtf", "an RTF document; save it as plain text"),
    (b"\x00\x00\x01\x00", "an icon image"),
    (b"wOFF", "a web font"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
)

_UNICODE_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_CONTROL_BYTES = [b for b in range(1, 32) if chr(b) not in "\t\n\r\f\v\x1a\x1b"]


def max_bytes_default() -> int:
    """The size limit: $KG_MAX_BYTES when set, else 5 MB."""
    value = os.environ.get(MAX_BYTES_ENV)
    if not value:
        return DEFAULT_MAX_BYTES
    try:
        limit = int(value)
    except ValueError as exc:
        raise UsageError(f"${MAX_BYTES_ENV}={value!r} is not a number of bytes") from exc
    if limit <= 0:
        raise UsageError(f"${MAX_BYTES_ENV} must be a positive number of bytes")
    return limit


def check_file(path: Path, max_bytes: int) -> None:
    """Refuse a path that is missing, not a regular file, or too large, before reading it."""
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give its files, or load the folder")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"{path}: {size} bytes, over the size limit of {max_bytes} bytes (raise it with --max-bytes or KG_MAX_BYTES)")
    if not os.access(path, os.R_OK):
        raise InputError(f"{path}: not readable (permission denied)")


def check_bytes(data: bytes, source: str, max_bytes: int | None = None) -> None:
    """Refuse empty, oversized or binary content, from its bytes alone."""
    limit = max_bytes_default() if max_bytes is None else max_bytes
    if len(data) > limit:
        raise InputError(f"{source}: {len(data)} bytes, over the size limit of {limit} bytes (raise it with --max-bytes or KG_MAX_BYTES)")
    body = data
    for bom in _UNICODE_BOMS:
        if body.startswith(bom):
            body = body[len(bom):]
            break
    # After a UTF-16 or UTF-32 byte-order mark the bytes are halves of code units, not characters:
    # "\t\r" is U+0D09 there. Only an empty body is judged here; check_text judges the decoded text.
    code_units = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not body or (not code_units and not body.strip(b" \t\r\n\f\v")):
        raise InputError(f"{source}: empty file (nothing but white space)" if data else f"{source}: empty file")
    for magic, what in MAGIC_NUMBERS:
        if data.startswith(magic):
            raise InputError(f"{source}: binary file ({what})")
    wide = looks_like_utf16(data) or data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"))
    if wide:
        return  # UTF-16/32 code units hold NULs and low bytes; check_text judges the decoded text
    if b"\x00" in data:
        raise InputError(f"{source}: binary file (contains NUL bytes, which text never does)")
    # In UTF-8, GB18030 and Windows-1252 a byte below 0x20 is always a control character.
    controls = sum(data.count(bytes([b])) for b in _CONTROL_BYTES)
    if controls > max(2, len(data) // 200):
        raise InputError(f"{source}: binary file ({100 * controls / len(data):.1f}% control characters)")


def looks_like_utf16(data: bytes) -> bool:
    """A UTF-16 text: a byte-order mark, or (without one) NULs in every other byte of ASCII-heavy text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return utf16_without_bom(data) is not None


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for BOM-less UTF-16 whose text is mostly Latin script, else None."""
    if len(data) < 8 or len(data) % 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    # Latin-script UTF-16 has a zero high byte in nearly every code unit, and a zero low
    # byte almost never; random binary data has neither pattern.
    if odd.count(0) > 0.9 * half and even.count(0) < 0.05 * half:
        return "utf-16-le"
    if even.count(0) > 0.9 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be"
    return None


def check_text(text: str, source: str) -> None:
    """Refuse decoded text that is mostly control characters (binary data that happened to decode)."""
    if not text.strip():
        raise InputError(f"{source}: empty file (nothing but white space)")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS)
    # Real text copied from web pages may carry a stray control character or two; binary
    # data decoded as GB18030 or Windows-1252 carries them in every few dozen bytes.
    if controls > max(2, len(text) // 200):
        share = 100 * controls / len(text)
        raise InputError(f"{source}: binary file ({share:.1f}% control characters)")
    replacement = text.count("\ufffd")
    if replacement > max(2, len(text) // 100):
        raise InputError(f"{source}: not text in a known encoding ({replacement} undecodable characters)")


def has_readout_content(record: Any) -> bool:
    """A readout names at least one party (a state, the EU or a forum) and says something about it.

    Something means a person, a forum, a meeting or a commitment: a text that only mentions
    a country in passing ("Chinese tea") is not a readout, and neither is one with no party.
    """
    parties = bool(record.actors or record.forums)
    substance = bool(record.people or record.forums or record.meetings or record.commitments)
    return parties and substance


def check_readout_content(record: Any, source: str) -> None:
    """Refuse a text with no readout content instead of storing an empty graph (see --allow-empty)."""
    if not has_readout_content(record):
        found = [name for name in ("actors", "people", "forums", "meetings", "commitments") if getattr(record, name)]
        detail = f"only {', '.join(found)}" if found else "no actor, person, forum, meeting or commitment"
        raise NoContentError(f"{source}: no readout content found ({detail}); use --allow-empty to load it anyway")
