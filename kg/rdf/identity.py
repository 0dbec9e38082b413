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

This module keeps the index and decides what a record becomes; the rules are in
kg/rdf/person_rules.py and kg/rdf/forum_rules.py, the names' forms and keys in
kg/rdf/name_forms.py, the keys a candidate is looked up by in kg/rdf/candidate_keys.py, a
month-only meeting's day in kg/rdf/meeting_identity.py, and what the store knows as plain
values in kg/rdf/known.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kg.model.namespaces import cop_number, forum_iri, person_iri, post_iri
from kg.model.record import Forum, Meeting, Person, Record
from kg.model.transliteration import has_han
from kg.rdf.candidate_keys import (
    file_under,
    filed,
    forum_keys,
    person_keys,
    stored_forum_keys,
    stored_person_keys,
)
from kg.rdf.cross_script import CrossScriptChange, by_sound, changes_for, latin_forms
from kg.rdf.forum_rules import canonical_forum
from kg.rdf.known import KnownForum, KnownPerson, StoredPerson, node_name
from kg.rdf.mapping import readout_id
from kg.rdf.meeting_identity import MeetingIndex
from kg.rdf.name_forms import fold, fullest, fullest_forum
from kg.rdf.names_zh import sound_keys
from kg.rdf.offices import Office, office, offices_of, official_name, same_office
from kg.rdf.person_rules import actors_agree, bridged_nodes, canonical_people, same_people_within


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
                 posts: dict[str, list[tuple[str, str]]] | None = None, meetings: MeetingIndex | None = None) -> None:
        self.people = people
        self.forums = forums
        self.meetings = meetings or MeetingIndex()
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
            file_under(self._people_keys, i, stored_person_keys([name, *aliases]))
        for i, (label, aliases) in enumerate(forums):
            file_under(self._forum_keys, i, stored_forum_keys(label, aliases))

    @classmethod
    def of_known(cls, people: list[KnownPerson], forums: list[KnownForum],
                 posts: dict[str, list[tuple[str, str]]] | None = None,
                 meetings: list[tuple[str, str | None]] | None = None) -> IdentityIndex:
        """The index of what a store holds (read by `kg.query.people.known_people`/`known_forums`/
        `known_posts`/`known_meeting_mentions`)."""
        named = [(node_name(n), n.actor, sorted((n.names | n.aliases) - {node_name(n)})) for n in people]
        return cls(named, [(label, aliases) for _, label, aliases in forums], posts,
                   MeetingIndex.of_mentions(meetings or []))

    def add(self, record: Record) -> None:
        """Take in the people, forums and meetings of a readout just stored (by their node's name)."""
        self.meetings.add(record, readout_id(record))
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
            file_under(self._people_keys, i, stored_person_keys([name, *aliases]))
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
            file_under(self._forum_keys, i, stored_forum_keys(*self.forums[i]))

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
        within = same_people_within(record.people)
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
            near = filed(self._people_keys, person_keys(named))
            stored = [self.people[i] for i in sorted(near)]
            canonical = canonical_people(stored, named)
            bridged = bridged_nodes(stored, named, canonical)
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
            near = filed(self._people_keys, person_keys(attendee))
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
            near = filed(self._forum_keys, forum_keys(forum))
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
            near = filed(self._forum_keys, forum_keys(ref))
            canonical = canonical_forum([self.forums[i] for i in sorted(near)], ref)
            if canonical and canonical != name and forum_iri(canonical) != forum_iri(name):
                if fullest_forum([canonical, name]) == canonical:
                    forum_names[name] = canonical
                else:
                    rekeys.append(("forum", canonical, name))

        if not person_names and not forum_names:
            titles, post_rekeys = self._post_titles(record)
            if not titles:
                return self._with_meeting_days(record, rekeys, post_rekeys)
            return self._with_meeting_days(replace(record, post_titles={**record.post_titles, **titles}),
                                           rekeys, post_rekeys)
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
        return self._with_meeting_days(renamed, rekeys, post_rekeys)

    def _with_meeting_days(self, record: Record, rekeys: list[tuple[str, str, str]],
                           post_rekeys: list[PostRekey]) -> Resolution:
        """The resolution, with the day each month-only meeting of `record` is and the stored
        month mentions that move (kg/rdf/meeting_identity.py); a forum re-keyed here has its
        meetings' group renamed first, as the loader re-keys it before storing `record`."""
        groups = {_forum_slug(old): _forum_slug(new) for kind, old, new in rekeys if kind == "forum"}
        days, moves = self.meetings.resolve(record, readout_id(record), groups)
        if days:
            record = replace(record, meeting_days={**record.meeting_days, **days})
        return Resolution(record, rekeys, post_rekeys, moves)

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
            file_under(self._people_keys, i, stored_person_keys([new, *self.people[i][2]]))
        else:
            i = self._forums_at.pop(str(forum_iri(old)), None)
            if i is None:
                return
            label, aliases = self.forums[i]
            self.forums[i] = (new, [a for a in [*aliases, label] if a != new])
            self.meetings.rename_group(_forum_slug(old), _forum_slug(new))
            self._forums_at[str(forum_iri(new))] = i
            file_under(self._forum_keys, i, stored_forum_keys(*self.forums[i]))

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
            for i in filed(self._people_keys, by_latin):
                name, actor, aliases = self.people[i]
                if not actors_agree(actor, person.actor):
                    continue
                own_keys = {k for form in latin for k in sound_keys(form)}
                forms = [name] if has_han(name) else [a for a in aliases if has_han(a)]
                touched |= {(form, person.actor) for form in forms if sound_keys(form) & own_keys}
        changes: list[CrossScriptChange] = []
        for han, actor in sorted(touched):
            by_han: set[object] = {("sound", False, k) for k in sound_keys(han)} | {("form", fold(han))}
            near = [self.people[i] for i in sorted(filed(self._people_keys, by_han))]
            changes += changes_for(han, actor, near)
        return changes

    def merge_person(self, old: str, into: str) -> None:
        """The stored node named `old` is now part of the node named `into` (rule 5 attached it)."""
        i = self._people_at.pop(str(person_iri(old)), None)
        j = self._people_at.get(str(person_iri(into)))
        if i is None or j is None:
            return
        name, _, aliases = self.people[i]
        for key in stored_person_keys([name, *aliases]):
            self._people_keys.get(key, set()).discard(i)
        into_name, actor, into_aliases = self.people[j]
        self.people[j] = (into_name, actor, list(dict.fromkeys([*into_aliases, name, *aliases])))
        file_under(self._people_keys, j, stored_person_keys([into_name, *self.people[j][2]]))
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
        file_under(self._people_keys, i, stored_person_keys([han, *self.people[i][2]]))


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
    # stored month-only mentions of a meeting that now are another node: (old IRI, new IRI)
    meeting_moves: list[tuple[str, str]] = field(default_factory=list)


def _forum_slug(name: str) -> str:
    """The slug a forum's meetings are keyed by (`meeting/<slug>/<date>`)."""
    return str(forum_iri(name)).rsplit("/", 1)[1]


def _renamed_meeting(meeting: Meeting, people: dict[str, str], forums: dict[str, str]) -> Meeting:
    return replace(meeting, forum=forums.get(meeting.forum, meeting.forum) if meeting.forum else None,
                   people=[people.get(n, n) for n in meeting.people])


__all__ = ["IdentityIndex", "PostRekey", "Resolution"]
