"""Summaries kept at load time equal the grouping they stand for, after loads and removals,
and commitments-reaffirmed reading them gives the rows the grouping query gave."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import URIRef
from readout_factory import write_records

from kg.loader import load_paths, remove_readout
from kg.query import pairs, post_holders, summaries
from kg.query.named import load_query, run
from kg.sparql.results import SelectResult
from kg.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # bench/ is a folder of scripts beside the package, not part of kg
    sys.path.insert(0, str(ROOT))

from bench.generate import write_corpus  # noqa: E402

# The question as it was before the summaries: every commitment grouped at query time.
GROUPED = """PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?minReadouts ?actor ?actorName ?topic ?readouts ?firstSeen ?lastSeen ?targetYears ?text
WHERE {
  {
    SELECT ?minReadouts ?actor ?topic (COUNT(DISTINCT ?readout) AS ?readouts)
           (MIN(?issued) AS ?firstSeen) (MAX(?issued) AS ?lastSeen)
           (GROUP_CONCAT(DISTINCT STR(?year); separator=", ") AS ?targetYears) (MIN(?sentence) AS ?text)
    WHERE {
      ?commitment kg:committedBy ?actor ; dcterms:subject ?topic .
      ?commitment prov:wasDerivedFrom ?readout ; schema:text ?sentence .
      ?readout a kg:Readout ; dcterms:issued ?issued .
      OPTIONAL { ?commitment kg:targetYear ?year }
    }
    GROUP BY ?minReadouts ?actor ?topic
    HAVING (COUNT(DISTINCT ?readout) >= ?minReadouts)
  }
  OPTIONAL { ?actor skos:prefLabel ?actorName }
}
ORDER BY DESC(?readouts) ?actor ?topic
"""


# post-holders-as-of as it was before the posts' latest holders were kept: every holding grouped.
POSTS_GROUPED = """PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?asOf ?country ?countryName ?post ?postLabel ?person ?name ?lastSeen
WHERE {
  # the latest readout (on or before the date) naming anyone in each post: one pass over the
  # post holdings (comparing every holding with every later one cost O(k^2) per post: 44 s at
  # 10,000 readouts). ?asOf and ?country are projected so that a bound value reaches it.
  {
    SELECT ?asOf ?country ?post (MAX(?issued) AS ?lastSeen) WHERE {
      ?post org:postIn ?country .
      GRAPH ?readout { ?someone org:holds ?post }
      ?readout dcterms:issued ?issued .
      FILTER(COALESCE(?issued <= ?asOf, true))
    } GROUP BY ?asOf ?country ?post
  }
  # whoever that readout names in the post holds it (a later readout naming someone else
  # would have been the latest)
  GRAPH ?latest { ?person org:holds ?post }
  ?latest dcterms:issued ?lastSeen .
  OPTIONAL { ?post rdfs:label ?postLabel }
  OPTIONAL { ?person foaf:name ?name }
  OPTIONAL { ?country skos:prefLabel ?countryName }
}
GROUP BY ?asOf ?country ?countryName ?post ?postLabel ?person ?name ?lastSeen
ORDER BY ?country ?postLabel ?name
"""


# readouts as it was before each graph's size was kept: every graph's triples counted.
READOUTS_COUNTED = """PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>

SELECT ?readout ?title ?issued ?publisherName ?language ?sourcePath ?loadedAt ?toolVersion ?triples ?publisher
WHERE {
  ?readout a kg:Readout .
  OPTIONAL { ?readout dcterms:title ?title }
  OPTIONAL { ?readout dcterms:issued ?issued }
  OPTIONAL { ?readout kg:publisherName ?publisherName }
  OPTIONAL { ?readout dcterms:language ?languageId BIND(REPLACE(STR(?languageId), "^.*/", "") AS ?language) }
  OPTIONAL { ?readout kg:sourcePath ?sourcePath }
  OPTIONAL { ?readout prov:wasGeneratedBy ?load . ?load prov:startedAtTime ?loadedAt . OPTIONAL { ?load kg:toolVersion ?toolVersion } }
  FILTER(COALESCE(CONTAINS(LCASE(?publisherName), LCASE(?publisher)), true))
}
ORDER BY ?issued ?readout
"""


# co-participation as it was before the pairs were kept: every pair of every meeting grouped.
PAIRS_GROUPED = """PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

