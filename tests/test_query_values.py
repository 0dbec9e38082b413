"""Parameter values as people write them (kg/query/values.py), on the hand-written query store:
names and codes resolve to one node, an unknown value is a one-line error (exit 2) naming the
closest known values; and the fixes to co-participation (undated meetings) and `kg stats`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from query_helpers import load_fixture, rows
from rdflib import Graph, URIRef

from kg.cli import cli
from kg.errors import UsageError
from kg.query import summaries
from kg.query.named import load_query, run
from kg.query.values import resolve_params
from kg.store.embedded import EmbeddedStore
from kg.store.location import open_store
from kg.store.stats import store_stats

ID = "https://w3id.org/climate-kg/id/"
WG = f"{ID}forum/china-us-climate-working-group"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    st = open_store(tmp_path_factory.mktemp("values") / "store")
    assert isinstance(st, EmbeddedStore)
    load_fixture(st)
    yield st
    st.close()


def bound(store: Any, name: str, **values: str) -> dict[str, str]:
    return {k: str(v) for k, v in resolve_params(load_query(name), values, store).items()}


@pytest.mark.parametrize("written", ["CN", "cn", "CHN", "China", "china", "People's Republic of China", "Chinese"])
def test_a_country_by_code_name_or_adjective(store: Any, written: str) -> None:
    assert bound(store, "meetings-between", a=written)["a"] == f"{ID}actor/CN"


def test_the_eu_by_name_or_code(store: Any) -> None:
    assert bound(store, "meetings-between", a="European Union", b="EU") == {"a": f"{ID}actor/EU", "b": f"{ID}actor/EU"}


@pytest.mark.parametrize("written", ["China-US Climate Working Group", "china-us climate working group",
                                     "forum/china-us-climate-working-group", WG, "CUCWG"])
def test_a_forum_by_name_shortened_iri_or_initials(store: Any, written: str) -> None:
    assert bound(store, "meetings", forum=written)["forum"] == WG


@pytest.mark.parametrize("written", ["COP29", "cop 29", "29"])
def test_a_cop_by_its_number(store: Any, written: str) -> None:
    assert bound(store, "meetings", forum=written)["forum"] == f"{ID}forum/cop29"


def test_a_topic_by_slug_label_or_unique_start(store: Any) -> None:
    for written in ("methane-non-co2", "methane", "Methane and non-CO2 gases", "topic/methane-non-co2"):
        assert bound(store, "commitments", topic=written)["topic"] == f"{ID}topic/methane-non-co2"


def test_a_readout_by_id_iri_or_file_name(store: Any) -> None:
    for written in ("a1a1a1a1a1a1a1a1", f"{ID}readout/a1a1a1a1a1a1a1a1", "readout/a1a1a1a1a1a1a1a1",
                    "wg-beijing.txt", "examples/wg-beijing.txt"):
        assert bound(store, "readouts", readout=written)["readout"] == f"{ID}readout/a1a1a1a1a1a1a1a1"


def test_a_shortened_iri_as_the_tables_print_it_answers(store: Any) -> None:
    query = load_query("meeting-participants")
    bindings = resolve_params(query, {"meeting": "meeting/cop29/2024-11-15"}, store)
    assert bindings["meeting"] == URIRef(f"{ID}meeting/cop29/2024-11-15")
    assert len(rows(run(store, query, bindings), "who")) >= 4


@pytest.mark.parametrize(("name", "param", "value", "expected"), [
    ("meetings-between", "a", "XX", "parameter a: no country or union 'XX'; closest known:"),
    ("meetings-between", "a", "Chna", "closest known: China"),
    ("meetings", "forum", "China-US Climate Group", "no forum 'China-US Climate Group' in the store; "
                                                    "closest known: China-US Climate Working Group"),
    ("meetings", "forum", "COP3", "no forum 'COP3' in the store; closest known: COP29, COP28"),
    ("commitments", "topic", "metane", "no topic 'metane' in the store; closest known: methane-non-co2"),
    ("readouts", "readout", "wg-bejing.txt", "closest known: wg-beijing.txt"),
    ("meeting-participants", "meeting", "meeting/cop29/2024-11-16", "no node 'meeting/cop29/2024-11-16' in "
                                                                    "the store; closest known: meeting/cop29/2024-11-15"),
])
def test_an_unknown_value_names_the_closest_known(store: Any, name: str, param: str, value: str,
                                                  expected: str) -> None:
    with pytest.raises(UsageError) as caught:
        resolve_params(load_query(name), {param: value}, store)
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_unknown_value_exits_2_with_one_line(store: Any) -> None:
    result = CliRunner().invoke(cli, ["query", "meetings", "-p", "forum=Narnia Forum", "--store", store.location])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("Error: parameter forum: no forum")


def test_names_resolve_from_the_command_line(store: Any) -> None:
    st_path = store.location
    result = CliRunner().invoke(cli, ["query", "meetings-between", "-p", "a=China", "-p", "b=United States",
                                      "--format", "csv", "--store", st_path])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 3  # the header and the two working-group meetings


UNDATED = """
@prefix kg: <https://w3id.org/climate-kg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/climate-kg/id/> .
<https://w3id.org/climate-kg/id/meeting/BR-CN/2024-01-10> a kg:Meeting ; kg:participant <https://w3id.org/climate-kg/id/actor/BR> , <https://w3id.org/climate-kg/id/actor/CN> ;
    schema:startDate "2024-01-10"^^xsd:date .
<https://w3id.org/climate-kg/id/meeting/BR-CN/2024-06-02> a kg:Meeting ; kg:participant <https://w3id.org/climate-kg/id/actor/BR> , <https://w3id.org/climate-kg/id/actor/CN> ;
    schema:startDate "2024-06-02"^^xsd:date .
<https://w3id.org/climate-kg/id/meeting/BR-CN/undated> a kg:Meeting ; kg:participant <https://w3id.org/climate-kg/id/actor/BR> , <https://w3id.org/climate-kg/id/actor/CN> .
<https://w3id.org/climate-kg/id/meeting/AE-BR/undated> a kg:Meeting ; kg:participant <https://w3id.org/climate-kg/id/actor/AE> , <https://w3id.org/climate-kg/id/actor/BR> .
"""


def test_co_participation_keeps_the_dates_of_a_pair_with_an_undated_meeting(tmp_path: Path) -> None:
    st = open_store(tmp_path / "store")
    st.replace_graph(URIRef(f"{ID}readout/dddddddddddddddd"), Graph().parse(data=UNDATED, format="turtle"))
    summaries.rebuild(st)  # a graph written around the loader: the pairs it keeps are built here
    query = load_query("co-participation")
    for params in ({}, {"country": "BR"}):
        got = rows(run(st, query, resolve_params(query, params, st)), "a", "b", "meetings", "first", "last")
        assert ("actor/BR", "actor/CN", "3", "2024-01-10", "2024-06-02") in got
        assert ("actor/AE", "actor/BR", "1", None, None) in got  # only undated: no first/last


def test_stats_counts_the_actors_readouts_mention(tmp_path: Path) -> None:
    from kg.loader import load_paths
    from kg.model.resources import examples_dir

    st = open_store(tmp_path / "store")
    load_paths(st, [examples_dir() / "leaders-call-readout.txt"])
    figures = store_stats(st)
    assert figures["actors mentioned"] == 2  # the United States and New Zealand
