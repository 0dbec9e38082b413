"""Forums: named mechanisms, bodies, meeting series, events and initiatives (GUIDE.md "forums").

Candidates come from `kg.extract.forum_names` (title-case names ending in a head word, and
numbered COPs); this module decides which count, gives each its kind, folds variants and
acronyms into one forum with aliases, and reads sub-forums listed under a parent
("the energy transition, methane ... four Sub-Working Groups"). Every mention found is
left in `ctx.notes["forum_mentions"]` as (start, end, forum name) for the meeting stage.
"""

from __future__ import annotations

import re

from kg.extract.context import Context
from kg.extract.forum_list import (
    ACRONYM,
    NOT_FORUM_WORDS,
    ForumList,
    about_climate,
    clause_at,
    clean,
    cop_number_of,
    other_sentences,
    paragraph_at,
    sentence_at,
)
from kg.extract.forum_names import (
    CopMatch,
    NameMatch,
    cop_name,
    find_cops,
    find_name_matches,
    find_shared_heads,
)
from kg.extract.forum_open import (
    bilateral_lower_case,
    governed_names,
    group_meetings,
    kind_noun_lists,
    meetings_of_named_groups,
    shared_commissions,
)
from kg.extract.gazetteer import find_actor_mentions
from kg.extract.relevance import is_about_climate, scores
from kg.extract.topics import is_climate_related
from kg.model.record import Forum
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
    ("Quadrilateral Security Dialogue", "Quad", "forum"),
    ("Clean Development Mechanism", "CDM", "other"),
    ("Joint Implementation", "JI", "other"),
    ("Asia-Pacific Economic Cooperation", "APEC", "forum"),
    # regional and intergovernmental bodies of general knowledge that readouts name without a head word
    ("African Union", "AU", "organization"),
    ("Pacific Islands Forum", "PIF", "organization"),
    ("Caribbean Community", "CARICOM", "organization"),
    ("Alliance of Small Island States", "AOSIS", "alliance"),
    ("Amazon Cooperation Treaty Organization", "ACTO", "organization"),
    ("Commonwealth Heads of Government Meeting", "CHOGM", "summit"),
    ("Great Green Wall", "GGW", "initiative"),
)
# Known bodies of general remit (security, trade, regional politics): forums only where the text ties them
# to climate, energy or environment, or reports a session of them.
_GENERAL_REMIT = {"Association of Southeast Asian Nations", "Quadrilateral Security Dialogue",
                  "Asia-Pacific Economic Cooperation", "African Union", "Caribbean Community",
                  "Commonwealth Heads of Government Meeting"}
_GROUPS = re.compile(r"\b(G20|G7|G-20|G-7)\b(?!\s*(?:Summit|Leaders|countries|members|nations|economies|host|"
                     r"Environment|Energy|Climate|Sherpa|Finance|Framework|[A-Z]))")
_NOT_CLIMATE = re.compile(r"\b(?:Democracy|Grain|Racial|Security Council|Defen[cs]e|Health|Human Rights|Trade|"
                          r"Belt and Road|Global (?:Development|Security|Civilization) Initiative|"
                          r"Counterterrorism|Terrorism|Nuclear Security|Food Security|Migration|Peacekeeping)\b")
# Treaties and charters of other fields, whatever words they share with climate texts.
_OTHER_FIELD = re.compile(r"\b(?:Investment Treaty|Tax Treaty|UN Charter|Charter of the United Nations)\b")
_EU_INSTITUTIONS = re.compile(r"^(?:European (?:Council|Commission|Parliament)|Council of the (?:EU|European Union))$")
_ORG_OK = re.compile(r"\b(?:International|World|United Nations|UN|Global|Intergovernmental|Framework)\b")
_ONE_STATE_HEADS = {"Initiative", "Plan", "Programme", "Agenda", "Strategy", "Mission", "Vision"}
_GENERIC_MODIFIERS = {"Climate", "Energy", "Environment", "Environmental", "Development", "Global", "Green", "Clean"}
_GENERIC_HEADS = {"Challenge", "Agenda", "Plan", "Mission", "Framework", "Pathway", "Community"}
_ONE_PARTY_HEADS = {"Plan", "Agency", "Programme", "Framework", "Organization", "Organisation", "Agenda", "Charter"}
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


def _actor_codes_in(ctx: Context, start: int, end: int) -> set[str]:
    return {m.code for m in ctx.actor_mentions if start <= m.start and m.end <= end}


