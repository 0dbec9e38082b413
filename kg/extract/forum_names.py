"""Finding forum names in text: capitalised name runs that end in a forum head word, and COPs.

Forum names in readouts are proper names in title case that end in a word saying what the
forum is ("... Working Group", "... Dialogue", "... Pledge"), sometimes followed by a
complement ("Task Force on Energy Security", "Partnership for the Energy Transition").
This module reads those shapes; `kg.extract.forums` decides which names count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Head word (as written, singular) → forum kind. Plural heads ("Dialogues") are generic.
HEADS: dict[str, str] = {
    "Group": "other", "Dialogue": "dialogue", "Forum": "forum", "Roundtable": "roundtable",
    "Summit": "summit", "Conference": "conference", "Ministerial": "ministerial", "Force": "task-force",
    "Partnership": "partnership", "Alliance": "alliance", "Coalition": "alliance", "Platform": "platform",
    "Initiative": "initiative", "Pledge": "initiative", "Pathway": "initiative", "Challenge": "initiative",
    "Declaration": "initiative", "Compact": "initiative", "Principles": "initiative", "Pact": "initiative",
    "Framework": "initiative", "Observatory": "initiative", "Plan": "initiative", "Mission": "initiative",
    "Council": "forum", "Fund": "other", "Facility": "other", "Project": "other", "Agency": "organization",
    "Programme": "organization", "Organization": "organization", "Organisation": "organization",
    "Convention": "organization", "Assembly": "organization", "Network": "other", "Accelerator": "initiative",
    "Agenda": "initiative", "Charter": "initiative", "Taskforce": "task-force", "Community": "other", "Arrangement": "partnership", "Expo": "forum", "System": "other", "Club": "other",
    "Committee": "other", "Stocktake": "other",
    # heads of an open vocabulary that readouts give new mechanisms
    "Hub": "platform", "Consortium": "alliance", "Colloquium": "forum", "Symposium": "forum", "Breakthrough": "initiative",
    "Breakthroughs": "initiative", "Caucus": "forum", "Retreat": "summit", "Roadmap": "initiative",
    "Coalitions": "alliance",
}
# A head needs a modifier: "the Partnership" alone names nothing new.
_TWO_WORD_HEADS = {("Working", "Group"): "working-group", ("Sub-Working", "Group"): "working-group",
                   ("Ministerial", "Meeting"): "ministerial", ("Ministerial", "Conference"): "ministerial",
                   ("Ministers'", "Meeting"): "ministerial", ("Ministers’", "Meeting"): "ministerial",
                   ("Leaders", "Meeting"): "summit", ("Leaders'", "Meeting"): "summit", ("Leaders’", "Meeting"): "summit", ("High-Level", "Meeting"): "forum",
                   ("Task", "Force"): "task-force", ("Round", "Table"): "roundtable",
                   ("Joint", "Statement"): "initiative"}
# Capitalised words that may follow a forum's head without being part of a longer name.
_TRAILING_OK = {"Summit", "Meeting", "Session", "Plenary", "Leaders", "Ministerial", "Secretariat", "Presidency",
                "President", "Co-Chairs", "Chair", "Chairs", "Members", "Member", "Partners", "Countries",
                # the document a meeting issues: "... Ministers' Meeting Communiqué"
                "Communiqué", "Communique", "Statement", "Declaration", "Readout", "Report", "Summary", "Outcome",
                "Conclusions", "Chair's", "Chairs'", "Joint", "Fact", "Press", "Media"}
CONNECTORS = {"of", "the", "on", "for", "and", "&", "in", "to", "de", "a"}
_COMPLEMENT = {"on", "for", "of", "to"}
ORDINAL_WORDS = {
    "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
    "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Inaugural", "Annual",
}
# Words that end a name going backwards: they introduce a name rather than belong to it.
BREAKERS = {
    "Readout", "Meeting", "Meetings", "Session", "Sessions", "Press", "Release", "Fact", "Sheet", "FACT", "SHEET",
    "President", "Presidents", "Minister", "Ministers", "Commissioner", "Commissioners", "Secretary", "Envoy",
    "Chancellor", "Prime", "Today", "On", "At", "In", "During", "As", "Both", "The", "A", "An", "This", "That",
    "These", "Our", "Its", "Their", "His", "Her", "New", "Through", "Under", "With", "By", "From", "For", "To",
    "And", "Also", "Following", "Building", "Recalling", "Joint-", "Statement", "Readouts", "Read", "Full",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Launch", "Launches",
    "Announce", "Announces", "Announced", "Participate", "Participates", "Attend", "Attends", "Host", "Hosts",
    "Secure", "Secures", "Welcome", "Welcomes", "Of", "Is", "Are", "Will", "Was", "Were", "Has", "Have",
    "MINISTER", "PARTICIPATION", "IN", "THE", "OF", "AND", "Participation", "Co-Chairs", "Co-chair",
    "Inaugural", "Annual", "Successful", "Historic", "Landmark", "Upcoming", "Next", "Latest", "Ambassador",
    "Special", "Senior", "Advisor", "Adviser", "Vice-President", "Executive", "Administrator", "Held",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
    # people who belong to a forum introduce its name: "Representatives of the International Partners Group"
    "Representatives", "Representative", "Delegates", "Delegation", "Delegations", "Officials", "Head", "Heads",
}
# An acronym in brackets is a word of the name it sits in: "Asia-Pacific Economic Cooperation (APEC)
# Economic Leaders' Meeting".
_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9](?:[\w'’./&\-]|–(?=[A-Z]))*|&|\([A-Z][A-Za-z0-9&.\-]{0,9}\)")
_ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$", re.I)
_ABBREV = re.compile(r"(?:^|-)(?:[A-Z]\.)+$")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    possessive: bool = False


@dataclass(frozen=True)
class NameMatch:
    """A forum name in the text: offsets, the name as written, its head, and the kind it implies."""

    start: int
    end: int
    name: str
    head: str
    kind: str
    prefix: str  # an ordinal or edition word written before the name ("Sixth", "12th"), or ""
    acronym: str = ""  # an acronym written inside the name, after its head ("Forum (RCF) on ...")


# The last characters a token's clean-up below looks at ("'s", "’s", trailing punctuation).
_TRIMMED_ENDS = frozenset("s.-/'’")


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        if word[-1] not in _TRIMMED_ENDS:  # most words: nothing to trim
            out.append(Token(m.start(), m.end(), word))
            continue
        start, end = m.span()
        possessive = False
        for suffix in ("'s", "’s"):
            if word.endswith(suffix) and len(word) > 3:
                word, end, possessive = word[:-2], end - 2, True
                break
        while (word.endswith((".", "-", "/", "'", "’")) and not _ABBREV.search(word) and not re.search(r"\d\.\d", word)
               and not word.endswith(("s'", "s’"))):
            word, end = word[:-1], end - 1
        if word:
            out.append(Token(start, end, word, possessive))
    return out


def _is_name_word(tok: Token) -> bool:
    return tok.text[0].isupper() or tok.text[0].isdigit() or tok.text in CONNECTORS or tok.text[0] == "("


def name_runs(text: str) -> list[list[Token]]:
    """Maximal runs of capitalised words (and the connectors between them) separated by
    white space only: punctuation, a possessive or a lower-case word ends a run."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for tok in tokens(text):
        gap = text[run[-1].end:tok.start] if run else ""
        # A blank line or an indented new line starts a new block (a title is not wrapped into its body).
        gap_ok = (bool(run) and not gap.strip() and not run[-1].possessive and "\n\n" not in gap
                  and not re.search(r"\n[ \t]", gap))
        if run and not gap_ok:
            runs.append(run)
            run = []
        if _is_name_word(tok):
            run.append(tok)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    trimmed = []
    for r in runs:  # a bracketed acronym belongs to a name only between its words
        while r and r[0].text[0] == "(":
            r = r[1:]
        while r and r[-1].text[0] == "(":
            r = r[:-1]
        if any(t.text[0].isupper() for t in r):
            trimmed.append(r)
    return trimmed


