"""What a Chinese readout says of itself: headline, publication date, publisher.

The publication date, in order of preference (ZH.md): a 发布时间/来源/时间 line with a full
date; a full date alone near the top (a reprint's timestamp line); the agency dateline
(新华社北京9月8日电, 中新网 1月12日电), whose year comes from the dateline itself, else from
the collection's index, else from the first full date of the text; else the index date.
"""

from __future__ import annotations

import re
from datetime import date

from kg.extract.metadata import find_publisher, sidecar_metadata
from kg.model.record import DocumentInfo
from kg.read.document import Document

_DATE_LINE = re.compile(r"(?:发布时间|发布日期|时间|日期|来源)\s*[:：]?[^\n]{0,40}?(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_BARE_DATE = re.compile(r"(?m)^[^\n]{0,60}?(?<!\d)(\d{4})(?:-|年)(\d{1,2})(?:-|月)(\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
_DATELINE = re.compile(r"(?:社|网|报|台|电视台)?\s*[\u4e00-\u9fff]{0,8}?(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:电|讯)")
_HEAD = 600


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_published(text: str, index_date: str | None) -> str | None:
    head = text[:_HEAD]
    for pattern in (_DATE_LINE, _BARE_DATE):
        match = pattern.search(head)
        if match:
            found = _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            if found:
                return found
    dateline = _DATELINE.search(head)
    if dateline:
        year = dateline.group(1) or (index_date[:4] if index_date else None)
        if year is None:
            first = re.search(r"(\d{4})年\d{1,2}月", text)
            year = first.group(1) if first else None
        if year:
            found = _iso(int(year), int(dateline.group(2)), int(dateline.group(3)))
            if found:
                return found
    return index_date


def find_title(text: str) -> str | None:
    """The first line, when it reads as a headline: short, not a dateline, not a sentence."""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if _DATELINE.search(line[:30]) or _DATE_LINE.match(line) or len(line) > 80 or line.endswith("。"):
            return None
        return line
    return None


def extract_document_info(doc: Document) -> DocumentInfo:
    sidecar = sidecar_metadata(doc.source)
    index_date = sidecar.get("date") if isinstance(sidecar.get("date"), str) else None
    if index_date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", index_date):
        index_date = None
    return DocumentInfo(
        title=doc.title or find_title(doc.text),
        published=doc.published or find_published(doc.text, index_date),
        publisher=doc.publisher or find_publisher(doc.text) or (
            sidecar.get("publisher") if isinstance(sidecar.get("publisher"), str) else None),
        language="zh",
    )
