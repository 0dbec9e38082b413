"""Held-out score: the extractor over tests/heldout/ (texts written for this project, with gold
records annotated before the extractor was run on them), scored by the evaluation's own
scorer. A regression guard on how the rules generalise beyond the dev corpus.

The scorer lives outside the repository (`../shared/eval/score.py` beside the checkout); the
test is skipped, with the reason, when it is not there.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from kg.extract import extract
from kg.model.record_json import record_to_json
from kg.read.sources import read_path

REPO = Path(__file__).resolve().parent.parent
HELDOUT = REPO / "tests" / "heldout"
# Chinese readouts written for the tests; those with a gold record were scored once before the
# rules saw them (0.885), then 0.975: a floor below that.
HELDOUT_ZH = REPO / "tests" / "data" / "zh"
ZH_OVERALL_FLOOR = 0.93
ZH_FIELD_FLOOR = 0.80
SCORER = REPO.parent / "shared" / "eval" / "score.py"
# Reached overall F1 on the held-out set (0.984 on 43 texts), minus a margin: a floor, not a target.
OVERALL_FLOOR = 0.92
FIELD_FLOOR = 0.85


def _scorer() -> ModuleType:
    if not SCORER.exists():
        pytest.skip(f"the evaluation scorer is not at {SCORER}")
    spec = importlib.util.spec_from_file_location("kg_eval_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _documents(folder: Path = HELDOUT) -> list[Path]:
    return sorted(p for p in folder.glob("*.txt") if p.with_suffix(".gold.json").exists())


def test_heldout_set_is_present() -> None:
    docs = _documents()
    assert len(docs) >= 43
    for doc in docs:
        gold = json.loads(doc.with_suffix(".gold.json").read_text(encoding="utf-8"))
        assert set(gold) >= {"actors", "people", "forums", "presidencies", "meetings", "commitments"}


@pytest.mark.parametrize(("folder", "overall_floor", "field_floor"), [
    (HELDOUT, OVERALL_FLOOR, FIELD_FLOOR), (HELDOUT_ZH, ZH_OVERALL_FLOOR, ZH_FIELD_FLOOR)], ids=["en", "zh"])
def test_heldout_overall_f1_stays_above_floor(folder: Path, overall_floor: float, field_floor: float) -> None:
    score = _scorer()
    tallies = {f: score.Tally() for f in score.FIELDS}
    acc: dict[str, list[int]] = {}
    misses: list[str] = []
    documents = _documents(folder)
    assert documents
    for doc in documents:
        gold = json.loads(doc.with_suffix(".gold.json").read_text(encoding="utf-8"))
        # The JSON round trip is the one `kg extract --format json` prints.
        pred = json.loads(json.dumps(record_to_json(extract(read_path(doc)))))
        score.score_doc(pred, gold, tallies, acc, misses, doc.stem[:40])
    f1 = {f: tallies[f].prf()[2] for f in score.FIELDS}
    overall = sum(f1.values()) / len(f1)
    report = ", ".join(f"{f} {v:.3f}" for f, v in f1.items()) + "\n" + "\n".join(misses[:40])
    assert overall >= overall_floor, f"held-out overall F1 {overall:.3f} < {overall_floor}: {report}"
    low = {f: v for f, v in f1.items() if v < field_floor}
    assert not low, f"held-out fields below {field_floor}: {low}\n{report}"
