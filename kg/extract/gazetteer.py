"""The gazetteer: where a text names a state or the EU, and which cities it names.

Every state and the EU is found by its common name, official name, other names and
abbreviations ("PRC", "U.S.", "UK"), adjectives and demonyms ("Chinese", "Emirati"), in
the possessive ("Brazil's") and inside hyphenated bilateral names ("U.S.-Egypt",
"China-EU"). Matching is case-sensitive (so the pronoun "us" is never the U.S.) and takes
the longest form at each position (so "Papua New Guinea" is not Guinea).

GUIDE.md's exclusions are applied here, in one place: a state's name inside the name of
a place or feature ("South China Sea", "Indo-Pacific", "New Mexico", "Latin America"), of
a territory ("American Samoa"), or of a non-state organisation ("European Climate
Foundation", "Inter-American Development Bank") is not a mention of the state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.trie_regex import alternation
from kg.model.reference import cities, countries, country


@dataclass(frozen=True)
class ActorMention:
    """A place in the text that names a state or the EU. `text == doc_text[start:end]`."""

    code: str
    start: int
    end: int
    text: str
    form: str  # "name", "official", "abbreviation", "adjective", "possessive"


# Entries of ISO 3166-1 that are not states but take part in climate diplomacy on their own.
_MATCHED_NON_STATES = {"CK", "NU"}

# Names of places, features and regions that contain a state's name or adjective.
_PLACE_EXCLUSIONS = [
    r"South China Sea", r"East China Sea", r"China Sea", r"Indo-Pacific", r"New Mexico", r"Gulf of Mexico",
    r"Korean Peninsula", r"Indian Ocean(?: Rim)?", r"Indian [Ss]ubcontinent", r"Sea of Japan", r"Congo Basin",
    r"Congo River", r"Niger Delta", r"Niger River", r"Gulf of Guinea", r"Jordan River", r"Jordan Valley",
    r"Northern Ireland", r"British Columbia", r"British Isles", r"Irish Sea", r"(?:Latin|South|North|Central) Americ(?:a|an|ans)",
    r"(?:Inter|Pan|Afro|Latin|Ibero)[- ]?Americ(?:a|an)", r"Native Americans?", r"African[- ]Americans?",
    r"American Indians?", r"(?:Mexico|Panama|Guatemala|Kuwait|Vatican|Djibouti) City", r"Chinese Taipei",
    r"New England", r"New South Wales", r"(?:Western|South) Australia(?=n? (?:State|Government|Premier))",
    r"Persian Gulf", r"Arabian (?:Sea|Peninsula|Gulf)", r"Horn of Africa", r"Guinea[- ]Bissau(?=)",
    r"Sino-Tibetan", r"French Riviera", r"Dutch Caribbean", r"Greek Cypriot", r"Turkish Cypriot",
    r"German Marshall Fund", r"Bank of America", r"Voice of America", r"Made in China",
    r"(?:Atlanta|Savannah|Augusta), Georgia", r"Georgia Tech", r"Georgia Power",
]
# A state's name inside the name of a natural feature: "Lake Chad", "Gulf of Oman", "Panama Canal".
_FEATURE_BEFORE = re.compile(r"(?:\b(?:Lake|Gulf of|Sea of|Bay of|Strait of|Straits of|Mount|Mt\.|Port of|"
                             r"Isthmus of|Gulf of the)\s+)$")
_FEATURE_AFTER = re.compile(r"\s+(?:Canal|Basin|River|Delta|Sea|Strait|Peninsula|Current|Valley|Highlands|"
                            r"Plateau|Rift|Trench|Ridge|Gulf|Bight)\b")
# Head words of non-state organisations: "<state form> ... Foundation" names an organisation.
_ORG_HEADS = (
    "Foundation", "Foundations", "University", "Institute", "Institution", "Association", "Society", "Company",
    "Airline", "Airlines Group",
    "Corporation", "Corp", "Inc", "Ltd", "Airlines", "Airways", "College", "Museum", "Development Bank",
    "Chamber of Commerce", "Times", "Daily", "Journal", "Herald", "Club",
)
_ORG_CHAIN = re.compile(
    r"(?:[ \u00a0-]+[A-Z][\w.'’&-]*(?:[ \u00a0]+(?:of|for|and|the|on|&))*)*?[ \u00a0-]+(?:"
    + "|".join(re.escape(h) for h in _ORG_HEADS) + r")\b"
)
_ORG_BEFORE = re.compile(r"\b(?:University|Bank|Institute|Embassy of the|Voice|Museum|Port|College)\s+of\s+(?:the\s+)?$")

# Names that are also given names: "Jordan Smith", "Mr. Chad ..." are people, not states.
_PERSON_LIKE = {"Jordan", "Chad", "Georgia", "Israel", "Kenya", "Victoria", "Lebanon", "Chile"}
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Sen|Rep|Gov|Prof)\.?\s+$")


def _form_of(alias: str) -> str:
    return "abbreviation" if re.fullmatch(r"[A-Z][A-Z.]{1,6}", alias) else "name"


@cache
def _forms() -> dict[str, tuple[str, str]]:
    """Surface form → (code, form kind). States first, so a territory never shadows a state's form."""
    table: dict[str, tuple[str, str]] = {}

    def add(surface: str, code: str, kind: str) -> None:
        if surface and surface not in table:
            table[surface] = (code, kind)

    refs = countries()
    ordered = [r for r in refs if r.is_state] + [r for r in refs if not r.is_state]
    for ref in ordered:
        add(ref.name, ref.code, "name")
        if ref.official_name:
            add(ref.official_name, ref.code, "official")
        for alias in ref.aliases:
            add(alias, ref.code, _form_of(alias))
        for adjective in ref.adjectives:
            add(adjective, ref.code, "adjective")
    # Typographic apostrophes: "People’s Republic of Bangladesh".
    for surface, (code, kind) in list(table.items()):
        if "'" in surface:
            add(surface.replace("'", "’"), code, kind)
    # Headings in capitals: "CHINA-U.S. WORKING GROUP".
    for surface, (code, kind) in list(table.items()):
        if len(surface) >= 4 and not surface.isupper():
            add(surface.upper(), code, kind)
    add("Sino", "CN", "adjective")
    return table