def _head_at(run: list[Token], i: int) -> tuple[str, str, int] | None:
    """(head as written, kind, index of the head's first word) when run[i] ends a head."""
    word = run[i].text
    if i > 0 and (run[i - 1].text, word) in _TWO_WORD_HEADS:
        return f"{run[i - 1].text} {word}", _TWO_WORD_HEADS[(run[i - 1].text, word)], i - 1
    kind = HEADS.get(word)
    if kind:
        return word, kind, i
    return None


def _is_head_word(word: str) -> bool:
    return word in HEADS


_IN_FIELD = re.compile(r"\s+in\s+the\s+(?:field|area|sphere|domain)s?\s+of\s+[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*){0,4}")
# On one line only: a title's last word is not continued by the dateline below it.
_LISTED_AFTER = re.compile(r"(?:,[ \t]+[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){0,2})*,?[ \t]+and[ \t]+[A-Z][\w-]*"
                           r"(?:[ \t]+[A-Z][\w-]*){0,2}(?![\w-])")
_LISTED_BEFORE = re.compile(r"(?<![\w,])((?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*,\s+(?:[A-Z][\w-]*,\s+)*)$")


def _listed_modifiers(text: str, start: int, head_start: int) -> int:
    """Where a name starts whose modifiers are a series cut by commas: "G7 Climate, Energy and
    Environment Ministers' Meeting" is read back from "Energy" (the series ends in "and")."""
    if not re.match(r"(?:[A-Z][\w-]*\s+){1,2}and\s+", text[start:head_start]):
        return start
    before = _LISTED_BEFORE.search(text[max(0, start - 80):start])
    if before is None:
        return start
    listed = before.group(1)
    while True:  # "The Nordic Climate, Energy and ...": the article is not part of the name
        first = listed.split()[0].rstrip(",")
        if first not in BREAKERS or "," not in listed.split(maxsplit=1)[-1]:
            break
        listed = listed.split(maxsplit=1)[1]
    if first in BREAKERS:
        return start
    return start - len(listed)


