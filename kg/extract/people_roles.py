"""Read the people of one sentence: name runs, the titles around them, and the state they serve.

Patterns, over typed tokens (`kg.extract.people_tokens`):

- title before the name: "[state] TITLE [,] [honorific] NAME [of STATE]"
  ("China's Special Envoy for Climate Change Xie Zhenhua", "President Joko Widodo of Indonesia",
  "Minister for Sustainability and the Environment, Ms Grace Fu");
- title after the name: "[honorific] NAME, [state] TITLE [, STATE]"
  ("Wopke Hoekstra, EU Commissioner for Climate Action", "His Excellency Olaf Scholz, Chancellor of
  the Federal Republic of Germany");
- a plural title over a list: "Commissioners Wopke Hoekstra, Dan Jørgensen and Jessika Roswall";
- an honorific alone: "Ms Grace Fu".

Titles that name no one ("Minister of Energy of the Republic of Azerbaijan") are kept as
`RoleOnly`, so that "Minister Shahbazov" elsewhere can take their state and full title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.people_lexicon import ORGANISATION_ACTORS
from kg.extract.people_titles import (
    ORG_HEADS,
    clean_role,
    is_state_tail,
    tail_actor,
    tail_institution,
    tail_organisation,
)
from kg.extract.people_tokens import (
    ACRONYM,
    CONN,
    HEAD,
    HON,
    INITIAL,
    MOD,
    NAME,
    ORD,
    PARTICLE,
    PLURAL,
    POSTNOM,
    STATE,
    SUFFIX,
    VOCAB,
    Token,
)

_ROLE_KINDS = {HEAD, MOD, VOCAB, CONN, STATE, ORD, ACRONYM, PLURAL}
_PLURAL_NOUN = re.compile(r"(?:ions|ments|ships|ities|ies|ers|ors|ants|ents|ives|ists|ations)$")
_MAX_NAME_TOKENS = 7


@dataclass
class Mention:
    """One place where a person is named, with what that place says of them."""

    name: str
    name_tokens: list[str]
    role: str | None
    actor: str | None
    start: int
    end: int
    text: str
    head: str | None = None
    honorific: bool = False


@dataclass
class RoleOnly:
    """A title with a state that names no one: "Minister of Energy of the Republic of Azerbaijan"."""

    role: str
    head: str
    actor: str
    start: int
    end: int


def _is_name_start(tokens: list[Token], i: int) -> bool:
    token = tokens[i]
    if token.kind == NAME:
        return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None:
        return False
    # A family name in capitals after a title or honorific: "Prime Minister KISHIDA Fumio".
    if token.kind == ACRONYM and token.text.isalpha() and len(token.text) >= 3 and nxt.kind == NAME and \
            token.text not in ORGANISATION_ACTORS and nxt.start - token.end == 1:
        return True
    if token.text == "Sheikh" and nxt.kind == NAME:
        return True
    # "the Ukrainian Energy Minister, German Galushchenko": a given name that is also a state's adjective
    if token.kind == STATE and token.form == "adjective" and nxt.kind == NAME and i >= 2 and \
            tokens[i - 1].text == "," and tokens[i - 2].kind in {HEAD, VOCAB} and \
            (i + 2 >= len(tokens) or tokens[i + 2].kind != NAME):
        return True
    if token.kind == INITIAL and nxt.kind in {NAME, INITIAL}:
        return True
    return token.kind == PARTICLE and token.text[0].isupper() and nxt.kind in {NAME, PARTICLE}


def _name_run(tokens: list[Token], i: int) -> int:
    """End index (exclusive) of the name starting at i."""
    j = i
    count = 0
    while j < len(tokens) and count < _MAX_NAME_TOKENS:
        token = tokens[j]
        if token.kind in {NAME, INITIAL} or (j == i and _is_name_start(tokens, i)):
            j += 1
            count += 1
            continue
        # "Kaitlin Power, Press Secretary": a family name that is also a portfolio word, before a comma
        if token.kind == VOCAB and j > i and tokens[j - 1].kind == NAME and j + 1 < len(tokens) and \
                tokens[j + 1].text == "," and j + 2 < len(tokens) and tokens[j + 2].kind in {HEAD, MOD}:
            j += 1
            break
        if token.kind == PARTICLE:
            k = j
            while k < len(tokens) and tokens[k].kind == PARTICLE:
                k += 1
            if k < len(tokens) and tokens[k].kind == NAME:
                j = k
                continue
        break
    # Generational suffix: "Biden, Jr." / "Biden Jr."
    if j < len(tokens) and tokens[j].kind == SUFFIX:
        j += 1
    elif j + 1 < len(tokens) and tokens[j].text == "," and tokens[j + 1].kind == SUFFIX:
        j += 2
    while j > i + 1 and tokens[j - 1].kind == INITIAL:
        j -= 1
    return j


def _clean_name(tokens: list[Token], text: str) -> tuple[str, list[str]]:
    words = [t for t in tokens if t.text != ","]
    if words and words[0].text == "Sheikh" and sum(t.kind == NAME for t in words) >= 3:
        words = words[1:]  # "Sheikh" styles a royal ("Sheikh Mohamed bin Zayed"), but is part of "Sheikh Hasina"
    if not words:
        return "", []
    name = re.sub(r"\s+", " ", text[words[0].start:tokens[-1].end]).strip()
    return name, [t.text for t in words if t.kind != SUFFIX]


def _left_role(tokens: list[Token], a: int) -> tuple[int, int, bool]:
    """(start, end) token indices of a title ending just before the name at a; whether an honorific stands between."""
    j = a - 1
    honorific = False
    while j >= 0 and tokens[j].kind == HON:
        honorific = True
        j -= 1
    if honorific and j >= 0 and tokens[j].text in {"the", "The"}:
        j -= 1  # "..., the Rt Hon Ed Miliband"
    if j >= 1 and tokens[j].text == "," and (tokens[j - 1].kind in {VOCAB, HEAD, MOD, ACRONYM, STATE}
                                             or tokens[j - 1].text == ")" or _inside_portfolio(tokens, j - 1)):
        j -= 1
    elif j >= 3 and tokens[j].text == "," and tokens[j - 1].kind == NAME:
        # "the Crown Prince of Abu Dhabi, Sheikh X": a place after "of" closes the title
        k = j - 1
        while k >= 1 and j - k <= 3 and tokens[k].kind == NAME:
            k -= 1
        if tokens[k].text == "of" and k >= 1 and tokens[k - 1].kind in {HEAD, VOCAB}:
            for index in range(k + 1, j):
                tokens[index].kind = VOCAB
            j -= 1
    end = j + 1
    while j >= 0:
        token = tokens[j]
        if token.kind in _ROLE_KINDS or token.text in {"(", ")", "-", "&"}:
            j -= 1
            continue
        if token.text == "," and j >= 1 and tokens[j - 1].kind in {VOCAB, MOD} and tokens[j + 1].kind in {VOCAB, MOD}:
            j -= 1
            continue
        if _inside_portfolio(tokens, j):
            j -= 1  # "Minister of New and Renewable Energy": an unlisted word inside a portfolio
            continue
        break
    start = j + 1
    # An organisation's name before its title: "Asian Development Bank President".
    if j >= 0 and tokens[j].kind == NAME and _org_before_head(tokens[start:end]):
        while j >= 0 and tokens[j].text[:1].isupper() and tokens[j].kind in {NAME, VOCAB, MOD, ACRONYM, STATE}:
            j -= 1
        start = j + 1
    while start < end and (tokens[start].kind == CONN or tokens[start].text in {",", ")", "-", "&"}):
        start += 1
    while start < end and tokens[start].text == "(":
        start += 1
    # "... of the United States and President X": what stands before the "and" is someone else's.
    for index in range(end - 1, start - 1, -1):
        if tokens[index].text == "and" and not any(t.kind in {HEAD, PLURAL} for t in tokens[start:index]):
            start = index + 1
            break
    span = tokens[start:end]
    if not span or not any(t.kind in {HEAD, PLURAL} for t in span):
        return a, a, honorific
    last = span[-1]
    of_state = last.kind == STATE and len(span) >= 2 and span[-2].text in {"of", "the"}
    if last.kind not in {HEAD, PLURAL, VOCAB, MOD, ACRONYM} and last.text != ")" and not of_state and \
            not _inside_portfolio(tokens, end - 1):
        return a, a, honorific
    return start, end, honorific


def _inside_portfolio(tokens: list[Token], j: int) -> bool:
    """Whether a capitalised word that is not in the word lists sits inside a title's portfolio:
    after "of"/"for"/"and"/"&" or a portfolio word, and before "and"/"of" or another portfolio word
    ("Minister of New and Renewable Energy"), or within a run of such words that goes on with
    "for"/"of" ("Committee Overseeing Preparations for the ...")."""
    if tokens[j].kind != NAME or j < 1 or j + 1 >= len(tokens):
        return False
    before, after = tokens[j - 1], tokens[j + 1]
    if (before.text in {"of", "for", "and", "&", "the", "a"} or before.kind in {VOCAB, MOD, ACRONYM}) and (
            after.text in {"and", "of", "&"} or after.kind in {VOCAB, MOD}):
        return True
    if (before.text in {"of", "for", "and", "&"} or before.kind in {VOCAB, MOD}) and after.text == "," and \
            j + 2 < len(tokens) and tokens[j + 2].kind == HON:
        return True  # "... Food & Public Distribution, Shri X": the last portfolio word before the named holder
    if (before.text in {"and", "&"} or before.kind in {VOCAB, MOD}) and after.text == "," and j + 3 < len(tokens) and \
            tokens[j + 2].kind == NAME and tokens[j + 3].kind in {NAME, PARTICLE, INITIAL}:
        return True  # "Vice Minister of Policy and Regulation, Ana María Ruiz": a portfolio, then its holder's full name
    if (before.text in {"and", "&"} or before.kind in {VOCAB, MOD}) and after.text == "," and j + 2 < len(tokens) and \
            tokens[j + 2].kind == STATE and (j + 3 >= len(tokens) or tokens[j + 3].text in {",", ";", ".", ")"}):
        return True  # "Minister of Environment and National Beautification, Barbados;": a list entry's state
    if before.kind in {VOCAB, MOD} and after.kind in {VOCAB, MOD} and after.text[:1].isupper():
        return True  # "Secretary General of the Pacific Islands Forum": an unlisted word inside a body's name
    # a run of up to three unlisted words between portfolio words and "for"/"of"
    k, m = j, j
    while k - 1 >= 0 and j - k < 2 and tokens[k - 1].kind == NAME:
        k -= 1
    while m + 1 < len(tokens) and m - k < 2 and tokens[m + 1].kind == NAME:
        m += 1
    if k < 1 or m + 1 >= len(tokens):
        return False
    return tokens[k - 1].kind in {VOCAB, MOD} and tokens[m + 1].text in {"for", "of"}


def _org_before_head(span: list[Token]) -> bool:
    """Whether a span opens with an organisation's name directly before the first title word."""
    first_head = next((i for i, t in enumerate(span) if t.kind in {HEAD, PLURAL}), None)
    return bool(first_head) and span[first_head - 1].text in ORG_HEADS  # type: ignore[index,operator]


