"""The actor of a person whose own mentions name no state: fallbacks, most specific first.

1. A title elsewhere in the text that names no one but has a state and the same head:
   "Minister Shahbazov" and "Minister of Energy of the Republic of Azerbaijan" (the heading)
   → AZ, and the fuller title "Minister of Energy".
2. Reference data: office-holders whose state is public knowledge
   (`ontology/reference/officials.tsv`), for "President Biden" in a White House readout.
3. The sentence: "bilateral meetings with Chinese counterparts, including Minister ... X".
4. Titles only the EU gives ("Commissioner", "Executive Vice-President") in a text about the EU.
5. A dateline naming a city-state at the top: the issuing state's own people (DECISIONS.md 026).
6. A distinctive title ("Cabinet Secretary") that, in this text, only one state's people hold.

Last, a person whose title is a short form of an unnamed fuller title of the same actor
takes the fuller one ("Commissioner" → "Commissioner for Energy and Housing").
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache

from kg.extract.actors import dateline_actor
from kg.extract.context import Context
from kg.extract.people_lexicon import EU_TITLES, INSTITUTION_ACTORS
from kg.extract.people_roles import Mention, RoleOnly
from kg.model.record import Person
from kg.model.reference import city_country, cops
from kg.model.resources import ontology_dir

_GROUP_NOUNS = r"(?:counterparts?|officials?|ministers?|leaders?|delegations?|representatives?|colleagues?|" \
               r"delegates?|envoys?|government)"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


@cache
def officials() -> dict[str, str]:
    """Folded full name → actor code, from the reference list of office-holders."""
    path = ontology_dir() / "reference" / "officials.tsv"
    if not path.exists():
        return {}
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    table: dict[str, str] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        table[_fold(row["name"])] = row["actor"]
        for alias in filter(None, (row.get("aliases") or "").split("|")):
            table[_fold(alias)] = row["actor"]
    return table


def _official_actor(person: Person) -> str | None:
    table = officials()
    for form in [person.name, *person.aliases]:
        folded = _fold(re.sub(r",?\s+(?:Jr|Sr)\.?$", "", form))
        if folded in table:
            return table[folded]
        # Without middle initials: "Jennifer M. Granholm" is "Jennifer Granholm".
        plain = " ".join(w for w in folded.split() if not re.fullmatch(r"\w\.?", w))
        if plain in table:
            return table[plain]
    # A surname alone ("Biden", "Von der Leyen"): only when the known office-holders who end
    # with it all serve one actor.
    tail = _fold(person.name).split()
    matches = {actor for name, actor in table.items() if name.split()[-len(tail):] == tail}
    if len(matches) == 1:
        return matches.pop()
    return None


_COP_TITLE = re.compile(r"\bCOP\s?-?(\d{1,2})\s+President|\bPresident(?:[- ][Dd]esignate)?\s+(?:of|for)\s+(?:the\s+)?"
                        r"COP\s?-?(\d{1,2})\b")


_SAYS = re.compile(r"^\s*(?:,\s*)?(?:has\s+|have\s+)?(?:announced|said|says|stated|states|confirmed|declared|told)\b")


def _announcer_actor(person: Person, ctx: Context) -> str | None:
    """"New Zealand will provide NZ$20 million ..., Foreign Minister X announced today": the official who
    announces what a state (named first in the sentence) does speaks for it."""
    for span in person.evidence:
        sentence = next((s for s in ctx.sentences if s.start <= span.start < s.end), None)
        if sentence is None or not _SAYS.match(ctx.text[span.end:span.end + 30]):
            continue
        first = next((m for m in ctx.actor_mentions if sentence.start <= m.start < span.start), None)
        if first is not None and first.form not in {"adjective", "possessive"} and \
                not ctx.text[sentence.start:first.start].strip(" \t\n*_\"“"):
            return first.code
    return None


def _cop_president_actor(person: Person, ctx: Context) -> str | None:
    """"COP25 President Carolina Schmidt": a COP's president speaks for the presiding state (reference
    data), when the text names that state."""
    title = _COP_TITLE.search(person.role or "")
    if title is None:
        return None
    number = int(title.group(1) or title.group(2))
    ref = next((c for c in cops() if c.number == number), None)
    if ref is None or not any(m.code == ref.presidency for m in ctx.actor_mentions):
        return None
    return ref.presidency


def _suggested_official(person: Person, ctx: Context) -> str | None:
    """The reference list of office-holders suggests a state; the text must name that state for it
    to be taken (GUIDE.md: null when the text does not say)."""
    actor = _official_actor(person)
    if actor is None or not re.fullmatch(r"[A-Z]{2}", actor):
        return actor
    return actor if any(m.code == actor for m in ctx.actor_mentions) else None


def _role_coreference(person: Person, mentions: list[Mention], role_only: list[RoleOnly],
                      taken: set[tuple[str, str]]) -> None:
    heads = {m.head for m in mentions if m.head}
    if not heads:
        return
    candidates = [r for r in role_only if r.head in heads and (r.head, r.actor) not in taken
                  and _role_fits(person.role, r.role)]
    actors = {r.actor for r in candidates}
    if len(actors) != 1:
        return
    best = max(candidates, key=lambda r: len(r.role))
    person.actor = best.actor
    if not person.role or len(best.role) > len(person.role):
        person.role = best.role


def _role_fits(role: str | None, fuller: str) -> bool:
    """Whether a title said of a person can be the short form of a fuller title ("Minister" of "Minister of Energy")."""
    if not role:
        return True
    words, fuller_words = set(role.casefold().split()), set(fuller.casefold().split())
    return words <= fuller_words


def upgrade_roles(people: list[Person], groups_mentions: list[list[Mention]], role_only: list[RoleOnly]) -> None:
    """Give a person the fuller unnamed title of the same head and actor: "Commissioner" → "Commissioner for Energy"."""
    for person, mentions in zip(people, groups_mentions, strict=True):
        heads = {m.head for m in mentions if m.head}
        fits = [r for r in role_only if r.head in heads and r.actor == person.actor and _role_fits(person.role, r.role)]
        roles = {r.role for r in fits}
        if len(roles) == 1:
            fuller = roles.pop()
            if not person.role or len(fuller) > len(person.role):
                person.role = fuller


def _sentence_group_actor(person: Person, ctx: Context) -> str | None:
    if not person.evidence:
        return None
    for span in person.evidence:
        sentence = next((s for s in ctx.sentences if s.start <= span.start < s.end), None)
        if sentence is None:
            continue
        for mention in ctx.actor_mentions:
            if not (sentence.start <= mention.start and mention.end <= span.start):
                continue
            if mention.form not in {"adjective", "possessive"}:
                continue
            after = ctx.text[mention.end:span.start]
            if re.match(rf"\s+{_GROUP_NOUNS}\b[^.;]*?\b(?:including|such as|namely|:)", after):
                return mention.code
    return None


# "In the Kingdom of Saudi Arabia, Envoy Kerry met with Crown Prince X, Minister Y ...": a trip's leg.
_LEG_OPENING = re.compile(r"^\W*(?:In|While\s+in|During\s+(?:his|her|their|the)\s+(?:visit|stay|stop)\s+(?:to|in))\s+"
                          r"(?:the\s+)?$")
_MET_WITH = re.compile(r"\b(?:met|meets|meeting)(?:\s+with)?\b|\bheld\s+(?:talks|meetings)\s+with\b|\breceived\b")


def _trip_leg_actor(person: Person, ctx: Context) -> str | None:
    """The people a visitor meets in a paragraph that opens "In <state>, ..." are that state's."""
    if not person.evidence:
        return None
    span = min(person.evidence, key=lambda x: x.start)
    sentence = next((s for s in ctx.sentences if s.start <= span.start < s.end), None)
    if sentence is None:
        return None
    opening = next((m for m in ctx.actor_mentions if sentence.start <= m.start < sentence.start + 60
                    and _LEG_OPENING.match(ctx.text[sentence.start:m.start])
                    and re.match(r"\s*,", ctx.text[m.end:m.end + 3])), None)
    if opening is None or opening.form in {"adjective", "possessive"}:
        return None
    verb = _MET_WITH.search(ctx.text, opening.end, span.start)
    return opening.code if verb is not None else None


