"""Forums: named mechanisms, bodies, meeting series, events and initiatives (GUIDE.md "forums").

Candidates come from `kg.extract.forum_names` (title-case names ending in a head word, and
numbered COPs); this module decides which count, gives each its kind, folds variants and
acronyms into one forum with aliases, and reads sub-forums listed under a parent
("the energy transition, methane ... four Sub-Working Groups"). Every mention found is
left in `ctx.notes["forum_mentions"]` as (start, end, forum name) for the meeting stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.context import Context
from kg.extract.forum_names import CopMatch, NameMatch, cop_name, find_cops, find_name_matches
from kg.extract.topics import is_climate_related
from kg.model.record import Forum, Span
from kg.model.reference import cops as reference_cops

# Bodies that readouts name by acronym or by a name without a head word (reference data:
# long name, acronym, kind). Only those the text mentions are recorded.
KNOWN_BODIES: tuple[tuple[str, str, str], ...] = (
    ("United Nations Framework Convention on Climate Change", "UNFCCC", "organization"),
    ("International Energy Agency", "IEA", "organization"),
    ("International Renewable Energy Agency", "IRENA", "organization"),
    ("United Nations Environment Programme", "UNEP", "organization"),
    ("Association of Southeast Asian Nations", "ASEAN", "organization"),
    ("Mission Innovation", "MI", "initiative"),
    ("Clean Energy Ministerial", "CEM", "ministerial"),
    ("Major Economies Forum on Energy and Climate", "MEF", "forum"),
    ("Green Climate Fund", "GCF", "other"),
    ("Global Environment Facility", "GEF", "other"),
    ("UN General Assembly", "UNGA", "organization"),
    ("United Nations General Assembly", "UNGA", "organization"),
    ("UN Environment Programme", "UNEP", "organization"),
    ("Pre-COP", "PreCOP", "ministerial"),
    ("United Nations Convention to Combat Desertification", "UNCCD", "organization"),
    ("UN Convention to Combat Desertification", "UNCCD", "organization"),
    ("Convention on Biological Diversity", "CBD", "organization"),
)
_GROUPS = re.compile(r"\b(G20|G7|G-20|G-7)\b(?!\s*(?:Summit|Leaders|countries|members|nations|economies|host|"
                     r"Environment|Energy|Climate|Sherpa|Finance|Framework|[A-Z]))")
_NOT_CLIMATE = re.compile(r"\b(?:Democracy|Grain|Racial|Security Council|Defen[cs]e|Health|Human Rights|Trade|"
                          r"Belt and Road|Global (?:Development|Security|Civilization) Initiative|"
                          r"Counterterrorism|Terrorism|Nuclear Security|Food Security|Migration|Peacekeeping)\b")
_NOT_FORUM_WORDS = re.compile(r"\b(?:Ministry|Department|Office|Bank|Company|University|Foundation|Institute|"
                              r"Pavilion|Secretariat|Committee|Act|Law|Report|Assessment|Inc|Ltd|"
                              r"Corporation|Commission|Parliament|House)\b")
_EU_INSTITUTIONS = re.compile(r"^(?:European (?:Council|Commission|Parliament)|Council of the (?:EU|European Union))$")
_ORG_OK = re.compile(r"\b(?:International|World|United Nations|UN|Global|Intergovernmental|Framework)\b")
_ONE_PARTY_HEADS = {"Plan", "Agency", "Programme", "Framework", "Organization", "Organisation", "Agenda", "Charter"}
_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9.&\- ]{0,14}?)\s*\)")
_SUB_LIST = re.compile(
    r"\b(?:under|in|of|across)\s+the\s+(?P<items>[a-z][^.;:()]*?),?\s+(?:and\s+)?(?:the\s+)?"
    r"(?P<count>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?P<head>Sub-Working Groups|sub-working groups|Working Groups|working groups|Task Forces|Sub-Groups|Workstreams|"
    r"workstreams|Pillars)\b")
_SUB_HEAD = {"sub-working groups": "Sub-Working Group", "working groups": "Working Group", "task forces": "Task Force",
             "sub-groups": "Sub-Group", "workstreams": "Workstream", "pillars": "Pillar"}
_SUB_KIND = {"Sub-Working Group": "working-group", "Working Group": "working-group", "Task Force": "task-force"}
_SMALL = {"and", "of", "the", "for", "on", "in", "to", "&"}
# Kinds of forum that meet: one whose session the text reports is a forum whatever its topic.
MEETING_KINDS = {"working-group", "dialogue", "forum", "roundtable", "summit", "conference", "ministerial",
                 "task-force"}


def name_key(name: str) -> tuple[str, ...]:
    """A forum name folded for comparison: lower-case words, "U.S." as "us"."""
    folded = name.lower().replace("u.s.", "us").replace("’", "'")
    return tuple(w for w in re.findall(r"[a-z0-9]+", folded) if w not in ("the",))


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


def _sentence_at(ctx: Context, offset: int) -> str:
    for sentence in ctx.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.text
    return ctx.text[max(0, offset - 200):offset + 200]


def _paragraph_at(ctx: Context, offset: int) -> str:
    """The paragraph around a name: "Representatives of the X Group took part" speaks of climate
    only through the sentences beside it."""
    here = next((s.paragraph for s in ctx.sentences if s.start <= offset < s.end), None)
    if here is None:
        return ""
    return " ".join(s.text for s in ctx.sentences if s.paragraph == here)


def _actor_codes_in(ctx: Context, start: int, end: int) -> set[str]:
    return {m.code for m in ctx.actor_mentions if start <= m.start and m.end <= end}


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def _judge(ctx: Context, m: NameMatch) -> str | None:
    """The kind of a candidate name, or None when it is not a forum by GUIDE.md's rules."""
    name = _clean(m.name)
    head_word = m.head.split()[-1]
    sentence = _sentence_at(ctx, m.start)
    codes = _actor_codes_in(ctx, m.start, m.end)
    shared_committee = head_word == "Committee" and (re.match(r"(?:Intergovernmental|International|Joint)\b", name)
                                                     or len(codes) >= 2)
    not_forum = _NOT_FORUM_WORDS.search(name)
    if not_forum and not (shared_committee and not _NOT_FORUM_WORDS.search(name.replace("Committee", ""))):
        return None  # one state's body; a committee of several states ("Intergovernmental ...") is shared
    if _EU_INSTITUTIONS.match(name) or (_NOT_CLIMATE.search(name) and not is_climate_related(name)):
        return None  # "Trade" names no climate forum, "Global Clean Hydrogen Trade Partnership" does
    if re.match(r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
                name):
        return None
    if (head_word in _ONE_PARTY_HEADS or head_word == "System") and len(codes) == 1 and \
            _actor_codes_in(ctx, m.start, m.start + 12):
        return None  # "the U.S. Agency for International Development", "the EU Emissions Trading System": one state's
    if head_word in _ONE_PARTY_HEADS and len(codes) < 2 and not _ORG_OK.search(name) and not re.search(r"\bG-?(?:20|7)\b",
                                                                                                        name):
        return None  # one state's plan, agency or programme
    kind = m.kind
    if kind == "organization" and (not _ORG_OK.search(name) or re.search(r"\bNational\b", name)):
        return None
    if head_word == "Group" and m.head == "Group":
        if re.search(r"\bBank\b", name):
            return None
        kind = "other"
    if head_word == "Council" and re.search(r"\bministerial\b", sentence, re.I):
        kind = "ministerial"
    if head_word == "Conference" and not re.search(r"Conference (?:of|on)\b", name) and "Climate" not in name \
            and not (_ORG_OK.search(name) and is_climate_related(name)):
        return None  # "UN Ocean Conference" is one; "the Munich Security Conference" is not
    if re.search(r"\bStrategic\b|\bComprehensive\b", name) and not is_climate_related(name):
        return None  # a general relationship between states, not a climate mechanism
    return kind


