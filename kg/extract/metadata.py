"""Document metadata: title, publication date, publisher and language, as the text states them.

What `kg.read.sources` already read from the file (an HTML `<title>`, a `<meta>` date) wins;
otherwise the head of the text is read: source lines (`文章来源:...2024-09-11 08:46`),
"Published 23 September 2021" / "Publication date: ..." blocks, a date alone on a line,
and datelines ("Singapore, 14 July 2022 –", "Washington, D.C. — September 17, 2021").
Only these explicit forms give a date: a date inside a title or a sentence is the date of
something else, and a wrong publication date would misplace every "today" of the text.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.extract.context import Context
from kg.model.record import DocumentInfo
from kg.read.language import detect_language

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1)
    for name in names
}
# Case-insensitive: readout pages print date lines in capitals ("AUGUST 14, 2024").
_MONTH = r"(?i:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY_MONTH_YEAR = rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH}),?\s+(?P<y1>\d{{4}})"
_MONTH_DAY_YEAR = rf"(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
_NUMERIC = r"(?P<y3>\d{4})[-/.年](?P<m3>\d{1,2})[-/.月](?P<d3>\d{1,2})日?"
# "26/02/2024": day first or month first; read only when one of the two cannot be a month.
_SLASHED = r"(?P<a4>\d{1,2})/(?P<b4>\d{1,2})/(?P<y4>\d{4})"
_ANY_DATE = rf"(?:{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR}|{_NUMERIC}|{_SLASHED})"

_HEAD_CHARS = 1500  # metadata lives at the top of a readout
_MARKUP = r"[\s*#_>\\]*"

# Each pattern names an explicit statement of the publication date.
_DATE_PATTERNS = [
    re.compile(rf"(?:文章来源|来源|发布时间|发布日期|时间)\s*[:：]?[^\n]*?{_NUMERIC}"),
    # The label opens its line or a field of one: "Source: Xinhua | Released 2024-04-18 10:11".
    re.compile(rf"(?im)(?:^{_MARKUP}|\s[|•·]\s*)(?:Published(?: on)?|Posted(?: on)?|Publication date|"
               rf"Date(?: of publication)?|Released|Last updated|Updated|Issued)\s*[:：]?\s*(?:\w+day,?\s+)?{_ANY_DATE}"),
    # "Source: ...    Date: 2024-04-18" on a line of page furniture.
    re.compile(rf"(?i)(?:^|\s)(?:Date|Published|Release date|Publication date)\s*[:：]\s*{_ANY_DATE}"),
    re.compile(rf"(?m)^{_MARKUP}(?:\w+day,?\s+)?{_ANY_DATE}(?:,?\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?{_MARKUP}$"),
    # Dateline: a place, a comma or dash, a date, then a dash or the end of the line.
    # A wire service's tag may follow the date: "Riyadh, November 21, 2024 (SPA) --", "April 14, 2023 /CNW/ -".
    # Latin American and South Asian releases close the dateline with a full stop: "Quito, 9 May 2025. The ...".
    re.compile(rf"(?m)^{_MARKUP}[A-Z][\w .,'’-]{{1,40}}?(?:,|\s[-–—])\s*(?:\w+day,?\s+)?{_ANY_DATE}{_MARKUP}"
               rf"(?:\([A-Z][\w/ ]{{1,20}}\)\s*|/[A-Z][\w ]{{1,20}}/\s*)?(?:[-–—:]|$|\.\s+(?=[A-Z]))"),
    # A date line with page furniture after a bullet: "September 25, 2024 • Statements and Releases".
    re.compile(rf"(?m)^{_MARKUP}(?:\w+day,?\s+)?{_ANY_DATE}\s*[•|·]\s*[A-Z][\w ,&'-]{{0,60}}$"),
    # Date first, then the place: "June 5, 2024 – Bonn, Germany".
    re.compile(rf"(?m)^{_MARKUP}(?:\w+day,?\s+)?{_ANY_DATE}\s+[-–—]\s+[A-Z][\w .,'’-]{{1,40}}$"),
]
_DATELINE_INDEX = 4  # the pattern that, met first, means the text opens with its dateline paragraph

_SOURCE_LINE = re.compile(r"(?:文章来源|来源|Source)\s*[:：]\s*(?P<source>[^\n\d]{2,60}?)\s*(?:\d{4}[-/]|$)", re.M)
_PUBLISHER_LINE = re.compile(
    r"(?m)^[\s*#_]*(?P<org>(?:The White House|Office of the Spokesperson|Prime Minister's Office|"
    r"Directorate-General for [A-Z][\w ,&-]+|Ministry of [A-Z][\w ,&-]+|Department of [A-Z][\w ,&-]+|"
    r"Press Office[\w ,&-]*|Office of the [A-Z][\w ,&-]+))[\s*_]*$"
)
_FURNITURE = re.compile(
    r"(?i)^(?:press release|news|news release|statement|statements and releases|briefing room|readout|"
    r"\d+ min read|share|print|home|speeches and remarks|fact sheet|media release|press statement)"
    r"(?:\s*\((?:unofficial )?(?:english )?translation\)|\s*\(unofficial[^)]{0,40}\))?$"
)


def parse_date_parts(year: str, month: str, day: str) -> str | None:
    """'2024', 'September' or '9', '4' → '2024-09-04'; None if not a calendar date."""
    month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    try:
        return date(int(year), int(month_number or 0), int(day)).isoformat()
    except ValueError:
        return None


def _date_of(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    for y, m, d in (("y1", "m1", "d1"), ("y2", "m2", "d2"), ("y3", "m3", "d3")):
        if groups.get(y):
            return parse_date_parts(groups[y], groups[m], groups[d])
    if groups.get("y4"):
        a, b = int(groups["a4"]), int(groups["b4"])
        if a > 12 >= b:
            return parse_date_parts(groups["y4"], str(b), str(a))
        if b > 12 >= a:
            return parse_date_parts(groups["y4"], str(a), str(b))
    return None


def find_published(text: str) -> str | None:
    head = text[:_HEAD_CHARS]
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(head):
            found = _date_of(match)
            if found:
                return found
    return None


def _clean_line(line: str) -> str:
    line = re.sub(r"^[\s#>*_\\]+|[\s*_\\]+$", "", line)
    return re.sub(r"\*\*|__", "", line).strip()


def find_title(text: str) -> str | None:
    """The first line that reads as a heading, after dates, source lines and page furniture."""
    lines = text[:_HEAD_CHARS].split("\n")
    for index, raw in enumerate(lines):
        line = _clean_line(raw)
        if not line or _FURNITURE.match(line) or line.startswith("![") or re.fullmatch(r"\d{1,2}:\d{2}(?::\d{2})?", line):
            continue
        if any(p.fullmatch(line) or p.match(line) for i, p in enumerate(_DATE_PATTERNS) if i != _DATELINE_INDEX):
            continue
        if _is_page_furniture(line, lines[index + 1:index + 12]):
            continue
        if _PUBLISHER_LINE.fullmatch(raw.strip()) or re.fullmatch(r"[\w .'-]+ min read", line):
            continue
        if _DATE_PATTERNS[_DATELINE_INDEX].match(line):
            return None  # the text opens with its dateline paragraph: it has no title line
        followed_by_break = index + 1 >= len(lines) or not lines[index + 1].strip()
        if len(line) <= 200 and (followed_by_break or not re.search(r"[.!?]$", line)):
            return line
        return None
    return None


# Names of issuing bodies that head a page: "Ministry of ...", "Council of the EU".
_ISSUER_LINE = re.compile(
    r"^(?:The |Federal |Royal )?(?:Ministry|Ministère|Ministerio|Ministério|Secretaría|Department|Office|Council of|Government of|Embassy|"
    r"Permanent Mission|Directorate|Secretariat|State Council|Prime Minister's Office|White House|"
    r"European Commission|Agency)\b[^.!?]{0,100}$")
_NAVIGATION = re.compile(r"\s[|>]\s|^\[[A-Za-z ]+\]|^(?:From|By|Source)\s*:", re.I)


def _is_page_furniture(line: str, following: list[str]) -> bool:
    """An issuer's name, a navigation bar or a "From: ..." byline above the headline."""
    if _NAVIGATION.search(line) or _ISSUER_LINE.match(line):
        return True
    # gc.ca style: the department's name, repeated later as "From: <name>".
    return any(line in f and re.fullmatch(rf"\s*From\s*:\s*{re.escape(line)}\s*", f) for f in following)


