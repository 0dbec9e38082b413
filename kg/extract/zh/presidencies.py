"""Presidencies in Chinese text: 主席国X, X担任COP29主席, COP28候任主席<person>, 中方作为…主席国.

The conference is the forum named right before 主席国/主席 (a bare 大会 is the last COP
named before it); the state is the one named right after 主席国, the state of the person
after (候任)主席, or the state before 担任/作为.
"""

from __future__ import annotations

import re

from kg.extract.zh.actors import ZhActorMention
from kg.model.bilingual import english_forum
from kg.model.record import Forum, Person, Presidency, Span

_CHAIR = re.compile(r"候任主席|主席国|主席")


def _normalised(forum: Forum) -> str:
    if forum.name.startswith("COP"):
        return forum.name
    known = english_forum(forum.name)
    return known[0] if known else forum.name


def _forum_before(text: str, at: int, forums: list[Forum]) -> Forum | None:
    spans = [(s.start, s.end, f) for f in forums for s in f.evidence]
    right_before = [f for s, e, f in spans if 0 <= at - e <= 8 and re.fullmatch(r"(?:\([A-Za-z0-9 -]+\))?", text[e:at])]
    if right_before:
        return right_before[0]
    if text[max(0, at - 2):at] in ("大会", "本届"):
        cops = [(e, f) for s, e, f in spans if e <= at and f.name.startswith("COP")]
        return max(cops, key=lambda c: c[0])[1] if cops else None
    if text.startswith("主席国", at):
        # "支持巴西作为主席国的工作": the one COP of the sentence.
        start = max(text.rfind(c, 0, at) for c in "。!?\n") + 1
        ends = [text.find(c, at) for c in "。!?\n"]
        end = min([e for e in ends if e >= 0] or [len(text)])
        in_sentence = {f.name: f for s, e, f in spans if start <= s < end and f.name.startswith("COP")}
        return next(iter(in_sentence.values())) if len(in_sentence) == 1 else None
    return None


def extract_presidencies(text: str, mentions: list[ZhActorMention], forums: list[Forum],
                         people: list[Person]) -> list[Presidency]:
    out: dict[tuple[str, str], Presidency] = {}
    for match in _CHAIR.finditer(text):
        forum = _forum_before(text, match.start(), forums)
        if forum is None:
            continue
        actor = None
        after = [m for m in mentions if 0 <= m.start - match.end() <= 1 and m.kind == "name"]
        if after and match.group() == "主席国":
            actor = after[0].code
        if actor is None:
            for person in people:
                if any(0 <= s.start - match.end() <= 1 for s in person.evidence) and person.actor and len(person.actor) == 2:
                    actor = person.actor
        if actor is None:
            clause_start = max(text.rfind(c, 0, match.start()) for c in ",。;\n") + 1
            lead = text[clause_start:match.start()]
            verb = re.search(r"担任|作为|接任|出任", lead)
            if verb:
                before = [m for m in mentions if clause_start <= m.start < clause_start + verb.start()]
                if before:
                    actor = before[-1].code
        if actor:
            key = (_normalised(forum), actor)
            out.setdefault(key, Presidency(of=key[0], actor=actor, evidence=[]))
            out[key].evidence.append(Span(match.start(), match.end(), match.group()))
    return list(out.values())
