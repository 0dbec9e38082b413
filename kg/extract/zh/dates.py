"""Dates as Chinese text writes them, resolved against the publication date and the text before.

`2024年3月15日`, `9月4日至6日`, `11月30日至12月12日`, `18日` (the month of the last date
written before, else of the dateline), `今年4月` (a month only), `当地时间6月19日下午`,
`今天`/`今日`/`近日` (the publication date), `昨天` (the day before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_DAY = r"(?:(?P<y1>\d{4})年)?(?:(?P<rel>今年|去年|明年))?(?:(?P<m1>\d{1,2})月)?(?P<d1>\d{1,2})日"
_RANGE = r"(?:\s*(?:至|到|—|–|-|~)\s*(?:(?P<y2>\d{4})年)?(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日)?"
DATE = re.compile(_DAY + _RANGE)
MONTH_ONLY = re.compile(r"(?:(?P<y>\d{4})年|(?P<rel>今年|去年|明年))(?P<m>\d{1,2})月(?![\d日])|(?P<rel2>今年|去年|明年)?(?P<m2>\d{1,2})月(?:底|初|中旬|上旬|下旬)")
RELATIVE = re.compile(r"今天|今日|近日|日前|昨天|昨日")
SAME_DAY = re.compile(r"同日|当日|当天|同一天")


@dataclass(frozen=True)
class ZhDate:
    start: str  # YYYY-MM-DD, or YYYY-MM for a month
    end: str | None
    span_start: int
    span_end: int


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _year(explicit: str | None, relative: str | None, context_year: int | None) -> int | None:
    if explicit:
        return int(explicit)
    if context_year is None:
        return None
    return context_year + {"去年": -1, "明年": 1}.get(relative or "", 0)


def find_dates(text: str, published: str | None, offset: int = 0, context_month: int | None = None) -> list[ZhDate]:
    """Every date in `text` (offsets shifted by `offset`), full dates and months."""
    pub = date.fromisoformat(published) if published else None
    year_ctx = pub.year if pub else None
    month_ctx = context_month or (pub.month if pub else None)
    out: list[ZhDate] = []
    for match in DATE.finditer(text):
        g = match.groupdict()
        year = _year(g["y1"], g["rel"], year_ctx)
        month = int(g["m1"]) if g["m1"] else month_ctx
        if year is None or month is None:
            continue
        start = _iso(year, month, int(g["d1"]))
        if start is None:
            continue
        end = start
        if g["d2"]:
            end_month = int(g["m2"]) if g["m2"] else month
            end_year = int(g["y2"]) if g["y2"] else (year + 1 if end_month < month else year)
            end = _iso(end_year, end_month, int(g["d2"])) or start
        out.append(ZhDate(start, end, offset + match.start(), offset + match.end()))
        if g["y1"]:
            year_ctx = int(g["y1"])
        month_ctx = month
    taken = [(d.span_start, d.span_end) for d in out]
    for match in MONTH_ONLY.finditer(text):
        s, e = offset + match.start(), offset + match.end()
        if any(a < e and s < b for a, b in taken):
            continue
        g = match.groupdict()
        year = _year(g["y"], g["rel"] or g["rel2"], year_ctx)
        month = int(g["m"] or g["m2"])
        if year and 1 <= month <= 12:
            out.append(ZhDate(f"{year:04d}-{month:02d}", None, s, e))
    for match in SAME_DAY.finditer(text):
        # "同日": the day of the last full date written before it.
        before = [d for d in out if d.span_end <= offset + match.start() and len(d.start) == 10]
        if before:
            same = before[-1].end or before[-1].start
            out.append(ZhDate(same, same, offset + match.start(), offset + match.end()))
    if pub:
        for match in RELATIVE.finditer(text):
            day = pub - timedelta(days=1) if match.group() in ("昨天", "昨日") else pub
            out.append(ZhDate(day.isoformat(), day.isoformat(), offset + match.start(), offset + match.end()))
    return sorted(out, key=lambda d: d.span_start)
