"""One node per thing whichever language a readout is in; distinct IRIs for Chinese names.

Uses the evaluation corpus beside the checkout (`../shared/corpus`): the English seed
readout (dev 000) and the Chinese readout of the same meeting (zh 131); skipped when absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.loader import load_paths
from kg.model.namespaces import forum_iri, person_iri, slug
from kg.rdf.names_zh import chinese_person_pinyin, same_across_scripts
from kg.store.location import open_store

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ENGLISH = CORPUS / "dev" / "000_seed-china-us-wg-2nd-meeting-readout.txt"
CHINESE = CORPUS / "zh" / "131_mee-china-us-wg-2nd-meeting-zh.txt"
PREFIXES = """PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def _needs_corpus() -> None:
    if not (ENGLISH.exists() and CHINESE.exists()):
        pytest.skip(f"the evaluation corpus is not at {CORPUS}")


def _nodes(store, where: str) -> set[str]:  # type: ignore[no-untyped-def]
    rows = store.query(PREFIXES + "SELECT DISTINCT ?n WHERE { GRAPH ?g { " + where + " } }")
    return {str(row[0].value) for row in rows}


@pytest.mark.parametrize("order", ["english-first", "chinese-first"])
def test_one_node_per_meeting_person_and_forum_across_languages(tmp_path: Path, order: str) -> None:
    _needs_corpus()
    paths = [ENGLISH, CHINESE] if order == "english-first" else [CHINESE, ENGLISH]
    with open_store(tmp_path / "store") as store:
        for path in paths:  # two batches: the second readout meets a store that holds the first
            summary = load_paths(store, [path])
            assert summary.count("loaded") == 1
        meetings = _nodes(store, '?n a kg:Meeting ; schema:startDate "2024-09-04"^^<http://www.w3.org/2001/XMLSchema#date>')
        assert len(meetings) == 1
        for english, chinese in (("Liu Zhenmin", "刘振民"), ("John Podesta", "波德斯塔")):
            named = _nodes(store, f'?n a kg:Person . {{ ?n foaf:name ?x }} UNION {{ ?n skos:altLabel ?x }} '
                                  f'FILTER(STR(?x) IN ("{english}", "{chinese}", "约翰·{chinese}"))')
            assert len(named) == 1, (english, named)
        people = _nodes(store, "?n a kg:Person")
        assert len(people) == 2
        # Offices of the bilingual table are one post whichever language titled them.
        assert len(_nodes(store, "?n a kg:Post")) == 2
        group = _nodes(store, '?n a kg:Forum ; skos:altLabel "中美21世纪20年代强化气候行动工作组"@zh')
        assert group == {str(forum_iri("China-U.S. Working Group on Enhancing Climate Action in the 2020s"))}
        assert len(_nodes(store, "?m a kg:Meeting ; kg:sessionOf ?n . ?n rdfs:label ?l "
                                 "FILTER(CONTAINS(?l, 'Working Group on Enhancing'))")) == 1


def test_every_chinese_person_and_forum_has_its_own_iri(tmp_path: Path) -> None:
    _needs_corpus()
    with open_store(tmp_path / "store") as store:
        summary = load_paths(store, [CORPUS / "zh"])
        assert summary.count("loaded") == 8
        rows = store.query(PREFIXES + "SELECT ?n (COUNT(DISTINCT ?name) AS ?c) WHERE { GRAPH ?g { "
                           "?n a kg:Person ; foaf:name ?name } } GROUP BY ?n")
        counts = {str(row[0].value): int(row[1].value) for row in rows}
        assert len(counts) >= 25 and max(counts.values()) == 1, counts
        assert not any(iri.endswith(("/unnamed", "-unnamed")) for iri in counts)
        forums = store.query(PREFIXES + "SELECT ?n (COUNT(DISTINCT ?l) AS ?c) WHERE { GRAPH ?g { "
                             "?n a kg:Forum ; skos:prefLabel ?l } } GROUP BY ?n")
        forum_counts = {str(row[0].value): int(row[1].value) for row in forums}
        assert len(forum_counts) >= 15 and max(forum_counts.values()) == 1, forum_counts
        # Labels carry their language: Chinese characters @zh, pinyin and Latin names @en; foaf:name
        # stays a plain string (FOAF and the shapes), so a name typed as written still matches it.
        tagged = store.query(PREFIXES + 'SELECT DISTINCT ?l WHERE { GRAPH ?g { ?n a kg:Person ; rdfs:label ?l } '
                             'FILTER(LANG(?l) = "zh") }')
        assert {"蒂默曼斯", "巴巴耶夫"} <= {str(row[0].value) for row in tagged}
        zh_aliases = store.query(PREFIXES + 'SELECT ?n WHERE { GRAPH ?g { ?n foaf:name "Liu Zhenmin" ; '
                                 'rdfs:label "Liu Zhenmin"@en ; skos:altLabel "刘振民"@zh } }')
        assert len(list(zh_aliases)) >= 1
        untagged = store.query(PREFIXES + 'SELECT ?l WHERE { GRAPH ?g { ?n a kg:Person ; rdfs:label ?l } '
                               'FILTER(LANG(?l) = "") }')
        assert not list(untagged)


def test_iris_of_chinese_names_are_readable_stable_and_distinct() -> None:
    assert str(person_iri("刘振民")).rsplit("/", 1)[1].startswith("liu-zhen-min-")
    assert person_iri("刘振民") == person_iri("刘振民 ")
    assert person_iri("王毅") != person_iri("王义")  # one romanisation, two people
    # Latin names are not romanised nor hashed; letters without a decomposition fold too (issue 14)
    assert slug("Dan Jørgensen") == "dan-jorgensen" and slug("António Guterres") == "antonio-guterres"
    assert chinese_person_pinyin("解振华") == "Xie Zhenhua" and chinese_person_pinyin("约翰") is None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=6),
       st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=6))
def test_two_chinese_names_share_an_iri_only_when_they_are_one_name(a: str, b: str) -> None:
    assert (person_iri(a) == person_iri(b)) == (a == b)


@pytest.mark.parametrize(("chinese", "english", "same"), [
    ("波德斯塔", "John Podesta", True), ("克里", "John Kerry", True), ("塔克", "David Turk", True),
    ("朔尔茨", "Olaf Scholz", True), ("塔克", "Rick Duke", False), ("克里", "Joe Biden", False),
    ("波德斯塔", "Podesta", True), ("John Podesta", "J. Podesta", False),
])
def test_names_across_scripts_by_sound(chinese: str, english: str, same: bool) -> None:
    assert same_across_scripts(chinese, english) is same