SELECT ?country ?a ?aName ?b ?bName ?meetings ?first ?last
WHERE {
  # Two ways to the pairs, by whether a country was given. A bound parameter is bound in every
  # sub-select that projects it (kg binds parameters as a VALUES block there too), so ?given
  # says whether there is one; the branch whose test fails is never evaluated.
  {
    { SELECT ?country (COALESCE(ISIRI(?country), false) AS ?given) WHERE { } }
    FILTER(?given)
    # a country: its meetings, then their other participants (one lookup, not every pair).
    # No `?meeting a kg:Meeting` in either branch: kg:participant is said of meetings only (its
    # domain), and the test cost a lookup per row (240 -> 165 ms for the US at 10,000 readouts).
    {
      SELECT ?country ?a ?b (COUNT(DISTINCT ?meeting) AS ?meetings) (MIN(?startOrLate) AS ?firstOrLate)
             (MAX(?startOrEarly) AS ?lastOrEarly)
      WHERE {
        # each meeting's date looked up once, before its participants multiply the rows
        ?meeting kg:participant ?country .
        OPTIONAL { ?meeting schema:startDate ?start }
        # An undated meeting must not void the pair's first/last dates (an unbound value makes
        # MIN/MAX an error in Oxigraph): it stands in as a date no real one reaches.
        BIND(COALESCE(?start, "9999-12-31"^^xsd:date) AS ?startOrLate)
        BIND(COALESCE(?start, "0001-01-01"^^xsd:date) AS ?startOrEarly)
        ?meeting kg:participant ?other .
        FILTER(?country != ?other)
        BIND(IF(STR(?country) < STR(?other), ?country, ?other) AS ?a)
        BIND(IF(STR(?country) < STR(?other), ?other, ?country) AS ?b)
      }
      GROUP BY ?country ?a ?b
    }
  } UNION {
    { SELECT ?country (COALESCE(ISIRI(?country), false) AS ?given) WHERE { } }
    FILTER(!?given)
    # no country: every pair of participants of a meeting, once
    {
      SELECT ?a ?b (COUNT(DISTINCT ?meeting) AS ?meetings) (MIN(?startOrLate) AS ?firstOrLate)
             (MAX(?startOrEarly) AS ?lastOrEarly)
      WHERE {
        ?meeting kg:participant ?a .
        OPTIONAL { ?meeting schema:startDate ?start }
        # An undated meeting must not void the pair's first/last dates (an unbound value makes
        # MIN/MAX an error in Oxigraph): it stands in as a date no real one reaches.
        BIND(COALESCE(?start, "9999-12-31"^^xsd:date) AS ?startOrLate)
        BIND(COALESCE(?start, "0001-01-01"^^xsd:date) AS ?startOrEarly)
        ?meeting kg:participant ?b .
        FILTER(STR(?a) < STR(?b))
      }
      GROUP BY ?a ?b
    }
  }
  # the stand-ins back to "no date" when every meeting of the pair was undated
  BIND(IF(sameTerm(?firstOrLate, "9999-12-31"^^xsd:date), ?noDate, ?firstOrLate) AS ?first)
  BIND(IF(sameTerm(?lastOrEarly, "0001-01-01"^^xsd:date), ?noDate, ?lastOrEarly) AS ?last)
  OPTIONAL { ?a skos:prefLabel ?aName }
  OPTIONAL { ?b skos:prefLabel ?bName }
}
ORDER BY DESC(?meetings) ?a ?b
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("summaries")
    generated = write_corpus(30, 11, folder / "generated")
    return sorted(generated) + write_records(folder / "records", 12) + sorted((ROOT / "examples").glob("*.txt"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, corpus: list[Path]) -> Iterator[EmbeddedStore]:
    """One load for the tests that only read; the last test changes it (removals, reloads)."""
    with EmbeddedStore(tmp_path_factory.mktemp("summaries-store") / "s") as st:
        summary = load_paths(st, corpus, jobs=2)
        assert summary.count("loaded") == len(corpus)
        yield st


def normalised(summaries_by_key: dict[Any, summaries.Summary]) -> dict[Any, tuple[Any, ...]]:
    return {k: (s.readouts, s.first, s.last, s.text, frozenset(s.years)) for k, s in summaries_by_key.items()}


def rows(store: Any, text: str, **bindings: Any) -> list[dict[str, Any]]:
    result = run(store, text, bindings)
    assert isinstance(result, SelectResult)
    return [dict(zip(result.variables, row, strict=True)) for row in result.values()]


def without_years(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k != "targetYears"} for row in found]


def same_as_grouping(store: Any) -> bool:
    return normalised(summaries.kept(store)) == normalised(summaries.computed_from_scratch(store)) \
        and post_holders.kept(store) == post_holders.computed_from_scratch(store) \
        and pairs.kept(store) == pairs.computed_from_scratch(store) \
        and summaries.triple_counts_kept(store) == summaries.triple_counts_from_scratch(store)


