"""Commitments in Chinese text: whole sentences (to 。！？) in which states commit.

Commit verbs: 将 (not 将于, 即将, a scheduled date), 愿, 同意/一致同意, 商定, 承诺, 决定,
致力于, 重申…承诺/将. Not commitments: 欢迎, 期待, 希望/希, 呼吁, 赞赏, 讨论, 交换意见, 要
(an exhortation), ongoing or past action (已经, 签署了). The sentence must be about climate,
energy or environment.

The committing actor is the subject before the verb in its clause (中方愿同欧方一道 → CN
only: the partner is named as a partner); failing that, the first state, side or person
opening an earlier clause (中方表示坚定支持…,愿…), the speaker of 表示/指出, or 双方 = the
parties of the meeting. In Xinhua's list style, a subjectless sentence right after a
commitment in the same paragraph continues it with the same actor.
"""

from __future__ import annotations

import re

from kg.extract.zh.actors import ZhActorMention
from kg.extract.zh.text import ZhSentence, clauses, target_year
from kg.extract.zh.topics import in_domain, topics_of
from kg.model.record import Commitment, Person, Span

_COMMIT = re.compile(r"一致同意|同意|商定|承诺|决定|致力于|重申|(?<![意自心志])愿(?![景望])|(?<![即必])将(?!近|军|领|士|来)")
_NOT_COMMIT_BEFORE = re.compile(r"(?:即|必|并未|不|没有|要)$")
_NEGATIVE = re.compile(r"期待|希望|^希|呼吁|欢迎|赞赏|交换意见|讨论|感谢")
_PAST = re.compile(r"已经|签署了|发布了|取得了|达成了")
_SUBJECT_SIDE = re.compile(r"双方|两国|两国领导人|双方领导人|部长们|与会部长|与会各方|与会国家|各方|我们")
_OPENERS = re.compile(r"^(?:聚焦|共同|加强|推动|深化|推进|携手|积极|进一步|持续|继续|支持|落实|开展|围绕|在)")


def _commit_verb(clause: str) -> re.Match[str] | None:
    for match in _COMMIT.finditer(clause):
        before = clause[:match.start()]
        if _NOT_COMMIT_BEFORE.search(before):
            continue
        if match.group() == "重申" and not re.search(r"承诺|将|致力|支持|坚持", clause[match.end():]):
            continue
        if match.group() == "承诺" and (re.search(r"(?:落实|履行|兑现|目标|的)$", before)
                                       or re.match(r"^(?:$|的|[,。;!?])", clause[match.end():])):
            continue  # 落实承诺, …的资金承诺。: an object, not the verb
        if match.group() == "决定" and re.search(r"的$", before):
            continue
        if match.group() == "将" and re.match(r"将于[^,。;]{0,24}?的", clause[match.start():]):
            continue  # "就将于11月底举行的大会…": a scheduled event named, not a pledge
        return match
    return None


def _subject(text: str, clause_start: int, verb_at: int, mentions: list[ZhActorMention],
             people: list[Person], parties: list[str]) -> list[str] | None:
    """The actor named before the verb in a clause (first one), or None."""
    segment = text[clause_start:verb_at]
    side = _SUBJECT_SIDE.search(segment)
    found: list[tuple[int, list[str]]] = []
    if side:
        found.append((clause_start + side.start(), list(parties) if side.group() != "各方" else []))
    for mention in mentions:
        if clause_start <= mention.start < verb_at:
            found.append((mention.start, [mention.code]))
    for person in people:
        for span in person.evidence:
            if clause_start <= span.start < verb_at and person.actor and len(person.actor) == 2:
                found.append((span.start, [person.actor]))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    first_at = found[0][0]
    # Mentions of one pair written together (中美) are one subject.
    codes = [c for at, cs in found if at - first_at <= 1 for c in cs]
    return sorted(set(codes)) or None


def extract_commitments(text: str, sentences: list[ZhSentence], mentions: list[ZhActorMention],
                        people: list[Person], parties: list[str], published: str | None = None) -> list[Commitment]:
    out: list[Commitment] = []
    previous: tuple[int, list[str]] | None = None  # (paragraph, actors) of the last commitment
    for sentence in sentences:
        actors = _commitment_actors(text, sentence, mentions, people, parties)
        if actors is None and previous and previous[0] == sentence.paragraph and _continues(sentence):
            actors = previous[1]
        if not actors or not in_domain(sentence.text):
            previous = None if actors is None and not _continues(sentence) else previous
            continue
        out.append(Commitment(actors=actors, text=sentence.text, topics=topics_of(sentence.text),
                              target_year=target_year(sentence.text, published),
                              status="reaffirmed" if "重申" in sentence.text else "new",
                              evidence=[Span(sentence.start, sentence.end, sentence.text)]))
        previous = (sentence.paragraph, actors)
    return out


def _continues(sentence: ZhSentence) -> bool:
    """A subjectless sentence that goes on with the one before (it opens with a verb)."""
    return bool(_OPENERS.match(sentence.text)) and not _PAST.search(sentence.text) and \
        not _NEGATIVE.search(sentence.text[:12])


def _commitment_actors(text: str, sentence: ZhSentence, mentions: list[ZhActorMention], people: list[Person],
                       parties: list[str]) -> list[str] | None:
    parts = clauses(sentence.text)
    for position, (offset, clause) in enumerate(parts):
        verb = _commit_verb(clause)
        if verb is None:
            continue
        lead = clause[:verb.start()]
        if _NEGATIVE.search(lead[-6:]) or _PAST.search(clause):
            continue
        clause_start = sentence.start + offset
        verb_at = clause_start + verb.start()
        actors = _subject(text, clause_start, verb_at, mentions, people, parties)
        if actors is None:
            # An earlier clause's opening subject: "中方表示坚定支持…,愿…".
            for earlier_offset, earlier in parts[:position]:
                start = sentence.start + earlier_offset
                actors = _subject(text, start, start + min(len(earlier), 12), mentions, people, parties)
                if actors:
                    break
        if actors:
            return actors
        if re.match(r"[他她](?:表示|指出|强调|说)", sentence.text):
            # "他表示,愿…": the person last named before the sentence speaks.
            speaker = _last_person_before(sentence.start, people)
            if speaker:
                return [speaker]
    return None


def _last_person_before(position: int, people: list[Person]) -> str | None:
    named = [(span.start, person.actor) for person in people for span in person.evidence
             if span.start < position and person.actor and len(person.actor) == 2]
    return max(named)[1] if named else None