def _right_role(tokens: list[Token], b: int, text: str) -> tuple[int, int]:
    """(start, end) token indices of a title after the name ending at b ("NAME, TITLE")."""
    k = b
    while k < len(tokens) and (tokens[k].kind == POSTNOM or (
            tokens[k].text == "," and k + 1 < len(tokens) and tokens[k + 1].kind == POSTNOM)):
        k += 1
    # "Senator Tom Carper of Delaware, Chair of ...": a place of origin between name and title.
    if k < len(tokens) and tokens[k].text == "of":
        m = k + 1
        while m < len(tokens) and m - k <= 4 and (tokens[m].text == "the" or (
                tokens[m].text[:1].isupper() and tokens[m].kind in {NAME, VOCAB, STATE, MOD})):
            m += 1
        if m < len(tokens) and tokens[m].text == "," and m > k + 1:
            k = m
    if k >= len(tokens) or tokens[k].text != ",":
        return b, b
    start = k + 1
    if start < len(tokens) and tokens[start].text == "the":
        start += 1  # "Jennifer Granholm, the U.S. Secretary of Energy"
    j = start
    # A state or institution may stand first: "EU Commissioner", "European Commission Director General".
    while j < len(tokens) and j - start < 3 and tokens[j].kind in {STATE, VOCAB, ACRONYM}:
        j += 1
    if j >= len(tokens) or tokens[j].kind not in {HEAD, MOD}:
        return b, b
    while j < len(tokens):
        token = tokens[j]
        if token.kind in _ROLE_KINDS or token.text in {"(", ")", "-", "&"}:
            j += 1
            continue
        if token.text == "," and j + 1 < len(tokens):
            after = tokens[j + 2] if tokens[j + 1].text == "and" and j + 2 < len(tokens) else tokens[j + 1]
            if after.kind in {HEAD, MOD} or (after.kind == VOCAB and not is_state_tail(tokens, j + 1)
                                             and not tail_organisation(tokens, j + 1, text)):
                j += 1
                continue
        if _inside_portfolio(tokens, j):
            j += 1
            continue
        # "Minister for Manpower, ...": an unlisted portfolio word after "for"/"of" that ends the title.
        if token.kind == NAME and tokens[j - 1].text in {"for", "of", "and", "&"} and (
                j + 1 >= len(tokens) or tokens[j + 1].text in {",", ".", ";"}):
            j += 1
            continue
        # "Special Envoy of President Xi Jinping": a title of someone else inside this title.
        if _is_name_start(tokens, j) and j >= 2 and tokens[j - 1].kind == HEAD and tokens[j - 2].text in {"of", "to"}:
            j = _name_run(tokens, j)
            continue
        break
    end = j
    while end > start and (tokens[end - 1].kind == CONN or tokens[end - 1].text in {",", "(", "-"}):
        end -= 1
    if not any(t.kind == HEAD for t in tokens[start:end]):
        return b, b
    if end < len(tokens) and _is_name_start(tokens, end):
        return b, b  # the title belongs to the name that follows it
    if end + 1 < len(tokens) and tokens[end].text == "," and tokens[start - 1].text == "the" and \
            _is_name_start(tokens, end + 1):
        return b, b  # "X, the Ukrainian Energy Minister, Y": a title set off by commas before the next name
    if tokens[end - 1].kind == STATE and not any(t.kind == HEAD for t in tokens[start:end - 1]):
        return b, b
    return start, end