def _relevant(ctx: Context, m: NameMatch, kind: str) -> bool:
    """Whether a forum is about climate, energy or environment by its name or its sentence or
    paragraph, or is a summit or conference where something is held."""
    sentence = _sentence_at(ctx, m.start)
    held_at = kind in ("summit", "conference", "ministerial") and re.search(
        r"\b(?:margins?|sidelines?|side lines|held|met|meet|meeting|attend\w*|participat\w*)\b", sentence)
    return bool(is_climate_related(_clean(m.name)) or is_climate_related(sentence) or held_at
                or is_climate_related(_paragraph_at(ctx, m.start)))


def _title(item: str) -> str:
    words = re.split(r"(\s+)", item.strip())
    out = []
    for i, w in enumerate(words):
        if w.strip() and (i == 0 or w.lower() not in _SMALL):
            w = re.sub(r"(^|[-/])([a-z])", lambda g: g.group(1) + g.group(2).upper(), w)
        out.append(w)
    return "".join(out)


def _sub_forums(ctx: Context, forums: ForumList) -> None:
    """Sub-forums listed in prose: "under the energy transition, methane ... four Sub-Working Groups"."""
    for m in _SUB_LIST.finditer(ctx.text):
        items = [i.strip() for i in re.split(r",\s*(?:and\s+)?", m.group("items")) if i.strip()]
        items = [re.sub(r"^(?:and|the)\s+", "", i) for i in items]
        if len(items) < 2:
            continue
        head = _SUB_HEAD[m.group("head").lower()]
        kind = _SUB_KIND.get(head, "other")
        parent = None
        for s, _e, name in forums.mention_index():
            if s < m.start():
                parent = name
        pos = m.start("items")
        for item in items:
            at = ctx.text.find(item, pos)
            at = at if at >= 0 else m.start("items")
            forums.add(f"{_title(item)} {head}", kind, at, at + len(item), parent=parent, merge_suffix=False)
            pos = at + len(item)


