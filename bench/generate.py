"""Synthetic corpus generator: N realistic climate-diplomacy readouts from a seed.

    python bench/generate.py --n 1000 --seed 7 --out DIR [--gold]

Readout i depends only on (seed, i), so the first 100 readouts of a 1,000-readout corpus
are the 100-readout corpus of the same seed, and any slice can be regenerated alone.
Texts are unique within a corpus (a readout's identity is the hash of its text).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable from the project root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.compose import Composer  # noqa: E402
from bench.genres import bilateral_meeting, chairs_summary, joint_statement, leaders_call  # noqa: E402

# Share of each genre, roughly as in a year of real ministry and White House output.
GENRES = (("call", 0.30), ("bilateral", 0.30), ("chair", 0.20), ("joint", 0.20))
FIRST_DAY = dt.date(2015, 1, 5)
LAST_DAY = dt.date(2026, 10, 30)
MIN_BYTES, MAX_BYTES = 1000, 15000


@dataclass(frozen=True)
class Readout:
    index: int
    genre: str
    text: str
    truth: dict[str, Any]

    @property
    def name(self) -> str:
        return f"{self.index:05d}-{self.genre}"


def generate_readout(seed: int, index: int, salt: int = 0) -> Readout:
    """Readout `index` of the corpus `seed` (salt > 0 only to step past a duplicate text)."""
    rng = random.Random(f"{seed}:{index}:{salt}")
    published = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    composer = Composer(rng=rng, published=published)
    genre = rng.choices([g for g, _ in GENRES], [w for _, w in GENRES])[0]
    if genre == "call":
        title, publisher, text = leaders_call(rng, composer)
    elif genre == "bilateral":
        title, publisher, text = bilateral_meeting(rng, composer)
    elif genre == "chair":
        title, publisher, text = chairs_summary(rng, composer)
    else:
        title, publisher, text = joint_statement(rng, composer, rng.randint(6000, MAX_BYTES - 1200))
    return Readout(index, genre, text, composer.truth(title, publisher))


def generate_corpus(n: int, seed: int) -> Iterator[Readout]:
    """N readouts with distinct texts, sizes within 1-15 KB."""
    seen: set[str] = set()
    for index in range(n):
        salt = 0
        while True:
            readout = generate_readout(seed, index, salt)
            digest = hashlib.sha256(readout.text.encode("utf-8")).hexdigest()
            size = len(readout.text.encode("utf-8"))
            if digest not in seen and MIN_BYTES <= size <= MAX_BYTES:
                seen.add(digest)
                break
            salt += 1
        yield readout


def write_corpus(n: int, seed: int, out: Path, *, gold: bool = False) -> list[Path]:
    """Write N readouts as `<index>-<genre>.txt` (and `.gold.json` truth beside each when asked)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for readout in generate_corpus(n, seed):
        path = out / f"{readout.name}.txt"
        path.write_text(readout.text, encoding="utf-8")
        if gold:
            (out / f"{readout.name}.gold.json").write_text(
                json.dumps(readout.truth, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of readouts (100 to 10,000 typical)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed: same seed, same corpus")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the readouts into")
    parser.add_argument("--gold", action="store_true", help="also write <name>.gold.json truth records")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    paths = write_corpus(args.n, args.seed, args.out, gold=args.gold)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} readouts ({total / 1e6:.1f} MB, mean {total / len(paths) / 1e3:.1f} KB) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