def find_publisher(text: str) -> str | None:
    head = text[:_HEAD_CHARS]
    source = _SOURCE_LINE.search(head)
    if source:
        # "Source: Department of International Cooperation    Date: ..." or "Source: Xinhua |
        # Released ..." — the name ends at the next field.
        name = re.split(r"\s{2,}|\t|\s[|•·]\s|\b(?:Date|Time|Published|发布时间|时间)\b", source.group("source"))[0]
        return name.strip(" ,;:-") or None
    for match in _PUBLISHER_LINE.finditer(head[:600]):
        return match.group("org").strip()
    byline = re.search(r"(?m)^\s*From\s*:\s*(?P<org>[A-Z][^\n]{2,80}?)\s*$", head)
    if byline:
        return byline.group("org")
    first = next((_clean_line(line) for line in head.split("\n") if line.strip()), "")
    if _ISSUER_LINE.match(first):
        return first
    return None


def find_language(text: str) -> str:
    """'zh' when CJK characters outnumber Latin letters, else 'en' (kg.read.language)."""
    return detect_language(text)


_SIDECAR = "index.jsonl"


@lru_cache(maxsize=32)
def _sidecar_entries(folder: str, modified: float) -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    try:
        lines = (Path(folder) / _SIDECAR).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return entries
    for line in lines:
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            entries[entry["file"]] = entry
    return entries


def sidecar_metadata(source: str) -> dict[str, Any]:
    """What a collection's `index.jsonl` beside the file says of it (file, title, publisher, date).

    Collections of readouts often keep their publication metadata apart from the texts; a
    text that gives no date of its own ("met today") is dated by it.
    """
    if not source or source == "-":
        return {}
    path = Path(source)
    index = path.parent / _SIDECAR
    try:
        modified = index.stat().st_mtime
    except OSError:
        return {}
    return _sidecar_entries(str(path.parent), modified).get(path.name, {})


def _valid_date(value: Any) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        year, month, day = value.split("-")
        return parse_date_parts(year, month, day)
    return None


def extract_document_info(ctx: Context) -> DocumentInfo:
    """What the text (or its source file) says of the document; the text wins over a sidecar index."""
    doc, text = ctx.doc, ctx.text
    sidecar = sidecar_metadata(doc.source)
    return DocumentInfo(
        title=doc.title or find_title(text) or (sidecar.get("title") if isinstance(sidecar.get("title"), str) else None),
        published=doc.published or find_published(text) or _valid_date(sidecar.get("date")),
        publisher=doc.publisher or find_publisher(text) or (
            sidecar.get("publisher") if isinstance(sidecar.get("publisher"), str) else None),
        language=find_language(text) if doc.language in (None, "", "en") else doc.language,
    )
