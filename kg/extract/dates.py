"""Dates in readouts: explicit dates, ranges, month-only dates and relative words, resolved to ISO.

Readouts date events loosely ("September 4-6, 2024", "from 26 to 27 September 2023",
"On 13 and 14 July", "on September 6", "On Monday", "today", "in November 2024"), so every
mention carries the text it was read from and is resolved against a reference: the
publication date, or else the nearest explicit year in the text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = (r"(?P<{0}>January|February|March|April|May|June|July|August|September|October|November|December|"
          r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)")
# "February 26 (Tue)": a weekday in brackets after the day only confirms it.
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\))?"
_YEAR = r"(?P<{0}>(?:19|20)\d\d)"
_DASH = r"\s*(?:-|–|—|to|until|through|till)\s*"


def _p(template: str, name: str) -> str:
    return template.format(name)


# Ordered most specific first: the first pattern that matches a stretch of text wins it.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Between September 4 and September 6, 2024 / between 4 September and 6 September 2024: "and" closes a range
    ("mdy-mdy", re.compile(
        rf"\bbetween\s+{_p(_MONTH, 'm1')}\s+{_p(_DAY, 'd1')}(?:,?\s+{_p(_YEAR, 'y1')})?\s+and\s+"
        rf"{_p(_MONTH, 'm2')}\s+{_p(_DAY, 'd2')}\b(?:,?\s+{_p(_YEAR, 'y2')})?", re.I)),
    ("dmy-dmy", re.compile(
        rf"\bbetween\s+(?:the\s+)?{_p(_DAY, 'd1')}\s+(?:of\s+)?{_p(_MONTH, 'm1')}(?:,?\s+{_p(_YEAR, 'y1')})?\s+and\s+"
        rf"(?:the\s+)?{_p(_DAY, 'd2')}\s+(?:of\s+)?{_p(_MONTH, 'm2')}(?:,?\s+{_p(_YEAR, 'y2')})?", re.I)),
    # 30 November to 12 December 2023 / 30 November 2023 - 12 December 2023
    ("dmy-dmy", re.compile(
        rf"\b{_p(_DAY, 'd1')}\s+(?:of\s+)?{_p(_MONTH, 'm1')}(?:,?\s+{_p(_YEAR, 'y1')})?{_DASH}"
        rf"{_p(_DAY, 'd2')}\s+(?:of\s+)?{_p(_MONTH, 'm2')}(?:,?\s+{_p(_YEAR, 'y2')})?", re.I)),
    # November 30 - December 12, 2023
    ("mdy-mdy", re.compile(
        rf"\b{_p(_MONTH, 'm1')}\s+{_p(_DAY, 'd1')}(?:,?\s+{_p(_YEAR, 'y1')})?{_DASH}"
        rf"{_p(_MONTH, 'm2')}\s+{_p(_DAY, 'd2')}\b(?:,?\s+{_p(_YEAR, 'y2')})?", re.I)),
    # September 4-6, 2024 / July 13 and 14
    ("md-d-y", re.compile(
        rf"\b{_p(_MONTH, 'm1')}\s+{_p(_DAY, 'd1')}(?:{_DASH}|\s+and\s+){_p(_DAY, 'd2')}\b(?:,?\s+{_p(_YEAR, 'y1')})?",
        re.I)),
    # 4–6 September 2024 / from 26 to 27 September 2023 / 13 and 14 July / from the 4th to the 6th of September
    ("d-dmy", re.compile(
        rf"\b(?:the\s+)?{_p(_DAY, 'd1')}(?:{_DASH}|\s+and\s+)(?:the\s+)?{_p(_DAY, 'd2')}\s+(?:of\s+)?{_p(_MONTH, 'm1')}(?:,?\s+{_p(_YEAR, 'y1')})?",
        re.I)),
    # 14 July 2022 / 21st of May 2023 / 6 September
    ("dmy", re.compile(rf"\b{_p(_DAY, 'd1')}\s+(?:of\s+)?{_p(_MONTH, 'm1')}(?:,?\s+{_p(_YEAR, 'y1')})?", re.I)),
    # September 6, 2024 / July 14 2025 / September 6
    ("mdy", re.compile(rf"\b{_p(_MONTH, 'm1')}\s+{_p(_DAY, 'd1')}\b(?!\s*(?:%|percent|bcm|million|billion))(?:,?\s+{_p(_YEAR, 'y1')})?",
                       re.I)),
    # 2024-09-11, 2024年9月11日
    ("iso", re.compile(r"\b(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)\b")),
    ("iso", re.compile(r"(?P<y1>(?:19|20)\d\d)\s*年\s*(?P<m1>[01]?\d)\s*月\s*(?P<d1>[0-3]?\d)\s*日")),
    # in November 2024 / this September / in November
    ("month", re.compile(
        rf"\b(?:(?P<rel>this|next|last|early|late|mid|early-|mid-|late-)\s*)?{_p(_MONTH, 'm1')}(?:,?\s+{_p(_YEAR, 'y1')})?\b",
        re.I)),
    # today, tonight, yesterday, tomorrow, this week, this year
    ("relative", re.compile(r"\b(?P<rel>today|tonight|yesterday|tomorrow|this\s+week|this\s+year|next\s+year|last\s+year)\b",
                            re.I)),
    # "with just 44 days left to COP26": a countdown from the publication date
    ("countdown", re.compile(r"\b(?P<n>\d{1,3})\s+days\s+(?:left\s+|remaining\s+)?(?:to|until|before)\b", re.I)),
    # On Monday / Monday's / on Sunday
    ("weekday", re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
]

# Capitalised month names that are also ordinary words: only dates when a day or year is near.
_AMBIGUOUS_MONTHS = {"may", "march", "jan", "mar", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "feb", "apr"}
_FUTURE = re.compile(r"\b(will|shall|to be held|is to|are to|scheduled|upcoming|forthcoming|next|plans? to|is set to|"
                     r"would|going to|ahead)\b", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date read from text: `start`/`end` offsets, the text, and the resolved ISO values.

    `begin` and `finish` are "YYYY-MM-DD", or "YYYY-MM" for a month-only date, or "YYYY" for
    "this year"; `finish` equals `begin` for a single day. `kind` is the pattern that read it.
    """

    start: int
    end: int
    text: str
    begin: str
    finish: str
    kind: str

    @property
    def is_full(self) -> bool:
        return len(self.begin) == 10