def test_readouts_gives_the_rows_of_counting_every_graph(store: EmbeddedStore) -> None:
    from kg.query.named import bind_params

    query = load_query("readouts")
    assert len(summaries.triple_counts_kept(store)) == len(store.graph_names()) - 2  # but reference, summaries
    first = next(g for g in store.graph_names() if "/readout/" in g)
    for values in ({}, {"readout": first.rsplit("/", 1)[1]}, {"publisher": "ministry"}):
        bound = bind_params(query, values)
        expected = rows(store, READOUTS_COUNTED, **bound)
        assert expected, values
        for row in expected:  # each graph read whole: its named graph and its own triples in the union
            row["triples"] = str(len(store.graph(URIRef(row["readout"]))))
        assert rows(store, query.text, **bound) == expected, values


def test_kept_summaries_equal_the_grouping_after_a_load(store: EmbeddedStore) -> None:
    kept = summaries.kept(store)
    assert len(kept) > 20 and any(s.readouts > 2 and len(s.years) > 1 for s in kept.values())
    assert normalised(kept) == normalised(summaries.computed_from_scratch(store))
    posts = post_holders.kept(store)
    assert len(posts) > 20
    assert posts == post_holders.computed_from_scratch(store)
    kept_pairs = pairs.kept(store)
    assert len(kept_pairs) > 20 and any(p.meetings > 1 and p.first != p.last for p in kept_pairs.values())
    assert kept_pairs == pairs.computed_from_scratch(store)


def test_co_participation_gives_the_rows_of_the_grouping(store: EmbeddedStore) -> None:
    from kg.query.named import bind_params

    query = load_query("co-participation")
    for values in ({}, {"country": "US"}, {"country": "KE"}, {"country": "EU"}, {"country": "AQ"}):
        bound = bind_params(query, values)
        expected = rows(store, PAIRS_GROUPED, **bound)
        assert expected or values.get("country") == "AQ", values
        assert rows(store, query.text, **bound) == expected, values


def test_post_holders_as_of_gives_the_rows_of_the_grouping(store: EmbeddedStore) -> None:
    from kg.query.named import bind_params

    query = load_query("post-holders-as-of")
    dates = sorted({str(d) for d, _ in post_holders.kept(store).values()})
    for values in ({}, {"asOf": dates[-1]}, {"asOf": dates[len(dates) // 2]}, {"asOf": dates[3]},
                   {"asOf": "1999-01-01"}, {"asOf": dates[len(dates) // 2], "country": "US"}):
        bound = bind_params(query, values)
        expected = rows(store, POSTS_GROUPED, **bound)
        assert expected or values.get("asOf") == "1999-01-01", values
        assert rows(store, query.text, **bound) == expected, values


@pytest.mark.parametrize("bindings", [{}, {"minReadouts": 1}, {"actor": "US"}, {"topic": "methane-non-co2"},
                                      {"actor": "KE", "minReadouts": 1}])
def test_commitments_reaffirmed_gives_the_rows_of_the_grouping(store: EmbeddedStore, bindings: dict[str, Any]) -> None:
    from kg.query.named import bind_params

    query = load_query("commitments-reaffirmed")
    bound = bind_params(query, {k: str(v) for k, v in bindings.items()})
    expected = rows(store, GROUPED, **bound)
    assert expected  # the case asks something the store has
    found = rows(store, query.text, **bound)
    assert without_years(found) == without_years(expected)
    # The target years: the grouping gave none at all for a pair where one commitment names no
    # year (one unbound value voids a GROUP_CONCAT in Oxigraph); the summary lists those named.
    kept = summaries.kept(store)
    for row in found:
        named = {y for y in (row["targetYears"] or "").split(", ") if y}
        key = (URIRef(row["actor"]), URIRef(row["topic"]))
        assert named == {str(y) for y in kept[key].years}
    assert any(row["targetYears"] and not old["targetYears"] for row, old in zip(found, expected, strict=True)) \
        or all(row["targetYears"] == old["targetYears"] for row, old in zip(found, expected, strict=True))


def test_kept_summaries_equal_the_grouping_after_removals_reloads_and_replacements(
        store: EmbeddedStore, corpus: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.loader

    for readout in store.graph_names()[::4]:
        if "/readout/" in readout:
            remove_readout(store, readout)
    assert same_as_grouping(store)
    load_paths(store, corpus, jobs=1)  # the removed ones come back; the others are unchanged
    assert same_as_grouping(store)
    monkeypatch.setattr(kg.loader, "__version__", "0.0.0-other")  # same readouts, another tool: replaced
    assert load_paths(store, corpus[:5], jobs=1).count("loaded") == 5
    assert same_as_grouping(store)
    # a readout's graph gone without its share (as a load killed between the two would leave
    # it): the tally differs, and the next load rebuilds the summaries
    store.remove_graph(URIRef(next(g for g in store.graph_names() if "/readout/" in g)))
    assert not summaries.up_to_date(store)
    load_paths(store, [], jobs=1)
    assert summaries.up_to_date(store)
    assert same_as_grouping(store)
