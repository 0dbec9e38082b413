"""The four kinds of readout the generator writes, each a function of (rng, Composer).

- leaders' call readouts (about 1-3 KB)
- bilateral working-group or dialogue readouts (about 2-6 KB)
- ministerial chair's summaries with a participants list and sessions (about 4-10 KB)
- long joint statements with numbered paragraphs (about 6-15 KB)

Each returns (title, publisher, text); the Composer has recorded the truth meanwhile.
"""

from __future__ import annotations

import datetime as dt
import random

from bench.compose import ORDINALS, Composer, british_date, date_range, long_date
from bench.refdata import (
    BILATERAL_PATTERNS,
    INITIATIVES,
    MULTILATERAL_FORUMS,
    TOPIC_PHRASES,
    Cop,
    cops,
    countries,
    country,
    official,
)

Text = tuple[str, str | None, str]


def ordinal_number(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _pair(rng: random.Random) -> tuple[str, str]:
    # The big emitters meet most often: weight them so the graph has hubs, as real data does.
    codes = [c.code for c in countries()]
    weights = [8 if c in {"US", "CN", "EU"} else 3 if c in {"IN", "BR", "DE", "GB", "JP", "ZA", "ID"} else 1
               for c in codes]
    a = rng.choices(codes, weights)[0]
    b = a
    while b == a:
        b = rng.choices(codes, weights)[0]
    return a, b


def _upcoming_cop(day: dt.date) -> Cop | None:
    for cop in cops():
        if dt.date.fromisoformat(cop.end) >= day:
            return cop
    return None


def _dateline(c: Composer, code: str, publisher: str) -> str:
    """The line a real page carries above or at the head of the text: dates the readout."""
    d = c.published
    style = c.rng.randrange(4)
    if style == 0:
        return f"Publication date: {british_date(d)}\n{publisher}\n\n"
    if style == 1:
        return f"Source: {publisher} | Released {d.isoformat()} {c.rng.randrange(8, 19):02d}:{c.rng.randrange(60):02d}\n\n"
    if style == 2:
        return f"{publisher}\n{long_date(d)}\n\n"
    return f"{country(code).capital.upper()}, {long_date(d)} — "


def _publisher(c: Composer, code: str) -> str:
    if code == "US":
        return c.rng.choice(("The White House", "U.S. Department of State"))
    if code == "EU":
        return "European Commission"
    return c.rng.choice((f"Ministry of Foreign Affairs of {c.bare(code)}",
                         f"Ministry of Environment of {c.bare(code)}", f"Office of the {country(code).leader_title}"))


def leaders_call(rng: random.Random, c: Composer) -> Text:
    a, b = _pair(rng)
    la, lb = official(a, "leader"), official(b, "leader")
    title = f"Readout of {la.role} {la.name}'s Call with {lb.role} {lb.name} of {c.cn(b)}"
    c.people.setdefault(la.name, {"name": la.name, "actor": a, "role": la.role})
    c.people.setdefault(lb.name, {"name": lb.name, "actor": b, "role": lb.role})
    publisher = _publisher(c, a)
    head = _dateline(c, a, publisher)
    c.meeting(forum=None, start=c.published, end=c.published, place=None, host=None, participants=[a, b])
    cop = _upcoming_cop(c.published)
    paras = [f"{la.role} {la.name} spoke today with {lb.role} {lb.name} of {c.cn(b)}. "
             f"The leaders discussed the close partnership between {c.cn(a)} and {c.cn(b)} and "
             f"their shared determination to tackle the climate crisis."]
    for topic in c.topics(rng.randint(1, 3)):
        sent = [c.filler("the two leaders", topic)]
        if rng.random() < 0.7:
            sent.append(c.commitment("the two leaders", [a, b], [topic], cop=cop, meeting=0))
        paras.append(" ".join(sent))
    if cop and rng.random() < 0.6:
        paras.append(f"{la.role} {la.name.split()[-1]} underscored the importance of a successful {c.cop(cop)} "
                     f"in {cop.city}. " + c.commitment("the two leaders", [a, b], ["multilateral-process"], cop=cop,
                                                       meeting=0))
    paras.append(c.off_topic("the leaders"))
    paras.append("The leaders agreed to stay in close touch.")
    return title, publisher, head + title + "\n\n" + "\n\n".join(paras) + "\n"


def bilateral_meeting(rng: random.Random, c: Composer) -> Text:
    a, b = _pair(rng)
    pattern, kind = rng.choice(BILATERAL_PATTERNS)
    mech = pattern.format(a=country(a).short, b=country(b).short)
    c.short(a)
    c.short(b)
    nth = rng.randrange(len(ORDINALS))
    ea, eb = official(a, rng.choice(("envoy", "environment", "energy"))), official(b, rng.choice(("envoy", "environment")))
    end = c.published
    start = end - dt.timedelta(days=rng.choice((0, 0, 1, 2)))
    host = rng.choice((a, b))
    city = country(host).capital
    title = f"Readout on the {ORDINALS[nth].capitalize()} Meeting of the {mech}"
    publisher = _publisher(c, host)
    head = _dateline(c, host, publisher)
    c.meeting(forum=mech, start=start, end=end, place=city, host=host, participants=[a, b])
    c.forum(mech, kind)
    cop = _upcoming_cop(end)
    paras = [f"On {date_range(start, end)}, {c.cn(host)} hosted in {city} the {ORDINALS[nth]} meeting of the "
             f"{mech}, which is co-led by {c.person(ea)} and {c.person(eb)} and includes their respective "
             f"colleagues. Both sides carried on their talks on tackling the climate crisis."]
    topics = c.topics(rng.randint(3, 6))
    paras.append(f"Both sides {rng.choice(('welcomed', 'reviewed'))} the work of the sub-working groups on "
                 + ", ".join(TOPIC_PHRASES[t] for t in topics[:-1]) + f" and {TOPIC_PHRASES[topics[-1]]}.")
    for topic in topics:
        sent = [c.filler("both sides", topic)]
        if rng.random() < 0.75:
            sent.append(c.commitment(rng.choice(("both sides", "the two sides")), [a, b], [topic], cop=cop,
                                     reaffirm=rng.random() < 0.25, meeting=0))
        if rng.random() < 0.3:
            sent.append(c.commitment(f"{c.cn(a)}", [a], c.topics(1), cop=cop, meeting=0))
        paras.append(" ".join(sent))
    if cop and rng.random() < 0.7:
        paras.append(f"The two sides will work with {c.cop(cop, presidency=True)} to support a successful "
                     f"outcome at the {ordinal_number(cop.number)} UN Climate Change Conference in {cop.city}.")
        c.commitments.append({"actors": sorted({a, b}), "text": paras[-1], "topics": ["multilateral-process"],
                              "target_year": None, "status": "new", "meeting": 0})
    if rng.random() < 0.5:
        ini = rng.choice(INITIATIVES)
        paras.append(f"{c.cn(a, capital=True)} and {c.cn(b)} noted their participation in the "
                     f"{c.forum(ini.name, ini.kind)} and exchanged views on its implementation.")
    paras.append(c.off_topic("the two sides"))
    paras.append(f"The {ORDINALS[min(nth + 1, len(ORDINALS) - 1)]} meeting of the {mech} will be held in "
                 f"{country(b if host == a else a).capital} at a mutually convenient time.")
    return title, publisher, head + title + "\n\n" + "\n\n".join("  " + p for p in paras) + "\n"


def chairs_summary(rng: random.Random, c: Composer) -> Text:
    spec = rng.choice(MULTILATERAL_FORUMS)
    chair = rng.choice(["US", "EU", "CN", "DE", "CA", "GB", "JP", "IN", "BR", "DK", "AE", "AZ"])
    chair_person = official(chair, rng.choice(("leader", "envoy", "environment")))
    others = [x.code for x in countries() if x.code != chair]
    participants = sorted(rng.sample(others, rng.randint(8, 24)), key=lambda code: country(code).name.removeprefix("the "))
    place = country(chair).capital if rng.random() < 0.8 else None
    start = c.published - dt.timedelta(days=rng.choice((0, 1)))
    nth = rng.randrange(len(ORDINALS))
    title = f"Chair's Summary of the {ORDINALS[nth].capitalize()} {spec.name}"
    publisher = _publisher(c, chair)
    head = _dateline(c, chair, publisher)
    c.meeting(forum=spec.name, start=start, end=c.published, place=place, host=chair,
              participants=[chair, *participants])
    cop = _upcoming_cop(c.published)
    where = f"in {place}" if place else "virtually"
    paras = [f"On {date_range(start, c.published)}, {c.person(chair_person, style='possessive')} convened the "
             f"{ORDINALS[nth]} {c.forum(spec.name, spec.kind, acronym=spec.acronym)} {where} to build on the "
             f"progress achieved at the last UN Climate Change Conference and to accelerate climate action "
             f"in this critical decade."]
    names = [c.bare(p) for p in participants]
    paras.append(", ".join(names[:-1]) + f", and {names[-1]} participated, together with representatives of the "
                 "United Nations and the International Energy Agency.")
    sessions = c.topics(rng.randint(2, 5))
    for i, topic in enumerate(sessions, 1):
        paras.append(f"Session {i}: {TOPIC_PHRASES[topic][0].upper()}{TOPIC_PHRASES[topic][1:]}")
        for _ in range(rng.randint(1, 3)):
            sent = [c.filler("participants", topic)]
            for code in rng.sample(participants, rng.randint(1, 3)):
                if rng.random() < 0.6:
                    sent.append(c.commitment(c.cn(code), [code], [topic], cop=cop, meeting=0))
                else:
                    sent.append(f"{c.cn(code, capital=True)} described its experience with {TOPIC_PHRASES[topic]}.")
            if rng.random() < 0.4:
                group = sorted(rng.sample(participants, 3))
                subject = f"{c.cn(group[0], capital=True)}, {c.cn(group[1])} and {c.cn(group[2])}"
                sent.append(c.commitment(subject, group, [topic], cop=cop, reaffirm=rng.random() < 0.3, meeting=0))
            paras.append(" ".join(sent))
    if cop:
        paras.append(f"Participants {rng.choice(('looked forward to', 'stressed the importance of'))} a successful "
                     f"{c.cop(cop)} in {cop.city}, and thanked {c.cop(cop, presidency=True)} for its leadership.")
    paras.append("The Chair thanked all participants for their constructive engagement.")
    return title, publisher, head + title + "\n\n" + "\n\n".join(paras) + "\n"


def joint_statement(rng: random.Random, c: Composer, size: int) -> Text:
    a, b = _pair(rng)
    theme = rng.choice(("Climate Cooperation", "Enhancing Climate Action", "the Clean Energy Transition",
                        "a Green Partnership"))
    title = f"Joint Statement between {c.bare(a)} and {c.bare(b)} on {theme}"
    publisher = _publisher(c, a)
    head = _dateline(c, a, publisher)
    la, lb = official(a, "leader"), official(b, "leader")
    city = country(b).capital
    c.meeting(forum=None, start=c.published, end=c.published, place=city, host=b, participants=[a, b])
    cop = _upcoming_cop(c.published)
    intro = (f"At the invitation of {c.person(lb, style='of')}, {c.person(la, style='of')} paid a visit to {city} on "
             f"{long_date(c.published)}. The two sides held in-depth discussions on climate change and issued the "
             f"following joint statement.")
    paras: list[str] = []
    subj = ("The two sides", "Both sides", f"{c.cn(a, capital=True)} and {c.cn(b)}", "The Participants")
    text = head + title + "\n\n" + intro + "\n\n"
    n = 0
    while len(text.encode()) < size:
        n += 1
        topic = c.topics(1)[0]
        sent = [c.filler(rng.choice(subj), topic)]
        for _ in range(rng.randint(1, 3)):
            roll = rng.random()
            if roll < 0.55:
                topics = [topic] if rng.random() < 0.7 else [topic, c.topics(1)[0]]
                sent.append(c.commitment(rng.choice(subj), [a, b], topics, cop=cop, reaffirm=rng.random() < 0.3,
                                         meeting=0))
            elif roll < 0.7:
                who = rng.choice((a, b))
                sent.append(c.commitment(c.cn(who), [who], [topic], cop=cop, meeting=0))
            elif roll < 0.85:
                sent.append(c.filler(rng.choice(subj), topic))
            else:
                sent.append(c.off_topic(rng.choice(subj)))
        if rng.random() < 0.15:
            ini = rng.choice(INITIATIVES + MULTILATERAL_FORUMS)
            sent.append(f"The two sides {rng.choice(('will continue to engage in', 'welcomed the work of'))} the "
                        f"{c.forum(ini.name, ini.kind)}.")
        para = f"{n}. " + " ".join(dict.fromkeys(sent))  # no sentence twice in a paragraph
        paras.append(para)
        text += para + "\n\n"
    closing = (f"Done at {city} on {british_date(c.published)}, in duplicate, in the English language and the "
               f"official language of {c.cn(b)}, both texts being equally authentic.")
    return title, publisher, text + closing + "\n"
