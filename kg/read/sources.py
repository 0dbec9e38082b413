"""Read readouts: bytes from a file, a folder or stdin → `Document`.

Owns encodings, HTML to text and page furniture; knows no entity. The order is: refuse
what is not text (`kg.read.input_checks`), decode, then clean by kind (HTML page, JSON record,
plain or markdown text). Every evidence offset later points into `Document.text`, so all
cleaning happens here, before any offset exists.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.read.document import Document
from kg.read.html_text import html_to_text, looks_like_html
from kg.read.input_checks import check_bytes, check_file, check_text, max_bytes_default, utf16_without_bom
from kg.read.language import detect_language
from kg.read.plain_text import clean_plain_text

READOUT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json"}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, source: str) -> str:
    """Bytes → str: a BOM decides; then UTF-8; then GB18030 or Windows-1252, whichever is plausible."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{source}: bad {encoding} text after its byte-order mark ({exc.reason})") from exc
    declared = declared_html_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # the page lies about its encoding; judge the bytes
    utf16 = utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates: dict[str, str] = {}
    for encoding in ("gb18030", "cp1252"):
        try:
            candidates[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if "gb18030" in candidates and ("cp1252" not in candidates or chinese_is_plausible(candidates["gb18030"])):
        return candidates["gb18030"]
    if "cp1252" in candidates:
        return candidates["cp1252"]
    guessed = _guess_encoding(data)
    if guessed is not None:
        return guessed
    raise InputError(f"{source}: not text in UTF-8, UTF-16, GB18030 or Windows-1252")


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
# What browsers really use for the labels pages declare (WHATWG Encoding Standard).
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "iso-8859-1": "cp1252",
                    "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252"}


def declared_html_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a <meta> tag near its start, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    name = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _is_cjk(c: str) -> bool:
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF


def chinese_is_plausible(text: str) -> bool:
    """Does a GB18030 decoding read as Chinese, or as Windows-1252 bytes misread?

    Misread Latin text turns each accented letter or curly quote, with the ASCII byte after
    it, into one stray ideograph wedged between Latin letters ("r\u8c4aum\u8c4a"). Chinese
    text has its ideographs in runs, next to other ideographs or punctuation.
    """
    non_ascii = [i for i, c in enumerate(text) if ord(c) > 0x7F]
    if not non_ascii:
        return False
    in_runs = 0
    for i in non_ascii:
        c = text[i]
        if not _is_cjk(c):
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if _is_cjk(before) or _is_cjk(after) or not (before.isascii() and before.isalnum()
                                                     and after.isascii() and after.isalnum()):
            in_runs += 1
    return in_runs >= 0.8 * len(non_ascii)


def _guess_encoding(data: bytes) -> str | None:
    """Last resort for other encodings: charset-normalizer, only when it is confident."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1:
        return None
    return str(best)


def normalise_text(text: str) -> str:
    """Newlines to \\n, NFC; no-break spaces and curly quotes kept as they are (the gold keeps them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\ufeff", "")  # a BOM left inside the text (files concatenated)
    return unicodedata.normalize("NFC", text)


def read_bytes(data: bytes, source: str, media_type: str | None = None, *, max_bytes: int | None = None) -> Document:
    """Bytes of one readout → Document; refuses empty, binary, oversized and malformed input."""
    check_bytes(data, source, max_bytes)
    text = normalise_text(decode(data, source))
    check_text(text, source)
    if media_type is None:
        media_type = sniff_media_type(text, source)
    if media_type == "application/json":
        return _json_document(text, source)
    if media_type == "text/html":
        page = html_to_text(text)
        body = clean_plain_text(page.text, markdown=False, unwrap=False)
        if not body.strip():
            raise InputError(f"{source}: HTML page with no text outside scripts, navigation and page furniture")
        return Document(text=body, source=source, media_type=media_type, title=page.title,
                        published=page.published, publisher=page.publisher,
                        language=_page_language(page.language, body))
    # Chinese is not hard-wrapped with spaces: each line break of a Chinese readout is a
    # paragraph (or a headline, a date line) and joining lines would run them together.
    body = clean_plain_text(text, unwrap=detect_language(text) != "zh")
    if not body.strip():
        raise InputError(f"{source}: no text left once markup and page furniture are removed")
    return Document(text=body, source=source, media_type=media_type, language=detect_language(body))


def _page_language(declared: str | None, body: str) -> str:
    """The page's declared language, unless its text says otherwise about Chinese: Chinese
    sites serve English readouts under <html lang="zh-CN">, and the reverse happens."""
    detected = detect_language(body)
    if detected == "zh" or declared in (None, "", "zh"):
        return detected
    return declared


def _json_document(text: str, source: str) -> Document:
    """A curated readout record (GUIDE.md's format), checked against the record schema now."""
    from kg.model.record_json import record_from_json

    try:
        # strict=False: a line separator (U+2028) inside a string is valid JSON, and the text was
        # normalised before parsing (U+2028 became a newline), which strict parsing refuses
        record = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    except RecursionError:
        raise InputError(f"{source}: JSON nested too deeply to be a readout record") from None
    try:
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start:exc.end] if isinstance(exc.object, str) else "?"
        raise InputError(f"{source}: the JSON holds {bad.encode('unicode_escape').decode('ascii')}, "
                         "half of a UTF-16 pair, which is no character") from None
    except RecursionError:
        raise InputError(f"{source}: JSON nested too deeply to be a readout record") from None
    parsed = record_from_json(record, source=source)  # raises RecordError naming the field
    assert isinstance(record, dict)  # record_from_json refused anything else
    body = parsed.text or json.dumps(record, sort_keys=True, ensure_ascii=False)
    info = parsed.document
    return Document(text=body, source=source, media_type="application/json", title=info.title,
                    published=info.published, publisher=info.publisher, language=info.language, record=record)