# Titles that many states give: sharing one says nothing of whose post it is.
_GENERIC_TITLES = {"president", "prime minister", "vice president", "vice-president", "minister", "foreign minister",
                   "secretary", "chancellor", "premier", "ambassador", "special envoy", "deputy minister",
                   "state secretary", "minister of state", "secretary of state", "king", "queen", "governor",
                   "mayor", "senator", "chair", "chairman", "co-chair", "director", "director-general", "head"}


def _same_title_actor(people: list[Person]) -> None:
    """"Cabinet Secretaries X, Y" beside "Kenya's Cabinet Secretary for Environment ... Z": the same
    distinctive title, held in this text by people of one state only, is that state's."""
    for person in people:
        if person.actor or not person.role or person.role.casefold() in _GENERIC_TITLES or " " not in person.role:
            continue
        title = person.role.casefold()
        actors = {p.actor for p in people if p is not person and p.actor and p.role
                  and p.role.casefold().startswith(title)}
        if len(actors) == 1:
            person.actor = actors.pop()


_ISSUE_LINE = re.compile(
    r"^[ \t*_]*(?P<place>[A-Z][\w .'’-]{1,40}?(?:,[ \t]*[A-Z][\w .'’-]{1,30}?)?)[ \t]*(?:,|[-–—]+)[ \t]*"
    r"(?:\w+day,?[ \t]+)?(?:\d{1,2}[ \t]+[A-Z][a-z]+\.?,?[ \t]+\d{4}|[A-Z][a-z]+\.?[ \t]+\d{1,2},?[ \t]+\d{4}|"
    r"\d{1,2}[/.]\d{1,2}[/.]\d{4})",
    re.MULTILINE)
