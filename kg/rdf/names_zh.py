"""One node per person and forum whichever language a readout was written in.

Before a Chinese readout's record is mapped, its names are given the English forms that
English readouts use, where general means know them, and the Chinese forms are kept as
aliases (labelled `@zh`):

- a Chinese person of China (a Chinese surname and one or two given characters) is named
  by the pinyin of the name, surname first (刘振民 → Liu Zhenmin; 解 as a surname is Xie);
- a person whose English name the text gives in brackets (巴巴耶夫(Mukhtar Babayev)) takes it;
- a forum in the bilingual table of general knowledge (`kg.model.bilingual`) takes its
  English name (中美21世纪20年代强化气候行动工作组 → China-U.S. Working Group on …), and so
  does an office (气候变化事务特使 → Special Envoy for Climate Change: one post node).

Transliterated foreign names (波德斯塔) have no general way back to their spelling; the
identity rules compare them with English names by sound (`sound_keys`): the consonants of
the transliteration's pinyin against the English name's, for people of the same state.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.extract.zh.lexicon import COMPOUND_SURNAMES, SURNAME_READINGS, SURNAMES
from kg.model.bilingual import english_forum, english_office
from kg.model.record import Forum, Meeting, Person, Presidency, Record
from kg.model.transliteration import has_han, romanise

_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_DOTS = "·•‧・"


def chinese_person_pinyin(name: str) -> str | None:
    """'刘振民' → 'Liu Zhenmin', '欧阳明' → 'Ouyang Ming'; None if not a Chinese name."""
    if not _HAN_NAME.fullmatch(name):
        return None
    surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s)), None) or (
        name[0] if name[0] in SURNAMES else None)
    if surname is None or not 1 <= len(name) - len(surname) <= 2:
        return None
    family = SURNAME_READINGS.get(surname) or romanise(surname).replace(" ", "")
    given = romanise(name[len(surname):]).replace(" ", "")
    return f"{family.capitalize()} {given.capitalize()}"


def _english_in_brackets(text: str, name: str) -> str | None:
    match = re.search(re.escape(name) + r"\s*[(（]\s*([A-Z][A-Za-z.'’\- ]{2,60}?)\s*[)）]", text)
    return match.group(1).strip() if match else None


def _person_english(person: Person, text: str) -> str | None:
    given = _english_in_brackets(text, person.name)
    if given:
        return given
    if person.actor == "CN":
        return chinese_person_pinyin(person.name)
    return None


def with_english_names(record: Record) -> Record:
    """The record with English names where general means give them, Chinese ones as aliases."""
    if record.document.language != "zh":
        return record
    people = {p.name: english for p in record.people if (english := _person_english(p, record.text))}
    offices = {p.role: english for p in record.people if p.role and (english := english_office(p.role))}
    forums = {f.name: known[0] for f in record.forums if (known := english_forum(f.name))}
    if not people and not forums and not offices:
        return record

    def person(p: Person) -> Person:
        role = offices.get(p.role, p.role) if p.role else None
        if p.name not in people:
            return replace(p, role=role)
        return replace(p, name=people[p.name], aliases=list(dict.fromkeys([p.name, *p.aliases])), role=role)

    def forum(f: Forum) -> Forum:
        parent = forums.get(f.parent, f.parent) if f.parent else None
        if f.name not in forums:
            return replace(f, parent=parent)
        return replace(f, name=forums[f.name], aliases=list(dict.fromkeys([f.name, *f.aliases])), parent=parent)

    def meeting(m: Meeting) -> Meeting:
        return replace(m, forum=forums.get(m.forum, m.forum) if m.forum else None,
                       people=[people.get(n, n) for n in m.people])

    def presidency(p: Presidency) -> Presidency:
        return replace(p, of=forums.get(p.of, p.of))

    return replace(record, people=[person(p) for p in record.people], forums=[forum(f) for f in record.forums],
                   meetings=[meeting(m) for m in record.meetings],
                   presidencies=[presidency(p) for p in record.presidencies])


# ------------------------------------------------------------------ names by sound

# Consonants by sound, voicing kept (b/p, d/t, g/k are told apart in pinyin and usually in
# transliteration: 塔克 is Turk, 杜克 is Duke); `_coarse` merges voicing for longer names
# (波德斯塔 is Podesta).
_CLASSES = [
    (r"tsch|sch|sh|ch|zh|tch|ts|tz|x|z|s|c(?=[eiy])|j|g(?=[eiy])|q(?!u)", "s"),
    (r"ck|c|k|q", "k"), (r"g", "g"), (r"ph|f|v|w(?=[aeiou])", "f"), (r"th|t", "t"), (r"d", "d"),
    (r"b", "b"), (r"p", "p"), (r"ng|m|n", "n"), (r"l|r", "l"),
]
_COARSE = str.maketrans("bpdtgk", "PPTTKK")
# The classes as one pattern of named alternatives tried in the list's order: at a position the
# first class whose pattern matches wins, as when each is tried in turn.
_CLASS_RE = re.compile("|".join(f"(?P<c{i}>{pattern})" for i, (pattern, _) in enumerate(_CLASSES)))
_CLASS_OF_GROUP = {f"c{i}": cls for i, (_, cls) in enumerate(_CLASSES)}
_NOT_LETTER = re.compile(r"[^a-z]")
_SILENT_R = re.compile(r"r(?=[^aeiouy]|$)")


def _skeleton(word: str) -> str:
    """Consonant classes of a romanised word, vowels and repeats dropped; an r before a
    consonant or at the end is silent in most transliterations (Burns → 伯恩斯)."""
    word = _SILENT_R.sub("", _NOT_LETTER.sub("", word.lower()))
    out: list[str] = []
    position = 0
    while position < len(word):
        match = _CLASS_RE.match(word, position)
        if match:
            cls = _CLASS_OF_GROUP[match.lastgroup or ""]
            if not out or out[-1] != cls:
                out.append(cls)
            position = match.end()
        else:
            position += 1  # a vowel, h, w or y
    return "".join(out)


def _keys(skeleton: str) -> set[str]:
    """A skeleton as compared: exactly, and with voicing merged when it is long enough to
    be distinctive (three consonants or more)."""
    coarse = skeleton.translate(_COARSE)
    return {skeleton} | ({"~" + coarse} if len(skeleton) >= 3 else set())


def _han_romanised(part: str) -> str:
    # 尔 (er) writes a final l or r in transliterations: 朔尔茨 Scholz, 苏尔坦 Sultan.
    return "".join("l" if syllable == "er" else syllable for syllable in romanise(part).split())


@lru_cache(maxsize=1 << 14)  # every known person's names are keyed again as readouts come
def sound_keys(name: str) -> frozenset[str]:
    """Consonant skeletons a name is compared by across scripts: of a Chinese transliteration's
    last part and whole; of an English name's words and of its last words run together."""
    if has_han(name):
        parts = [p for p in re.split(f"[{_DOTS}]", name) if p]
        forms = {_han_romanised(parts[-1]), _han_romanised("".join(parts))}
    else:
        words = [w for w in re.findall(r"[A-Za-zÀ-ÿ'’-]+", name) if len(w) >= 3 or w[:1].islower()]
        forms = {w for w in words if len(w) >= 3} | {"".join(words[-k:]) for k in (2, 3) if len(words) >= k}
    return frozenset(key for s in (_skeleton(f) for f in forms) if len(s) >= 2 for key in _keys(s))


def same_across_scripts(name_a: str, name_b: str) -> bool:
    """A Chinese transliteration and a Latin name that sound alike (波德斯塔 / John Podesta)."""
    if has_han(name_a) == has_han(name_b):
        return False
    return bool(sound_keys(name_a) & sound_keys(name_b))