def _judge(ctx: Context, m: NameMatch) -> str | None:
    """The kind of a candidate name, or None when it is not a forum by GUIDE.md's rules."""
    name = clean(m.name)
    head_word = m.head.split()[-1]
    sentence = sentence_at(ctx, m.start)
    codes = _actor_codes_in(ctx, m.start, m.end)
    # a committee or commission of several states ("Intergovernmental ...", "Bi-national Commission") is shared
    # "the two sides agreed to establish a new Committee on Oceans, Forests and Energy": set up jointly
    established = head_word == "Committee" and re.search(
        r"\b(?:establish\w*|set\s+up|creat\w*|launch\w*)\s+(?:a|the)\s+(?:new\s+|joint\s+)?$",
        ctx.text[max(0, m.start - 50):m.start]) is not None and re.search(
        r"\b(?:both|two)\s+(?:sides|countries|governments)\b|\b(?:agreed|decided)\b", sentence) is not None
    shared_committee = head_word == "Committee" and (re.match(r"(?:Intergovernmental|International|Joint)\b", name)
                                                     or len(codes) >= 2 or established)
    not_forum = NOT_FORUM_WORDS.search(name)
    if not_forum and not (shared_committee and not NOT_FORUM_WORDS.search(name.replace(head_word, ""))):
        return None  # one state's body; a committee of several states ("Intergovernmental ...") is shared
    if head_word == "Mission" and re.search(r"\b(?:Survey|Fact-?[Ff]inding|Trade|Study|Technical|Expert|Observation|"
                                            r"Monitoring|Diplomatic|Assessment)\s+Mission\b", name):
        return None  # "a project formation Survey Mission": a delegation sent, not a mechanism
    if re.match(r"(?:National|Federal|State|Provincial|Presidential)\b", name) and len(codes) < 2:
        return None  # "the National Adaptation Council": one state's body
    if head_word in _ONE_STATE_HEADS and len(codes) == 1 and _actor_codes_in(ctx, m.start, m.start + 12) and \
            not re.search(r"\b(?:International|Global|Regional|Joint)\b", name):
        return None  # "the Saudi Green Initiative": one state's national initiative
    tail = find_actor_mentions(name.split()[-1])
    if tail and tail[0].form == "adjective" and re.match(r"\s+[a-z]", ctx.text[m.end:m.end + 3]):
        return None  # "Business Forum of South African and Swedish [business]": a name cut in a description
    if len(name.split()) == 2 and name.split()[0] in _GENERIC_MODIFIERS and head_word in _GENERIC_HEADS:
        return None  # "the Climate Challenge": a phrase, not a proper name
    if _EU_INSTITUTIONS.match(name) or (_NOT_CLIMATE.search(name) and not is_climate_related(name)) or \
            _OTHER_FIELD.search(name):
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
    kind = "working-group" if established else m.kind
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


def _headline(ctx: Context) -> str:
    head = ctx.text.lstrip()
    return head[:head.find("\n")] if "\n" in head else head[:200]


