"""Reference data for the synthetic corpus: who, where, which forums, what gets committed to.

Country codes are checked against pycountry (or `kg.model.reference` when it is present) so that
every code the generator writes is one the gazetteer can resolve. People are invented:
a fixed pool (built from a fixed seed, independent of the corpus seed) so that the same
envoys and ministers recur across readouts and across corpora, as they do in real life.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.model.reference import CopRef
from kg.model.reference import cops as reference_cops

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, or EU
    name: str  # as readouts write it in running text ("the United States")
    short: str  # as it appears in a mechanism's name ("U.S." in "China-U.S. Working Group")
    adjective: str  # "American", "Chinese"
    capital: str
    region: str  # picks the name parts of its invented officials
    leader_title: str  # "President", "Prime Minister", "Chancellor"


# (code, running-text name, short form, adjective, capital, name region, leader title)
_COUNTRIES: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    ("US", "the United States", "U.S.", "American", "Washington", "anglo", "President"),
    ("CN", "China", "China", "Chinese", "Beijing", "east-asia", "President"),
    ("EU", "the European Union", "EU", "European", "Brussels", "europe", "President of the European Commission"),
    ("IN", "India", "India", "Indian", "New Delhi", "south-asia", "Prime Minister"),
    ("BR", "Brazil", "Brazil", "Brazilian", "Brasília", "latin", "President"),
    ("ZA", "South Africa", "South Africa", "South African", "Pretoria", "africa", "President"),
    ("ID", "Indonesia", "Indonesia", "Indonesian", "Jakarta", "southeast-asia", "President"),
    ("JP", "Japan", "Japan", "Japanese", "Tokyo", "east-asia", "Prime Minister"),
    ("KR", "the Republic of Korea", "Korea", "Korean", "Seoul", "east-asia", "President"),
    ("DE", "Germany", "Germany", "German", "Berlin", "europe", "Chancellor"),
    ("FR", "France", "France", "French", "Paris", "europe", "President"),
    ("GB", "the United Kingdom", "UK", "British", "London", "anglo", "Prime Minister"),
    ("CA", "Canada", "Canada", "Canadian", "Ottawa", "anglo", "Prime Minister"),
    ("AU", "Australia", "Australia", "Australian", "Canberra", "anglo", "Prime Minister"),
    ("MX", "Mexico", "Mexico", "Mexican", "Mexico City", "latin", "President"),
    ("AR", "Argentina", "Argentina", "Argentine", "Buenos Aires", "latin", "President"),
    ("CL", "Chile", "Chile", "Chilean", "Santiago", "latin", "President"),
    ("CO", "Colombia", "Colombia", "Colombian", "Bogotá", "latin", "President"),
    ("EG", "Egypt", "Egypt", "Egyptian", "Cairo", "arab", "President"),
    ("NG", "Nigeria", "Nigeria", "Nigerian", "Abuja", "africa", "President"),
    ("KE", "Kenya", "Kenya", "Kenyan", "Nairobi", "africa", "President"),
    ("SA", "Saudi Arabia", "Saudi", "Saudi", "Riyadh", "arab", "Crown Prince"),
    ("AE", "the United Arab Emirates", "UAE", "Emirati", "Abu Dhabi", "arab", "President"),
    ("TR", "Türkiye", "Türkiye", "Turkish", "Ankara", "europe", "President"),
    ("AZ", "Azerbaijan", "Azerbaijan", "Azerbaijani", "Baku", "europe", "President"),
    ("SG", "Singapore", "Singapore", "Singaporean", "Singapore", "southeast-asia", "Prime Minister"),
    ("VN", "Viet Nam", "Viet Nam", "Vietnamese", "Hanoi", "southeast-asia", "Prime Minister"),
    ("PH", "the Philippines", "Philippines", "Philippine", "Manila", "southeast-asia", "President"),
    ("TH", "Thailand", "Thailand", "Thai", "Bangkok", "southeast-asia", "Prime Minister"),
    ("MY", "Malaysia", "Malaysia", "Malaysian", "Kuala Lumpur", "southeast-asia", "Prime Minister"),
    ("NO", "Norway", "Norway", "Norwegian", "Oslo", "europe", "Prime Minister"),
    ("SE", "Sweden", "Sweden", "Swedish", "Stockholm", "europe", "Prime Minister"),
    ("DK", "Denmark", "Denmark", "Danish", "Copenhagen", "europe", "Prime Minister"),
    ("NL", "the Netherlands", "Netherlands", "Dutch", "The Hague", "europe", "Prime Minister"),
    ("ES", "Spain", "Spain", "Spanish", "Madrid", "europe", "Prime Minister"),
    ("IT", "Italy", "Italy", "Italian", "Rome", "europe", "Prime Minister"),
    ("PL", "Poland", "Poland", "Polish", "Warsaw", "europe", "Prime Minister"),
    ("PK", "Pakistan", "Pakistan", "Pakistani", "Islamabad", "south-asia", "Prime Minister"),
    ("BD", "Bangladesh", "Bangladesh", "Bangladeshi", "Dhaka", "south-asia", "Prime Minister"),
    ("MA", "Morocco", "Morocco", "Moroccan", "Rabat", "arab", "Prime Minister"),
    ("ET", "Ethiopia", "Ethiopia", "Ethiopian", "Addis Ababa", "africa", "Prime Minister"),
    ("GH", "Ghana", "Ghana", "Ghanaian", "Accra", "africa", "President"),
    ("PE", "Peru", "Peru", "Peruvian", "Lima", "latin", "President"),
    ("NZ", "New Zealand", "New Zealand", "New Zealand", "Wellington", "anglo", "Prime Minister"),
    ("FJ", "Fiji", "Fiji", "Fijian", "Suva", "pacific", "Prime Minister"),
    ("MH", "the Marshall Islands", "Marshall Islands", "Marshallese", "Majuro", "pacific", "President"),
    ("CH", "Switzerland", "Switzerland", "Swiss", "Bern", "europe", "President"),
    ("QA", "Qatar", "Qatar", "Qatari", "Doha", "arab", "Prime Minister"),
    ("BB", "Barbados", "Barbados", "Barbadian", "Bridgetown", "anglo", "Prime Minister"),
    ("CR", "Costa Rica", "Costa Rica", "Costa Rican", "San José", "latin", "President"),
)

# Invented name parts by region; combined once with a fixed seed into the people pool.
_NAME_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "anglo": (("Margaret", "Daniel", "Ellen", "Thomas", "Rachel", "Howard", "Claire", "Peter", "Anne", "Simon"),
              ("Whitford", "Ashby", "Calloway", "Hartley", "Pemberton", "Ridley", "Langford", "Marsh", "Drummond", "Kerr")),
    "east-asia": (("Wen", "Hao", "Jian", "Li", "Min", "Yuki", "Kenji", "Haruto", "Ji-won", "Seo-yeon"),
                  ("Zhao", "Gu", "Fang", "Tan", "Sato", "Mori", "Kaneda", "Park", "Han", "Shin")),
    "europe": (("Annika", "Matthias", "Sophie", "Luca", "Ingrid", "Pieter", "Elena", "Tomasz", "Clara", "Henrik"),
               ("Brandt", "Lefèvre", "Moretti", "Lindqvist", "de Vries", "Kowalczyk", "Aalto", "Navarro", "Holm", "Richter")),
    "south-asia": (("Arjun", "Priya", "Rohan", "Sunita", "Imran", "Farah", "Vikram", "Nadia", "Kabir", "Meera"),
                   ("Raghavan", "Chaudhry", "Iyer", "Qureshi", "Banerjee", "Malik", "Deshpande", "Rahman", "Kapoor", "Sethi")),
    "latin": (("Lucía", "Mateo", "Camila", "Rafael", "Valentina", "Joaquín", "Marina", "Andrés", "Beatriz", "Tomás"),
              ("Carvalho", "Restrepo", "Quiroga", "Almeida", "Figueroa", "Salazar", "Ibarra", "Montes", "Paredes", "Duarte")),
    "africa": (("Amara", "Kwame", "Nia", "Tendai", "Chidi", "Wanjiru", "Sipho", "Ayodele", "Zola", "Kofi"),
               ("Okonkwo", "Mensah", "Kariuki", "Ndlovu", "Adeyemi", "Boateng", "Mutua", "Dlamini", "Abebe", "Ogunleye")),
    "arab": (("Layla", "Omar", "Yasmin", "Khalid", "Rania", "Tariq", "Salma", "Hassan", "Noor", "Faisal"),
             ("Al-Mansouri", "Haddad", "El-Sayed", "Al-Qasimi", "Bennani", "Nasser", "Al-Harbi", "Khoury", "Farouk", "Azzam")),
    "southeast-asia": (("Siti", "Budi", "Linh", "Arief", "Maria", "Somchai", "Nurul", "Minh", "Dewi", "Rizal"),
                       ("Santoso", "Nguyen", "Wijaya", "Reyes", "Rahmat", "Pham", "Suharto", "Bautista", "Chanthavong", "Tan")),
    "pacific": (("Losana", "Viliame", "Mere", "Tomasi", "Ana", "Josefa", "Litia", "Kalani", "Sera", "Epeli"),
                ("Ratu", "Naivalu", "Tabuya", "Kabua", "Heine", "Vunivalu", "Seru", "Delana", "Bainimara", "Koroi")),
}


@dataclass(frozen=True)
class Official:
    name: str
    country: str  # code
    role: str  # full title without the country's name
    kind: str  # leader, envoy, environment, energy, foreign


_ENVOY_ROLES = ("Special Envoy for Climate Change", "Special Presidential Envoy for Climate",
                "Ambassador for Climate Change", "Special Representative for Climate Action")
_ENV_ROLES = ("Minister of Ecology and Environment", "Minister for Climate and Energy",
              "Minister of Environment and Climate Change", "Minister for Sustainability and the Environment")
_ENERGY_ROLES = ("Minister of Energy", "Minister of Energy and Mineral Resources", "Secretary of Energy")
_EU_ROLES = {"envoy": "Commissioner for Climate Action", "environment": "Commissioner for Environment",
             "energy": "Commissioner for Energy", "foreign": "High Representative for Foreign Affairs"}


@dataclass(frozen=True)
class ForumSpec:
    name: str
    kind: str
    acronym: str | None = None


MULTILATERAL_FORUMS: tuple[ForumSpec, ...] = (
    ForumSpec("Major Economies Forum on Energy and Climate", "forum", "MEF"),
    ForumSpec("Ministerial on Climate Action", "ministerial", "MoCA"),
    ForumSpec("Petersberg Climate Dialogue", "dialogue"),
    ForumSpec("Clean Energy Ministerial", "ministerial", "CEM"),
    ForumSpec("Copenhagen Climate Ministerial", "ministerial"),
    ForumSpec("G20 Energy Transitions Working Group", "working-group", "ETWG"),
    ForumSpec("Coastal Resilience Roundtable", "roundtable"),
    ForumSpec("Blue Carbon Partnership Forum", "forum"),
    ForumSpec("Leaders Summit on Climate", "summit"),
    ForumSpec("Green Hydrogen Ministerial Dialogue", "dialogue"),
    ForumSpec("Global Methane Reduction Platform", "platform"),
    ForumSpec("Just Transition Finance Task Force", "task-force"),
    ForumSpec("Alliance for Zero-Carbon Shipping", "alliance"),
    ForumSpec("Forest and Land Use Finance Roundtable", "roundtable"),
)

INITIATIVES: tuple[ForumSpec, ...] = (
    ForumSpec("Global Methane Pledge", "initiative"),
    ForumSpec("Global Renewables and Energy Efficiency Pledge", "initiative"),
    ForumSpec("Powering Past Coal Alliance", "alliance"),
    ForumSpec("Breakthrough Agenda", "initiative"),
    ForumSpec("Early Warnings for All Initiative", "initiative"),
)

# Bilateral mechanism patterns: {a} and {b} are short forms ("China-U.S. Working Group ...").
BILATERAL_PATTERNS: tuple[tuple[str, str], ...] = (
    ("{a}-{b} Working Group on Enhancing Climate Action", "working-group"),
    ("{a}-{b} High-Level Dialogue on Environment and Climate", "dialogue"),
    ("{a}-{b} Energy Dialogue", "dialogue"),
    ("{a}-{b} Climate and Clean Energy Partnership", "partnership"),
    ("{a}-{b} Joint Committee on Environmental Cooperation", "other"),
    ("{a}-{b} Task Force on Energy Security and Clean Energy", "task-force"),
    ("{a}-{b} Green Alliance", "alliance"),
)

# Commitment actions per topic; {year} is the target year, {n} a number.
TOPIC_ACTIONS: dict[str, tuple[str, ...]] = {
    "energy-transition": (
        "triple renewable energy capacity by {year}",
        "add at least {n} gigawatts of offshore wind capacity by {year}",
        "phase down unabated coal power generation and accelerate the build-out of grids and storage",
        "double the average annual rate of energy efficiency improvements by {year}",
    ),
    "methane-non-co2": (
        "cut methane emissions from the oil and gas sector by {n} percent by {year}",
        "develop and implement a national methane action plan before {year}",
        "reduce hydrofluorocarbon consumption in line with the Kigali Amendment",
    ),
    "forests-nature": (
        "halt and reverse forest loss and land degradation by {year}",
        "conserve at least 30 percent of land and ocean areas by {year}",
        "restore {n} million hectares of degraded land by {year}",
    ),
    "circular-economy": (
        "reduce plastic pollution and raise recycling rates to {n} percent by {year}",
        "promote resource efficiency and circular economy practices in industry",
    ),
    "subnational": (
        "support cooperation between provinces, states and cities on low-carbon development",
        "launch a programme of exchanges among subnational governments on climate action by {year}",
    ),
    "ndc-targets": (
        "submit economy-wide 2035 NDCs covering all greenhouse gases",
        "achieve net zero greenhouse gas emissions by {year}",
        "peak emissions before {year} and set ambitious absolute reduction targets",
    ),
    "finance": (
        "mobilise USD {n} billion in climate finance for developing countries by {year}",
        "scale up concessional finance for the energy transition through multilateral development banks",
    ),
    "carbon-markets": (
        "operationalise cooperative approaches under Article 6.2 of the Paris Agreement by {year}",
        "link their emissions trading systems and strengthen the integrity of carbon credits",
    ),
    "adaptation-resilience": (
        "double adaptation finance by {year}",
        "ensure that everyone is covered by early warning systems by {year}",
        "strengthen the resilience of water and food systems to climate impacts",
    ),
    "technology-industry": (
        "scale up low-emission hydrogen production to {n} million tonnes a year by {year}",
        "decarbonise steel and cement production through joint research and demonstration projects",
        "deploy carbon capture, utilisation and storage at scale by {year}",
    ),
    "multilateral-process": (
        "work together for a successful outcome at {cop}",
        "advance the implementation of the outcome of the first global stocktake",
    ),
}

TOPIC_PHRASES: dict[str, str] = {
    "energy-transition": "the clean energy transition", "methane-non-co2": "methane and other non-CO2 gases",
    "forests-nature": "forests, oceans and biodiversity", "circular-economy": "circular economy and resource efficiency",
    "subnational": "subnational climate action", "ndc-targets": "nationally determined contributions",
    "finance": "climate finance", "carbon-markets": "carbon markets", "adaptation-resilience": "adaptation and resilience",
    "technology-industry": "industrial decarbonisation and clean technology",
    "multilateral-process": "the multilateral climate process",
}


# The COP sessions are the project's own reference data (ontology/reference/cops.tsv).
Cop = CopRef


@cache
def cops() -> tuple[Cop, ...]:
    """COP sessions in order of number, as kg.model.reference reads them."""
    return tuple(reference_cops())


def _known_codes() -> set[str]:
    """Codes the project's gazetteer can resolve: kg.model.reference if present, else pycountry."""
    try:
        from kg.model.reference import countries  # type: ignore[attr-defined]

        return {c.code for c in countries()} | {"EU"}
    except Exception:  # the reference module may not exist yet, or may be mid-edit
        import pycountry

        return {c.alpha_2 for c in pycountry.countries} | {"EU"}


