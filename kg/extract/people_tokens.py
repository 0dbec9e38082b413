"""Tokens of a sentence, typed for reading titles and names (see `kg.extract.people`).

Each word is classed once (title head, modifier, portfolio word, connector, honorific,
name-like word, particle, initial, state mention...), so the people reader can walk left
and right over a sentence with simple rules instead of one large regular expression.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.gazetteer import ActorMention
from kg.extract.people_lexicon import (
    HONORIFICS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_NAME_WORDS,
    PLURAL_HEADS,
    POST_NOMINALS,
    ROLE_CONNECTORS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    ROLE_VOCABULARY,
)

# Kinds of token.
STATE, HON, HEAD, PLURAL, MOD, VOCAB, CONN, PUNCT, ORD, NAME, LOWER, PARTICLE, INITIAL, SUFFIX, POSTNOM, \
    ACRONYM, OTHER = (
        "state", "hon", "head", "plural", "mod", "vocab", "conn", "punct", "ord", "name", "lower", "particle",
        "initial", "suffix", "postnom", "acronym", "other")


@dataclass
class Token:
    text: str
    start: int
    end: int
    kind: str
    code: str | None = None  # for STATE tokens: the actor code
    form: str | None = None  # for STATE tokens: the gazetteer form ("adjective", "possessive"...)


_WORD = re.compile(r"[^\W\d_][\w'’-]*(?:\.[^\W\d_]+)*\.?|['’]s\b|\d+(?:st|nd|rd|th)?\b|\S")
# Honorific phrases spanning several words.
_HONORIFIC_PHRASES = re.compile(
    r"\b(?:(?:His|Her|Their) (?:Excellency|Excellencies|Highness|Royal Highness|Majesty)|"
    r"The (?:Right |Rt\.? )?Hon(?:ou)?rable|(?:Right |Rt\.? )?Hon(?:ou)?rable|Hon\.)(?=\s)"
)
_DOTTED_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+[A-Z]?\.?|[A-Z]\.")
_KEEP_PERIOD = {"Jr.", "Sr.", "Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Hon.", "Rt.", "St.", "Sen.", "Rep.", "Gov.",
                "Amb.", "Gen.", "Mme.", "Ph.D.", "Adv.", "Sh.", "Engr."}
# "al-Jubeir", "bin-Salman", "de-Souza": a name with a lower-case particle joined by a hyphen.
_PARTICLE_NAME = re.compile(r"(?:al|el|ad|as|ash|at|az|bin|ibn|abu|de|da|di|van|von)-[A-Z][\w'’-]+")
# `_kind` runs on every token of a readout: its patterns compiled once
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_LOWER_TITLE = re.compile(r"(?:president|chair|minister|envoy|secretary-general|commissioner)-(?:designate|elect)")
_ACRONYM = re.compile(r"[A-Z0-9][A-Z0-9.&-]+")


def _split_word(text: str, start: int) -> list[tuple[str, int]]:
    """A raw word → [(piece, start)]: a final period and a possessive come off as their own pieces."""
    pieces: list[tuple[str, int]] = []
    tail: list[tuple[str, int]] = []
    if text.endswith(".") and text not in _KEEP_PERIOD and not _DOTTED_ABBREVIATION.fullmatch(text):
        tail.insert(0, (".", start + len(text) - 1))
        text = text[:-1]
    for suffix in ("'s", "’s"):
        if text.endswith(suffix) and len(text) > 2:
            tail.insert(0, (suffix, start + len(text) - 2))
            text = text[:-2]
            break
    if text:
        pieces.append((text, start))
    return pieces + tail


# The same words come back in every sentence: each word's kind is worked out once (the lexicon
# is fixed at import).
@lru_cache(maxsize=1 << 14)
def _kind(word: str) -> str:
    if word in {"'s", "’s"}:
        return OTHER
    if word in ROLE_CONNECTORS:
        return CONN
    if word in NAME_SUFFIXES:
        return SUFFIX
    if word in POST_NOMINALS:
        return POSTNOM
    if word in PLURAL_HEADS:
        return PLURAL
    if word in ROLE_HEADS or (("-" in word) and word.split("-")[0] in ROLE_HEADS and word[0].isupper()):
        return HEAD  # also "Ambassador-at-Large", "Minister-designate"
    if word in HONORIFICS and word not in {"The", "His", "Her", "Right", "Lord", "Lady"}:
        return HON
    if word in ROLE_MODIFIERS:
        return MOD
    if word in ROLE_VOCABULARY:
        return VOCAB
    if _ORDINAL.fullmatch(word):
        return ORD
    if _INITIALS.fullmatch(word):
        return INITIAL  # "Sharon A.M. Dijksma"
    if word in NAME_PARTICLES:
        return PARTICLE
    if not word[0].isalpha():
        return PUNCT if not word[0].isdigit() else OTHER
    if _PARTICLE_NAME.fullmatch(word):
        return NAME
    if _LOWER_TITLE.fullmatch(word):
        return HEAD  # "... and president-designate of the 29th session ...": a title written in lower case
    if word[0].islower():
        return LOWER
    if _ACRONYM.fullmatch(word):
        return ACRONYM
    if word in NOT_NAME_WORDS or word.split("-")[0] in NOT_NAME_WORDS:
        return OTHER
    if any(ch.islower() for ch in word):
        return NAME
    return OTHER


def tokenize(text: str, base: int, mentions: list[ActorMention]) -> list[Token]:
    """Tokens of `text` (which starts at offset `base` of the document), state mentions merged."""
    honorific_spans = [(m.start() + base, m.end() + base) for m in _HONORIFIC_PHRASES.finditer(text)]
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        for piece, offset in _split_word(match.group(), match.start() + base):
            tokens.append(Token(piece, offset, offset + len(piece), _kind(piece)))
    for token in tokens:
        if any(s <= token.start and token.end <= e for s, e in honorific_spans):
            token.kind = HON
    return _merge_mentions(_abbreviated_names(tokens), mentions)


def _abbreviated_names(tokens: list[Token]) -> list[Token]:
    """"Lars Chr. Lilleholt": a short abbreviated given name between two names is one initial."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if (token.kind == NAME and len(token.text) <= 3 and i + 2 < len(tokens) and out and out[-1].kind == NAME
                and tokens[i + 1].text == "." and tokens[i + 1].start == token.end
                and tokens[i + 2].kind == NAME and tokens[i + 2].start == token.end + 2):
            out.append(Token(token.text + ".", token.start, token.end + 1, INITIAL))
            i += 2
            continue
        out.append(token)
        i += 1
    return out


_TITLE_HEADS = frozenset(ROLE_HEADS) | frozenset(PLURAL_HEADS)  # the lexicon is fixed at import


def _merge_mentions(tokens: list[Token], mentions: list[ActorMention]) -> list[Token]:
    merged: list[Token] = []
    index = 0
    if not tokens:
        return tokens
    # Mentions are sorted by start: only those inside this sentence's stretch matter.
    low = bisect_left(mentions, tokens[0].start, key=lambda m: m.start)
    by_start: dict[int, ActorMention] = {}
    for candidate in mentions[low:]:
        if candidate.start > tokens[-1].end:
            break
        # "European Commissioner" names the EU by a title: read as a title, not as a state.
        if candidate.end <= tokens[-1].end and candidate.text.split()[-1] not in _TITLE_HEADS:
            by_start[candidate.start] = candidate
    while index < len(tokens):
        token = tokens[index]
        mention = by_start.get(token.start)
        if mention is None:
            merged.append(token)
            index += 1
            continue
        end_index = index
        while end_index + 1 < len(tokens) and tokens[end_index + 1].end <= mention.end:
            end_index += 1
        merged.append(Token(mention.text, mention.start, mention.end, STATE, mention.code, mention.form))
        index = end_index + 1
    return merged