def read_sentence(tokens: list[Token], text: str) -> tuple[list[Mention], list[RoleOnly]]:
    """The people a sentence names, and the titles in it that name no one."""
    mentions: list[Mention] = []
    used = [False] * len(tokens)
    i = 0
    inherited: tuple[str | None, str | None, str | None] | None = None
    last_end = -1
    while i < len(tokens):
        if not _is_name_start(tokens, i) or (_inside_portfolio(tokens, i) and (
                tokens[i + 1].text == "," or tokens[i + 1].kind in {VOCAB, MOD})):
            i += 1
            continue
        a, b = i, _name_run(tokens, i)
        ls, le, honorific = _left_role(tokens, a)
        if ls < le and any(used[ls:le]):
            # "Huang Runqiu, Minister of Ecology and Environment of China, Wopke Hoekstra, European
            # Commissioner ...": the title before this name is the previous person's; this one's follows.
            ls = max(k for k in range(ls, le) if used[k]) + 1
            while ls < le and (tokens[ls].kind == CONN or tokens[ls].text in {",", "and"}):
                ls += 1
            if not any(t.kind in {HEAD, PLURAL} for t in tokens[ls:le]):
                ls = le = a
        if ls == le and not honorific and a >= 2 and tokens[a - 1].text in {"of", "from"} and \
                tokens[a - 2].kind in {NAME, SUFFIX}:
            i = b  # "Tom Carper of Delaware": the place a person is from, not a person
            continue
        after_of = a >= 2 and (tokens[a - 1].text in {"for", "of"} or (
            tokens[a - 1].text == "the" and a >= 3 and tokens[a - 2].text in {"for", "of"}))
        if ls == le and b - a >= 3 and after_of and tokens[a].kind == NAME:
            # "Minister for Manpower Tan See Leng", "Chancellor of the Exchequer Rishi Sunak": an unlisted
            # portfolio word, then the name.
            tokens[a].kind = VOCAB
            ls, le, honorific = _left_role(tokens, a + 1)
            if ls < le:
                a += 1
            else:
                tokens[a].kind = NAME
        name_tokens = tokens[a:b]
        rs, re_ = _right_role(tokens, b, text)
        role = actor = head = None
        start = tokens[ls].start if ls < le else tokens[a].start
        end = tokens[b - 1].end
        if ls < le:
            role, actor, head = clean_role(tokens[ls:le], text)
            plural = any(t.kind == PLURAL for t in tokens[ls:le])
            inherited = (role, actor, head) if plural else None
        elif inherited and last_end >= 0 and all(t.text in {",", "and"} for t in tokens[last_end:a]):
            role, actor, head = inherited
        else:
            inherited = None
        if rs < re_:
            right_role, right_actor, right_head = clean_role(tokens[rs:re_], text)
            if right_role and (role is None or len(right_role) > len(role)):
                role, head = right_role, right_head
            actor = actor or right_actor
            end = tokens[re_ - 1].end
            tail = tail_actor(tokens, b, text) or tail_actor(tokens, re_, text)
        else:
            tail = tail_actor(tokens, b, text)
        actor = actor or tail
        institution = tail_institution(tokens, re_ if rs < re_ else b)
        if institution and role and role in {h.text for h in tokens[ls:le] if h.kind == HEAD}:
            role = f"{role} of the {institution}"
            actor = actor or "EU"
        counterpart = _counterpart_actor(tokens, a)
        if counterpart:
            actor = actor or counterpart[0]
        anchored = ls < le or rs < re_ or honorific or role is not None or counterpart is not None
        # "co-chaired by Richard Sherman of South Africa": a full name and the state the person is of
        anchored = anchored or (b - a >= 2 and all(t.kind == NAME for t in tokens[a:b]) and b < len(tokens)
                                and tokens[b].text == "of" and tail is not None and re.fullmatch(r"[A-Z]{2}", tail)
                                is not None)
        name, words = _clean_name(name_tokens, text)
        if len(words) == 1 and not honorific and _PLURAL_NOUN.search(words[0]) and ls < le and \
                (ls == 0 or tokens[ls - 1].text.lower() in {"the", "all", "our", "its", "their", "other"}):
            anchored = False  # "the Partner Organisations joined": a plural noun after a title word
        if anchored and words:
            mentions.append(Mention(name, words, role, actor, start, end, text[start:end], head, honorific))
            mentions += _embedded_people(tokens, rs, re_, actor, text)
            for index in range(min(ls, a), max(b, re_)):
                used[index] = True
        last_end = b
        i = max(b, re_) if rs < re_ else b
    return mentions, _unnamed_roles(tokens, used, text)