def sniff_media_type(text: str, source: str) -> str:
    suffix = Path(source).suffix.lower()
    if suffix == ".json":
        return "application/json"
    if suffix in {".html", ".htm", ".xhtml"}:
        return "text/html"
    if looks_like_html(text):
        return "text/html"
    stripped = text.lstrip()
    if stripped.startswith("{") and source == "-":
        return "application/json"
    return "text/plain"


def read_path(path: Path | str, *, max_bytes: int | None = None) -> Document:
    """One file (or "-" for stdin) → Document; `max_bytes` defaults to $KG_MAX_BYTES or 5 MB."""
    limit = max_bytes_default() if max_bytes is None else max_bytes
    if str(path) == "-":
        # Read one byte past the limit, so an endless stream is refused without being held.
        data = sys.stdin.buffer.read(limit + 1)
        return read_bytes(data, "-", max_bytes=limit)
    p = Path(path)
    check_file(p, limit)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from exc
    return read_bytes(data, str(p), max_bytes=limit)


def is_readout_file(path: Path) -> bool:
    return (path.is_file() and path.suffix.lower() in READOUT_SUFFIXES and not path.name.endswith(".gold.json")
            and not any(part.startswith(".") for part in path.parts[-1:]))


def expand_paths(paths: Iterable[str | Path], skipped: list[InputError] | None = None) -> Iterator[Path | str]:
    """Files as given, folders as their readout files (sorted, recursive), "-" as stdin.

    What a folder holds that cannot be read (a subfolder without permission, a link to nothing,
    a link that loops) is skipped, and said in `skipped` when given."""
    for item in paths:
        if str(item) == "-":
            yield "-"
            continue
        p = Path(item)
        if p.is_dir():
            problems: list[InputError] = []
            files = sorted(_folder_files(p, problems))
            if skipped is not None:
                skipped.extend(problems)
            if not files:
                raise InputError(f"{p}: folder holds no readout files ({', '.join(sorted(READOUT_SUFFIXES))})")
            yield from files
        else:
            yield p


def _folder_files(folder: Path, problems: list[InputError]) -> Iterator[Path]:
    """The readout files below `folder`; links to folders are not followed (no loops)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        problems.append(InputError(f"{folder}: cannot read this folder ({exc.strerror}); what it holds was skipped"))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_symlink():
            try:
                path.stat()
            except FileNotFoundError:
                problems.append(InputError(f"{path}: a link to something that does not exist; skipped"))
                continue
            except OSError as exc:
                problems.append(InputError(f"{path}: a link that cannot be followed ({exc.strerror}); skipped"))
                continue
        if entry.is_dir(follow_symlinks=False):
            yield from _folder_files(path, problems)
        elif is_readout_file(path):
            yield path