def find_name_matches(text: str) -> list[NameMatch]:
    """Every candidate forum name: for each head word in a name run, the name around it."""
    return list(_name_matches(text))


# Commitments ask again for each cue of a sentence (who is named before it, outside a name):
# the matches of a text are kept (frozen values; each caller gets its own list).
@lru_cache(maxsize=1024)
def _name_matches(text: str) -> tuple[NameMatch, ...]:
    found: list[NameMatch] = []
    for run in name_runs(text):
        for i in range(len(run)):
            head = _head_at(run, i)
            if head is None:
                continue
            head_text, kind, first = head
            after = run[i + 1].text if i + 1 < len(run) else ""
            if after[:1].isupper() and after not in BREAKERS and not _is_head_word(after) and \
                    _head_at(run, i + 1) is None and not run[i].possessive and after not in _TRAILING_OK:
                continue  # "JETP Project Management Unit": the name goes on past this head word
            # Backwards: modifiers, and connectors that sit between two name words.
            start = first
            j = first - 1
            prefix = ""
            while j >= 0:
                word = run[j].text
                if word in CONNECTORS:
                    if word not in ("of", "the", "and", "&"):
                        break  # "on/for/in/to/a" open a complement of an earlier word, not this name
                    if word in ("the", "and", "&") and j > 0 and (_is_head_word(run[j - 1].text)
                                                                  or run[j - 1].text[0] == "("):
                        break  # "X Coalition (CCAC) and the Y Programme": the acronym closes the first name
                    if j == 0 or (run[j - 1].text in CONNECTORS and word != "the"):
                        break  # two connectors in a row, except "of the"
                    j -= 1
                    continue
                if word[0] == "(" and j > 0 and run[j - 1].text in CONNECTORS:
                    break
                if word in BREAKERS or word.endswith(("-led", "-hosted", "-based")):
                    if word in ORDINAL_WORDS:
                        prefix = word
                    break
                gerund = re.fullmatch(r"[A-Z][a-z]+ing", word) and run[j + 1].text in CONNECTORS
                if gerund or word in ("Member", "Members", "Summary", "Chair"):
                    break  # "Delivering on the Pledge", "Member of the Council" do not name forums
                if _ORDINAL.match(word) or word in ORDINAL_WORDS:
                    prefix = word
                    break
                if run[j].possessive:
                    break
                start = j
                j -= 1
            # Forwards: a numeral edition ("2.0", "2022") or a complement ("on Energy Security").
            end = i
            k = i + 1
            acronym = ""
            if (k + 1 < len(run) and run[k].text[0] == "(" and run[k + 1].text in _COMPLEMENT
                    and not run[i].possessive):
                acronym = run[k].text[1:-1]  # "the Regional Climate Forum (RCF) on Coastal Adaptation"
                k += 1
            if k < len(run) and re.fullmatch(r"\d+(?:\.\d+)?", run[k].text):
                end = k
            elif k < len(run) and run[k].text in _COMPLEMENT and not run[i].possessive:
                k += 1
                while k < len(run) and k - i <= 12:
                    if run[k].text in BREAKERS:
                        break
                    if run[k].text in ("in", "at") and k + 1 < len(run) and run[k + 1].text != "the":
                        break  # "... Working Group in Sunnylands": a place, not part of the name
                    if run[k].text[0].isupper() or run[k].text[0].isdigit():
                        end = k
                    elif run[k].text not in CONNECTORS:
                        break
                    if run[k].possessive:
                        break
                    k += 1
            if start == first and end == i:
                continue  # a bare head word names nothing
            if head_text == "Joint Statement" and start == first:
                continue  # "Joint Statement on ...": the document itself; "China-France Joint Statement" names one
            if end == i:  # "Joint Working Group in the field of Renewable Energy": a field written in lower case
                field = _IN_FIELD.match(text, run[i].end)
                if field and start < first:
                    s, e = run[start].start, field.end()
                    found.append(NameMatch(s, e, text[s:e], head_text, kind, prefix))
                    continue
            s, e = run[start].start, run[end].end
            s = _listed_modifiers(text, s, run[first].start)
            if end > i:  # "... Partnership on Raw Materials, Batteries and Renewable Hydrogen": a listed complement
                listed = _LISTED_AFTER.match(text, e)
                if listed:
                    e = listed.end()
            name = text[s:e]
            for inner in re.finditer(r"\s*\([A-Z][A-Za-z0-9&.-]{1,9}\)(?=\s)", name):
                before = name[:inner.start()].split()
                if before and before[-1] in HEADS:  # "X Initiative (MGI) Summit": the acronym is the initiative's
                    name = name[:inner.start()] + name[inner.end():]
                    break
            if acronym:
                name = re.sub(rf"\s*\({re.escape(acronym)}\)", "", name, count=1)
            found.append(NameMatch(s, e, name, head_text, kind, prefix, acronym))
    # Keep the longest of names that overlap and share a head (complements make them nest).
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[NameMatch] = []
    for m in found:
        defined = re.match(r"\s*\([A-Z][A-Za-z0-9&.-]{1,9}\)\s+[A-Z]", text[m.end:m.end + 14]) is not None
        if not defined and any(k.start <= m.start and m.end <= k.end and (k.start, k.end) != (m.start, m.end)
                               for k in kept):
            continue  # (a name followed by its own acronym, "X Initiative (MGI) Summit", is one of its own)
        kept.append(m)
    return tuple(kept)