def parse_iso(value: str | None) -> date | None:
    """'2024-09-11' -> date; anything else -> None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month(value: str | None) -> int | None:
    if value and value.isdigit():
        return int(value) if 1 <= int(value) <= 12 else None
    return MONTHS.get(value.lower().rstrip(".")) if value else None


def explicit_years(text: str) -> list[tuple[int, int]]:
    """(offset, year) of every four-digit year 1990-2099 written in the text."""
    return [(m.start(), int(m.group())) for m in re.finditer(r"(?<![\d./-])(?:199\d|20\d\d)(?![\d])", text)]


def context_year(text: str, offset: int, published: str | None) -> int | None:
    """The year an undated "on September 6" takes: the publication year, else the nearest
    explicit year written before it (or after it, when none comes before)."""
    pub = parse_iso(published)
    if pub is not None:
        return pub.year
    years = explicit_years(text)
    before = [y for pos, y in years if pos < offset]
    if before:
        return before[-1]
    return years[0][1] if years else None


def resolve_weekday(weekday: int, published: str | None, future: bool) -> str | None:
    """"On Monday" in a document published on `published`: the Monday of that week's past
    (the latest on or before the date) or, for future tense, the next one on or after it."""
    pub = parse_iso(published)
    if pub is None:
        return None
    if future:
        delta = (weekday - pub.weekday()) % 7
        return (pub + timedelta(days=delta)).isoformat()
    delta = (pub.weekday() - weekday) % 7
    return (pub - timedelta(days=delta)).isoformat()


def _resolve(kind: str, m: re.Match[str], text: str, offset: int, published: str | None,
             future: bool) -> tuple[str, str] | None:
    g = m.groupdict()
    if kind == "relative":
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        pub = parse_iso(published)
        if pub is None:
            return None
        if rel in ("today", "tonight", "this week"):
            return pub.isoformat(), pub.isoformat()
        if rel == "yesterday":
            d = (pub - timedelta(days=1)).isoformat()
            return d, d
        if rel == "tomorrow":
            d = (pub + timedelta(days=1)).isoformat()
            return d, d
        relative_year = pub.year + {"this year": 0, "next year": 1, "last year": -1}[rel]
        return str(relative_year), str(relative_year)
    if kind == "countdown":
        pub = parse_iso(published)
        if pub is None:
            return None
        ahead = (pub + timedelta(days=int(g["n"]))).isoformat()
        return ahead, ahead
    if kind == "weekday":
        weekday = resolve_weekday(WEEKDAYS[g["wd"].lower()], published, future)
        return (weekday, weekday) if weekday else None
    m1 = _month(g.get("m1"))
    if m1 is None:
        return None
    y1 = int(g["y1"]) if g.get("y1") else None
    y2 = int(g["y2"]) if g.get("y2") else None
    found_year = y2 or y1 or context_year(text, offset, published)
    if found_year is None:
        return None
    year = found_year
    if kind == "month":
        if not g.get("y1") and g["m1"].lower() in _AMBIGUOUS_MONTHS and not g.get("rel"):
            return None
        pub = parse_iso(published)
        if g.get("rel") and g["rel"].lower() == "next" and not g.get("y1") and pub and m1 <= pub.month:
            year = pub.year + 1
        value = f"{year:04d}-{m1:02d}"
        return value, value
    d1 = int(g["d1"])
    if kind in ("dmy", "mdy", "iso"):
        day = _iso(year, m1, d1)
        return (day, day) if day else None
    d2 = int(g["d2"])
    m2 = _month(g.get("m2")) or m1
    y_first = y1 or (year - 1 if m2 < m1 else year)
    first, last = _iso(y_first, m1, d1), _iso(year, m2, d2)
    if first is None or last is None or last < first:
        return None
    return first, last


def find_dates(text: str, published: str | None = None, *, base: int = 0,
               context: str | None = None) -> list[DateMention]:
    """Every date mention in `text`, in order, resolved against `published`.

    `base` is added to offsets (for a sentence inside a document); `context` is the whole
    document, used to find the nearest explicit year when there is no publication date.
    Tense for weekdays is read from `text` itself (a sentence): "will" looks forward.
    """
    doc = context if context is not None else text
    future = bool(_FUTURE.search(text))
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            resolved = _resolve(kind, m, doc, base + s, published, future)
            if resolved is None:
                if kind not in ("month", "relative", "weekday", "countdown"):
                    taken.append((s, e))  # "31 February 2024" is no date, nor is its "February 2024"
                continue
            taken.append((s, e))
            found.append(DateMention(base + s, base + e, m.group(), resolved[0], resolved[1], kind))
    # "Tuesday 5 March 2024", "Monday, November 14, 2022": the weekday only names the date beside it.
    found = [d for d in found if d.kind != "weekday" or not any(
        o.kind not in ("weekday", "relative") and 0 <= o.start - d.end <= 3 for o in found)]
    found.sort(key=lambda d: d.start)
    return found


def format_day(value: date) -> str:
    """A date as readouts write it, "4 September 2024" (used by tests and examples)."""
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"
