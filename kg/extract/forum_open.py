"""Forums of an open vocabulary: names that no head word list would find.

A commission of several states ("the South Africa–Sweden Bi-national Commission"), a name of
any head or none that a verb of founding or joining governs ("launched the Blue Carbon Hub",
"joined the Agriculture Innovation Mission for Climate (AIM for Climate)"), and a group's
meeting named in lower case ("the G7 leaders meeting").
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
    paragraph_at,
    sentence_at,
)
from kg.extract.forum_names import HEADS
from kg.extract.gazetteer import find_actor_mentions
from kg.extract.topics import is_climate_related

# "the South Africa–Sweden Bi-national Commission", "the Joint Commission on Energy": a commission of several
# states, unlike one state's commission ("the National Development and Reform Commission").
_SHARED_COMMISSION = re.compile(r"(?:\b[A-Z][\w.’'–-]*\s+){0,3}?\b(?:Bi-?national|Binational|Joint|Intergovernmental|"
                                r"Mixed)\s+Commission(?:\s+(?:on|for)\s+[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*){0,4})?")


def shared_commissions(ctx: Context, forums: ForumList) -> None:
    for m in _SHARED_COMMISSION.finditer(ctx.text):
        name = re.sub(r"^(?:The|A|An|This|Its|Their)\s+", "", m.group())
        if not (is_climate_related(name) or is_climate_related(paragraph_at(ctx, m.start()))
                or re.search(r"\b(?:session|meeting)\s+of\s+(?:the\s+)?$", ctx.text[max(0, m.start() - 30):m.start()],
                             re.I)):
            continue
        start = m.end() - len(name)
        entry = forums.add(name, "forum", start, m.end())
        acronym = ACRONYM.match(ctx.text, m.end())
        if acronym:
            forums._alias(entry, acronym.group(1))
            for later in re.finditer(rf"(?<![\w-]){re.escape(acronym.group(1))}(?![\w-])", ctx.text):
                if (later.start(), later.end()) not in entry.mentions:
                    entry.mentions.append((later.start(), later.end()))


# A name of any head (or none) that a verb of founding or joining governs: "launched the Blue Carbon Hub",
# "joined the Agriculture Innovation Mission for Climate (AIM for Climate)".
_GOVERNED = re.compile(r"\b(?:launch\w*|join\w*|establish\w*|endors\w*|co-?found\w*|set\s+up|creat\w*|"
                       r"members?\s+of|membership\s+of|sign\w*\s+up\s+to|co-?lead\w*|co-?chair\w*)\s+the\s+"
                       r"(?P<name>[A-Z][\w’'-]*(?:\s+(?:(?:of|for|on|and|the|a|in|to)\s+){0,2}[A-Z][\w’'-]*){1,7})"
                       r"(?:\s*\(\s*(?P<acronym>[A-Z][A-Za-z0-9 &-]{1,20}?)\s*\))?")


def governed_names(ctx: Context, forums: ForumList) -> None:
    text = ctx.text
    for m in _GOVERNED.finditer(text):
        name = clean(m.group("name"))
        if forums.find(name) is not None or any(s <= m.start("name") < e for s, e, _ in forums.mention_index()):
            continue
        if find_actor_mentions(name) and len(name.split()) <= 3 or NOT_FORUM_WORDS.search(name) or \
                re.match(r"(?:National|Federal|Presidential|President|Prime|Minister|Secretary)\b", name):
            continue  # "joined the United States in ...", one state's body, a person's title
        if not (about_climate(name) or about_climate(clause_at(ctx, m.start("name")))):
            continue
        kind = HEADS.get(name.split()[-1], "other")
        entry = forums.add(name, kind, m.start("name"), m.end("name"))
        acronym = m.group("acronym")
        if acronym and sum(c.isupper() for c in acronym) >= 2:
            forums._alias(entry, acronym)
            for later in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
                if (later.start(), later.end()) not in entry.mentions:
                    entry.mentions.append((later.start(), later.end()))


# "the G7 leaders meeting", "the G20 leaders’ summit": a group's meeting named in lower case.
_GROUP_MEETING = re.compile(r"\b(G-?(?:7|20)\s+(leaders|ministers)[’']?\s+(?:summit|meeting))\b")




def group_meetings(ctx: Context, forums: ForumList) -> None:
    for m in _GROUP_MEETING.finditer(ctx.text):
        if is_climate_related(sentence_at(ctx, m.start())):
            forums.add(m.group(1), "summit" if m.group(2) == "leaders" else "ministerial", m.start(1), m.end(1))


# "Meeting of Arctic Climate Ministers", "Summit of Amazon Leaders": a meeting series named by who meets.
_MEETING_OF = re.compile(r"\b((?:Meeting|Conference|Gathering|Summit)\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,5}"
                         r"(Ministers|Leaders|Heads\s+of\s+State))\b")


def meetings_of_named_groups(ctx: Context, forums: ForumList) -> None:
    for m in _MEETING_OF.finditer(ctx.text):
        if about_climate(m.group(1)) or about_climate(clause_at(ctx, m.start(1))):
            forums.add(m.group(1), "ministerial" if m.group(2) == "Ministers" else "summit", m.start(1), m.end(1))


_LISTED_NAME = r"[A-Z][\w’'-]*(?:\s+(?:(?:and|of|for|on|the|in|to)\s+){0,2}[A-Z][\w’'-]*)*\s*\(\s*[A-Z][A-Za-z0-9-]{1,9}\s*\)"
# "the platforms Coastal Flood Information for Oceania (CFIO) and Heat Early Warning Service (HEWS)":
# a lower-case kind noun before named mechanisms, each with its acronym.
_KIND_NOUN_LIST = re.compile(rf"\b(?P<noun>platforms?|initiatives?|networks?|mechanisms?|partnerships?|systems?|"
                             rf"programmes?|programs?)\s+(?P<items>{_LISTED_NAME}(?:\s*,\s*{_LISTED_NAME})*"
                             rf"(?:\s*,?\s+and\s+{_LISTED_NAME})?)")
_NOUN_KINDS = {"platform": "platform", "initiative": "initiative", "partnership": "partnership"}


def kind_noun_lists(ctx: Context, forums: ForumList) -> None:
    for m in _KIND_NOUN_LIST.finditer(ctx.text):
        if not (about_climate(m.group("items")) or about_climate(clause_at(ctx, m.start()))):
            continue
        kind = _NOUN_KINDS.get(m.group("noun").rstrip("s"), "other")
        for item in re.finditer(r"([A-Z][\w’'-]*(?:\s+(?:(?:and|of|for|on|the|in|to)\s+){0,2}[A-Z][\w’'-]*)*)\s*"
                                r"\(\s*([A-Z][A-Za-z0-9-]{1,9})\s*\)", m.group("items")):
            start = m.start("items") + item.start(1)
            entry = forums.add(item.group(1), kind, start, start + len(item.group(1)))
            forums._alias(entry, item.group(2))


# "the Chile-Norway partnership on ocean energy and climate change": a bilateral mechanism named in
# lower case after its parties.
_BILATERAL_LOWER = re.compile(r"\bthe\s+((?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)[-–](?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s+"
                              r"(partnership|dialogue|working group|task force|alliance)\s+on\s+[a-z][a-z ,-]{3,80}?)"
                              r"(?=[,.;]|\s+(?:such|which|that|as|to|with|and\s+the)\b)")


def bilateral_lower_case(ctx: Context, forums: ForumList) -> None:
    for m in _BILATERAL_LOWER.finditer(ctx.text):
        parties = find_actor_mentions(m.group(1))
        if len(parties) < 2 or not about_climate(m.group(1)):
            continue
        kind = {"working group": "working-group", "task force": "task-force"}.get(m.group(2), m.group(2))
        forums.add(m.group(1), kind, m.start(1), m.end(1))
