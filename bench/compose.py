"""Sentence-level building blocks of a synthetic readout, and the truth they imply.

A `Composer` writes text for one readout and records, as it writes, what a careful annotator
would put in the readout record (GUIDE.md): every country it names, every person with actor
and role, every forum with its kind, meetings, presidencies and commitment sentences.
The truth is written beside the text as `<name>.gold.json` when asked, so extraction quality
on the synthetic corpus can be checked, not only speed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from bench.refdata import (
    TOPIC_ACTIONS,
    TOPIC_PHRASES,
    Cop,
    Official,
    country,
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth")
TARGET_YEARS = (2025, 2026, 2027, 2028, 2030, 2030, 2030, 2035, 2035, 2040, 2050, 2060)

WELCOME_VERBS = ("welcomed", "noted with appreciation", "took stock of", "reviewed", "exchanged views on",
                 "discussed")
FILLER = (
    "{s} {welcomed} the progress made in {phrase} since their last meeting.",
    "{s} {welcomed} the technical exchanges on {phrase} between their experts and research institutions.",
    "{s} {welcomed} the role of the private sector and civil society in {phrase}.",
    "{s} underlined that {phrase} is central to keeping the 1.5°C goal within reach.",
    "{s} looked forward to further exchanges on {phrase} in the months ahead.",
    "{s} recognised that the climate crisis is one of the greatest challenges of our time.",
    "The discussions on {phrase} were held in a constructive and candid atmosphere.",
    "{s} shared information on their domestic policies and measures relating to {phrase}.",
)
OFF_TOPIC = (
    "{s} also discussed regional security developments and the situation in the Middle East.",
    "{s} exchanged views on trade and investment ties and on supply chain resilience.",
    "{s} also touched on cooperation in public health and pandemic preparedness.",
    "{s} noted the importance of people-to-people exchanges, including among students and scholars.",
)


def long_date(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def british_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def date_range(start: dt.date, end: dt.date) -> str:
    if start == end:
        return long_date(start)
    if start.month == end.month:
        return f"{MONTHS[start.month - 1]} {start.day}-{end.day}, {start.year}"
    return f"{MONTHS[start.month - 1]} {start.day} to {MONTHS[end.month - 1]} {end.day}, {start.year}"


@dataclass
class Composer:
    rng: random.Random
    published: dt.date
    actors: dict[str, str] = field(default_factory=dict)  # code -> first name used
    people: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> record entry
    forums: dict[str, str] = field(default_factory=dict)  # name -> kind
    presidencies: list[dict[str, str]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)

    # --- naming things (each call records what it names) ---------------------------------

    def cn(self, code: str, *, possessive: bool = False, capital: bool = False) -> str:
        """A country's name in running text ("the United States", "China's")."""
        c = country(code)
        self.actors.setdefault(code, c.name)
        name = c.name
        if capital and name.startswith("the "):
            name = "The " + name[4:]
        return name + ("'s" if possessive and not name.endswith("s") else "'" if possessive else "")

    def bare(self, code: str) -> str:
        """A country's name without its article ("United States"), for lists and titles."""
        self.actors.setdefault(code, country(code).name)
        name = country(code).name
        return name[4:] if name.startswith("the ") else name

    def short(self, code: str) -> str:
        self.actors.setdefault(code, country(code).name)
        return country(code).short

    def adjective(self, code: str) -> str:
        self.actors.setdefault(code, country(code).name)
        return country(code).adjective

    def person(self, who: Official, *, style: str | None = None) -> str:
        """A person's first mention with role and country; later mentions by name alone."""
        self.actors.setdefault(who.country, country(who.country).name)
        if who.name in self.people:
            return who.name if self.rng.random() < 0.6 else f"{who.role.split(' for ')[0].split(' of ')[0]} {who.name.split()[-1]}"
        self.people[who.name] = {"name": who.name, "actor": who.country, "role": who.role}
        style = style or self.rng.choice(("possessive", "of", "adjective"))
        if style == "possessive":
            return f"{self.cn(who.country, possessive=True)} {who.role} {who.name}"
        if style == "adjective" and who.country != "EU":
            return f"{self.adjective(who.country)} {who.role} {who.name}"
        return f"{who.role} {who.name} of {self.cn(who.country)}"

    def forum(self, name: str, kind: str, *, acronym: str | None = None) -> str:
        first = name not in self.forums
        self.forums.setdefault(name, kind)
        if first and acronym:
            return f"{name} ({acronym})"
        return name

    def cop(self, cop: Cop, *, presidency: bool = False) -> str:
        self.forums.setdefault(cop.name, "conference")
        written = self.rng.choice((f"COP{cop.number}", f"COP {cop.number}", f"COP-{cop.number}"))
        if presidency:
            self.presidencies.append({"of": cop.name, "actor": cop.presidency})
            return f"the {written} Presidency of {self.cn(cop.presidency)}"
        return written

    def meeting(self, *, forum: str | None, start: dt.date | None, end: dt.date | None, place: str | None,
                host: str | None, participants: list[str]) -> None:
        self.meetings.append({
            "forum": forum, "start": start.isoformat() if start else None, "end": end.isoformat() if end else None,
            "place": place, "host": host, "participants": sorted(set(participants)),
        })

    # --- sentences --------------------------------------------------------------------------

    def target_year(self) -> int:
        year = self.rng.choice(TARGET_YEARS)
        while year <= self.published.year:
            year += 5
        return year

    def action(self, topic: str, cop: Cop | None) -> tuple[str, int | None]:
        template = self.rng.choice(TOPIC_ACTIONS[topic])
        year = None
        if "{year}" in template:
            year = self.target_year()
            if "net zero" in template:
                year = self.rng.choice((2050, 2060, 2070))
        text = template.format(year=year, n=self.rng.choice((5, 10, 15, 20, 30, 40, 50, 75, 100)),
                               cop=self.cop(cop) if cop else "the next UN Climate Change Conference")
        return text, year

    def commitment(self, subject: str, actors: list[str], topics: list[str], *, cop: Cop | None = None,
                   reaffirm: bool = False, meeting: int | None = None) -> str:
        """One commitment sentence by `subject` (already written out) for `actors`."""
        parts = [self.action(t, cop) for t in topics]
        years = [y for _, y in parts if y is not None]
        joined = parts[0][0] if len(parts) == 1 else f"{parts[0][0]}, and to {parts[1][0]}"
        if reaffirm:
            verb = self.rng.choice(("reaffirmed their determination to", "reaffirmed their commitment to work to",
                                    "reaffirmed that they will"))
        elif len(actors) == 1:
            verb = self.rng.choice(("committed to", "pledged to", "will", "intends to", "announced that it will"))
        else:
            verb = self.rng.choice(("committed to", "agreed to", "will", "decided to", "intend to", "pledged to"))
        if len(actors) == 1:
            joined = joined.replace(" their ", " its ")
        sentence = f"{subject} {verb} {joined}."
        sentence = sentence[0].upper() + sentence[1:]
        self.commitments.append({
            "actors": sorted(set(actors)), "text": sentence, "topics": sorted(set(topics)),
            "target_year": max(years) if years else None, "status": "reaffirmed" if reaffirm else "new",
            "meeting": meeting,
        })
        return sentence

    def filler(self, subject: str, topic: str) -> str:
        s = self.rng.choice(FILLER).format(s=subject, welcomed=self.rng.choice(WELCOME_VERBS),
                                           phrase=TOPIC_PHRASES[topic])
        return s[0].upper() + s[1:]

    def off_topic(self, subject: str) -> str:
        s = self.rng.choice(OFF_TOPIC).format(s=subject)
        return s[0].upper() + s[1:]

    def topics(self, k: int) -> list[str]:
        return self.rng.sample(sorted(TOPIC_ACTIONS), k)

    # --- the record -------------------------------------------------------------------------

    def truth(self, title: str, publisher: str | None) -> dict[str, Any]:
        """The readout record (GUIDE.md) this text should yield."""
        return {
            "document": {"title": title, "published": self.published.isoformat(), "publisher": publisher,
                         "language": "en"},
            "actors": [{"code": c, "name": n} for c, n in sorted(self.actors.items())],
            "people": list(self.people.values()),
            "forums": [{"name": n, "kind": k} for n, k in self.forums.items()],
            "presidencies": self.presidencies,
            "meetings": self.meetings,
            "commitments": self.commitments,
        }
