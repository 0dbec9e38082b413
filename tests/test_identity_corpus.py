"""Over the real readouts of ../shared/corpus (skipped where it is absent): the same store in any
order, and on the dev corpus no duplicate post, no post held by two at once, one node per COP
session and no company or agency typed as a forum (kg/query/review.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import URIRef

from kg.loader import load_paths
from kg.query import review
from kg.store.location import open_store

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEV = sorted((CORPUS / "dev").glob("*.txt"))
ZH = sorted((CORPUS / "zh").glob("*.txt"))

pytestmark = pytest.mark.skipif(not DEV, reason=f"no corpus at {CORPUS}")


def _iris(store_path: Path) -> set[str]:
    """Every IRI of the store's nodes (subjects and objects of every graph)."""
    with open_store(store_path, create=False, read_only=True) as store:
        return {str(term) for name in store.graph_names() for triple in store.graph(URIRef(name))
                for term in (triple[0], triple[2]) if isinstance(term, URIRef)}


def _load(store_path: Path, files: list[Path]) -> None:
    with open_store(store_path) as store:
        summary = load_paths(store, files, jobs=2)
    assert summary.count("loaded") > 0


def test_dev_and_zh_in_two_orders_give_the_same_iris(tmp_path: Path) -> None:
    files = DEV + ZH
    _load(tmp_path / "sorted", files)
    _load(tmp_path / "reversed", list(reversed(files)))
    one, other = _iris(tmp_path / "sorted"), _iris(tmp_path / "reversed")
    assert sorted(one ^ other) == []


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = tmp_path_factory.mktemp("dev") / "store"
    _load(path, DEV)
    with open_store(path, create=False, read_only=True) as store:
        yield store


def test_no_person_holds_two_posts_for_one_office(dev_store: Any) -> None:
    assert [(f.a, f.b, f.reason) for f in review.duplicate_posts(dev_store)] == []


def test_no_post_is_held_by_two_people_at_once(dev_store: Any) -> None:
    assert [(f.a, f.b, f.reason) for f in review.posts_shared_at_once(dev_store)] == []


def test_one_meeting_node_per_cop_session(dev_store: Any) -> None:
    assert [(f.a, f.b, f.reason) for f in review.cop_session_duplicates(dev_store)] == []
    # the readouts do speak of COP sessions: COP26's is the reference node
    said = {str(s["m"].value) for s in dev_store.query(
        "SELECT DISTINCT ?m WHERE { GRAPH ?g { ?m <https://w3id.org/climate-kg/ontology#sessionOf> "
        "<https://w3id.org/climate-kg/id/forum/cop26> } FILTER(?g != <https://w3id.org/climate-kg/graph/reference>) }")}
    assert "https://w3id.org/climate-kg/id/meeting/cop26/2021-10-31" in said


def test_no_company_or_agency_is_a_forum(dev_store: Any) -> None:
    assert [(f.a, f.reason) for f in review.non_forums(dev_store)] == []
