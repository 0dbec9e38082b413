"""Is a piece of text about climate, energy or the environment? A scored lexicon, not a keyword test.

A joint statement puts health, security, trade and climate side by side, often in one
sentence. Generic words ("cooperation", "partnership", "technology", "finance") belong to
every one of those subjects, so they decide nothing. What decides is vocabulary that belongs
to one domain: "methane", "mangrove", "grid" for ours; "vaccine", "cyber", "tariff" for the
others. Each term carries a weight (2 for a term that cannot be about anything else, 1 for
one that usually is); a text's judgement weighs the two sides.

`judge(*texts)` reads texts nearest first (a forum's name, then its clause, its sentence,
its paragraph): the first that speaks of any domain decides, so a "Vaccine Manufacturing
Partnership" named beside "energy security" is judged by its own name, and a neutral
"Joint Working Group" by the sentence around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Terms of climate, energy and the environment (stems, matched case-insensitively at word starts).
CLIMATE_TERMS: dict[str, float] = {
    # climate and its diplomacy
    r"climate": 2, r"global warming": 2, r"greenhouse": 2, r"emission": 2, r"carbon": 2, r"co2\b": 2,
    r"decarboni[sz]": 2, r"net[- ]zero": 2, r"low-carbon": 2, r"ndcs?\b": 2, r"nationally determined": 2,
    r"paris agreement": 2, r"unfccc": 2, r"kyoto": 2, r"cop\s?-?\d": 2, r"conference of the parties": 1,
    r"digital sequence information": 2, r"genetic resources": 2, r"ipcc": 2, r"1\.5\s?°?\s?c\b": 2, r"mitigation": 2, r"adaptation": 2, r"loss and damage": 2,
    r"assigned amount units?": 2, r"aaus?\b": 2, r"clean development mechanism": 2, r"offsets?\b": 1,
    # energy
    r"energy": 1, r"clean energy": 2, r"renewable": 2, r"solar": 2, r"wind\b": 2, r"offshore wind": 2, r"hydrogen": 2,
    r"hydropower": 2, r"geothermal": 2, r"nuclear power": 2, r"nuclear energy": 2, r"reactor": 1,
    r"electricity": 2, r"power (?:grid|sector|plant|station|generation|system|transmission|line)": 2, r"grids?\b": 1,
    r"interconnector": 2, r"batter(?:y|ies)": 1, r"storage": 1, r"coal": 2, r"fossil": 2, r"oil and gas": 2,
    r"natural gas": 2, r"\blng\b": 2, r"methane": 2, r"flaring": 2, r"biofuel": 2, r"bioenergy": 2,
    r"biomethane": 2, r"electric (?:vehicle|car|bus|truck)": 2, r"evs?\b": 2, r"zero-emission": 2, r"zevs?\b": 2,
    r"e-mobility": 2, r"efficien": 1, r"clean (?:power|technolog|cooking|transport|industr)": 2, r"fuel": 1,
    # environment and nature
    r"environment": 2, r"ecolog": 2, r"biodiversity": 2, r"nature\b": 1, r"nature-based": 2, r"ecosystem": 2,
    r"forest": 2, r"deforestation": 2, r"reforest": 2, r"afforest": 2, r"trees?\b": 1, r"mangrove": 2,
    r"wetland": 2, r"peatland": 2, r"ocean": 2, r"marine": 2, r"coral": 2, r"fisheries": 1, r"coastal": 1,
    r"wildlife": 2, r"desertification": 2, r"land degradation": 2, r"land use": 1, r"pollution": 2,
    r"pollutant": 2, r"mercury": 2, r"contaminat": 1, r"river basin": 1, r"watershed": 1, r"air quality": 2, r"plastic": 2, r"waste": 2, r"recycl": 2, r"circular economy": 2,
    r"chemicals\b": 1, r"water resource": 2, r"water management": 2, r"water\b": 1, r"drought": 2,
    r"flood": 2, r"wildfire": 2, r"heatwave": 2, r"early[- ]warning": 1, r"disaster": 1, r"climate[- ]resilien": 2,
    r"sustainab": 1, r"green\b": 1, r"greening": 1, r"conservation": 1, r"sea level": 2, r"glacier": 2,
    r"arctic": 1, r"antarctic": 1, r"ozone": 2, r"hfcs?\b": 2, r"black carbon": 2, r"soot": 2,
}

# Terms of the other subjects a joint statement covers.
OTHER_TERMS: dict[str, float] = {
    # health
    r"health": 2, r"vaccin": 2, r"pandemic": 2, r"covid": 2, r"pharmac": 2, r"medical": 2, r"medicine": 2,
    r"disease": 2, r"hospital": 2, r"polio": 2, r"malaria": 2, r"tuberculosis": 2, r"hiv\b": 2,
    # security
    r"security": 1, r"defen[cs]e": 2, r"military": 2, r"armed forces": 2, r"terror": 2, r"extremism": 2,
    r"nonproliferation": 2, r"non-proliferation": 2, r"nuclear weapons": 2, r"weapons": 2, r"missile": 2,
    r"cyber": 2, r"maritime security": 2, r"peace(?:keeping|building|-building)?\b": 1, r"conflict": 1,
    r"war\b": 1, r"sanction": 1, r"counter-?narcotic": 2, r"crime": 2, r"police": 2,
    # economy and trade
    r"trade\b": 2, r"tariff": 2, r"free trade": 2, r"investment treaty": 2, r"market access": 2, r"tourism": 2,
    r"economic relations": 2, r"supply chains?": 1, r"economic growth": 2, r"social equity": 2,
    r"prosperity": 1, r"regionalism": 1, r"poverty": 2, r"hunger": 2, r"food security": 2, r"investment relations": 2, r"banking": 1, r"taxation": 2,
    r"semiconductor": 2, r"telecommunication": 2, r"broadband": 2, r"5g\b": 2, r"digital": 1,
    r"artificial intelligence": 2, r"space\b": 1, r"aviation safety": 2,
    # society and politics
    r"education": 2, r"scholarship": 2, r"students?\b": 2, r"schools?\b": 2, r"fib(?:er|re)[- ]optic": 2, r"universit": 1, r"culture": 2, r"cultural": 2,
    r"sport": 2, r"migration": 2, r"migrants?\b": 2, r"refugee": 2, r"human rights": 2, r"democra": 2,
    r"disinformation": 2, r"gender": 1, r"racial": 2, r"labou?r rights": 2, r"elections?\b": 2,
    r"people-to-people": 2, r"consular": 2, r"visa": 2, r"anti-corruption": 2,
}


def _compile(terms: dict[str, float]) -> re.Pattern[str]:
    ordered = sorted(terms, key=len, reverse=True)  # the longest term first: "offshore wind" before "wind"
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(f"(?P<t{i}>{t})" for i, t in enumerate(ordered)) + ")",
                      re.IGNORECASE)


_CLIMATE = _compile(CLIMATE_TERMS)
_OTHER = _compile(OTHER_TERMS)
_CLIMATE_WEIGHTS = [CLIMATE_TERMS[t] for t in sorted(CLIMATE_TERMS, key=len, reverse=True)]
_OTHER_WEIGHTS = [OTHER_TERMS[t] for t in sorted(OTHER_TERMS, key=len, reverse=True)]
# "energy security" and "climate security" are ours; "security" alone is not.
_OURS_BEFORE_OTHER = re.compile(r"(?:energy|climate|water|food|environmental)[\s-]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Scores:
    """Evidence for climate/energy/environment and for the other subjects, by weighted terms."""

    climate: float
    other: float

    @property
    def speaks(self) -> bool:
        # One weak word of another subject ("digital", "security") is not enough to say what a text
        # is about; any word of ours is (the judgement then weighs both).
        return self.climate > 0 or self.other >= 2

    @property
    def about_climate(self) -> bool:
        # A sentence that names climate among other subjects is about climate too ("cooperate on
        # COVID-19, climate change and cyber"); only one that names ours weakly and others
        # strongly is not ("sustainable growth in trade and tourism").
        return self.climate >= 2 or self.climate > self.other


def _weigh(pattern: re.Pattern[str], weights: list[float], text: str,
           ours: list[tuple[int, int]] | None = None) -> float:
    total = 0.0
    for m in pattern.finditer(text):
        if ours is not None and (_OURS_BEFORE_OTHER.search(text[max(0, m.start() - 16):m.start()])
                                 or any(s <= m.start() < e for s, e in ours)):
            continue  # "energy security", "digital sequence information": inside or after a term of ours
        total += weights[_term_index(m)]
    return total


def _term_index(m: re.Match[str]) -> int:
    # the term's group is the one that matched: top-level and named, so the last to close
    return int(m.lastgroup[1:])  # type: ignore[index]


@lru_cache(maxsize=4096)
def scores(text: str) -> Scores:
    """The weighted climate and other-subject evidence in a text."""
    ours = []
    climate = 0.0
    for m in _CLIMATE.finditer(text):
        ours.append(m.span())
        climate += _CLIMATE_WEIGHTS[_term_index(m)]
    return Scores(climate, _weigh(_OTHER, _OTHER_WEIGHTS, text, ours))


def judge(*texts: str) -> bool:
    """Whether the nearest of `texts` that speaks of any subject speaks of climate, energy or the
    environment; False when none speaks of any."""
    for text in texts:
        found = scores(text)
        if found.speaks:
            return found.about_climate
    return False


def is_about_climate(text: str) -> bool:
    """Whether one text, on its own, is about climate, energy or the environment."""
    return scores(text).about_climate