def _relevant(ctx: Context, m: NameMatch, kind: str) -> bool:
    """Whether a forum is about climate, energy or environment by its name, its clause or the rest of
    its paragraph, or is a summit or conference where something is held."""
    sentence = clause_at(ctx, m.start)
    held_at = kind in ("summit", "conference", "ministerial") and re.search(
        r"\b(?:margins?|sidelines?|side lines|held|met|meet|meeting|attend\w*|participat\w*|at|during|for)\s+(?:of\s+)?"
        r"(?:the\s+)?(?:[\w’'-]+\s+){0,3}$", ctx.text[max(0, m.start - 60):m.start])
    near = (clean(m.name), sentence, other_sentences(ctx, m.start))
    if held_at or any(about_climate(text) for text in near):
        return True
    # Nothing near it speaks of any subject ("based on the Cool Earth Partnership"): the readout's headline decides.
    return not any(scores(text).speaks for text in (*near, sentence_at(ctx, m.start))) and is_about_climate(_headline(ctx))


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
    # longer names already read; a COP's long name holds its convention's, which is a body of its own
    named = [m for m in forums.mention_index() if cop_number_of(m[2]) is None]
    # A name's pattern matches only where the name is written: the substring test (far cheaper
    # than the pattern's scan of the whole text) skips the bodies a readout does not name.
    for long, _acronym, kind in KNOWN_BODIES:
        if long not in text:
            continue
        for m in re.finditer(rf"\b{re.escape(long)}\b", text):
            if re.match(r"\s+(?:Ministerial|Summit|Forum|Dialogue|Meeting|Conference)\b", text[m.end():m.end() + 14]):
                continue  # "Mission Innovation Ministerial": a longer name, read as such
            if any(s <= m.start() and m.end() <= e and e - s > m.end() - m.start() for s, e, _ in named):
                continue  # "Asia-Pacific Economic Cooperation (APEC) Economic Leaders' Meeting": inside a longer name
            forums.add(long, kind, m.start(), m.end())
    for long, acronym, kind in KNOWN_BODIES:
        if acronym not in text:
            continue
        # One body may be written in several long forms ("UN ..." / "United Nations ..."): any found one takes it.
        written = next((forums.find(other) for other, short, _ in KNOWN_BODIES if short == acronym
                        and forums.find(other) is not None), None)
        for m in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            if re.match(r"\s+COP(?:\b|\s?-?\d)", text[m.end():m.end() + 6]) and written is None:
                continue  # "CBD COP16": the acronym says which convention's COP, it names no body of its own
            entry = written or forums.find(long) or forums.find(acronym)
            if entry is None and any(s <= m.start() and m.end() <= e and e - s > len(acronym) for s, e, _ in named):
                continue
            if entry is None:
                if len(acronym) < 3:
                    continue
                forums.add(acronym, kind, m.start(), m.end())
            else:
                forums.add(entry.forum.name, entry.forum.kind, m.start(), m.end(), alias=acronym)
    for m in _GROUPS.finditer(text):
        # "at the G7", "G20 in Italy": the group as a meeting place; "our G7 partners" only describes states,
        # and "the G7 leaders' summit" is that summit's name. A presidency adds the group on its own (GUIDE.md).
        name = m.group(1).replace("-", "")
        summit = next((e for e in forums.entries if e.forum.name.startswith(name + " ")
                       and e.forum.kind in ("summit", "ministerial")), None)
        if re.match(r"\s+(?!(?:in|at|on|and|or|to|this|next|last|was|is|will|has|had|were|are|under|with|for)\b)[a-z’'-]+",
                    text[m.end(1):m.end(1) + 20]):
            continue  # "G7 partners", "G20 leaders' summit": a modifier, not the group
        if summit is not None and re.search(r"\b(?:at|to|during)\s+the\s+$", text[max(0, m.start(1) - 12):m.start(1)]):
            forums.add(summit.forum.name, summit.forum.kind, m.start(1), m.end(1), alias=name)
            continue
        forums.add(name, "forum", m.start(1), m.end(1))


def _off_topic_bodies(ctx: Context, forums: ForumList, candidates: ForumList) -> None:
    """A known body the text names only beside other topics ("support for ASEAN's unity") is no
    climate forum; one that meets is kept aside in case a session of it is reported."""
    general = {name for long, acronym, _ in KNOWN_BODIES for name in (long, acronym) if long in _GENERAL_REMIT}
    for entry in list(forums.entries):
        if entry.forum.name not in general:
            continue
        if entry.forum.kind in MEETING_KINDS:
            # a summit of general remit ("to host the Heads of Government Meeting in October") is a climate forum
            # only in a clause about climate; one that is held is taken back by the meeting stage
            if any(is_climate_related(clause_at(ctx, s)) for s, _ in entry.mentions):
                continue
        elif any(is_climate_related(sentence_at(ctx, s)) or is_climate_related(paragraph_at(ctx, s))
                 for s, _ in entry.mentions):
            continue
        forums.entries.remove(entry)
        if entry.forum.kind in MEETING_KINDS or entry.forum.kind == "organization":
            candidates.entries.append(entry)


def _add_cops(cops: list[CopMatch], forums: ForumList) -> None:
    for cop in cops:
        name = cop_name(cop.number)
        written = clean(cop.text)
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


def _only_states(text: str) -> bool:
    """Whether a modifier is nothing but states' names ("Japan-Tuvalu", "China-EU")."""
    rest = text
    for mention in sorted(find_actor_mentions(text), key=lambda x: -len(x.text)):
        rest = rest.replace(mention.text, " ")
    return bool(find_actor_mentions(text)) and not re.sub(r"[\s\-–—/]|\band\b", "", rest)


