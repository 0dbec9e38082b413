"""The year a committed action is due, read from its sentence and the publication date."""

from __future__ import annotations

import re

from kg.extract.dates import parse_iso
from kg.extract.forum_names import find_cops
from kg.model.reference import cops

_YEAR = re.compile(r"(?<![\d$.,-])(20\d\d)(?![\d%])")
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)")


def target_year(text: str, published: str | None) -> int | None:
    """The year the committed action is due: "this year" (publication year), "ahead of COP 27"
    (the COP's year), "by 2030", "2035 NDCs"; past years ("from 2020 levels") are not targets."""
    pub = parse_iso(published)
    if pub and re.search(r"\bthis\s+year\b|\b(?:by|before)\s+the\s+end\s+of\s+(?:this|the)\s+year\b|\bby\s+year-end\b",
                         text, re.I):
        return pub.year
    ahead = re.search(r"\b(?:ahead\s+of|before|by)\s+(?:the\s+)?(COP\s?-?\s?\d{1,2})", text) or re.search(
        rf"\b(COP\s?-?\s?\d{{1,2}})\b[^.;]{{0,60}}?\b(?:in|this|next)\s+{_MONTH}\b(?!\s+\d)", text, re.I)
    if ahead:  # "ahead of COP 27", "a successful COP26 in Glasgow in November": the COP's year
        numbers = [c.number for c in find_cops(ahead.group(1))]
        years = {ref.number: ref.year for ref in cops()}
        if numbers and numbers[0] in years:
            return years[numbers[0]]
    dated = re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]+\s+(20\d\d)\b|\b[A-Z][a-z]+\s+\d{1,2},?\s+(20\d\d)\b",
                      text)
    if dated:
        year = int(dated.group(1) or dated.group(2))
        if pub is None or year >= pub.year:
            return year  # "on 14 July 2021, it will present": the action's own date
    due: int | None = None
    label: int | None = None
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        before = text[max(0, m.start() - 25):m.start()].lower()
        if pub and year < pub.year:
            continue
        if re.search(r"\b(?:no|not)\s+later\s+than\s+$", before):
            due = year if due is None else due  # "no later than 2050"
            continue
        if re.search(r"(?:from|since|compared\s+to|compared\s+with|than|in\s+\w+|levels\s+of)\s+$", before) and \
                not re.search(rf"\bin\s+(?:{_MONTH}\s+)?$", before):
            continue
        if re.search(r"(?:by|in|before|until|through|of|to)\s+(?:the\s+end\s+of\s+)?(?:\w+\s+)?$", before):
            due = year if due is None else due
        elif re.match(r"\s*(?:NDCs?|targets?|goals?|climate\s+target|emissions?\s+target)", text[m.end():]):
            label = year if label is None else label
    # The due date of the action wins over the year a target is named after ("submit its NDC, with a
    # 2035 target, in 2025" is due in 2025); a label alone ("2035 NDCs") is the target year.
    return due if due is not None else label
