"""One identity across readouts: a person or forum the store already holds keeps its node.

Readouts name the same envoy as "Special Envoy Xie" in one text and "Xie Zhenhua" in the
next, the same forum as "HECD" and "EU-China High-Level Environment and Climate Dialogue".
Before a record is mapped, its names are compared with the names (and aliases) of the
people and forums in the store, and replaced by a stored name where the rule below says
they are one; the record's own form is kept as an alias.

The rule is explicit and conservative. A person is the stored one when:

1. their name, or one of their aliases, is a stored person's name or alias (folded for case
   and accents), and the actors agree; or
2. every word of their name is in exactly one stored person's name ("Lula", "Xie" →
   "Luiz Inácio Lula da Silva", "Xie Zhenhua"), with the same actor; or
3. a stored person's name is a single word that is the last word of theirs, that person
   is the only one with it, and the actors agree ("Biden" stored, "Joseph R. Biden, Jr."
   read); or
4. the surname is the same and the given names agree as a nickname or an initial ("Joe"
   / "Joseph", "J." / "Joseph"), or are one long name spelt with one letter changed
   ("Carolina" / "Caroline"), with the same actor; or
5. one name is in Chinese characters and the other in Latin letters, they sound alike
   (`kg.rdf.names_zh.sound_keys`: 波德斯塔 / John Podesta), the actors agree and no other
   Latin-named person of that actor sounds alike: decided on the whole store after each
   readout is stored, not per readout (`kg.rdf.cross_script`), so that the order of loading
   cannot change it.

Actors agree when both are known and equal; a person with no actor matches only through
rule 1 and only if one stored person has that name. Two people with the same surname and
different given names ("Dan Jørgensen", "Ditte Juul Jørgensen") stay two, and a name that
could be either of two stored people is left as it is.

A forum is the stored one when its name or an alias equals a stored forum's label or
alias (folded), and exactly one stored forum has it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg.extract.people_lexicon import NICKNAMES
from kg.model.namespaces import cop_number, forum_iri, person_iri, post_iri
from kg.model.record import Forum, Meeting, Person, Record
from kg.model.transliteration import has_han
from kg.rdf.cross_script import CrossScriptChange, by_sound, changes_for, latin_forms
from kg.rdf.names_zh import same_across_scripts, sound_keys
from kg.rdf.offices import Office, office, offices_of, official_name, same_office

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}

StoredPerson = tuple[str, str | None, list[str]]  # (name, actor, aliases)


@lru_cache(maxsize=65536)  # pure and hot: every comparison of two names folds both
def fold(text: str) -> str:
    """Case, accents and punctuation folded: 'António Guterres' → 'antonio guterres'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def _words(name: str) -> list[str]:
    return [w for w in fold(name).split() if w not in _SUFFIXES]


