"""When two forum names are one forum: a name or alias in common, the same name with its states
written or ordered otherwise, or an acronym of the other (kg/rdf/identity.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.model.namespaces import cop_number
from kg.model.record import Forum
from kg.rdf.name_forms import fold


def canonical_forum(names_in_store: list[tuple[str, list[str]]], forum: Forum) -> str | None:
    """The stored label `forum` should take, when exactly one stored forum is the same forum.

    The same forum: a name or alias in common; the same name up to how its states are
    written and ordered ("China-EU Energy Dialogue" / "EU-China Energy Dialogue", "U.S.-Brazil"
    / "United States-Brazil"); or an acronym of the other's name ("IEA" / "International
    Energy Agency").
    """
    own = compared_forms(forum.name, forum.aliases)
    for same in (_same_form, _same_variant, _acronym_of):
        matches = {label for label, aliases in names_in_store
                   if any(same(a, b) for a in own for b in compared_forms(label, aliases))}
        if matches:
            return matches.pop() if len(matches) == 1 else None
    return None


def forum_match_reason(name_a: str, aliases_a: list[str], name_b: str, aliases_b: list[str]) -> str | None:
    """Why two forums are one by the loading rule (a form in common, a variant, an acronym), or None."""
    number_a, number_b = cop_number(name_a), cop_number(name_b)
    if number_a is not None and number_b is not None and number_a != number_b:
        return None  # two COPs, whatever aliases readouts gave them
    forms_a, forms_b = compared_forms(name_a, aliases_a), compared_forms(name_b, aliases_b)
    for same, why in ((_same_form, "a name or alias in common"), (_same_variant, "the same name, states written "
                      "or ordered differently"), (_acronym_of, "one is an acronym of the other")):
        if any(same(a, b) for a in forms_a for b in forms_b):
            return why
    return None


def compared_forms(name: str, aliases: list[str]) -> list[str]:
    """The forms a forum is compared by: its name and its distinctive aliases.

    Not an alias the name is a meeting of ("G7" of "G7 Summit"): readouts list the group
    and its summit as two forums, and such an alias would join whichever came first
    (`kg forums --duplicates` lists the pair for review instead)."""
    return [name, *[a for a in aliases if _distinctive(a) and not meeting_of(a, name)]]


_EVENT_WORDS = {"summit", "summits", "leaders", "meeting", "session", "annual", "ministerial", "conference", "high",
                "level", "s"}


def meeting_of(short: str, long: str) -> bool:
    """Whether `long` is `short` with words that make it a meeting of it ("G20" / "G20 Leaders' Summit")."""
    ws, wl = fold(short).split(), fold(long).split()
    return bool(ws) and len(wl) > len(ws) and wl[:len(ws)] == ws and set(wl[len(ws):]) <= _EVENT_WORDS


@lru_cache(maxsize=65536)  # pure; called per stored forum for every readout loaded
def _distinctive(alias: str) -> bool:
    """Whether an alias can stand for one forum anywhere: an acronym, a name with a state or a
    number, or a long name, but not a short description ("Energy Dialogue", "Advisory Council")."""
    from kg.extract.gazetteer import find_actor_mentions

    if re.fullmatch(r"[A-Z][A-Z0-9.&-]{1,9}", alias) or re.search(r"\d", alias):
        return True
    return bool(find_actor_mentions(alias)) or len(alias.split()) >= 4


def _same_form(a: str, b: str) -> bool:
    return fold(a) == fold(b)


@lru_cache(maxsize=65536)  # pure; called per stored forum for every readout loaded
def variant_key(name: str) -> tuple[str, ...]:
    """Words of a forum name with states as codes, the states of a leading "A-B" pair in order."""
    from kg.extract.gazetteer import find_actor_mentions

    parts: list[str] = []
    position = 0
    for mention in find_actor_mentions(name):
        parts += fold(name[position:mention.start]).split()
        parts.append("@" + mention.code)
        position = mention.end
    parts += fold(name[position:]).split()
    lead = 0
    while lead < len(parts) and parts[lead].startswith("@"):
        lead += 1
    return tuple(sorted(parts[:lead]) + parts[lead:])


def _same_variant(a: str, b: str) -> bool:
    key_a = variant_key(a)
    return any(p.startswith("@") for p in key_a) and key_a == variant_key(b)


def name_initials(name: str) -> str:
    words = re.findall(r"[^\W\d_][\w'’]*", name)
    return "".join(w[0] for w in words if w[0].isupper() or w not in {"of", "the", "and", "for", "on", "in", "to"})


def _acronym_of(a: str, b: str) -> bool:
    """Whether one is an acronym (in capitals) of the other's words: "IEA" / "International Energy Agency"."""
    for short, long in ((a, b), (b, a)):
        if re.fullmatch(r"[A-Z]{2,8}", short) and len(long.split()) >= 2 and \
                name_initials(long).upper() == short and name_initials(long).isupper():
            return True
    return False


__all__ = ["canonical_forum", "compared_forms", "forum_match_reason", "meeting_of", "name_initials", "variant_key"]
