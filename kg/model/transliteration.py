"""Latin forms of names written in other scripts, for IRIs that are readable and stable.

Chinese characters are romanised as pinyin without tones (pypinyin, imported only when a
name needs it); ASCII letters and digits are kept; letters of other scripts are dropped
(an IRI then rests on its hash alone). `slug_of_non_latin` adds a short hash of the name as
written, so two names with one romanisation (王毅 and 王义 are both "wang yi") stay two.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Literal

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=4096)
def has_non_latin_letters(text: str) -> bool:
    """True when a letter of the text is not of the Latin script (Chinese, Cyrillic, Arabic...)."""
    return any(ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


def label_literal(name: str) -> Literal:
    """A name or label as an RDF literal in its language: "刘振民"@zh, "Liu Zhenmin"@en.

    Readouts are English or Chinese, so a label is Chinese when written in Chinese characters
    and English otherwise; `--lang` picks between them (kg/query/labels.py)."""
    from rdflib import Literal  # not at import: the CLI's start does without rdflib

    return Literal(name, lang="zh") if has_han(name) else Literal(name, lang="en")


@lru_cache(maxsize=4096)
def romanise(text: str) -> str:
    """'刘振民' → 'liu zhen min'; 'COP29期间' → 'COP29 qi jian'; other scripts' letters dropped."""
    from pypinyin import lazy_pinyin

    words: list[str] = []
    for piece in lazy_pinyin(text, errors=lambda chars: chars):
        if re.fullmatch(r"[A-Za-z0-9]+", piece):
            words.append(piece)
        else:
            words += re.findall(r"[A-Za-z0-9]+", unicodedata.normalize("NFKD", piece).encode("ascii", "ignore").decode())
    return " ".join(words)


def name_key(text: str) -> str:
    """A name as written, folded for hashing: NFKC, no spaces or quotation marks, case folded."""
    return re.sub(r"[\s“”\"'‘’《》「」·•・]", "", unicodedata.normalize("NFKC", text)).casefold()


def short_hash(text: str) -> str:
    return hashlib.sha256(name_key(text).encode("utf-8")).hexdigest()[:8]