def _first_names_agree(a: str, b: str) -> bool:
    a, b = NICKNAMES.get(a, a), NICKNAMES.get(b, b)
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _actors_agree(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and fold(a) == fold(b)


def same_person_reason(name_a: str, actor_a: str | None, name_b: str, actor_b: str | None) -> str | None:
    """Why two names with their actors are one person (rules 2-4), or None."""
    if not _actors_agree(actor_a, actor_b):
        return None
    wa, wb = _words(name_a), _words(name_b)
    if not wa or not wb:
        return None
    if wa == wb:
        return "same name"
    if set(wa) < set(wb) or set(wb) < set(wa):
        shorter, longer = (wa, wb) if len(wa) < len(wb) else (wb, wa)
        if len(shorter) == 1 and shorter[0] != longer[-1] and shorter[0] != longer[0] and len(longer) < 4:
            return None  # a lone middle word of a short name is too weak ("Kim" in "Gan Kim Yong")
        return f"'{' '.join(shorter)}' is part of '{' '.join(longer)}'"
    if len(wa) > 1 and len(wb) > 1 and wa[-1] == wb[-1] and _first_names_agree(wa[0], wb[0]):
        return f"same surname '{wa[-1]}' and given names '{wa[0]}'/'{wb[0]}' agree"
    if len(wa) == len(wb) > 1 and wa[1:] == wb[1:] and _one_letter_apart(wa[0], wb[0]):
        return f"same surname '{wa[-1]}', given names '{wa[0]}'/'{wb[0]}' spelt one letter apart"
    return None


def _one_letter_apart(a: str, b: str) -> bool:
    """Two long given names written with one letter changed ("Carolina" / "Caroline")."""
    return len(a) == len(b) >= 7 and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def canonical_people(names_in_store: list[StoredPerson], person: Person) -> str | None:
    """The stored name `person` should take, or None to keep theirs (a new person or unclear)."""
    forms = {fold(f) for f in [person.name, *person.aliases]}
    exact = [name for name, actor, aliases in names_in_store
             if forms & {fold(n) for n in [name, *aliases]}
             and (_actors_agree(actor, person.actor) or actor is None or person.actor is None)]
    if len(set(exact)) == 1:
        return exact[0]
    if exact:
        same_actor = {name for name, actor, aliases in names_in_store
                      if name in exact and _actors_agree(actor, person.actor)}
        return same_actor.pop() if len(same_actor) == 1 else None
    matches = {name for name, actor, aliases in names_in_store
               if any(same_person_reason(person.name, person.actor, form, actor)
                      for form in _comparable_forms([name, *aliases]))}
    # Rule 5 (a Chinese transliteration and a Latin name by sound) is not decided here, per
    # readout, but on the whole store after each readout is stored (kg/rdf/cross_script.py).
    return matches.pop() if len(matches) == 1 else None


def _comparable_forms(forms: list[str]) -> list[str]:
    """The forms a name is compared with part by part: the full ones when there are any.

    A stored "Jørgensen" that is known to be "Dan Jørgensen" must not take in "Ditte Juul
    Jørgensen" because of the surname they share.
    """
    full = [f for f in forms if len(_words(f)) > 1]
    return full or forms


def canonical_forum(names_in_store: list[tuple[str, list[str]]], forum: Forum) -> str | None:
    """The stored label `forum` should take, when exactly one stored forum is the same forum.

    The same forum: a name or alias in common; the same name up to how its states are
    written and ordered ("China-EU Energy Dialogue" / "EU-China Energy Dialogue", "U.S.-Brazil"
    / "United States-Brazil"); or an acronym of the other's name ("IEA" / "International
    Energy Agency").
    """
    own = _compared_forms(forum.name, forum.aliases)
    for same in (_same_form, _same_variant, _acronym_of):
        matches = {label for label, aliases in names_in_store
                   if any(same(a, b) for a in own for b in _compared_forms(label, aliases))}
        if matches:
            return matches.pop() if len(matches) == 1 else None
    return None


def forum_match_reason(name_a: str, aliases_a: list[str], name_b: str, aliases_b: list[str]) -> str | None:
    """Why two forums are one by the loading rule (a form in common, a variant, an acronym), or None."""
    number_a, number_b = cop_number(name_a), cop_number(name_b)
    if number_a is not None and number_b is not None and number_a != number_b:
        return None  # two COPs, whatever aliases readouts gave them
    forms_a, forms_b = _compared_forms(name_a, aliases_a), _compared_forms(name_b, aliases_b)
    for same, why in ((_same_form, "a name or alias in common"), (_same_variant, "the same name, states written "
                      "or ordered differently"), (_acronym_of, "one is an acronym of the other")):
        if any(same(a, b) for a in forms_a for b in forms_b):
            return why
    return None


def _compared_forms(name: str, aliases: list[str]) -> list[str]:
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
def _variant_key(name: str) -> tuple[str, ...]:
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
    key_a = _variant_key(a)
    return any(p.startswith("@") for p in key_a) and key_a == _variant_key(b)


def _initials(name: str) -> str:
    words = re.findall(r"[^\W\d_][\w'’]*", name)
    return "".join(w[0] for w in words if w[0].isupper() or w not in {"of", "the", "and", "for", "on", "in", "to"})


def _acronym_of(a: str, b: str) -> bool:
    """Whether one is an acronym (in capitals) of the other's words: "IEA" / "International Energy Agency"."""
    for short, long in ((a, b), (b, a)):
        if re.fullmatch(r"[A-Z]{2,8}", short) and len(long.split()) >= 2 and \
                _initials(long).upper() == short and _initials(long).isupper():
            return True
    return False


# ------------------------------------------------- what the store knows, as plain values

@dataclass
class KnownPerson:
    """A person node as the store holds it: every spelling, and the actor it represents."""

    iri: str
    names: set[str]
    aliases: set[str]
    actor: str | None


KnownForum = tuple[str, str, list[str]]  # (iri, label, aliases)


def _node_name(node: KnownPerson) -> str:
    """The node's name whose IRI is the node (a node may carry several spellings)."""
    matching = sorted(n for n in node.names if str(person_iri(n)) == node.iri)
    return (matching or sorted(node.names))[0]


def _renamed_person(person: Person, name: str) -> Person:
    aliases = [a for a in [person.name, *person.aliases] if fold(a) != fold(name)]
    return replace(person, name=name, aliases=list(dict.fromkeys(aliases)))


def _renamed_forum(forum: Forum, name: str) -> Forum:
    aliases = [a for a in [forum.name, *forum.aliases] if fold(a) != fold(name)]
    return replace(forum, name=name, aliases=list(dict.fromkeys(aliases)))


class IdentityIndex:
    """The people and forums a store holds, read once and kept up to date during a batch.

    Reading every stored person for every readout made a load cost grow with the store;
    the loader builds one index per batch and adds each readout it stores.
    """

    def __init__(self, people: list[StoredPerson], forums: list[tuple[str, list[str]]],
                 posts: dict[str, list[tuple[str, str]]] | None = None) -> None:
        self.people = people
        self.forums = forums
        # person IRI -> [(post IRI, post label)]: the posts each stored person holds
        self.posts: dict[str, list[tuple[str, str]]] = {k: list(v) for k, v in (posts or {}).items()}
        # Node IRI -> position in the lists above, kept up to date by `add` (rebuilding them
        # for every readout stored made `add` cost grow with the store).
        self._people_at = {str(person_iri(name)): i for i, (name, _, _) in enumerate(people)}
        self._forums_at = {str(forum_iri(label)): i for i, (label, _) in enumerate(forums)}
        # Which entries a name could match at all (a key every rule needs in common): comparing
        # a readout's names with every stored one made a load's cost per readout grow with the
        # store. The rules then run on those entries only, with the same outcome.
        self._people_keys: dict[object, set[int]] = {}
        self._forum_keys: dict[object, set[int]] = {}
        for i, (name, _, aliases) in enumerate(people):
            _file(self._people_keys, i, _stored_person_keys([name, *aliases]))
        for i, (label, aliases) in enumerate(forums):
            _file(self._forum_keys, i, _stored_forum_keys(label, aliases))

    @classmethod
    def of_known(cls, people: list[KnownPerson], forums: list[KnownForum],
                 posts: dict[str, list[tuple[str, str]]] | None = None) -> IdentityIndex:
        """The index of what a store holds (read by `kg.query.people.known_people`/`known_forums`/`known_posts`)."""
        named = [(_node_name(n), n.actor, sorted((n.names | n.aliases) - {_node_name(n)})) for n in people]
        return cls(named, [(label, aliases) for _, label, aliases in forums], posts)

    def add(self, record: Record) -> None:
        """Take in the people and forums of a readout just stored (by their node's name)."""
        known_people = self._people_at
        for person in record.people:
            i = known_people.get(str(person_iri(person.name)))
            if i is None:
                i = known_people[str(person_iri(person.name))] = len(self.people)
                self.people.append((person.name, person.actor, list(person.aliases)))
            else:
                name, actor, aliases = self.people[i]
                extra = [a for a in person.aliases if a not in aliases and a != name]
                self.people[i] = (name, actor or person.actor, aliases + extra)
            name, _, aliases = self.people[i]
            _file(self._people_keys, i, _stored_person_keys([name, *aliases]))
        for (name, _), held in offices_of(record).items():
            actor = next((p.actor for p in record.people if p.name == name), None)
            entry = (str(post_iri(actor or name, held.key)), held.label)
            posts = self.posts.setdefault(str(person_iri(name)), [])
            if entry not in posts:
                posts.append(entry)
        known_forums = self._forums_at
        for forum in record.forums:
            i = known_forums.get(str(forum_iri(forum.name)))
            if i is None:
                i = known_forums[str(forum_iri(forum.name))] = len(self.forums)
                self.forums.append((forum.name, list(forum.aliases)))
            else:
                label, aliases = self.forums[i]
                self.forums[i] = (label, aliases + [a for a in forum.aliases if a not in aliases and a != label])
            _file(self._forum_keys, i, _stored_forum_keys(*self.forums[i]))

    def resolve(self, record: Record) -> Record:
        """The record with its people and forums named as the store already names them
        (`resolution` also says which stored nodes take a fuller name from this record)."""
        return self.resolution(record).record

    def resolution(self, record: Record) -> Resolution:
        """The record named as the store names its people and forums, and the stored nodes to re-key.

        A person or forum the store holds is named by the fullest form any readout gives
        (`fullest`), whatever the order: when this record gives a fuller form than the stored
        node's name, the record keeps its form and the stored node is re-keyed to it (the
        loader rewrites the graphs that name it, kg/rdf/rekey.py). `record` itself is
        returned when nothing changes (the loader relies on that to keep an unchanged
        readout unchanged).
        """
        # First the reference list of office-holders: "Commissioner Jørgensen" of the EU is Dan
        # Jørgensen in every order, even when the store also holds a Ditte Juul Jørgensen.
        # One person written two ways in this readout ("Carolina" / "Caroline Schmidt") is one.
        within = _same_people_within(record.people)
        official: dict[str, str] = {}
        for person in record.people:
            target = within.get(person.name, person.name)
            on_list = official_name(target, person.actor)
            if on_list and fold(on_list) != fold(target) and fullest([on_list, target]) == on_list:
                target = on_list
            if target != person.name:
                official[person.name] = target
        person_names: dict[str, str] = dict(official)
        rekeys: list[tuple[str, str, str]] = []
        for person in record.people:
            named = _renamed_person(person, official[person.name]) if person.name in official else person
            near = _filed(self._people_keys, _person_keys(named))
            stored = [self.people[i] for i in sorted(near)]
            canonical = canonical_people(stored, named)
            bridged = _bridged(stored, named, canonical)
            if bridged:
                canonical = bridged[0]
            if canonical and canonical != named.name:
                final = fullest([canonical, named.name])
                if final == canonical:
                    person_names[person.name] = canonical
                else:
                    rekeys.append(("person", canonical, named.name))
                rekeys += [("person", other, final) for other in bridged[1:] if other != final]
        # People a readout names only as attending a meeting, with no actor: by name or alias.
        listed = {p.name for p in record.people}
        for name in dict.fromkeys(n for m in record.meetings for n in m.people if n not in listed):
            attendee = Person(name)
            near = _filed(self._people_keys, _person_keys(attendee))
            canonical = canonical_people([self.people[i] for i in sorted(near)], attendee)
            if canonical and canonical != name:
                if fullest([canonical, name]) == canonical:
                    person_names[name] = canonical
                else:
                    rekeys.append(("person", canonical, name))
        # Two people of this readout must not become one node (unless the readout writes one
        # person two ways: `within`).
        groups: dict[str, set[str]] = {}
        for p in record.people:
            groups.setdefault(person_names.get(p.name, p.name), set()).add(within.get(p.name, p.name))
        person_names = {k: v for k, v in person_names.items() if len(groups.get(v, set())) <= 1}

        forum_names: dict[str, str] = {}
        for forum in record.forums:
            near = _filed(self._forum_keys, _forum_keys(forum))
            canonical = canonical_forum([self.forums[i] for i in sorted(near)], forum)
            if canonical and canonical != forum.name and forum_iri(canonical) != forum_iri(forum.name):
                if fullest_forum([canonical, forum.name]) == canonical:
                    forum_names[forum.name] = canonical
                else:
                    rekeys.append(("forum", canonical, forum.name))
        targets = list(forum_names.values()) + [f.name for f in record.forums if f.name not in forum_names]
        forum_names = {k: v for k, v in forum_names.items() if targets.count(v) == 1}
        # Forums a readout names only in a meeting, a presidency or as a parent: a forum it lists
        # with that name as an alias ("G7" of a listed "G7 Summit"), else as the store names them.
        listed_forums = {f.name for f in record.forums}
        refs = [m.forum for m in record.meetings if m.forum] + [p.of for p in record.presidencies] + \
            [f.parent for f in record.forums if f.parent]
        for name in dict.fromkeys(refs):
            if name in listed_forums or cop_number(name) is not None:
                continue
            own = [f.name for f in record.forums if any(fold(a) == fold(name) for a in f.aliases)]
            if len(own) == 1:
                forum_names[name] = forum_names.get(own[0], own[0])
                continue
            ref = Forum(name)
            near = _filed(self._forum_keys, _forum_keys(ref))
            canonical = canonical_forum([self.forums[i] for i in sorted(near)], ref)
            if canonical and canonical != name and forum_iri(canonical) != forum_iri(name):
                if fullest_forum([canonical, name]) == canonical:
                    forum_names[name] = canonical
                else:
                    rekeys.append(("forum", canonical, name))

        if not person_names and not forum_names:
            titles, post_rekeys = self._post_titles(record)
            if not titles:
                return Resolution(record, rekeys, post_rekeys)
            return Resolution(replace(record, post_titles={**record.post_titles, **titles}), rekeys, post_rekeys)
        renamed = replace(
            record,
            people=[_renamed_person(p, person_names[p.name]) if p.name in person_names else p for p in record.people],
            forums=[_renamed_forum(f, forum_names[f.name]) if f.name in forum_names else
                    (replace(f, parent=forum_names.get(f.parent, f.parent)) if f.parent else f) for f in record.forums],
            presidencies=[replace(p, of=forum_names.get(p.of, p.of)) for p in record.presidencies],
            meetings=[_renamed_meeting(m, person_names, forum_names) for m in record.meetings],
            renamed_people={**record.renamed_people, **{v: k for k, v in person_names.items()}},
            renamed_forums={**record.renamed_forums, **{v: k for k, v in forum_names.items()}},
        )
        titles, post_rekeys = self._post_titles(renamed, {new: old for _, old, new in rekeys})
        if titles:
            renamed = replace(renamed, post_titles={**renamed.post_titles, **titles})
        return Resolution(renamed, rekeys, post_rekeys)

    def _post_titles(self, record: Record, moved: dict[str, str] | None = None
                     ) -> tuple[dict[tuple[str, str], str], list[PostRekey]]:
        """A person's title that is the same office as a post the store has them hold: the fuller
        of the two is the post (this readout takes the stored one's title, or the stored one is
        re-keyed to this readout's). `moved`: people re-keyed by this record, new name → old."""
        titles: dict[tuple[str, str], str] = {}
        post_rekeys: list[PostRekey] = []
        for (name, role), held in offices_of(record).items():
            actor = next((p.actor for p in record.people if p.name == name), None)
            owner = actor or name
            mine = str(post_iri(owner, held.key))
            prefix = mine[:mine.rindex("/") + 1]
            stored_under = [str(person_iri(name))] + ([str(person_iri(moved[name]))] if moved and name in moved else [])
            same = []
            for key in stored_under:
                for iri, label in self.posts.get(key, []):
                    other = office(label, actor)
                    # only a label that mints its own post back (the mapping will mint from it)
                    if iri != mine and iri.startswith(prefix) and str(post_iri(owner, other.key)) == iri \
                            and same_office(other, held):
                        same.append(other)
            if not same:
                continue
            best = max([*same, held], key=lambda o: (len(o.portfolio), o.key))
            if best.key != held.key:
                titles[(name, role)] = best.label
            person = str(person_iri(name))
            post_rekeys += [PostRekey(person, str(post_iri(owner, o.key)), str(post_iri(owner, best.key)), best)
                            for o in same if o.key != best.key]
        return titles, post_rekeys

    def rekey_post(self, rekey: PostRekey) -> None:
        """The stored person now holds `rekey.new` where they held `rekey.old`."""
        posts = self.posts.setdefault(rekey.person, [])
        posts[:] = [p for p in posts if p[0] != rekey.old]
        if (rekey.new, rekey.office.label) not in posts:
            posts.append((rekey.new, rekey.office.label))

    def rekey(self, kind: str, old: str, new: str) -> None:
        """The stored node named `old` is now named `new` (its old name kept as an alias)."""
        if kind == "person":
            i = self._people_at.pop(str(person_iri(old)), None)
            if i is None:
                return
            name, actor, aliases = self.people[i]
            self.people[i] = (new, actor, [a for a in [*aliases, name] if a != new])
            self._people_at[str(person_iri(new))] = i
            moved = self.posts.pop(str(person_iri(old)), [])
            self.posts.setdefault(str(person_iri(new)), []).extend(moved)
            _file(self._people_keys, i, _stored_person_keys([new, *self.people[i][2]]))
        else:
            i = self._forums_at.pop(str(forum_iri(old)), None)
            if i is None:
                return
            label, aliases = self.forums[i]
            self.forums[i] = (new, [a for a in [*aliases, label] if a != new])
            self._forums_at[str(forum_iri(new))] = i
            _file(self._forum_keys, i, _stored_forum_keys(*self.forums[i]))

    # ------------------------------------------------ rule 5, on the whole store (kg.rdf.cross_script)

    def cross_script_changes(self, record: Record) -> list[CrossScriptChange]:
        """Rule 5 re-decided, after `record` is stored and added, for every Chinese name whose
        answer it can change: its own people written in characters, and the Chinese names of
        its state that sound like a Latin name it brings."""
        touched: set[tuple[str, str]] = set()
        for person in record.people:
            if not by_sound(person.actor):
                continue
            assert person.actor is not None
            written = record.renamed_people.get(person.name, person.name)
            for name in (written, person.name):
                if has_han(name):
                    touched.add((name, person.actor))
            latin = latin_forms(person.name, person.aliases)
            by_latin: set[object] = {("sound", True, k) for form in latin for k in sound_keys(form)}
            for i in _filed(self._people_keys, by_latin):
                name, actor, aliases = self.people[i]
                if not _actors_agree(actor, person.actor):
                    continue
                own_keys = {k for form in latin for k in sound_keys(form)}
                forms = [name] if has_han(name) else [a for a in aliases if has_han(a)]
                touched |= {(form, person.actor) for form in forms if sound_keys(form) & own_keys}
        changes: list[CrossScriptChange] = []
        for han, actor in sorted(touched):
            by_han: set[object] = {("sound", False, k) for k in sound_keys(han)} | {("form", fold(han))}
            near = [self.people[i] for i in sorted(_filed(self._people_keys, by_han))]
            changes += changes_for(han, actor, near)
        return changes

    def merge_person(self, old: str, into: str) -> None:
        """The stored node named `old` is now part of the node named `into` (rule 5 attached it)."""
        i = self._people_at.pop(str(person_iri(old)), None)
        j = self._people_at.get(str(person_iri(into)))
        if i is None or j is None:
            return
        name, _, aliases = self.people[i]
        for key in _stored_person_keys([name, *aliases]):
            self._people_keys.get(key, set()).discard(i)
        into_name, actor, into_aliases = self.people[j]
        self.people[j] = (into_name, actor, list(dict.fromkeys([*into_aliases, name, *aliases])))
        _file(self._people_keys, j, _stored_person_keys([into_name, *self.people[j][2]]))
        self.posts.setdefault(str(person_iri(into)), []).extend(self.posts.pop(str(person_iri(old)), []))

    def split_person(self, han: str, actor: str, latin: str, aliases: list[str]) -> None:
        """`han` (with `aliases`) is its own node again, no longer part of the node named `latin`."""
        j = self._people_at.get(str(person_iri(latin)))
        if j is not None:
            name, their_actor, their_aliases = self.people[j]
            self.people[j] = (name, their_actor, [a for a in their_aliases if a != han and a not in aliases])
        i = self._people_at.get(str(person_iri(han)))
        if i is None:
            i = self._people_at[str(person_iri(han))] = len(self.people)
            self.people.append((han, actor, list(aliases)))
        _file(self._people_keys, i, _stored_person_keys([han, *self.people[i][2]]))


def _same_people_within(people: list[Person]) -> dict[str, str]:
    """Names of one readout that are one person by rules 2-5 (full names, the same actor): each
    name → the fullest name of its person, for the names that change."""
    names = sorted({(p.name, p.actor) for p in people if p.actor and len(_words(p.name)) > 1},
                   key=lambda x: (x[0], x[1] or ""))
    parent = {n: n for n, _ in names}

    def root(n: str) -> str:
        while parent[n] != n:
            n = parent[n]
        return n

    for i, (a, actor_a) in enumerate(names):
        for b, actor_b in names[i + 1:]:
            if a != b and same_person_reason(a, actor_a, b, actor_b):
                parent[root(b)] = root(a)
    clusters: dict[str, list[str]] = {}
    for n in parent:
        clusters.setdefault(root(n), []).append(n)
    out: dict[str, str] = {}
    for members in clusters.values():
        best = fullest(members)
        out.update({m: best for m in members if m != best})
    return out


def _bridged(stored: list[StoredPerson], person: Person, canonical: str | None) -> list[str]:
    """[the person's stored node, actor-less nodes of the same name] when this person joins them.

    A person seen only attending a meeting has no actor and is one with others only by an
    exact name. "Okonkwo-Bello" of NG read after both an attending "Okonkwo-Bello" and "Amara
    Okonkwo-Bello" of NG is all three: whichever order they came in, they end as one node.
    """
    if person.actor is None:
        return []
    with_actor = canonical_people([e for e in stored if e[1] is not None], person)
    if with_actor is None or with_actor == canonical:
        return []
    forms = {fold(f) for f in [person.name, *person.aliases]}
    same_name = [name for name, actor, aliases in stored
                 if actor is None and forms & {fold(n) for n in [name, *aliases]}]
    return [with_actor, *same_name] if same_name else []


@dataclass(frozen=True)
class PostRekey:
    """A stored person's post that is one office with a fuller one: `person` holds `new` instead."""

    person: str
    old: str
    new: str
    office: Office


@dataclass
class Resolution:
    """A record as resolved, the stored nodes that take a name from it, (kind, old, new), and the
    stored posts that are re-keyed to a fuller one of the same office."""

    record: Record
    rekeys: list[tuple[str, str, str]]
    post_rekeys: list[PostRekey] = field(default_factory=list)


def fullest_forum(names: list[str]) -> str:
    """The name a forum is keyed by: a COP's number when one names it ("COP27", not "the Climate
    Change Summit" a readout calls it), else the fullest name."""
    cops = [n for n in names if cop_number(n) is not None]
    return fullest(cops or names)


def fullest(names: list[str]) -> str:
    """The name a node is keyed by: the one with most words, then the longest, then the first
    in order of its folded form, so that the choice depends on the names alone, not on which
    readout came first ("Xie Zhenhua" over "Xie"; "International Energy Agency" over "IEA")."""
    return max(names, key=lambda n: (len(_words(n)), len(fold(n)), fold(n), n))


# Keys for finding candidates. Every rule above needs one in common: rule 1 a folded form,
# rules 2-4 a word of the name; a forum's rules a folded form, a variant key with a state, or
# an acronym on one side and the capitals of the other's initials on the other.

def _stored_person_keys(forms: list[str]) -> set[object]:
    return {("form", fold(f)) for f in forms} | {("word", w) for f in forms for w in _words(f)} | \
        {("sound", has_han(f), k) for f in forms for k in sound_keys(f)}


def _person_keys(person: Person) -> set[object]:
    forms = [person.name, *person.aliases]
    # A name by sound meets only names in the other script (rule 5).
    return {("form", fold(f)) for f in forms} | {("word", w) for w in _words(person.name)} | \
        {("sound", not has_han(f), k) for f in forms for k in sound_keys(f)}


def _forum_form_keys(form: str, *, stored: bool) -> set[object]:
    keys: set[object] = {("form", fold(form))}
    variant = _variant_key(form)
    if any(p.startswith("@") for p in variant):
        keys.add(("variant", variant))
    # an acronym meets the initials of a longer name, whichever side each is on
    short, long = ("acronym", "initials") if stored else ("initials", "acronym")
    if re.fullmatch(r"[A-Z]{2,8}", form):
        keys.add((short, form))
    initials = _initials(form)
    if len(form.split()) >= 2 and initials.isupper():
        keys.add((long, initials.upper()))
    return keys


def _stored_forum_keys(label: str, aliases: list[str]) -> set[object]:
    return {k for form in _compared_forms(label, aliases) for k in _forum_form_keys(form, stored=True)}


def _forum_keys(forum: Forum) -> set[object]:
    return {k for form in _compared_forms(forum.name, forum.aliases) for k in _forum_form_keys(form, stored=False)}


def _file(index: dict[object, set[int]], position: int, keys: set[object]) -> None:
    for key in keys:
        index.setdefault(key, set()).add(position)


def _filed(index: dict[object, set[int]], keys: set[object]) -> set[int]:
    found: set[int] = set()
    for key in keys:
        found |= index.get(key, set())
    return found


def _renamed_meeting(meeting: Meeting, people: dict[str, str], forums: dict[str, str]) -> Meeting:
    return replace(meeting, forum=forums.get(meeting.forum, meeting.forum) if meeting.forum else None,
                   people=[people.get(n, n) for n in meeting.people])


def likely_duplicate_people(people: list[KnownPerson]) -> list[tuple[str, str, str]]:
    """Pairs of person nodes that are probably one person, with the reason, for a person to review.

    Wider than the loading rule: actors need not agree when one is unknown, so that a
    reviewer sees "Boris Johnson" (no actor) beside "Boris Johnson" (GB).
    """
    nodes = sorted(people, key=lambda n: n.iri)
    pairs: list[tuple[str, str, str]] = []
    for index, a in enumerate(nodes):
        for b in nodes[index + 1:]:
            reason = _duplicate_reason(a, b)
            if reason:
                pairs.append((a.iri, b.iri, reason))
    return pairs


def _duplicate_reason(a: KnownPerson, b: KnownPerson) -> str | None:
    forms_a, forms_b = a.names | a.aliases, b.names | b.aliases
    if {fold(f) for f in forms_a} & {fold(f) for f in forms_b}:
        return "a name or alias in common"
    actor_a, actor_b = a.actor, b.actor
    if actor_a is not None and actor_b is not None and not _actors_agree(actor_a, actor_b):
        return None
    shared = actor_a or actor_b or "unknown actor"
    if _actors_agree(actor_a, actor_b) and by_sound(actor_a) and any(
            same_across_scripts(x, y) for x in sorted(forms_a) for y in sorted(forms_b)):
        # rule 5 left them apart (another Latin name of that actor sounds alike too): a person decides
        return f"a Chinese and a Latin name that sound alike, {shared}"
    for name_a in _comparable_forms(sorted(forms_a)):
        for name_b in _comparable_forms(sorted(forms_b)):
            reason = same_person_reason(name_a, shared, name_b, shared)
            if reason:
                suffix = "" if actor_a and actor_b else " (one has no actor)"
                return f"{reason}, {shared}{suffix}"
    return None


__all__ = ["IdentityIndex", "KnownForum", "KnownPerson", "PostRekey", "Resolution", "canonical_forum", "canonical_people",
           "forum_match_reason", "fullest", "fullest_forum", "meeting_of",
           "likely_duplicate_people", "same_person_reason"]