@cache
def _actor_regex() -> re.Pattern[str]:
    # a trie of the forms, longest first (kg/extract/trie_regex.py: an alternation of them
    # all was most of the time spent finding states). Left: not inside a word (a hyphen is
    # fine: "China-EU"). Right: not followed by a word character; "US$" is a currency.
    return re.compile(rf"(?<![\w])(?:{alternation(_forms())})(?![\w$])")


@cache
def _place_exclusion_regex() -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + "|".join(_PLACE_EXCLUSIONS) + r")(?![\w])")


_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)(?![\w])")


def _in_org_name(text: str, start: int, end: int) -> bool:
    """Whether the state form at start:end begins or ends a non-state organisation's name."""
    tail = text[end:end + 120]
    match = _ORG_CHAIN.match(tail)
    if match and "\n" not in match.group() and "," not in match.group():
        return True
    return bool(_ORG_BEFORE.search(text[max(0, start - 40):start]))


def _is_person_name(text: str, start: int, end: int, surface: str) -> bool:
    if surface not in _PERSON_LIKE:
        return False
    if _HONORIFIC_BEFORE.search(text[max(0, start - 6):start]):
        return True
    after = re.match(r" ([A-Z][a-z]+)", text[end:end + 30])
    before = re.search(r"([A-Z][a-z]+) $", text[max(0, start - 30):start])
    known = _forms()
    if after and after.group(1) not in known and not _common_capitalised(after.group(1)):
        return True  # "Jordan Smith", but not "Israel Defense Forces"
    return bool(before and before.group(1) not in known and before.group(1) in _GIVEN_NAME_CUES)


def _common_capitalised(word: str) -> bool:
    """Capitalised words that follow a state's name in names of bodies and programmes, not surnames."""
    from kg.extract.people_lexicon import NOT_NAME_WORDS, ROLE_HEADS, ROLE_MODIFIERS, ROLE_VOCABULARY

    return word in {"The", "And", "Defense", "Defence", "Forces", "Army", "Navy", "Air"} or word in ROLE_VOCABULARY \
        or word in ROLE_MODIFIERS or word in ROLE_HEADS or word in NOT_NAME_WORDS


_GIVEN_NAME_CUES = {"Michael", "Michael B", "Senator", "Congressman", "Congresswoman", "Mayor"}


def _shouting_pronoun(text: str, start: int, end: int) -> bool:
    """'US' between two words in capitals ("JOIN US IN") is the pronoun of a heading."""
    before = re.search(r"([A-Z]{2,}) $", text[max(0, start - 20):start])
    after = re.match(r" ([A-Z]{2,})\b", text[end:end + 20])
    return bool(before and after)


