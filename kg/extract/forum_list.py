"""The forums of one readout as they are read: one entry per identity, with aliases and mentions,
and the text around a name that decides whether it counts (its sentence, clause and paragraph)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.context import Context
from kg.extract.topics import classify_topics
from kg.model.record import Forum, Span

_CLIMATE_WORDS = re.compile(r"(?<![A-Za-z])(?:climate|environment|emission|greenhouse|sustainab|green\b|low-carbon|carbon)",
                            re.I)


def about_climate(text: str) -> bool:
    """Whether a forum's name or its clause speaks of climate, energy or environment. Industry,
    manufacturing or research alone do not ("the Vaccine Manufacturing Partnership")."""
    return bool(set(classify_topics(text)) - {"technology-industry"}) or bool(_CLIMATE_WORDS.search(text))

NOT_FORUM_WORDS = re.compile(r"\b(?:Ministry|Department|Office|Bank|Company|University|Foundation|Institute|"
                             r"Consulting|Consultants|Consultancy|Holdings|Industries|Enterprises|Ventures|Capital|"
                             r"LLC|PLC|GmbH|Corp|"
                             r"Pavilion|Secretariat|Committee|Act|Law|Report|Assessment|Inc|Ltd|"
                             r"Corporation|Commission|Parliament|House)\b")
ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9.&\- ]{0,14}?)\s*\)")


def name_key(name: str) -> tuple[str, ...]:
    """A forum name folded for comparison: lower-case words, "U.S." as "us"."""
    folded = name.lower().replace("u.s.", "us").replace("’", "'")
    return tuple(w for w in re.findall(r"[a-z0-9]+", folded) if w not in ("the",))


def _content_words(key: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for w in key if w not in ("on", "for", "of", "and", "in", "to", "a", "an"))


def _is_suffix(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """"Energy Dialogue" within "China-EU Energy Dialogue"; "Task Force" within "U.S.-EU Task Force
    on Energy Security" (a name cut before its complement)."""
    if len(short) >= len(long) or len(short) < 2:
        return False
    if long[-len(short):] == short:
        return True
    return long[:len(short)] == short and long[len(short)] in ("on", "for", "of", "to")


@dataclass
class _Entry:
    forum: Forum
    key: tuple[str, ...]
    mentions: list[tuple[int, int]] = field(default_factory=list)


class ForumList:
    """Forums in order of first mention, one per identity, with aliases and mentions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entries: list[_Entry] = []

    def find(self, name: str) -> _Entry | None:
        key = name_key(name)
        for entry in self.entries:
            if entry.key == key or key in (name_key(a) for a in entry.forum.aliases):
                return entry
        words = _content_words(key)
        for entry in self.entries:  # "X Dialogue on Clean Energy" and "X Clean Energy Dialogue": one forum
            if len(words) >= 3 and _content_words(entry.key) == words and entry.key[-1] != key[-1] or \
                    len(words) >= 3 and _content_words(entry.key) == words and len(entry.key) != len(key):
                return entry
        return None

    def add(self, name: str, kind: str, start: int, end: int, *, alias: str | None = None,
            parent: str | None = None, merge_suffix: bool = True) -> _Entry:
        key = name_key(name)
        entry = self.find(name)
        if entry is None and merge_suffix:
            for other in self.entries:
                if _is_suffix(key, other.key):
                    entry = other
                    self._alias(entry, name)
                    break
                if _is_suffix(other.key, key) and cop_number_of(other.forum.name) is None:
                    # The fuller form came later: it becomes the name, the short one an alias.
                    self._alias(other, other.forum.name)
                    other.forum.name, other.key = name, key
                    if other.forum.kind == "other":
                        other.forum.kind = kind
                    entry = other
                    break
        if entry is None:
            entry = _Entry(Forum(name=name, kind=kind, parent=parent), key)
            self.entries.append(entry)
        elif entry.key != key:
            self._alias(entry, name)  # a variant of the name read first
        if alias and name_key(alias) != entry.key:
            self._alias(entry, alias)
        entry.mentions.append((start, end))
        span = Span(start, end, self.text[start:end])
        if span not in entry.forum.evidence:
            entry.forum.evidence.append(span)
        return entry

    def _alias(self, entry: _Entry, alias: str) -> None:
        alias = re.sub(r"\s+", " ", alias).strip()
        if name_key(alias) != entry.key and alias not in entry.forum.aliases:
            entry.forum.aliases.append(alias)

    def forums(self) -> list[Forum]:
        return [e.forum for e in self.entries]

    def mention_index(self) -> list[tuple[int, int, str]]:
        return sorted((s, e, entry.forum.name) for entry in self.entries for s, e in entry.mentions)


def cop_number_of(name: str) -> int | None:
    m = re.fullmatch(r"COP(\d{1,3})", name)
    return int(m.group(1)) if m else None


def sentence_at(ctx: Context, offset: int) -> str:
    for sentence in ctx.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.text
    return ctx.text[max(0, offset - 200):offset + 200]


def paragraph_at(ctx: Context, offset: int) -> str:
    """The paragraph around a name: "Representatives of the X Group took part" speaks of climate
    only through the sentences beside it."""
    here = next((s.paragraph for s in ctx.sentences if s.start <= offset < s.end), None)
    if here is None:
        return ""
    return " ".join(s.text for s in ctx.sentences if s.paragraph == here)


def clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


# Where a sentence's coordinated clauses part: "launched the X Partnership and discussed energy security".
_CLAUSE_BREAK = re.compile(r";|,\s+(?:while|whereas|but)\s+|,?\s+and\s+(?:also\s+)?(?=(?:[a-z]+ed|will|would|agreed|"
                           r"discussed|held|met|spoke|underlined|welcomed|noted|stressed)\b)|"
                           # ", and New Zealand committed to ...": a new subject opens a clause of its own
                           r",\s+and\s+(?=(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}\s+(?:[a-z]+ed|will|would)\b)")


def clause_at(ctx: Context, offset: int) -> str:
    """The clause of its sentence that holds `offset`."""
    for sentence in ctx.sentences:
        if sentence.start <= offset < sentence.end:
            at = offset - sentence.start
            cuts = [0, *[c.end() for c in _CLAUSE_BREAK.finditer(sentence.text)], len(sentence.text)]
            begin = max(c for c in cuts if c <= at)
            end = min((c.start() for c in _CLAUSE_BREAK.finditer(sentence.text) if c.start() > at),
                      default=len(sentence.text))
            return sentence.text[begin:end]
    return ctx.text[max(0, offset - 200):offset + 200]


def other_sentences(ctx: Context, offset: int) -> str:
    """The rest of the paragraph around a name (its own sentence left out)."""
    here = next((s for s in ctx.sentences if s.start <= offset < s.end), None)
    if here is None:
        return ""
    return " ".join(s.text for s in ctx.sentences if s.paragraph == here.paragraph and s is not here)
