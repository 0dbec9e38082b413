"""Parameter values read the way people write them, checked against what the store knows.

`kg query meetings-between -p a=China -p b="United States"`, `-p forum=COP29`, `-p forum=29`,
`-p forum="Kenya-UK Climate and Nature Partnership"` (or one of its aliases, or its initials),
`-p topic=methane`, `-p readout=joint-statement.txt`, `-p meeting=meeting/cop29/2024-11-11`
(the shortened IRI the result table prints) all name one node. A value that names nothing the
store (or the reference data) knows is an error that lists the closest known values, instead
of a question that silently answers nothing.

Each resolver returns the value in the form `kg.query.named.to_term` reads (an ISO code, a
topic slug, a readout id, a full IRI) or raises UsageError; the term itself is still made by
`to_term`, so the type check stays in one place.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from rdflib.term import Node

from kg.errors import UsageError
from kg.model.namespaces import ID, cop_number, forum_iri, normalise_name
from kg.model.reference import countries
from kg.query.named import NamedQuery, QueryParam, bind_params
from kg.query.people import known_forums

_HEX_ID = re.compile(r"^[0-9a-f]{16}$")
# Words left out of a forum's initials: "Ministerial Meeting on Climate Action" → MMCA.
_MINOR_WORDS = frozenset({"of", "on", "the", "and", "for", "in", "to", "a", "an", "at", "with"})
_SHOWN = 5  # closest values an error lists


def _closest(wanted: str, known: Iterable[str]) -> str:
    """', '.join of the known values closest to `wanted` (by spelling), best first."""
    pool = sorted({k for k in known if k})
    by_fold = {k.casefold(): k for k in pool}
    near = difflib.get_close_matches(wanted.casefold(), list(by_fold), n=_SHOWN, cutoff=0.4)
    # a value contained in a known one ("methane" in "methane-non-co2") is close too
    near += [k for k in by_fold if wanted.casefold() in k and k not in near]
    shown = [by_fold[k] for k in near[:_SHOWN]] or pool[:_SHOWN]
    return ", ".join(shown)


def _unknown(param: QueryParam, value: str, what: str, known: Iterable[str], where: str = " in the store") -> UsageError:
    closest = _closest(value, known)
    hint = f"; closest known: {closest}" if closest else ""
    return UsageError(f"parameter {param.name}: no {what} {value!r}{where}{hint}")


# ---------------------------------------------------------------- actors (reference data)

@lru_cache(maxsize=1)
def _actor_names() -> dict[str, str]:
    """Every folded name, official name, alias, adjective and code of a country or the EU → its code."""
    names: dict[str, str] = {}
    for ref in countries():
        forms = [ref.code, ref.alpha3 or "", ref.name, ref.official_name or "", *ref.aliases, *ref.adjectives]
        for form in forms:
            if form:
                names.setdefault(normalise_name(form), ref.code)
    for ref in countries():  # a code always means its own country, whatever alias shares it
        names[normalise_name(ref.code)] = ref.code
    return names


def resolve_actor(param: QueryParam, value: str, store: Any = None) -> str:
    """An ISO code ('CN', 'cn', 'CHN'), a name ('China', "People's Republic of China") or an
    adjective ('Chinese') → the ISO 3166-1 alpha-2 code (EU for the European Union)."""
    code = _actor_names().get(normalise_name(value))
    if code is None:
        known = [ref.name for ref in countries()] + [ref.code for ref in countries()]
        raise _unknown(param, value, "country or union", known, where="")
    return code


# ---------------------------------------------------------------- forums (the store)

def _initials(name: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", name)
    return "".join(w[0] for w in words if w.lower() not in _MINOR_WORDS).lower()


def resolve_forum(param: QueryParam, value: str, store: Any) -> str:
    """A forum's name, alias, initials ('MMCA'), IRI, shortened IRI ('forum/cop29'), or a COP
    number ('COP29', 'cop 29', '29') → the forum's IRI, if the store knows that forum."""
    forums = known_forums(store)
    raw = value.strip()
    if re.fullmatch(r"\d{1,3}", raw):
        raw = f"COP{raw}"
    wanted_iri = _expand(raw) if not raw.startswith(("http://", "https://")) else raw
    by_iri = {iri for iri, _label, _aliases in forums}
    for candidate in (wanted_iri, raw, str(forum_iri(raw))):
        if candidate in by_iri:
            return candidate
    folded = normalise_name(raw)
    matches = {iri for iri, label, aliases in forums
               if folded in {normalise_name(n) for n in (label, *aliases)}}
    if not matches and cop_number(raw) is None:
        matches = {iri for iri, label, aliases in forums
                   if any(_initials(n) == raw.lower() for n in (label, *aliases))} if len(raw) >= 2 else set()
    if len(matches) == 1:
        return matches.pop()
    names = [label for _iri, label, _aliases in forums]
    if matches:
        labels = sorted(label for iri, label, _aliases in forums if iri in matches)
        raise UsageError(f"parameter {param.name}: {value!r} names {len(matches)} forums: {', '.join(labels)}")
    raise _unknown(param, value, "forum", names)


