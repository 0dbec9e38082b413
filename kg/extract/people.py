"""People: every named person, once, with the role they hold and the actor they represent.

A name is read only where the text anchors it as a person: next to a title ("China's
Special Envoy for Climate Change Xie Zhenhua", "Grace Fu, Minister for Sustainability and
the Environment", "Commissioners Wopke Hoekstra, Dan Jørgensen and Jessika Roswall") or
after an honorific ("Ms Grace Fu", "His Excellency Joko Widodo"). Organisations, places
and forums are never anchored that way, so they are not read as people.

Within one document the mentions of one person are merged ("President Biden" into
"Joseph R. Biden, Jr."): the name is the fullest form, other full forms are aliases, the
role is the fullest title without the state's name (GUIDE.md, DECISIONS.md), and the
actor is the state the text ties the person to (a state before or inside the title, "of
Brazil" after the name, ", Republic of Indonesia" in a participants list), or the
organisation named as written ("United Nations").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.context import Context
from kg.extract.people_actors import resolve_actors
from kg.extract.people_lexicon import NICKNAMES
from kg.extract.people_roles import Mention, RoleOnly, read_sentence
from kg.extract.people_tokens import tokenize
from kg.model.record import Person, Span


@dataclass
class _Group:
    """The mentions of one person in one document."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def full(self) -> list[Mention]:
        return [m for m in self.mentions if len(m.name_tokens) > 1] or self.mentions

    def distinct_full(self) -> list[Mention]:
        """One mention per distinct full name (a long document repeats names many times)."""
        seen: dict[tuple[str, ...], Mention] = {}
        for mention in self.full:
            seen.setdefault(tuple(mention.name_tokens), mention)
        return list(seen.values())

    def name(self) -> str:
        best = max(self.full, key=lambda m: (len(m.name_tokens), len(m.name)))
        return best.name

    def name_keys(self) -> set[str]:
        return {_fold(t) for m in self.mentions for t in m.name_tokens}


@lru_cache(maxsize=16384)
def _fold(token: str) -> str:
    text = unicodedata.normalize("NFKD", token)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().rstrip(".")


def _surname_first(tokens: list[str]) -> tuple[str, str]:
    significant = [t for t in tokens if _fold(t) not in {"jr", "sr", "ii", "iii", "iv"}]
    return _fold(significant[0]), _fold(significant[-1])


def _first_names_agree(a: str, b: str) -> bool:
    if a == b:
        return True
    a, b = NICKNAMES.get(a, a), NICKNAMES.get(b, b)
    if a == b:
        return True
    # An initial ("J.") agrees with a name starting with it.
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


_PATRONYMIC = {"bin", "bint", "ibn"}


def _same_person(a: Mention, b: Mention) -> bool:
    """Whether two multi-word names are one person: one holds the other, or same surname and given name."""
    ka = {_fold(t) for t in a.name_tokens} - {"jr", "sr"}
    kb = {_fold(t) for t in b.name_tokens} - {"jr", "sr"}
    if _PATRONYMIC & ka and _PATRONYMIC & kb and _fold(a.name_tokens[0]) != _fold(b.name_tokens[0]):
        # "Salman bin Abdulaziz Al Saud" and "Abdulaziz bin Salman bin Abdulaziz Al Saud": a chain of fathers'
        # names shares its words across a family; only the given name, written first, tells the person
        return False
    if ka <= kb or kb <= ka:
        return True
    first_a, last_a = _surname_first(a.name_tokens)
    first_b, last_b = _surname_first(b.name_tokens)
    return last_a == last_b and _first_names_agree(first_a, first_b)


def group_mentions(mentions: list[Mention]) -> list[_Group]:
    """Merge mentions of one person: equal or nested names, then a lone surname into its one full name."""
    groups: list[_Group] = []
    multi = [m for m in mentions if len(m.name_tokens) > 1]
    single = [m for m in mentions if len(m.name_tokens) == 1]
    for mention in multi:
        home = next((g for g in groups if any(_same_person(mention, other) for other in g.distinct_full())), None)
        if home is None:
            groups.append(_Group([mention]))
        else:
            home.mentions.append(mention)
    for mention in single:
        key = _fold(mention.name_tokens[0])
        candidates = [g for g in groups if key in g.name_keys()]
        if len(candidates) > 1 and mention.actor:
            candidates = [g for g in candidates if any(m.actor == mention.actor for m in g.mentions)] or candidates
        if len(candidates) > 1 and mention.head:
            # "President Biden" beside "Joseph R. Biden" (President) and "Jill Biden": the same title decides.
            candidates = [g for g in candidates if any(m.head == mention.head for m in g.mentions)] or candidates
        if len(candidates) == 1:
            candidates[0].mentions.append(mention)
        else:
            groups.append(_Group([mention]))
    return groups


def _person(group: _Group) -> Person:
    name = group.name()
    aliases: list[str] = []
    for mention in group.full:
        distinct = {_fold(t) for t in mention.name_tokens} != {_fold(t) for t in name.split()}
        if mention.name != name and len(mention.name_tokens) > 1 and mention.name not in aliases and distinct:
            aliases.append(mention.name)
    roles = [m.role for m in group.mentions if m.role]
    role = max(roles, key=len) if roles else None
    actors = [m.actor for m in group.mentions if m.actor]
    actor = max(set(actors), key=actors.count) if actors else None
    ordered = sorted(group.mentions, key=lambda m: m.start)
    evidence = [Span(m.start, m.end, m.text) for m in ordered]
    return Person(name=name, actor=actor, role=role, aliases=aliases, evidence=evidence)


def extract_people(ctx: Context) -> list[Person]:
    """Every person the text names with a title or honorific, merged per person, in order of appearance."""
    mentions: list[Mention] = []
    heading_mentions: list[Mention] = []
    role_only: list[RoleOnly] = []
    for sentence in ctx.sentences:
        if _is_shouting(sentence.text):
            continue  # headings in capitals repeat what the body says
        tokens = tokenize(sentence.text, sentence.start, ctx.actor_mentions)
        found, unnamed = read_sentence(tokens, ctx.text)
        (heading_mentions if _is_title_case(sentence.text) else mentions).extend(found)
        role_only += unnamed
    body_names = {_fold(t) for m in mentions for t in m.name_tokens}
    mentions += [_trim_to_known(m, body_names) for m in heading_mentions]
    groups = group_mentions(mentions)
    people = [_person(group) for group in groups]
    resolve_actors(people, groups_mentions=[g.mentions for g in groups], role_only=role_only, ctx=ctx)
    people.sort(key=lambda p: p.evidence[0].start if p.evidence else 0)
    return people


def _is_title_case(text: str) -> bool:
    """A headline in Title Case ("Minister Fu Meets Chinese Counterparts"), where any word may look like a name."""
    if len(text) > 200 or re.search(r"[.!?。”\"]$", text):
        return False  # a sentence of running text, however many names it holds
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _trim_to_known(mention: Mention, body_names: set[str]) -> Mention:
    """In a headline, a name runs only as far as the body's names go ("Fu Meets" → "Fu")."""
    known = [_fold(t) in body_names for t in mention.name_tokens]
    if not any(known) or all(known):
        return mention
    keep = len(known)
    while keep > 1 and not known[keep - 1]:
        keep -= 1
    words = mention.name_tokens[:keep]
    name = " ".join(words)
    return Mention(name, words, mention.role, mention.actor, mention.start, mention.end, mention.text,
                   mention.head, mention.honorific)


def _is_shouting(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) > 12 and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)


__all__ = ["extract_people", "group_mentions"]
