"""Names in the language asked (`--lang en|zh`): English by default, the other as fallback.

A person or forum read in both languages is labelled in English (rdfs:label) and carries its
Chinese name as skos:altLabel@zh; one read only in Chinese is labelled in Chinese (@zh). So
English needs no change (a Chinese-only name is its own fallback), and Chinese replaces each
English name that has a Chinese form by that form, in query answers and export labels alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from rdflib import Literal

from kg.errors import UsageError
from kg.sparql.results import SelectResult

LANGUAGES = ("en", "zh")

_CHINESE_NAMES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT DISTINCT ?node ?name ?zh WHERE {
  ?node skos:altLabel ?zh .
  FILTER(LANG(?zh) = "zh")
  { ?node rdfs:label ?name } UNION { ?node foaf:name ?name } UNION { ?node skos:prefLabel ?name }
  FILTER(LANG(?name) != "zh")
}
"""


@dataclass
class ChineseNames:
    """Node IRI → its Chinese name, and each English name → the Chinese name of its node."""

    by_node: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r} (languages: {', '.join(LANGUAGES)})")
    return lang


def chinese_names(store: Any) -> ChineseNames:
    """The Chinese names of nodes that also have an English one (the shortest when several)."""
    names = ChineseNames()
    for row in store.query(_CHINESE_NAMES):
        node, name, zh = str(row[0].value), str(row[1].value), str(row[2].value)
        if re.fullmatch(r"COP\d+", name):
            continue  # COP29 is written so in Chinese too
        for table, key in ((names.by_node, node), (names.by_name, name)):
            known = table.get(key)
            if known is None or (len(zh), zh) < (len(known), known):
                table[key] = zh
    return names


def relabel_result(result: SelectResult, names: ChineseNames, lang: str) -> SelectResult:
    """A query answer with English names replaced by Chinese ones (lang "zh"); as is for "en"."""
    if check_language(lang) == "en" or not names.by_name:
        return result
    rows = [{var: _in_chinese(term, names) for var, term in row.items()} for row in result.rows]
    return replace(result, rows=rows)


def _in_chinese(term: Any, names: ChineseNames) -> Any:
    """A name, or a label that opens with one ("<forum>, 2024-09-04"), in Chinese."""
    if not isinstance(term, Literal) or term.datatype is not None:
        return term
    text = str(term)
    if text in names.by_name:
        return Literal(names.by_name[text], lang="zh")
    head, sep, rest = text.partition(", ")
    if sep and head in names.by_name:
        return Literal(f"{names.by_name[head]}, {rest}", lang="zh")
    return term


def label_in(iri: str, label: str, names: ChineseNames, lang: str) -> str:
    """A node's label in the language asked (its own label when it has none in that language)."""
    if lang == "zh":
        return names.by_node.get(iri, names.by_name.get(label, label))
    return label