# ---------------------------------------------------------------- topics, readouts, IRIs

_TOPICS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX kg: <https://w3id.org/climate-kg/ontology#>
SELECT DISTINCT ?topic ?label WHERE { ?topic a kg:Topic . OPTIONAL { ?topic skos:prefLabel ?label } }
"""

_READOUTS = """
PREFIX kg: <https://w3id.org/climate-kg/ontology#>
SELECT DISTINCT ?readout ?path WHERE { ?readout a kg:Readout . OPTIONAL { ?readout kg:sourcePath ?path } }
"""


def _value(term: Any) -> str:
    return "" if term is None else str(term.value)


def resolve_topic(param: QueryParam, value: str, store: Any) -> str:
    """A topic slug ('methane-non-co2'), its label, or the unique slug starting with the value
    ('methane') → the slug."""
    prefix = str(ID["topic/"])
    topics: dict[str, set[str]] = {}
    for row in store.query(_TOPICS):
        iri = _value(row["topic"])
        if iri.startswith(prefix):
            topics.setdefault(iri[len(prefix):], set()).add(_value(row["label"]))
    raw = value.strip()
    slug = raw[len(prefix):] if raw.startswith(prefix) else raw.removeprefix("topic/")
    if slug in topics:
        return slug
    folded = normalise_name(raw)
    matches = {s for s, labels in topics.items() if folded in {normalise_name(x) for x in labels if x}}
    matches = matches or {s for s in topics if s.startswith(folded)}
    if len(matches) == 1:
        return matches.pop()
    raise _unknown(param, value, "topic", topics)


def resolve_readout(param: QueryParam, value: str, store: Any) -> str:
    """A readout's 16-hex id, IRI, shortened IRI ('readout/<id>') or the name of the file it
    was loaded from → its id."""
    raw = value.strip()
    ids: dict[str, str] = {}  # id → file name
    for row in store.query(_READOUTS):
        iri = _value(row["readout"])
        ids[iri.rsplit("/", 1)[-1]] = _value(row["path"])
    candidate = raw.rsplit("/", 1)[-1].lower() if raw.startswith(("http", "readout/")) else raw.lower()
    if _HEX_ID.match(candidate) and candidate in ids:
        return candidate
    by_file = [i for i, path in ids.items() if path and (path == raw or path.rsplit("/", 1)[-1] == raw)]
    if len(by_file) == 1:
        return by_file[0]
    known = [*ids, *(path.rsplit("/", 1)[-1] for path in ids.values() if path)]
    raise _unknown(param, value, "readout", known)


def _expand(value: str) -> str:
    """'meeting/cop29/2024-11-11' (an IRI shortened as tables print it) → the full IRI."""
    return value if value.startswith(("http://", "https://", "urn:")) else str(ID) + value.lstrip("/")


_KNOWN_OF_KIND = """
SELECT DISTINCT ?s WHERE { ?s ?p ?o . FILTER(ISIRI(?s) && STRSTARTS(STR(?s), ?prefix)) } LIMIT 5000
"""


def resolve_iri(param: QueryParam, value: str, store: Any) -> str:
    """A full IRI, `<IRI>`, or one shortened as the result tables print it ('meeting/…',
    'actor/CN') → the full IRI, if the store says something about it."""
    from rdflib import Literal, URIRef

    iri = _expand(value.strip().removeprefix("<").removesuffix(">"))
    if not iri.startswith(str(ID)):
        return iri  # outside the project's IRIs: any IRI may be asked about
    if bool(store.query("ASK { ?iri ?p ?o }", {"iri": URIRef(iri)})):
        return iri
    kind = iri[len(str(ID)):].split("/", 1)[0]
    rows = store.query(_KNOWN_OF_KIND, {"prefix": Literal(f"{ID}{kind}/")})
    known = [_value(row["s"])[len(str(ID)):] for row in rows]
    raise _unknown(param, value, "node", known)


Resolver = Callable[[QueryParam, str, Any], str]
RESOLVERS: dict[str, Resolver] = {
    "actor": resolve_actor, "forum": resolve_forum, "topic": resolve_topic,
    "readout": resolve_readout, "iri": resolve_iri,
}


# Resolvers that read only the reference data, usable without a store (`kg query --explain`).
_STORE_FREE = frozenset({"actor"})


def resolve_params(query: NamedQuery, values: Mapping[str, str], store: Any) -> dict[str, Node]:
    """`bind_params` with each given value first read the way people write it (see the module
    docstring) and checked against the store: UsageError names the closest known values.

    With `store` None only what needs no store is resolved (country names); other values must
    then be in the form their type declares."""
    resolved: dict[str, str] = {}
    for name, value in values.items():
        param = query.param(name)
        resolver = RESOLVERS.get(param.type) if param is not None else None
        if param is None or resolver is None or (store is None and param.type not in _STORE_FREE):
            resolved[name] = value  # bind_params reports an unknown parameter or a bad literal
            continue
        resolved[name] = resolver(param, value, store)
    return bind_params(query, resolved)