def _known_bodies(ctx: Context, forums: ForumList) -> None:
    text = ctx.text
    for long, _acronym, kind in KNOWN_BODIES:
        for m in re.finditer(rf"\b{re.escape(long)}\b", text):
            if re.match(r"\s+(?:Ministerial|Summit|Forum|Dialogue|Meeting|Conference)\b", text[m.end():m.end() + 14]):
                continue  # "Mission Innovation Ministerial": a longer name, read as such
            forums.add(long, kind, m.start(), m.end())
    for long, acronym, kind in KNOWN_BODIES:
        # One body may be written in several long forms ("UN ..." / "United Nations ..."): any found one takes it.
        written = next((forums.find(other) for other, short, _ in KNOWN_BODIES if short == acronym
                        and forums.find(other) is not None), None)
        for m in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            if re.match(r"\s+COP(?:\b|\s?-?\d)", text[m.end():m.end() + 6]) and written is None:
                continue  # "CBD COP16": the acronym says which convention's COP, it names no body of its own
            entry = written or forums.find(long) or forums.find(acronym)
            if entry is None:
                if len(acronym) < 3:
                    continue
                forums.add(acronym, kind, m.start(), m.end())
            else:
                forums.add(entry.forum.name, entry.forum.kind, m.start(), m.end(), alias=acronym)
    for m in _GROUPS.finditer(text):
        name = m.group(1).replace("-", "")
        forums.add(name, "forum", m.start(1), m.end(1))


def _add_cops(cops: list[CopMatch], forums: ForumList) -> None:
    for cop in cops:
        name = cop_name(cop.number)
        written = _clean(cop.text)
        forums.add(name, "conference", cop.start, cop.end, alias=written if written != name else None)


def _session_conference(ctx: Context, m: NameMatch) -> bool:
    """"the Bonn Climate Change Conference (SB60)": a conference named after its city or a
    subsidiary session, not a COP."""
    if re.match(r"\s*\(\s*SB\s?-?\d{1,3}\s*\)", ctx.text[m.end:m.end + 12]):
        return True
    first = m.name.split()[0]
    if first in ("UN", "United", "The", "the", "Annual", "annual"):
        return False
    return bool(re.fullmatch(r"[A-Z][a-zà-ÿ]+", first)) and first not in {c.city.split()[0] for c in reference_cops()} \
        and re.match(rf"{re.escape(first)}\s+Climate\s+Change\s+Conference", m.name) is not None


def _unnumbered_cop(ctx: Context, m: NameMatch, cops: list[CopMatch]) -> int | None:
    """The COP an unnumbered "UN Climate Change Conference" means: the one held in the city
    named after it (reference data), or the only COP the text numbers."""
    after = re.match(r"\s+in\s+([A-Z][\w’' -]+)", ctx.text[m.end:m.end + 60])
    numbers = sorted({c.number for c in cops})
    if after:
        for ref in reference_cops():
            if ref.number in numbers and after.group(1).startswith(ref.city):
                return ref.number
    return numbers[0] if len(numbers) == 1 else None


# "an Ocean 20 dialogue": a proper name before a lower-case head.
_LOWER_HEAD = re.compile(r"\b(?:an?|the)\s+((?:[A-Z][\w-]*\s+)+(?:\d{1,3}\s+)?(dialogue|roundtable|summit))\b|"
                         r"\bthe\s+([A-Z][\w-]*(?:\s+(?:(?:for|of|in|on|and)\s+)?[A-Z][\w-]*){1,3})\s+(initiative)\b")
