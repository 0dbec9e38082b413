"""Where a meeting was held and who hosted it, read from the sentence that reports it.

Place is the city named (not one inside a name or a dateline, not one that locates another
forum), else a city in the forum's own name, a seat of government ("the Kremlin"), or the state
visited; host is the state said to host or convene. Both look people up by name, so the index
of the readout's people lives here too.
"""

from __future__ import annotations

import re

from kg.extract.context import Context
from kg.extract.gazetteer import find_actor_mentions, find_places
from kg.model.record import Person
from kg.model.reference import city_country

LANDMARKS = {"White House": "US", "Élysée": "FR", "Elysee": "FR", "Kremlin": "RU", "Kantei": "JP",
             "Great Hall of the People": "CN", "Downing Street": "GB", "Berlaymont": "EU"}
_HOSTED = re.compile(r"\b(?:hosted|hosts|will host|convened|convenes|will convene)\b")  # "X and Y held" is joint


def people_index(people: list[Person]) -> list[tuple[re.Pattern[str], Person]]:
    index = []
    for p in people:
        forms = {p.name, *p.aliases}
        surname = p.name.split()[-1] if p.name.split() else ""
        if len(surname) > 2:
            forms.add(surname)
        pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True) if f)
        if pattern:
            index.append((re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])"), p))
    return index


def people_in(index: list[tuple[re.Pattern[str], Person]], text: str) -> list[Person]:
    return [p for pattern, p in index if pattern.search(text)]


def meeting_place(ctx: Context, start: int, end: int, forum: str | None,
           mentions: list[tuple[int, int, str]]) -> tuple[str, str | None] | None:
    """The city the sentence names, unless it locates another forum ("... COP26 in Glasgow")."""
    text = ctx.text
    places = find_places(text[start:end])
    # A city after "in"/"at" places the meeting; a dateline's city ("Singapore, 14 July 2022 –") does not.
    places.sort(key=lambda p: 0 if re.search(r"\b(?:in|at)\s+(?:the\s+)?$", text[max(start, start + p[2] - 8):start + p[2]])
                else 1)
    for city, code, s, e in places:
        at = start + s
        if re.match(r"\s+[A-Z][a-z]", text[start + e:start + e + 3]) or re.search(r"\bof\s+the\s+$", text[at - 8:at]):
            continue  # a city inside a name: "the Paris Agreement", "Conference of the Paris"
        if re.match(r"\**,\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}", text[start + e:start + e + 30]):
            continue
        if re.search(r"\b(?:between|alternating|rotating|next\s+in|to\s+be\s+held\s+in)\s+(?:\w+\s+and\s+)?$",
                     text[max(start, at - 30):at]):
            continue  # "alternating between Berlin and Accra": where later sessions meet, not this one
        other = [m for m in mentions if m[2] != forum and start <= m[1] <= at
                 and re.fullmatch(r"[\s)]*(?:in|at)\s+", text[m[1]:at])]
        if other:
            continue
        return city, code or city_country(city)
    if forum:  # "the Bonn Climate Change Conference": a meeting named after its city
        words = forum.split()
        for n in (2, 1):
            named = " ".join(words[:n])
            if len(words) > n and city_country(named) and not find_actor_mentions(named):
                return named, city_country(named)
    for landmark, code in LANDMARKS.items():
        if landmark not in text[start:end]:
            continue  # the pattern holds the landmark's name as written
        found = re.search(rf"\b(?:at|in) (?:the )?((?:No\.?\s*)?(?:\d{{1,4}}\s+)?{re.escape(landmark)})\b", text[start:end])
        if found:
            return found.group(1), code  # "at 10 Downing Street": the place as written
    for a in ctx.actor_mentions:  # "who is on a visit to China": the state visited, when no city is named
        if start <= a.start < end and a.form not in {"adjective", "possessive"} and re.search(
                r"\b(?:on\s+an?\s+(?:[\w-]+\s+)?visit\s+to|visiting|(?:travel\w*|trip)\s+to)\s+(?:the\s+)?$",
                text[max(start, a.start - 40):a.start]):
            return a.text, a.code
    return None


def meeting_host(ctx: Context, start: int, end: int, people: list[tuple[re.Pattern[str], Person]],
          forum_at: int | None = None) -> str | None:
    """The state said to host or convene: "China hosted", "hosted by Germany", "President Biden convened".
    With a forum, the verb must govern it (come shortly before its name)."""
    text = ctx.text
    for m in _HOSTED.finditer(text, start, end):
        if forum_at is not None and not (m.end() <= forum_at <= m.end() + 120):
            continue
        before = text[start:m.start()]
        mentions = [a for a in ctx.actor_mentions if start <= a.start and a.end <= m.start()
                    and not re.search(r"[,;]|\band\b", text[a.end:m.start()])]
        if mentions:
            return mentions[-1].code
        clause = re.split(r"[,;]", before)[-1]
        for person in people_in(people, clause):
            if person.actor and re.fullmatch(r"[A-Z]{2}", person.actor):
                return person.actor
    for m in re.finditer(r"\b(?:hosted|convened|organi[sz]ed)\s+by\s+(?:the\s+)?", text[start:end]):
        after = [a for a in ctx.actor_mentions if a.start == start + m.end()]
        if after:
            return after[0].code
    return None