def find_actor_mentions(text: str) -> list[ActorMention]:
    """Every mention of a state or the EU in `text`, sorted by start, non-overlapping."""
    forms = _forms()
    excluded = [(m.start(), m.end()) for m in _place_exclusion_regex().finditer(text)]
    mentions: list[ActorMention] = []
    for match in _actor_regex().finditer(text):
        start, end, surface = match.start(), match.end(), match.group()
        code, kind = forms[surface]
        ref = country(code)
        if ref is None or (not ref.is_state and code not in _MATCHED_NON_STATES):
            continue  # a territory's name ("American Samoa") hides the state's adjective
        if any(s <= start and end <= e and (e - s) > (end - start) for s, e in excluded):
            continue
        if surface == "Sino" and not text.startswith("-", end):
            continue
        if surface == "US" and _shouting_pronoun(text, start, end):
            continue
        if _is_person_name(text, start, end, surface) or _in_org_name(text, start, end):
            continue
        if kind != "adjective" and (_FEATURE_BEFORE.search(text[max(0, start - 20):start])
                                    or _FEATURE_AFTER.match(text, end)):
            continue
        possessive = _POSSESSIVE.match(text, end)
        if possessive and not (possessive.group() in {"'", "’"} and not surface.endswith("s")):
            end = possessive.end()
            kind = "possessive"
        mentions.append(ActorMention(code, start, end, text[start:end], kind))
    return sorted(mentions + _chinese_mentions(text), key=lambda m: (m.start, -m.end))


@cache
def _chinese_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {name: ref.code for ref in countries() for name in ref.names_zh}
    names = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names)), table


# "中美关系": China-U.S.; the second character stands for a partner state.
_CHINESE_PAIRS = {"美": "US", "欧": "EU", "英": "GB", "法": "FR", "德": "DE", "日": "JP", "俄": "RU", "印": "IN",
                  "韩": "KR", "澳": "AU", "加": "CA"}
_CHINESE_PAIR = re.compile("中([" + "".join(_CHINESE_PAIRS) + "])(?=[两双关合对气能环战领\u4e00-\u9fff])")


def _chinese_mentions(text: str) -> list[ActorMention]:
    """States named in Chinese: names ("美国"), sides ("中方"), and pairs ("中美")."""
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return []
    pattern, table = _chinese_regex()
    found = [ActorMention(table[m.group()], m.start(), m.end(), m.group(), "name") for m in pattern.finditer(text)]
    taken = [(m.start, m.end) for m in found]
    for match in _CHINESE_PAIR.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        start = match.start()
        found.append(ActorMention("CN", start, start + 1, "中", "abbreviation"))
        found.append(ActorMention(_CHINESE_PAIRS[match.group(1)], start + 1, start + 2, match.group(1), "abbreviation"))
    return found


def actor_name(code: str) -> str:
    """The common short name of a state or the EU ("CN" → "China"); the code if unknown."""
    ref = country(code)
    return ref.name if ref else code


# ---------------------------------------------------------------- places

_PLACE_FUNCTION_WORDS = {
    "In", "At", "From", "To", "On", "Near", "Outside", "Inside", "And", "Both", "The", "Visit", "Visiting",
    "Arrival", "Welcome", "Held", "Hosted", "Convened", "Meeting", "Dateline", "Via", "Leaving", "Leaves",
}


@cache
def _city_regex() -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + alternation(cities()) + r")(?![\w])")


def find_places(text: str) -> list[tuple[str, str, int, int]]:
    """Cities the text names: (city name as written, country code, start, end), in order.

    A city name that is part of a longer proper name is not a place: "Paris Agreement",
    "Kyoto Protocol", "Kunming-Montreal Framework", "Maria Lima".
    """
    table = cities()
    found: list[tuple[str, str, int, int]] = []
    for match in _city_regex().finditer(text):
        name, start, end = match.group(), match.start(), match.end()
        after = text[end:end + 40]
        # A capitalised word right after (on the same line, or on the next in wrapped text unless it
        # opens a sentence) makes the city part of a longer name.
        if re.match(r"(?:[ \u00a0]|\n(?!(?:The|This|These|Both|On|In|At|They|We|He|She|It|A|An)\b))?[-–]?[ \u00a0]?"
                    r"[A-Z][a-z]", after) and not re.match(
                r"[ \u00a0]*[-–—][ \u00a0]+", after):
            month = re.match(r" (January|February|March|April|May|June|July|August|September|October|"
                             r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b", after)
            if not month:
                continue  # "Paris Agreement", "Glasgow Climate Pact"
        if start > 0 and text[start - 1] == "-":
            continue  # "Kunming-Montreal"
        before = re.search(r"([A-Z][a-z]+) $", text[max(0, start - 30):start])
        if before and before.group(1) not in _PLACE_FUNCTION_WORDS and before.group(1) not in _forms():
            continue  # "Maria Lima"
        found.append((name, table[name], start, end))
    return found