# "the 'Sustaining Access to Drinking Water' programme": a quoted title of an event.
_QUOTED_EVENT = re.compile(r"[‘“\"']([A-Z][^‘’“”\"\n]{8,120}?)[’”\"']\s+(?:\(\s*(?P<acronym>[A-Z][A-Za-z0-9-]{1,9})\s*\)\s+)?"
                           r"(?:country\s+|regional\s+|global\s+)?(?P<head>programme|program|event|session|side event|"
                           r"dialogue|roundtable|panel|platform|initiative|partnership|alliance|forum|coalition)\b")
# Lower-case heads that say what a quoted name is ("the 'Nexus of Water, Food and Energy' (NWFE) country platform").
_QUOTED_KINDS = {"platform": "platform", "initiative": "initiative", "partnership": "partnership", "alliance": "alliance",
                 "coalition": "alliance", "forum": "forum", "dialogue": "dialogue", "roundtable": "roundtable"}


def _lower_head_and_quoted(ctx: Context, forums: ForumList) -> None:
    for m in _LOWER_HEAD.finditer(ctx.text):
        group = 1 if m.group(1) else 3
        name = _clean(m.group(group))
        if group == 3 and (not is_climate_related(_sentence_at(ctx, m.start())) or re.search(
                r"\b(?:Presidency|President|Government|Ministry|Commission)\b", name)
                or _actor_codes_in(ctx, m.start(group), m.end(group))):
            continue  # "the Italian Presidency initiative", "the EU initiative": not a name
        if len(name.split()) >= 2 and not _NOT_CLIMATE.search(name) and not re.match(r"(?:The|This|That)\b", name):
            forums.add(name, {"dialogue": "dialogue", "roundtable": "roundtable", "summit": "summit",
                              "initiative": "initiative"}[m.group(group + 1)], m.start(group), m.end(group))
    for m in _QUOTED_EVENT.finditer(ctx.text):
        sentence = _sentence_at(ctx, m.start())
        if is_climate_related(m.group(1)) or is_climate_related(sentence):
            entry = forums.add(_clean(m.group(1)), _QUOTED_KINDS.get(m.group("head"), "other"), m.start(1), m.end(1),
                               merge_suffix=False)
            acronym = m.group("acronym")
            if acronym and sum(c.isupper() for c in acronym) >= 2:
                forums._alias(entry, acronym)
                for later in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", ctx.text):
                    if (later.start(), later.end()) not in entry.mentions:
                        entry.mentions.append((later.start(), later.end()))


def extract_forums(ctx: Context) -> list[Forum]:
    """Every forum the readout names, in order of first mention, with kinds and aliases."""
    text = ctx.text
    forums = ForumList(text)
    candidates = ForumList(text)
    cops = find_cops(text)
    _add_cops(cops, forums)
    matches = find_name_matches(text)
    for m in matches:
        overlapping = [c for c in cops if c.start < m.end and m.start < c.end]
        if overlapping:
            if m.head in ("Summit", "Conference") and m.start <= overlapping[0].start:
                forums.add(cop_name(overlapping[0].number), "conference", m.start, m.end, alias=_clean(m.name))
            continue
        kind = _judge(ctx, m)
        if kind is None:
            continue
        if not _relevant(ctx, m, kind):
            if kind in MEETING_KINDS:  # kept aside: a meeting held at it makes it a forum (GUIDE.md)
                candidates.add(_clean(m.name), kind, m.start, m.end)
            continue
        if m.head == "Conference" and re.search(r"Climate Change Conference|Conference of the Parties", m.name) \
                and not _session_conference(ctx, m):
            cop = _unnumbered_cop(ctx, m, cops)
            if cop is not None:
                forums.add(cop_name(cop), "conference", m.start, m.end, alias=_clean(m.name))
                continue
            if cops:
                continue
        name = _clean(m.name)
        entry = forums.add(name, kind, m.start, m.end)
        if m.prefix:
            forums._alias(entry, f"{m.prefix} {name}")
        acronym = _ACRONYM.match(text, m.end)
        if acronym and sum(c.isupper() for c in acronym.group(1)) >= 2:
            short = acronym.group(1)
            forums._alias(entry, short)
            entry.mentions.append((acronym.start(1), acronym.end(1)))
            for later in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
                if later.start() != acronym.start(1) and (later.start(), later.end()) not in entry.mentions:
                    entry.mentions.append((later.start(), later.end()))
    _known_bodies(ctx, forums)
    _lower_head_and_quoted(ctx, forums)
    _sub_forums(ctx, forums)
    ctx.notes["forum_mentions"] = forums.mention_index()
    ctx.notes["forum_list"] = forums
    known = {e.forum.name for e in forums.entries}
    candidates.entries = [e for e in candidates.entries if e.forum.name not in known]
    ctx.notes["forum_candidates"] = candidates
    return forums.forums()
