"""A readout's structure: the blocks of its text (title, dateline, headings, paragraphs, list
items, table rows), each an exact span of the normalised `Document.text`.

Later stages read sentences inside blocks, never across them, and ask a block what it is:
a list item knows the lead-in that introduced it ("the two governments will:" + items), so a
commitment made by the lead-in's subject is found once per item.

How a line break is judged, per paragraph (a run of lines between blank lines), not with one
line width for the whole document:
- a list marker (`-`, `*`, `•`, `1.`, `(a)`, `iv)`, a no-break space after it), a table row,
  or a line that ends in ":" always break;
- a line that continues in lower case, or stops mid-clause ("... between the"), continues;
- in a paragraph whose lines crowd under one column (a hard-wrapped paragraph), a line
  continues when the next line's first word would not have fitted on it, as a wrapping
  editor does; a line longer than that column (edited after wrapping) continues too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WS = " \t\r\u00a0\u3000\u2028\u2029"
_BULLET = r"(?:[•◦▪‣∙·*\-–—+>]|#{1,6})"
_NUMBERED = (r"(?:\d{1,3}(?=[ \t\u00a0]+[A-Z“\"‘])|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)](?=[ \t\u00a0]+[A-Za-z“\"‘])|"
             r"\([ivxlcIVXLC]{1,5}\)|[ivxIVX]{1,4}[.)]|\(\d{1,3}\))")
MARKER = re.compile(rf"[ \t\u00a0\u3000]*(?:{_BULLET}|{_NUMBERED})[ \t\u00a0\u3000]+(?=\S)")
_TERMINAL = re.compile(r"[.!?。！？:;…][\"'”’)\]」』*_]*$")
_OPEN_END = re.compile(r"(?:[,(\-–—/&]|\b(?:and|or|of|the|a|an|to|for|in|on|with|by|at|from|as|that|its|their|"
                       r"between))$")
_FORCED_END = re.compile(r"(?::|<br\s*/?>)$", re.IGNORECASE)
_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
           r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_DATELINE = re.compile(
    rf"^(?:[A-Z][\w.,' -]{{0,40}}?[,:–—-]\s*)?(?:\w+day,?\s+)?(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|"
    rf"\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}年\d{{1,2}}月\d{{1,2}}日)\W*$")


@dataclass(frozen=True)
class Block:
    """One block of the text: `text[start:end]` whole, `text[body_start:end]` without its list marker.

    `kind` is "title" (the first line, unpunctuated), "dateline", "heading" (a short
    unpunctuated line), "paragraph", "item" (a list entry, marked or under a lead-in) or
    "table-row". `lead_in` is the index of the block whose last sentence ends in ":" and
    introduces this item.
    """

    index: int
    kind: str
    start: int
    end: int
    body_start: int
    marker: str = ""
    lead_in: int | None = None


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _runs(text: str, lines: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Lines grouped into paragraphs: runs of non-blank lines between blank ones."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in lines:
        if text[start:end].strip(_WS):
            current.append((start, end))
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _length(line: str) -> int:
    return len(line.rstrip(_WS))


def run_width(lines: list[str]) -> int | None:
    """The column one paragraph's lines were wrapped at, or None when they are not wrapped.

    A wrapping editor breaks a line exactly when the next word would not fit, so a column W
    explains a break when `len(line) <= W < len(line) + 1 + len(next word)`. The paragraph is
    wrapped when one W of 40 to 110 explains every break (one line longer than W, edited after
    wrapping, or one early break is forgiven when three others agree).
    """
    breaks: list[tuple[int, int]] = []
    mid_sentence = 0
    for line, nxt in zip(lines, lines[1:], strict=False):
        words = nxt.split()
        if not words or not line.strip(_WS) or not line.split():  # (a line of control characters only)
            return None
        if MARKER.match(nxt) or _FORCED_END.search(line.rstrip(_WS)) or line.lstrip(_WS).startswith(("#", "|")):
            continue  # a list entry, a lead-in or a <br> ends its line on purpose: no clue to the column
        if len(line.split()[-1]) > 40:
            continue  # an unbreakable token (a link) overhangs any column
        breaks.append((_length(line), _length(line) + 1 + len(words[0])))
        mid_sentence += not _TERMINAL.search(line.rstrip(_WS))
    if len(breaks) < 2 or 2 * mid_sentence < len(breaks):  # lines that each end a sentence are not wrapped
        return None
    best: tuple[int, int] | None = None
    for width in sorted({low for low, _ in breaks}):
        if not 40 <= width <= 110:
            continue
        explained = sum(1 for low, high in breaks if low <= width < high)
        longer = sum(1 for low, _ in breaks if width < low <= 1.6 * width)
        unexplained = len(breaks) - explained - longer
        if explained >= 2 and longer + unexplained <= (1 if explained >= 3 else 0) and \
                (best is None or explained > best[0]):
            best = (explained, width)
    return best[1] if best else None


def document_width(text: str) -> int | None:
    """The wrap column of the document's wrapped paragraphs (their median), for short paragraphs
    of two lines, which cannot show a column of their own."""
    lines = _line_spans(text)
    widths = sorted(w for run in _runs(text, lines)
                    if (w := run_width([text[s:e] for s, e in run])) is not None)
    return widths[len(widths) // 2] if widths else None


def is_soft_break(line: str, nxt: str, width: int | None) -> bool:
    """Whether the line break between `line` and `nxt` is a wrap inside one block."""
    this, following = line.strip(_WS), nxt.strip(_WS)
    if not this or not following or MARKER.match(nxt) or _TABLE_ROW.match(nxt) or _TABLE_ROW.match(line):
        return False
    if this.endswith(":") or this.startswith("#"):
        return False  # a lead-in or a heading ends its block
    first = following[0]
    wraps = width is not None and first.isalnum() and (
        _length(line) + 1 + len(following.split()[0]) > width or _length(line) > width)
    if this.endswith(";"):
        return wraps and first.islower()
    if first.islower():
        return True  # a sentence goes on in lower case
    if _TERMINAL.search(this):
        return wraps and _length(line) >= 0.75 * width if width else False
    if _OPEN_END.search(this):
        return True  # stops mid-clause: "... between the", "... China and"
    if len(this) >= 100 and len(following) <= 40 and _TERMINAL.search(following) and first.isalnum():
        return True  # a stray break before a sentence's last words: "... Forests Forever\nFacility."
    return wraps


def _blocks_of_run(text: str, run: list[tuple[int, int]], fallback: int | None) -> list[tuple[int, int]]:
    lines = [text[s:e] for s, e in run]
    width = run_width(lines) or (fallback if len(lines) <= 3 else None)
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for index, (start, end) in enumerate(run):
        current = (current[0], end) if current else (start, end)
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if not is_soft_break(lines[index], nxt, width):
            spans.append(current)
            current = None
    if current:
        spans.append(current)
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _WS + "\n":
        start += 1
    while end > start and text[end - 1] in _WS + "\n":
        end -= 1
    return start, end


def _is_unpunctuated(body: str) -> bool:
    body = body.strip("*#_ \u00a0")
    return bool(body) and not re.search(r"[.!?:;,\"”’)\]。！？：；]$", body) and len(body.split()) <= 20


# Verbs that open the entries of action lists ("Expand grid storage.", "Launch a fund;"): an
# entry of a list whose markers the page lost starts with one, or with a gerund, not with a
# subject ("The two ministers ...").
_ITEM_VERBS = frozenset(re.findall(r"[a-z]+", """
accelerate advance align allocate assess boost build catalyse catalyze collaborate conduct consider continue
convene cooperate coordinate create cut decarbonise decarbonize deepen deliver deploy design develop double
elevate enable encourage engage enhance ensure establish expand explore facilitate finalise finalize foster
grow halt help identify implement improve increase integrate intensify invest jointly launch lead leverage
mobilise mobilize modernise modernize phase pilot prepare prioritise prioritize promote protect provide
pursue raise reduce reinforce report restore scale secure set share shift speed spur strengthen submit
support sustain track train transition triple undertake unlock upgrade work
"""))


_LABEL = re.compile(r"[*_]*[A-Z][\w’'-]*(?:[ \u00a0][\w’'-]+){0,7}:[*_]*[ \u00a0]")  # "Climate Action: ..."


def _item_shape(body: str) -> str:
    """How a list entry opens: in lower case, with a bare verb, a gerund, a label, or otherwise."""
    first = re.match(r"[*_“\"]*([A-Za-z-]+)", body)
    word = first.group(1) if first else ""
    if body[:1].islower():
        return "lower"
    if word.lower() in _ITEM_VERBS:
        return "verb"
    if len(word) > 5 and word.endswith("ing"):
        return "gerund"
    if body.startswith(("**", "__")) or _LABEL.match(body):
        return "label"
    return "unpunctuated" if _is_unpunctuated(body) else "other"


def _looks_like_item(body: str, previous: str | None) -> bool:
    """An entry of a list whose markers the page lost, in a paragraph after the first item: it opens
    as the entry before it did (both "to ...", both bare verbs or gerunds, both labels), or ends in ";"
    after an entry that did."""
    shape = _item_shape(body)
    if previous is None:
        return shape != "other"
    before = _item_shape(previous)
    return (shape == before and shape != "other") or (
        previous.rstrip().endswith((";", "; and", "; or")) and shape in ("lower", "verb", "gerund"))


def read_structure(text: str) -> list[Block]:
    """The blocks of `text` in order; every non-blank character belongs to exactly one block."""
    return list(_structure(text))


# Extraction and the mapping's evidence both read a text's structure: it is read once.
@lru_cache(maxsize=8)
def _structure(text: str) -> tuple[Block, ...]:
    return tuple(_read_structure(text))


def _read_structure(text: str) -> list[Block]:
    fallback = document_width(text)
    blocks: list[Block] = []
    lead_in: int | None = None  # the open lead-in, while its items go on
    run_after_lead_in = -1  # the run index whose blocks are all items of the open lead-in
    for run_index, run in enumerate(_runs(text, _line_spans(text))):
        spans = _blocks_of_run(text, run, fallback)
        for position, (start, end) in enumerate(spans):
            start, end = _trimmed(text, start, end)
            if start >= end:
                continue
            index = len(blocks)
            marker = MARKER.match(text, start, end)
            body_start = marker.end() if marker and marker.end() < end else start
            body = text[body_start:end]
            kind, item_of = "paragraph", None
            if _TABLE_ROW.match(text[start:end]):
                kind = "table-row"
            elif lead_in is not None and (marker or run_index == run_after_lead_in or _looks_like_item(
                    body, text[blocks[-1].body_start:blocks[-1].end] if blocks[-1].lead_in == lead_in else None)):
                kind, item_of = "item", lead_in
            elif marker and not text[start:body_start].strip(_WS).startswith("#"):
                kind = "item"
            elif _DATELINE.match(body):
                kind = "dateline"
            elif _is_unpunctuated(body) or text[start:body_start].strip(_WS).startswith("#"):
                kind = "title" if not blocks else "heading"
            if kind != "item":
                lead_in = None
            blocks.append(Block(index, kind, start, end, body_start, text[start:body_start].strip(_WS), item_of))
            if body.rstrip("*_ \u00a0").endswith(":") and kind in ("paragraph", "item", "heading"):
                lead_in = index
                # Its items are the rest of its paragraph, or the whole next paragraph when it ends one.
                run_after_lead_in = run_index + 1 if position == len(spans) - 1 else run_index
    return blocks