_OFFICIAL_TITLE = re.compile(r"\b(?:Minister|Secretary|Envoy|Ambassador|Commissioner|Chancellor|Premier|President)\b")


_COORDINATION_GAP = re.compile(r"[^.;:!?]{0,120}")


def _coordinated_actor(people: list[Person], ctx: Context) -> None:
    """"Ghana's Minister for Foreign Affairs, X, and the Minister for Environment, Y": a person
    listed by "and" right after one whose state is known, with no other state or verb between,
    belongs to the same state."""
    spans = sorted(((min(s.start for s in p.evidence), max(s.end for s in p.evidence if s.start == min(
        t.start for t in p.evidence)), p) for p in people if p.evidence), key=lambda x: x[0])
    for (_, end, before), (start, _, person) in zip(spans, spans[1:], strict=False):
        if person.actor or not before.actor or not re.fullmatch(r"[A-Z]{2}", before.actor) or start <= end:
            continue
        gap = ctx.text[end:start]
        if not re.search(r"(?:,\s*|\s)and\s", gap) or not _COORDINATION_GAP.fullmatch(gap):
            continue
        if re.search(r"\b(?:met|meets|with|received|welcomed|spoke|called|held|hosted|joined|said|told)\b", gap):
            continue  # a counterpart, not a colleague
        if any(end <= a.start < start for a in ctx.actor_mentions):
            continue
        person.actor = before.actor


# A heading line that is an institution of one state ("THE WHITE HOUSE", "Downing Street").
_INSTITUTION_HEADING = re.compile(
    r"(?im)^[ \t*#_]*(?:the\s+)?(" + "|".join(re.escape(k) for k in INSTITUTION_ACTORS) + r")[ \t*_]*$")


def _issuing_state(text: str) -> tuple[str | None, bool]:
    """The state that issued a release, and whether a heading institution (not a dateline) says so."""
    match = _ISSUE_LINE.search(text[:1500])
    if match is not None:
        for part in reversed(match.group("place").split(",")):
            code = city_country(part.strip()) or city_country(part.strip().replace(" ", ""))  # "Ha Noi"
            if code:
                return code, False
    heading = _INSTITUTION_HEADING.search(text[:400])
    if heading is not None:
        folded = heading.group(1).casefold()
        return next((code for name, code in INSTITUTION_ACTORS.items() if name.casefold() == folded), None), True
    return None, False


def _issuer_actor(people: list[Person], ctx: Context) -> None:
    """The first official a release names, when nothing else gives their state, is the issuing
    government's: the dateline city's state ("Berlin, 14 March 2024 ... Stefan Wenzel,
    Parliamentary State Secretary at the Federal Ministry ..."), or the state of the
    institution heading it ("THE WHITE HOUSE ... President X"), if the text names that state."""
    code, by_heading = _issuing_state(ctx.text)
    if code is None or code not in {m.code for m in ctx.actor_mentions}:
        return
    named = sorted((p for p in people if p.evidence), key=lambda p: min(s.start for s in p.evidence))
    officials = [p for p in named if p.role and _OFFICIAL_TITLE.search(p.role)]
    # Under an institution's heading, a counterpart named first ("Call with Prime Minister X of
    # New Zealand") comes with their state: the issuer's official is the first without one.
    # Under a dateline only the very first official is taken (a city alone is weaker evidence).
    first = next((p for p in officials if p.actor is None), None) if by_heading else next(iter(officials), None)
    if first is not None and first.actor is None:
        first.actor = code


def resolve_actors(people: list[Person], *, groups_mentions: list[list[Mention]], role_only: list[RoleOnly],
                   ctx: Context) -> None:
    """Fill in `actor` (and sometimes a fuller `role`) for people whose mentions name no state."""
    taken = {(m.head, p.actor) for p, ms in zip(people, groups_mentions, strict=True) for m in ms
             if p.actor and m.head}
    eu_text = any(m.code == "EU" for m in ctx.actor_mentions)
    dateline = dateline_actor(ctx.text)
    for person, mentions in zip(people, groups_mentions, strict=True):
        if person.actor:
            continue
        _role_coreference(person, mentions, role_only, taken)
        if person.actor:
            continue
        person.actor = _cop_president_actor(person, ctx) or _trip_leg_actor(person, ctx) or \
            _announcer_actor(person, ctx) or \
            _suggested_official(person, ctx) or \
            _sentence_group_actor(person, ctx)
        if person.actor:
            continue
        if eu_text and person.role and any(title in person.role for title in EU_TITLES):
            person.actor = "EU"
        elif dateline and person.role:
            person.actor = dateline[0]
    _issuer_actor(people, ctx)
    _coordinated_actor(people, ctx)
    _same_title_actor(people)
    upgrade_roles(people, groups_mentions, role_only)