@cache
def countries() -> tuple[Country, ...]:
    known = _known_codes()
    return tuple(Country(*row) for row in _COUNTRIES if row[0] in known)


@cache
def country(code: str) -> Country:
    return {c.code: c for c in countries()}[code]


@cache
def officials() -> dict[str, tuple[Official, ...]]:
    """The fixed people pool: one leader and four or five officials per country."""
    rng = random.Random(20240904)  # fixed: the pool must not depend on the corpus seed
    used: set[str] = set()
    pool: dict[str, tuple[Official, ...]] = {}
    for c in countries():
        given, family = _NAME_PARTS[c.region]
        people: list[Official] = []
        for kind in ("leader", "envoy", "environment", "energy", "foreign"):
            while True:
                name = f"{rng.choice(given)} {rng.choice(family)}"
                if name not in used:
                    used.add(name)
                    break
            if c.code == "EU":
                role = c.leader_title if kind == "leader" else _EU_ROLES[kind]
            elif kind == "leader":
                role = c.leader_title
            elif kind == "envoy":
                role = rng.choice(_ENVOY_ROLES)
            elif kind == "environment":
                role = rng.choice(_ENV_ROLES)
            elif kind == "energy":
                role = rng.choice(_ENERGY_ROLES)
            else:
                role = "Secretary of State" if c.code == "US" else "Minister of Foreign Affairs"
            people.append(Official(name, c.code, role, kind))
        pool[c.code] = tuple(people)
    return pool


def official(code: str, kind: str) -> Official:
    return next(o for o in officials()[code] if o.kind == kind)