def _lower_head_and_quoted(ctx: Context, forums: ForumList) -> None:
    for m in _LOWER_HEAD.finditer(ctx.text):
        group = 1 if m.group(1) else 3
        name = clean(m.group(group))
        if group == 3 and (not is_climate_related(sentence_at(ctx, m.start())) or re.search(
                r"\b(?:Presidency|President|Government|Ministry|Commission)\b", name)
                or _actor_codes_in(ctx, m.start(group), m.end(group))):
            continue  # "the Italian Presidency initiative", "the EU initiative": not a name
        if _only_states(name.rsplit(" ", 1)[0]) and group == 1:
            continue  # "the Japan-Tuvalu summit meeting": a meeting of two states, not a named forum
        if len(name.split()) >= 2 and not _NOT_CLIMATE.search(name) and not re.match(r"(?:The|This|That)\b", name):
            forums.add(name, {"dialogue": "dialogue", "roundtable": "roundtable", "summit": "summit",
                              "initiative": "initiative"}[m.group(group + 1)], m.start(group), m.end(group))
    for m in _QUOTED_EVENT.finditer(ctx.text):
        sentence = sentence_at(ctx, m.start())
        if is_climate_related(m.group(1)) or is_climate_related(sentence):
            entry = forums.add(clean(m.group(1)), _QUOTED_KINDS.get(m.group("head"), "other"), m.start(1), m.end(1),
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
    shared = find_shared_heads(text)
    matches = [m for m in matches if not any(x.start <= m.start < x.end + 40 and m.head == x.head + "s"
                                             for x in shared)] + shared
    for m in matches:
        overlapping = [c for c in cops if c.start < m.end and m.start < c.end]
        if overlapping:
            if m.head in ("Summit", "Conference") and m.start <= overlapping[0].start:
                forums.add(cop_name(overlapping[0].number), "conference", m.start, m.end, alias=clean(m.name))
            continue
        named_cop = re.match(r"\s*\(\s*COP\s?-?\s?(\d{1,2})\s*\)", text[m.end:m.end + 12])
        if named_cop and m.head in ("Summit", "Conference"):  # "the United Nations (UN) Climate Change Summit (COP27)"
            forums.add(cop_name(int(named_cop.group(1))), "conference", m.start, m.end, alias=clean(m.name))
            continue
        kind = _judge(ctx, m)
        if kind is None:
            continue
        if not _relevant(ctx, m, kind):
            if kind in MEETING_KINDS:  # kept aside: a meeting held at it makes it a forum (GUIDE.md)
                candidates.add(clean(m.name), kind, m.start, m.end)
            continue
        if m.head == "Conference" and re.search(r"Climate Change Conference|Conference of the Parties", m.name) \
                and not _session_conference(ctx, m):
            cop = _unnumbered_cop(ctx, m, cops)
            if cop is not None:
                forums.add(cop_name(cop), "conference", m.start, m.end, alias=clean(m.name))
                continue
            if cops:
                continue
        name = clean(m.name)
        entry = forums.add(name, kind, m.start, m.end)
        if m.prefix:
            forums._alias(entry, f"{m.prefix} {name}")
        acronym = ACRONYM.match(text, m.end)
        short = m.acronym or (acronym.group(1) if acronym and sum(c.isupper() for c in acronym.group(1)) >= 2 else "")
        if short:
            forums._alias(entry, short)
            first_at = acronym.start(1) if acronym and not m.acronym else -1
            if first_at >= 0:
                entry.mentions.append((first_at, first_at + len(short)))
            for later in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
                if later.start() != first_at and (later.start(), later.end()) not in entry.mentions:
                    entry.mentions.append((later.start(), later.end()))
    _known_bodies(ctx, forums)
    _off_topic_bodies(ctx, forums, candidates)
    shared_commissions(ctx, forums)
    group_meetings(ctx, forums)
    meetings_of_named_groups(ctx, forums)
    kind_noun_lists(ctx, forums)
    bilateral_lower_case(ctx, forums)
    _lower_head_and_quoted(ctx, forums)
    governed_names(ctx, forums)
    _sub_forums(ctx, forums)
    ctx.notes["forum_mentions"] = forums.mention_index()
    ctx.notes["forum_list"] = forums
    known = {e.forum.name for e in forums.entries}
    candidates.entries = [e for e in candidates.entries if e.forum.name not in known]
    ctx.notes["forum_candidates"] = candidates
    return forums.forums()
