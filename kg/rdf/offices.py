"""Posts as offices: one post for the ways readouts write one office, and the kind of office it is.

A readout writes China's climate envoy as "Special Envoy for Climate Change", "Climate Envoy" or
"Special Envoy of President Xi Jinping and Special Envoy for Climate Change"; the European
Commission's head as "President of the European Commission" or "European Commission President".
`office(role, owner)` reduces a title to the office it names:

- what only says whose office it is goes: "(UK)", "of Chile", "Chinese", "Federal", "-designate"
  (a president-designate prepares to hold the same office), "of President Xi Jinping";
- a compound title ("Minister of Foreign Affairs and President-designate of COP27") is one
  post, its first office (or, when all its parts are the same kind of office, the part that
  says which: "Special Envoy of the President and Special Envoy for Climate Change");
- the head title ("Minister", "Special Envoy", "President") and the portfolio are found
  wherever the portfolio stands: "Foreign Minister" is "Minister for Foreign Affairs".

The post's IRI is minted from the head and the portfolio words in the order written; the kind
(head of state, head of government, minister, envoy, commissioner...) comes from the head.
`specialised(office, person, actor)` narrows a bare title ("Commissioner", "President") to the
office the reference list of office-holders gives the person, when it is the same kind of office.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.model.record import Record

# Head titles, longest first within each family; value: (canonical head, kind, joiner).
_HEADS: dict[str, tuple[str, str, str]] = {
    "deputy prime minister": ("Deputy Prime Minister", "deputy-head-of-government", "for"),
    "prime minister": ("Prime Minister", "head-of-government", "for"),
    "chancellor": ("Chancellor", "head-of-government", "of"),
    "vice premier": ("Vice Premier", "deputy-head-of-government", "for"),
    "vice-premier": ("Vice Premier", "deputy-head-of-government", "for"),
    "premier": ("Premier", "head-of-government", "of"),
    "executive vice-president": ("Executive Vice-President", "commissioner", "of"),
    "executive vice president": ("Executive Vice-President", "commissioner", "of"),
    "vice-president": ("Vice-President", "deputy-head-of-state", "of"),
    "vice president": ("Vice-President", "deputy-head-of-state", "of"),
    "deputy president": ("Deputy President", "deputy-head-of-state", "of"),
    "president": ("President", "head-of-state", "of"),
    "crown prince": ("Crown Prince", "head-of-state", "of"),
    "king": ("King", "head-of-state", "of"),
    "emir": ("Emir", "head-of-state", "of"),
    "special presidential envoy": ("Special Envoy", "envoy", "for"),
    "special presidential coordinator": ("Special Coordinator", "envoy", "for"),
    "special envoy": ("Special Envoy", "envoy", "for"),
    "special representative": ("Special Representative", "envoy", "for"),
    "envoy": ("Special Envoy", "envoy", "for"),
    "high representative": ("High Representative", "commissioner", "for"),
    "commissioner": ("Commissioner", "commissioner", "for"),
    "secretary-general": ("Secretary-General", "head-of-organisation", "of"),
    "secretary general": ("Secretary-General", "head-of-organisation", "of"),
    "executive secretary": ("Executive Secretary", "head-of-organisation", "of"),
    "deputy director-general": ("Deputy Director-General", "official", "for"),
    "director-general": ("Director-General", "official", "for"),
    "director general": ("Director-General", "official", "for"),
    "head of cabinet": ("Head of Cabinet", "official", "of"),
    "secretary of state": ("Secretary of State", "minister", "for"),
    "cabinet secretary": ("Cabinet Secretary", "minister", "for"),  # Kenya's ministers
    "minister of state": ("Minister of State", "minister", "for"),
    "state minister": ("Minister of State", "minister", "for"),
    "undersecretary": ("Under-Secretary", "minister", "for"),
    "under-secretary": ("Under-Secretary", "minister", "for"),
    "minister": ("Minister", "minister", "for"),
    "secretary": ("Secretary", "minister", "for"),
    "ambassador": ("Ambassador", "ambassador", "for"),
    "administrator": ("Administrator", "head-of-organisation", "of"),
    "chairman": ("Chair", "head-of-organisation", "of"),
    "chairperson": ("Chair", "head-of-organisation", "of"),
    "chair": ("Chair", "head-of-organisation", "of"),
    "senior advisor": ("Senior Advisor", "advisor", "for"),
    "senior adviser": ("Senior Advisor", "advisor", "for"),
    "advisor": ("Advisor", "advisor", "for"),
    "adviser": ("Advisor", "advisor", "for"),
    "coordinator": ("Coordinator", "envoy", "for"),
    "spokesman": ("Spokesperson", "official", "of"),
    "spokesperson": ("Spokesperson", "official", "of"),
    "governor": ("Governor", "official", "of"),
    "mayor": ("Mayor", "official", "of"),
}
ROLE_KINDS = ("head-of-state", "deputy-head-of-state", "head-of-government", "deputy-head-of-government",
              "minister", "envoy", "commissioner", "head-of-organisation", "ambassador", "advisor",
              "official")
# Offices many people hold at once when the title names no portfolio: "Commissioner", "Minister".
_COLLEGIAL = {"commissioner", "minister", "ambassador", "advisor", "official"}

_HEAD_RE = re.compile(r"\b(" + "|".join(re.escape(h) for h in sorted(_HEADS, key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)
# Where a compound title's second office starts: ", and Minister…", " and Deputy Prime Minister…"
# (a head in lower case too: "Foreign Minister and president-designate of the Summit")
_PART_START = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?=(?:(?:Deputy|Senior|Special|Executive|Vice|"
                         r"Federal|Union|State|Chief)\s+)?(?i:" + "|".join(
                             re.escape(h.split()[0].capitalize()) for h in _HEADS) + r")\b|Member\b|Minister-)")
_STOP = {"of", "for", "the", "on", "at", "in", "to", "a", "an", "and"}
_QUALIFIERS = {"federal", "union", "cabinet", "national", "designate", "acting", "incoming", "interim"}
# States whose ministers titled "Secretary" with a portfolio are Secretaries of State: in the
# UK "the Development Secretary" is the Secretary of State for International Development. The
# rewrite is that state's title only: a US "Energy Secretary" is the Secretary of Energy, and a
# "Secretary" of any other state or organisation keeps the title written.
_SECRETARIES_OF_STATE = {"GB"}
_SYNONYMS: dict[tuple[str, ...], tuple[str, ...]] = {("foreign",): ("foreign", "affairs"),
                                                     ("climate",): ("climate", "change")}


@dataclass(frozen=True)
class Office:
    """What a title names: the key its post is minted from, a readable title and the kind."""

    key: str  # "special envoy for climate change": slugged into post/<actor>/<key>
    label: str  # "Special Envoy for Climate Change"
    kind: str  # one of ROLE_KINDS
    head: str  # "Special Envoy"
    portfolio: tuple[str, ...]  # content words of the portfolio, in the order written

    @property
    def collegial(self) -> bool:
        """Whether several people can hold the post at once: a bare "Commissioner" or "Minister"."""
        return not self.portfolio and self.kind in _COLLEGIAL


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@cache
def _owner_forms(owner: str) -> tuple[str, ...]:
    """The names and adjectives by which a title says whose office it is ("of Chile", "Chinese")."""
    from kg.model import reference

    forms = {owner}
    ref = reference.country(owner) if re.fullmatch(r"[A-Za-z]{2}", owner) else None
    if ref is not None and ref.code == "EU":
        # not "European Commission" or "European Council": those say which office it is
        forms |= {"European Union", "EU"}
    elif ref is not None:
        forms |= {ref.name, *ref.aliases, *ref.adjectives, *([ref.official_name] if ref.official_name else [])}
    else:
        words = re.findall(r"[^\W\d_]+", owner)
        initials = "".join(w[0] for w in words if w[0].isupper())
        if len(initials) >= 2:
            forms.add(initials)
    return tuple(sorted((f for f in forms if f and len(f) >= 2), key=len, reverse=True))


@cache
def _owner_patterns(owner: str) -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    """For each form of the owner: "… of <owner>" at the end, "<owner>'s …" at the start,
    compiled once (one owner's patterns outnumber the `re` module's cache)."""
    out = []
    for form in _owner_forms(owner):
        pattern = re.escape(form)
        out.append((re.compile(rf"\s*,?\s+(?:of|for)\s+(?:the\s+)?{pattern}\s*$", re.IGNORECASE),
                    re.compile(rf"^(?:the\s+)?{pattern}(?:'s)?\s+(?=\w)", re.IGNORECASE)))
    return tuple(out)


def _strip_owner(text: str, owner: str | None) -> str:
    if not owner:
        return text
    for trailing, leading in _owner_patterns(owner):
        text = leading.sub("", trailing.sub("", text))
    return text


def _clean(part: str, owner: str | None) -> str:
    part = re.sub(r"\([^)]*\)", " ", part)
    part = re.sub(r"-?\bdesignate\b", " ", part, flags=re.IGNORECASE)
    # "Special Envoy of President Xi Jinping", "of the President": whose envoy, not which office
    part = re.sub(r"\s+of\s+(?:the\s+)?President(?:\s+[A-Z][\w-]*){0,3}(?=\s+(?:for|on)\b|\s*$)", "", part)
    part = re.sub(r"\s+", " ", part).strip(" ,;-")
    return _strip_owner(part, owner)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_][\w'’-]*", _fold(text.replace("&", " and ")))]


def _title_word(word: str) -> str:
    if word in _STOP:
        return word
    return word.upper() if re.fullmatch(r"[a-z]+\d+", word) or word in {"un", "eu", "us", "uk", "ec"} \
        else word.capitalize()


def _office_of_part(part: str, owner: str | None) -> Office | None:
    text = _clean(part, owner)
    match = _HEAD_RE.search(text)
    if match is None:
        return None
    head, kind, joiner = _HEADS[match.group(1).lower()]
    before, after = text[:match.start()], text[match.end():]
    after = re.sub(r"^\s*(?:of|for|on|to)\s+", " ", after, flags=re.IGNORECASE)
    content = [w for w in _words(after) + _words(before) if w not in _QUALIFIERS]
    words = tuple(w for w in content if w != "the")
    while words and words[-1] in _STOP:
        words = words[:-1]
    if head == "Secretary" and words and owner in _SECRETARIES_OF_STATE:
        head = "Secretary of State"  # "Development Secretary": a UK secretary of state
    core = tuple(w for w in words if w not in _STOP)
    words = _SYNONYMS.get(core, words)
    portfolio = tuple(w for w in words if w not in _STOP)
    label = head + (f" {joiner} " + " ".join(_title_word(w) for w in words) if words else "")
    key = " ".join([_fold(head), joiner, *words]) if words else _fold(head)
    if kind == "head-of-state" and portfolio:
        kind = "head-of-organisation"  # "President of the European Commission", "COP26 President"
    return Office(key=key, label=label, kind=kind, head=head, portfolio=portfolio)


# The same titles come back in readout after readout (and identity resolution asks again for
# every stored post): an Office is frozen, so the answer for a (title, owner) is kept.
@lru_cache(maxsize=1 << 14)
def office(role: str, owner: str | None = None) -> Office:
    """The office a title names, for a post of `owner` (an actor code or an organisation's name)."""
    parts = [p for p in _PART_START.split(role) if p and p.strip()]
    offices = [o for o in (_office_of_part(p, owner) for p in parts) if o is not None]
    if not offices:
        words = _words(_clean(role, owner)) or _words(role) or ["unnamed"]
        return Office(key=" ".join(words), label=role.strip(), kind="official", head=role.strip(),
                      portfolio=tuple(w for w in words if w not in _STOP))
    first = offices[0]
    if not first.portfolio:
        same = [o for o in offices[1:] if o.head == first.head and o.portfolio]
        if same:
            return same[0]
    return first


def same_office(a: Office, b: Office) -> bool:
    """Whether two offices of one actor held by one person are one: the same head, and one's
    portfolio words are among the other's ("Commissioner" / "Commissioner for Energy")."""
    if a.head != b.head:
        return False
    pa, pb = set(a.portfolio), set(b.portfolio)
    return pa <= pb or pb <= pa


_FAMILY_NAME_FIRST = {"CN", "TW", "HK", "MO", "KR", "KP", "VN"}


@dataclass(frozen=True)
class Official:
    """An office-holder of the reference list: full name, other names, actor, office."""

    name: str
    aliases: tuple[str, ...]
    actor: str
    office: str


@cache
def officials() -> tuple[Official, ...]:
    """The reference list of office-holders (ontology/reference/officials.tsv)."""
    from kg.model.resources import ontology_dir

    path = ontology_dir() / "reference" / "officials.tsv"
    if not path.exists():
        return ()
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return tuple(Official(row["name"], tuple(filter(None, (row.get("aliases") or "").split("|"))), row["actor"],
                          row.get("office") or "")
                 for row in csv.DictReader(lines, delimiter="\t"))


@cache
def _officials() -> dict[tuple[str, str], str]:
    """(folded name or alias, actor) → office."""
    table: dict[tuple[str, str], str] = {}
    for official in officials():
        if official.office:
            for name in [official.name, *official.aliases]:
                table[(" ".join(_words(name)), official.actor)] = official.office
    return table


def official_name(name: str, actor: str | None) -> str | None:
    """The full name the reference list gives a person named `name` for `actor`: the same name
    or one of its aliases, or its last words ("Jørgensen" for the EU: "Dan Jørgensen"), when
    exactly one listed office-holder of that actor fits. None when none or several do."""
    if actor is None:
        return None
    words = _words(name)
    if not words:
        return None
    exact = {o.name for o in officials() if o.actor == actor
             and any(_words(n) == words for n in [o.name, *o.aliases])}
    if exact:
        return exact.pop() if len(exact) == 1 else None
    # a surname alone: the last words, or the first word where the family name comes first ("Xie")
    first = len(words) == 1 and actor in _FAMILY_NAME_FIRST
    tail = {o.name for o in officials() if o.actor == actor
            and any(len(_words(n)) > len(words) and (_words(n)[-len(words):] == words or (first and _words(n)[0] == words[0]))
                    for n in [o.name, *o.aliases])}
    return tail.pop() if len(tail) == 1 else None


def specialised(found: Office, person: str, owner: str | None) -> Office:
    """`found`, or the fuller office the reference list gives `person` when it is the same office
    ("Commissioner" for a person listed as "Commissioner for Energy and Housing")."""
    if owner is None:
        return found
    listed = _officials().get((" ".join(_words(person)), owner))
    if listed is None:
        return found
    known = office(listed, owner)
    if known.head == found.head and set(found.portfolio) <= set(known.portfolio):
        return known
    return found


def merged_within(offices: list[Office]) -> dict[str, Office]:
    """For one person's offices of one actor in one readout: each key → the fullest same office."""
    out: dict[str, Office] = {}
    for o in offices:
        fuller = [x for x in offices if same_office(o, x) and len(x.portfolio) > len(o.portfolio)]
        out[o.key] = max(fuller, key=lambda x: (len(x.portfolio), x.key)) if fuller else o
    return out


def offices_of(record: Record) -> dict[tuple[str, str], Office]:
    """The office each person's title names, one per office: a bare title the reference list of
    office-holders or the person's other title in this readout makes specific takes that one, and
    a title identity resolution matched to a fuller stored post (`record.post_titles`) that post."""
    found: dict[tuple[str, str], Office] = {}
    by_person: dict[str, list[tuple[str, Office]]] = {}
    for person in record.people:
        if person.role:
            title = record.post_titles.get((person.name, person.role))
            held = office(title, person.actor) if title else \
                specialised(office(person.role, person.actor), person.name, person.actor)
            by_person.setdefault(person.name, []).append((person.role, held))
    for name, titles in by_person.items():
        fullest = merged_within([o for _, o in titles])
        for role, o in titles:
            found[(name, role)] = fullest[o.key]
    return found


__all__ = ["ROLE_KINDS", "Office", "Official", "merged_within", "office", "offices_of", "official_name", "officials", "same_office",
           "specialised"]
