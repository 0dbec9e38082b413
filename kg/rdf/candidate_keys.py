"""Keys for finding the stored people and forums a name could be, without comparing it with each.

Every rule of kg/rdf/person_rules.py and kg/rdf/forum_rules.py needs one key in common: rule 1
a folded form, rules 2-4 a word of the name, rule 5 a sound key in the other script; a forum's
rules a folded form, a variant key with a state, or an acronym on one side and the capitals of
the other's initials on the other. The rules then run on the entries filed under those keys.
"""

from __future__ import annotations

import re

from kg.model.record import Forum, Person
from kg.model.transliteration import has_han
from kg.rdf.forum_rules import compared_forms, name_initials, variant_key
from kg.rdf.name_forms import fold, name_words
from kg.rdf.names_zh import sound_keys


def stored_person_keys(forms: list[str]) -> set[object]:
    return {("form", fold(f)) for f in forms} | {("word", w) for f in forms for w in name_words(f)} | \
        {("sound", has_han(f), k) for f in forms for k in sound_keys(f)}


def person_keys(person: Person) -> set[object]:
    forms = [person.name, *person.aliases]
    # A name by sound meets only names in the other script (rule 5).
    return {("form", fold(f)) for f in forms} | {("word", w) for w in name_words(person.name)} | \
        {("sound", not has_han(f), k) for f in forms for k in sound_keys(f)}


def _forum_form_keys(form: str, *, stored: bool) -> set[object]:
    keys: set[object] = {("form", fold(form))}
    variant = variant_key(form)
    if any(p.startswith("@") for p in variant):
        keys.add(("variant", variant))
    # an acronym meets the initials of a longer name, whichever side each is on
    short, long = ("acronym", "initials") if stored else ("initials", "acronym")
    if re.fullmatch(r"[A-Z]{2,8}", form):
        keys.add((short, form))
    initials = name_initials(form)
    if len(form.split()) >= 2 and initials.isupper():
        keys.add((long, initials.upper()))
    return keys


def stored_forum_keys(label: str, aliases: list[str]) -> set[object]:
    return {k for form in compared_forms(label, aliases) for k in _forum_form_keys(form, stored=True)}


def forum_keys(forum: Forum) -> set[object]:
    return {k for form in compared_forms(forum.name, forum.aliases) for k in _forum_form_keys(form, stored=False)}


def file_under(index: dict[object, set[int]], position: int, keys: set[object]) -> None:
    for key in keys:
        index.setdefault(key, set()).add(position)


def filed(index: dict[object, set[int]], keys: set[object]) -> set[int]:
    found: set[int] = set()
    for key in keys:
        found |= index.get(key, set())
    return found


__all__ = ["file_under", "filed", "forum_keys", "person_keys", "stored_forum_keys", "stored_person_keys"]