# "the Clean Cooling and Clean Buildings Initiatives": one plural head shared by a list of names.
_PLURAL_HEADS = {"Initiatives": "Initiative", "Partnerships": "Partnership", "Dialogues": "Dialogue",
                 "Alliances": "Alliance", "Coalitions": "Coalition", "Forums": "Forum", "Platforms": "Platform",
                 "Pledges": "Pledge", "Challenges": "Challenge", "Compacts": "Compact", "Hubs": "Hub",
                 "Working Groups": "Working Group", "Task Forces": "Task Force", "Roundtables": "Roundtable"}
_NAME_WORDS = r"(?:[A-Z][\w’'-]*\s+){1,4}"
_SHARED_HEAD = re.compile(rf"\bthe\s+((?:{_NAME_WORDS},\s+)*{_NAME_WORDS}(?:,\s+)?and\s+{_NAME_WORDS})"
                          rf"({'|'.join(_PLURAL_HEADS)})\b")


# "the first in a series of Coastal Resilience Dialogues": a series named by its plural.
_SERIES = re.compile(rf"\bseries\s+of\s+(?:the\s+)?({_NAME_WORDS}({'|'.join(_PLURAL_HEADS)}))\b")


def _singular_kind(singular: str) -> str:
    words = singular.split()
    if len(words) == 2:
        return _TWO_WORD_HEADS.get((words[0], words[1]), "other")
    return HEADS.get(words[-1], "other")


