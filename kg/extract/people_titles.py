"""Titles: what a title says of its holder once read (the post without the state, the actor).

"China's Special Envoy for Climate Change" → ("Special Envoy for Climate Change", "CN");
"President of the Arab Republic of Egypt" → ("President", "EG"); "CEO of European Climate
Foundation" → ("CEO", "European Climate Foundation"); and what follows a name in a list
(", Republic of Indonesia", ", European Commission", ", World Resources Institute").
"""

from __future__ import annotations

import re

from kg.extract.people_lexicon import ORGANISATION_ACTORS, PLURAL_HEADS
from kg.extract.people_tokens import ACRONYM, CONN, HEAD, MOD, PLURAL, STATE, VOCAB, Token

ORG_HEADS = {"Foundation", "Institute", "Bank", "Organization", "Organisation", "Fund", "Programme", "Program",
             "Group", "Forum", "Alliance", "Council", "Institution", "Trust", "Association", "Network",
             "Coalition", "Initiative", "Agency", "Commission"}
EU_INSTITUTIONS = {"European Commission", "European Council", "European Parliament", "Council of the EU",
                   "Council of the European Union"}


def is_state_tail(tokens: list[Token], k: int) -> bool:
    """Whether tokens from k up to the next comma or the end name only a state: "Republic of Korea"."""
    j = k
    while j < len(tokens) and tokens[j].text not in {",", ".", ";"}:
        if tokens[j].kind not in {VOCAB, CONN, STATE}:
            return False
        j += 1
    return j > k and tokens[j - 1].kind == STATE


def _ends_clause(text: str, tokens: list[Token], j: int) -> bool:
    """Whether nothing, punctuation or a line break follows token j."""
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    return after is None or after.text in {",", ".", ";", ")"} or "\n" in text[tokens[j].end:after.start]


def tail_actor(tokens: list[Token], k: int, text: str) -> str | None:
    """A state or organisation named right after a name or title: "of Brazil", ", Republic of Indonesia"."""
    if k >= len(tokens):
        return None
    if tokens[k].text == "of":
        j = k + 1
        if j < len(tokens) and tokens[j].text == "the":
            j += 1
        if j < len(tokens) and tokens[j].kind == STATE:
            return tokens[j].code
        return None
    if tokens[k].text != "," or k + 1 >= len(tokens):
        return None
    j = k + 1
    while j < len(tokens) and (tokens[j].kind in {VOCAB, CONN} and tokens[j].text not in {"and"}):
        j += 1
    if j < len(tokens) and tokens[j].kind == STATE and _ends_clause(text, tokens, j):
        return tokens[j].code
    organisation = tail_organisation(tokens, k + 1, text)
    if organisation:
        return organisation
    phrase = " ".join(t.text for t in tokens[k + 1:k + 3])
    for org, actor in ORGANISATION_ACTORS.items():
        if phrase == org or phrase.startswith(org + " ") or (tokens[k + 1].text == org):
            end = k + 1 + len(org.split())
            if end >= len(tokens) or tokens[end].text in {",", ".", ";", ")"}:
                return actor
    return None


def tail_organisation(tokens: list[Token], k: int, text: str) -> str | None:
    """", World Resources Institute" after a name or title: the organisation, as written."""
    j = k
    while j < len(tokens) and j - k < 8 and (tokens[j].text[:1].isupper() or tokens[j].text in {"of", "for", "and", "the", "on", "&"}):
        j += 1
    if j == k or tokens[j - 1].text not in ORG_HEADS or any(t.kind == STATE for t in tokens[k:j]):
        return None
    if j < len(tokens) and tokens[j].text not in {",", ".", ";", ")"} and "\n" not in text[tokens[j - 1].end:tokens[j].start]:
        return None
    return re.sub(r"\s+", " ", text[tokens[k].start:tokens[j - 1].end])


def tail_institution(tokens: list[Token], k: int) -> str | None:
    """An EU institution named after a name in a participants list: "X, European Commission"."""
    if k + 1 < len(tokens) and tokens[k].text == "," and tokens[k + 1].text in EU_INSTITUTIONS:
        after = tokens[k + 2] if k + 2 < len(tokens) else None
        if after is None or after.text in {",", ".", ";"} or after.start > tokens[k + 1].end + 2:
            return tokens[k + 1].text
    return None


_NAMES_A_COP = re.compile(r"\bCOP\s?-?\d|Conference\s+of\s+the\s+Parties|Climate\s+Change\s+(?:Conference|Summit)")