def _counterpart_actor(tokens: list[Token], a: int) -> tuple[str | None] | None:
    """"his Chinese counterpart, Xie Zhenhua": a person, of the state named before "counterpart"."""
    j = a - 1
    if j >= 0 and tokens[j].text == ",":
        j -= 1
    if j < 0 or tokens[j].text not in {"counterpart", "counterparts"}:
        return None
    return (tokens[j - 1].code if j >= 1 and tokens[j - 1].kind == STATE else None,)


def _embedded_people(tokens: list[Token], start: int, end: int, actor: str | None, text: str) -> list[Mention]:
    """People named inside another's title: "Special Envoy of President Xi Jinping" names Xi Jinping."""
    found: list[Mention] = []
    j = start + 1
    while j < end:
        if tokens[j - 1].kind == HEAD and _is_name_start(tokens, j):
            stop = min(_name_run(tokens, j), end)
            name, words = _clean_name(tokens[j:stop], text)
            if words:
                head = tokens[j - 1]
                found.append(Mention(name, words, head.text, actor, head.start, tokens[stop - 1].end,
                                     text[head.start:tokens[stop - 1].end], head.text))
            j = stop
        j += 1
    return found


def _unnamed_roles(tokens: list[Token], used: list[bool], text: str) -> list[RoleOnly]:
    found: list[RoleOnly] = []
    i = 0
    while i < len(tokens):
        if used[i] or tokens[i].kind not in _ROLE_KINDS - {CONN}:
            i += 1
            continue
        j = i
        while j < len(tokens) and not used[j] and (tokens[j].kind in _ROLE_KINDS or tokens[j].text in {"(", ")"}):
            j += 1
        for span in _split_titles(tokens[i:j]):
            if any(t.kind == HEAD for t in span):
                role, actor, head = clean_role(span, text)
                if role and actor and head:
                    found.append(RoleOnly(role, head, actor, span[0].start, span[-1].end))
        i = j
    return found


def _split_titles(span: list[Token]) -> list[list[Token]]:
    """Titles joined by "and" that name no one are separate posts: "Commissioner for X and Minister of Y"."""
    parts: list[list[Token]] = [[]]
    for index, token in enumerate(span):
        nxt = span[index + 1] if index + 1 < len(span) else None
        if token.text == "and" and nxt is not None and nxt.kind in {HEAD, MOD, STATE} and parts[-1] and any(
                t.kind == HEAD for t in parts[-1]):
            parts.append([])
            continue
        parts[-1].append(token)
    return [part for part in parts if part]
