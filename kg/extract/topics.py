"""Topics of a commitment: the 11 SKOS topics of GUIDE.md, read with a keyword lexicon.

Each topic lists word stems that signal it in readouts' language; a sentence gets every topic
whose cues it contains, in the order of the scheme. The lexicon is deliberately about
vocabulary, not about particular documents.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.model.record import TOPICS

# Regular-expression fragments (matched case-insensitively at word starts).
LEXICON: dict[str, tuple[str, ...]] = {
    "energy-transition": (
        r"clean energy", r"clean power", r"clean electricity", r"electricity", r"power grid", r"energy transition", r"transition to (?:clean|renewable|sustainable)", r"renewable",
        r"solar", r"wind (?:power|energy)", r"offshore wind", r"wind\b", r"hydrogen", r"energy efficien",
        r"energy security", r"energy supply", r"energy supplies", r"power sector", r"coal", r"decarboni[sz]",
        r"electric vehicle", r"zero-emission vehicle", r"zev", r"\blng\b", r"natural gas", r"gas suppl",
        r"energy cooperation", r"energy system", r"grid", r"storage", r"nuclear", r"low-carbon energy",
        r"sustainable energy", r"energy assistance", r"energy sector", r"energy market", r"fossil",
        r"energy transformation", r"green energy", r"bioenergy", r"biofuel", r"biomethane", r"energy\b",
        r"low-carbon future", r"low-carbon development", r"power (?:generation|development|plant|station|system|transmission|purchase)", r"reactor", r"\bsmrs?\b",
    ),
    "methane-non-co2": (
        r"methane", r"non-co2", r"hfc", r"hydrofluorocarbon", r"short-lived climate", r"flaring", r"venting",
        r"nitrous oxide", r"black carbon", r"super pollutant",
    ),
    "forests-nature": (
        r"forest", r"deforestation", r"biodiversity", r"nature\b", r"ecosystem", r"ocean", r"marine", r"land degradation",
        r"wildlife", r"amazon", r"rainforest", r"conservation", r"blue economy", r"coastal", r"beach", r"mangrove",
        r"illegal logging", r"land use", r"bioeconomy", r"sustainable management", r"water",
        r"forestry", r"\bfolu\b", r"net sink", r"afforest", r"reforest", r"trees?\b", r"desertification", r"degraded land", r"land restoration",
        r"mercury", r"contaminat", r"river basin", r"watershed", r"wetland",
    ),
    "circular-economy": (
        r"circular economy", r"circularity", r"resource efficiency", r"recycl", r"waste", r"plastic", r"litter",
        r"single use", r"single-use",
    ),
    "subnational": (
        r"subnational", r"sub-national", r"provinces", r"states and cities", r"cities", r"local government",
        r"municipal",
    ),
    "ndc-targets": (
        r"\bndcs?\b", r"nationally determined contribution", r"net[- ]zero", r"carbon neutral", r"climate neutral",
        r"1\.5", r"emissions? target", r"climate target", r"climate ambition", r"reduction of emissions",
        r"reduce (?:ghg |greenhouse gas )?emissions", r"emissions? reduction", r"peak(?:ing)? .{0,20}emissions",
        r"long-term strateg", r"\bleds\b", r"paris agreement", r"mitigation",
    ),
    "finance": (
        r"financ", r"invest", r"\$\s?\d", r"fund\b", r"funds\b", r"funding", r"grant", r"loan", r"capital",
        r"\bmdbs?\b", r"development bank", r"new collective quantified goal", r"\bncqg\b", r"mobili[sz]e",
        r"debt-for-(?:climate|nature)", r"debt swaps?", r"(?:nz|a|us|c|s|hk)\$\s?\d", r"(?:usd|eur|aud|nzd|gbp|jpy|dkk|nok|sek|chf|cad|brl|inr)\s?\d", r"€\s?\d", r"£\s?\d",
    ),
    "carbon-markets": (
        r"carbon market", r"article 6", r"carbon credit", r"emissions trading", r"carbon pricing", r"carbon price",
        r"carbon services", r"\bets\b", r"itmo", r"assigned amount units?", r"\baaus?\b", r"surplus (?:of )?(?:\w+ )?units",
        r"clean development mechanism", r"joint implementation", r"kyoto protocol units", r"offsets?\b", r"carbon offset",
    ),
    "adaptation-resilience": (
        r"adaptation", r"adapt to\b", r"climate[- ]resilien", r"resilien\w* (?:to|against) climate", r"resilient infrastructure",
        r"loss and damage", r"early[- ]warning", r"wildfire", r"heatwave", r"disaster", r"climate impacts",
        r"drought", r"flood", r"small island developing states", r"\bsids\b",
    ),
    "technology-industry": (
        r"technolog", r"innovation", r"industr", r"manufactur", r"supply chain", r"research", r"commerciali[sz]",
        r"critical mineral", r"minerals", r"demonstration", r"carbon capture", r"\bccus?\b",
    ),
    "multilateral-process": (
        r"\bcop\s?-?\d", r"\bcop\b", r"unfccc", r"multilateral climate", r"global climate action", r"global efforts",
        r"international cooperation", r"climate crisis", r"climate change", r"global methane pledge",
        r"conference of the parties", r"other parties", r"all parties",
        r"global climate", r"international consensus", r"climate action", r"pledge\b", r"global stocktake",
    ),
}

_COMPILED: dict[str, re.Pattern[str]] = {
    topic: re.compile(r"(?<![A-Za-z])(?:" + "|".join(cues) + ")", re.IGNORECASE) for topic, cues in LEXICON.items()
}
# Broad cues count only when nothing more specific spoke: "climate change" or a bare
# "energy" is the backdrop of nearly every sentence in a readout.
_WEAK = {
    "multilateral-process": re.compile(r"(?<![A-Za-z])(?:climate crisis|climate change|climate action|global climate)",
                                       re.I),
    "energy-transition": re.compile(r"(?<![A-Za-z])energy\b", re.I),
}

assert set(LEXICON) == set(TOPICS)


def _strong_hits(topic: str, text: str) -> bool:
    weak = _WEAK.get(topic)
    return any(weak is None or not weak.fullmatch(m.group()) for m in _COMPILED[topic].finditer(text))


def classify_topics(text: str) -> list[str]:
    """The GUIDE topics a sentence is about, in scheme order; [] when none is signalled."""
    return list(_topics_of(text))


# Commitments ask again for a sentence's topics (its clauses, its neighbours): kept per text.
@lru_cache(maxsize=512)
def _topics_of(text: str) -> tuple[str, ...]:
    found = [t for t in TOPICS if _strong_hits(t, text)]
    if not found:
        found = [t for t, weak in _WEAK.items() if weak.search(text)]
        found = [t for t in TOPICS if t in found]
    return tuple(found)


def is_climate_related(text: str) -> bool:
    """True when the text speaks of climate, energy or the environment at all."""
    return bool(classify_topics(text)) or bool(re.search(
        r"(?<![A-Za-z])(?:climate|environment|emission|greenhouse|sustainab|green\b|low-carbon|carbon)", text, re.I))
