"""Clues about which event a date or a forum mention in a readout belongs to.

A meeting's date must be its own clause's: a wire dateline dates the release, a forum named
inside a person's title ("COP29 President-designate") or a remembered anniversary is no
session held, and a future event after a past meeting in one paragraph is not the same day.
Sentences cut at a hard line break are joined back into units, but a headline is not joined
to the sentence under it.
"""

from __future__ import annotations

import re

from kg.extract.context import Context
from kg.extract.dates import DateMention
from kg.extract.sentences import Sentence

_DATELINE_AFTER = re.compile(r"^\**\s*[–—-]")
# "Abu Dhabi [UAE], November 1 (ANI/WAM):", "GATINEAU, QC, April 14, 2023 /CNW/ -": a wire dateline.
_WIRE_AFTER = re.compile(r"^\**\s*(?:/[^/\n]{1,24}/|\([^)\n]{1,30}\))?\s*[–—:-]")
_PLACE_BEFORE = re.compile(r"^[\s*#_]*[A-Z][\w .,'’()\[\]-]{0,60},\s*$")
# "the COP28 Presidency", "COP27 President": a title, not the conference as an event.
_TITLE_AFTER = re.compile(r"\s*(?:Presidency|President|presidency|president)\b")
# "president-designate of the 29th session of the Conference of the Parties ... (COP29)", "Committee
# Overseeing Preparations for the 28th UN Climate Change Conference": a forum named inside a person's title.
_TITLE_BEFORE = re.compile(r"\b(?:[Pp]resident|[Pp]residency|[Cc]hair(?:man|woman|person)?|[Pp]reparations|[Ss]ecretary|"
                           r"[Ee]nvoy|[Cc]ommissioner|[Mm]inister)(?:[- ]designate|-elect)?\s+(?:of|for|to)\s+the\s+")
_TITLE_FILLER = re.compile(r"[^,;:\n]*")
_TITLE_LOWER_OK = {"of", "the", "to", "on", "for", "and", "in", "session", "annual", "st", "nd", "rd", "th"}
# "marking the 50th anniversary of the first Earth Summit": a past event remembered, not held.
_REMEMBERED = re.compile(r"\banniversary\s+of\s+(?:the\s+)?(?:first\s+|\w+(?:st|nd|rd|th)\s+)?$", re.I)


def in_title(text: str, start: int, end: int, sentence_start: int) -> bool:
    """Whether a forum mention at text[start:end] is part of a title ("COP26 President", "President
    of the COP29") or of a remembered past event ("the anniversary of the first UN General Assembly")."""
    if _TITLE_AFTER.match(text[end:end + 14]) or _REMEMBERED.search(text[max(sentence_start, start - 60):start]):
        return True
    before = text[max(sentence_start, start - 200):start]
    cue = next(reversed(list(_TITLE_BEFORE.finditer(before))), None)
    if cue is None:
        return False
    between = before[cue.end():]
    if not _TITLE_FILLER.fullmatch(between):
        return False
    return all(w in _TITLE_LOWER_OK for w in re.findall(r"\b[a-z]+\b", between))
def is_dateline(ctx: Context, d: DateMention, sentence_start: int) -> bool:
    """"Singapore, 14 July 2022 – ..." and "Published 23 September 2021" date the document."""
    after = ctx.text[d.end:d.end + 6]
    before = ctx.text[max(sentence_start, d.start - 40):d.start]
    if _DATELINE_AFTER.match(after):
        return True
    line_start = ctx.text.rfind("\n", 0, d.start) + 1
    if ctx.published and _WIRE_AFTER.match(ctx.text[d.end:d.end + 40]) and _PLACE_BEFORE.match(ctx.text[line_start:d.start]):
        return True
    if re.search(r"(?:Published|Publication date|Updated)\s*$", before, re.I):
        return True
    line_start = ctx.text.rfind("\n", 0, d.start) + 1
    line_end = ctx.text.find("\n", d.end)
    return _alone_on_line(ctx.text[line_start:line_end if line_end >= 0 else len(ctx.text)], d.text)


_LINE_BEFORE_DATE = re.compile(r"[\s*#_]*(?:[A-Z][\w ]*,\s*)?")  # "**Singapore, " or nothing
_LINE_AFTER_DATE = re.compile(r"[\s*_]*")


def _alone_on_line(line: str, date: str) -> bool:
    """Whether `line` is the date (as written), at most after a place and a comma, and emphasis:
    the two patterns tried at each place the date is written, instead of one pattern made and
    compiled for each date (they filled the regular-expression cache)."""
    at = line.find(date)
    while at >= 0:
        if _LINE_BEFORE_DATE.fullmatch(line, 0, at) and _LINE_AFTER_DATE.fullmatch(line, at + len(date)):
            return True
        at = line.find(date, at + 1)
    return False


# "Tomorrow, ...", "On 3 May ...", "The ministers ...": a line that opens a sentence of its own, after a headline.
_OPENS_SENTENCE = re.compile(r"(?:[A-Z][a-z]+,\s|(?:On|In|At|During|Today|Tomorrow|Yesterday|The|This|We|They)\s)")


_FUTURE_CLAUSE = re.compile(r"\b(?:will|shall|is\s+to|are\s+to|to\s+be\s+held|plans?\s+to|intends?\s+to|"
                            r"is\s+scheduled|are\s+scheduled|is\s+expected|going\s+to)\b", re.I)
_OTHER_TIME = re.compile(r"\b(?:later\s+(?:this|that|in\s+the)\s+(?:year|month|week)|next\s+(?:year|month|week)|"
                         r"in\s+the\s+coming\s+(?:days|weeks|months)|upcoming|forthcoming|previous|last\s+year|"
                         r"earlier\s+this\s+(?:year|month))\b", re.I)


def another_time(sentence: str, dated: str) -> bool:
    """Whether an undated sentence speaks of another time than the dated one before it: a future event
    after a past meeting, or a time of its own ("later this year", "upcoming")."""
    if _OTHER_TIME.search(sentence):
        return True
    return bool(_FUTURE_CLAUSE.search(sentence)) and not _FUTURE_CLAUSE.search(dated)


def sentence_units(ctx: Context) -> list[Sentence]:
    """Sentences, with a fragment cut at a hard line break ("... and President\nLuiz Lula ... met in")
    joined to the sentence it continues, so a date and its meeting verb are read together."""
    units: list[Sentence] = []
    for sentence in ctx.sentences:
        if units:
            last = units[-1]
            gap = ctx.text[last.end:sentence.start]
            if (not re.search(r"[.!?:;\"'”’)\]*_]\s*$", last.text) and "\n\n" not in gap and not gap.strip()
                    and gap.count("\n") == 1 and not _OPENS_SENTENCE.match(sentence.text)):
                units[-1] = Sentence(last.start, sentence.end, ctx.text[last.start:sentence.end], last.paragraph)
                continue
        units.append(sentence)
    return units