def find_shared_heads(text: str) -> list[NameMatch]:
    """Each name of a list that shares one plural head, with the head in the singular; a series
    named by its plural ("a series of Coastal Resilience Dialogues")."""
    found: list[NameMatch] = []
    for m in _SERIES.finditer(text):
        singular = _PLURAL_HEADS[m.group(2)]
        kind = _singular_kind(singular)
        found.append(NameMatch(m.start(1), m.end(1), m.group(1), singular + "s", kind, ""))
    for m in _SHARED_HEAD.finditer(text):
        singular = _PLURAL_HEADS[m.group(2)]
        kind = _singular_kind(singular)
        for part in re.finditer(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*", m.group(1)):
            start, end = m.start(1) + part.start(), m.start(1) + part.end()
            found.append(NameMatch(start, end, f"{part.group()} {singular}", singular, kind, ""))
    return found


# --- COPs ---------------------------------------------------------------------------------

_COP_PATTERNS = [
    re.compile(r"\bCOP\s?-?\s?(\d{1,2})\b"),
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+(?:session\s+of\s+the\s+)?(?:annual\s+)?(?:UN\s+|United\s+Nations\s+)?"
               r"(?:Climate\s+Change\s+)?Conference\s+of\s+the\s+(?:Parties|Paris)\b", re.I),
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+(?:session\s+of\s+the\s+)?(?:annual\s+)?(?:UN|United\s+Nations)\s+"
               r"Climate\s+(?:Change\s+)?Conference(?:\s+of\s+the\s+Parties)?\b", re.I),
]
# An unnumbered name of the climate COP, used as an alias when it introduces "(COP 26)".
_COP_LONG = re.compile(r"\b(?:the\s+)?(?:annual\s+)?((?:UN|United\s+Nations)\s+Climate\s+(?:Change\s+)?Conference"
                       r"(?:\s+of\s+the\s+Parties)?)\s*\(\s*COP\s?-?\s?(\d{1,2})\s*\)", re.I)


@dataclass(frozen=True)
class CopMatch:
    start: int
    end: int
    text: str
    number: int


# "at COPs 21 and 22", "COPs 26, 27 and 28": one plural names several numbered COPs.
_COP_LIST = re.compile(r"\bCOPs\s+(\d{1,2}(?:\s*,\s*\d{1,2})*\s*,?\s*(?:and|&)\s+\d{1,2})\b")


def find_cops(text: str) -> list[CopMatch]:
    """Every reference to a numbered COP ("COP 29", "COP-28", "27th UN Climate Change Conference")."""
    found: list[CopMatch] = []
    for m in _COP_LIST.finditer(text):
        for number in re.finditer(r"\d{1,2}", m.group(1)):
            at = m.start(1) + number.start()
            found.append(CopMatch(at, at + len(number.group()), f"COP{int(number.group())}", int(number.group())))
    for pattern in _COP_PATTERNS:
        for m in pattern.finditer(text):
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            found.append(CopMatch(m.start(), m.end(), m.group(), int(m.group(1))))
    for m in _COP_LONG.finditer(text):
        s, e = m.start(1), m.end(1)
        if not any(f.start < e and s < f.end for f in found):
            found.append(CopMatch(s, e, m.group(1), int(m.group(2))))
    return sorted(found, key=lambda c: c.start)


def cop_name(number: int) -> str:
    return f"COP{number}"