def clean_role(tokens: list[Token], text: str) -> tuple[str | None, str | None, str | None]:
    """(role without the state's name, actor code or organisation, head word) of title tokens."""
    keep = list(tokens)
    actor: str | None = None
    heads = [t for t in keep if t.kind in {HEAD, PLURAL}]
    if not heads:
        return None, None, None
    # A state before or inside the title, as an adjective: "China's Special Envoy", "U.S. President".
    for index, token in enumerate(list(keep)):
        if token.kind != STATE or token.text in EU_INSTITUTIONS:
            continue
        nxt = keep[index + 1] if index + 1 < len(keep) else None
        prev = keep[index - 1] if index > 0 else None
        adjectival = nxt is not None and nxt.kind in {HEAD, MOD, VOCAB, ACRONYM, PLURAL} and (
            prev is None or prev.kind not in {CONN} or prev.text in {"and", "the"})
        # "Administrator of China's National Energy Administration": the state's possessive inside the title
        adjectival = adjectival or (token.form == "possessive" and nxt is not None and nxt.kind in {MOD, VOCAB})
        if adjectival:
            actor = actor or token.code
            keep[index] = Token("", token.start, token.start, "removed")
    keep = [t for t in keep if t.kind != "removed"]
    # An organisation before the title: "World Bank President", "European Climate Foundation CEO".
    first_head = next(index for index, t in enumerate(keep) if t.kind in {HEAD, PLURAL})
    if first_head >= 1 and keep[first_head - 1].text in ORG_HEADS and not any(
            t.kind == STATE for t in keep[:first_head]):
        actor = actor or re.sub(r"\s+", " ", text[keep[0].start:keep[first_head - 1].end])
        keep = keep[first_head:]
    # "European Commissioner": the EU adjective goes, as state names do.
    if len(keep) > 1 and keep[0].text == "European" and keep[1].kind in {HEAD, MOD}:
        actor = actor or "EU"
        keep = keep[1:]
    # A trailing "of [the] [Republic of] STATE" names the state, not the post.
    for index in range(len(keep) - 1, 0, -1):
        if keep[index].text != "of":
            continue
        rest = keep[index + 1:]
        states = [t for t in rest if t.kind == STATE]
        if rest and rest[-1].kind == STATE and rest[-1].text not in EU_INSTITUTIONS and all(
                t.kind in {STATE, VOCAB, CONN} and t.text != "and" for t in rest):
            actor = actor or rest[-1].code
            keep = keep[:index]
            break
        if rest and not states and rest[-1].text in ORG_HEADS and all(
                t.kind in {VOCAB, CONN, ACRONYM} or t.text[:1].isupper() for t in rest) and rest[0].text != "the":
            actor = actor or re.sub(r"\s+", " ", text[rest[0].start:rest[-1].end])
            keep = keep[:index]
            break
        # "Secretary General of the Pacific Islands Forum": a regional body's officer speaks for the body
        body = rest[1:] if rest and rest[0].text == "the" else []
        written = re.sub(r"\s+", " ", text[body[0].start:body[-1].end]) if body else ""
        if body and not states and body[-1].text in ORG_HEADS and len(body) >= 2 and \
                all(t.text[:1].isupper() for t in body) and not any(e in written for e in EU_INSTITUTIONS):
            actor = actor or written
            keep = keep[:index]
            break
        break
    # A trailing "at the World Bank" names the organisation the post is in (not a state's
    # institution: "at the White House National Security Council" stays in the title).
    for index in range(len(keep) - 1, 0, -1):
        if keep[index].text != "at":
            continue
        rest = keep[index + 1:]
        if rest and rest[0].text == "the":
            rest = rest[1:]
        name = " ".join(t.text for t in rest)
        if rest and rest[-1].text in ORG_HEADS and not any(t.kind == STATE for t in rest) and \
                not any(inst in name for inst in ("White House", "Ministry", "Department")) and \
                all(t.text[:1].isupper() or t.kind == CONN for t in rest):
            actor = actor or re.sub(r"\s+", " ", text[rest[0].start:rest[-1].end])
            keep = keep[:index]
        break
    # Institutions and organisations inside the title say whose post it is.
    for token in keep:
        if actor:
            break
        if token.kind == STATE:
            actor = token.code
        elif token.text in ORGANISATION_ACTORS and not _NAMES_A_COP.search(text[keep[0].start:keep[-1].end]):
            actor = ORGANISATION_ACTORS[token.text]  # (a COP's president is no UN official)
    joined = " ".join(t.text for t in keep)
    if actor is None:
        for phrase, code in (("White House", "US"), ("United Nations", "United Nations")):
            if phrase in joined and not (code == "United Nations" and _NAMES_A_COP.search(joined)):
                actor = code
    # A trailing "(EVP)" abbreviates the title; it is not part of it.
    if len(keep) >= 4 and keep[-1].text == ")" and keep[-3].text == "(" and keep[-2].kind == ACRONYM:
        keep = keep[:-3]
    while keep and (keep[-1].kind == CONN or keep[-1].text in {",", "(", "-"}):
        keep = keep[:-1]
    while keep and (keep[0].kind == CONN or keep[0].text in {",", ")", "-"}):
        keep = keep[1:]
    if not keep:
        return None, actor, None
    role = _join(keep, text)
    singular = [PLURAL_HEADS.get(t.text, t.text) for t in keep if t.kind in {HEAD, PLURAL}]
    if any(t.kind == PLURAL for t in keep):
        role = " ".join(PLURAL_HEADS.get(w, w) for w in role.split())
    return role, actor, singular[-1] if singular else None


def _join(tokens: list[Token], text: str) -> str:
    """The document's own text of these tokens, where consecutive tokens keep their spacing."""
    parts: list[str] = []
    run_start = tokens[0].start
    previous_end = tokens[0].end
    for token in tokens[1:]:
        if text[previous_end:token.start].strip():  # a removed token lies between
            parts.append(text[run_start:previous_end])
            run_start = token.start
        previous_end = token.end
    parts.append(text[run_start:previous_end])
    return re.sub(r"\s+", " ", " ".join(parts)).strip()
