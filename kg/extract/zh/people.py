"""People named in Chinese text, without their titles, with their role and the state they represent.

A name is recognised next to a title of office: after it ("特使刘振民", "大臣丹·约恩森") or,
for the short titles and honorifics, before it ("李强总理", "解振华特使"). A name is either a
transliterated foreign name (a run of the transliteration characters, parts joined by ·)
or a Chinese name (a surname and one or two given characters, shortened to one where the
next character is a function word or the next two a verb such as 会见). Once found, every
other occurrence of the name is the same person, and a shorter form (波德斯塔) joins the
fullest one (约翰·波德斯塔). People inside other names (习近平生态文明思想) are not
found, since no title stands next to them there; neither are bylines (记者, 责编, 编辑).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.zh.actors import ZhActorMention, full_names
from kg.extract.zh.lexicon import (
    CN_INSTITUTIONS,
    COMPOUND_SURNAMES,
    NAME_DOT,
    ORGANISATION_ACTORS,
    PROVINCES,
    SURNAMES,
    TITLES,
    TITLES_AFTER,
    TRANSLITERATION,
)
from kg.model.record import Person, Span

# A given name stops before these: function words and the first characters of verbs that
# follow a name in readouts (与 和 在 会见 表示 出席 ...).
_STOP = set("与和及同在于对向为已将也还并就从到是的了等表会出举进主作共签率致应访说指介感回重宣接卸由被把让以通参代"
            "前后一等、,。:;!?()“”《》 \n")
# Verbs whose first character may also be a given name's: a name stops before them (王毅强调).
_VERBS_AFTER_NAME = ("强调", "希望", "期待", "欢迎", "赞赏", "认为", "提出", "建议", "呼吁", "祝贺", "讲话", "发言",
                     "考察", "分别", "随后", "还", "都", "亦", "均", "首先", "最后", "高度", "积极", "充分", "热烈")
_ROLE_BOUNDARY_WORDS = ("会见", "会晤", "陪同", "出席", "见证", "由", "的", "同", "了", "对", "向", "致电", "接见")
_INSTITUTION_ENDS = set("院部委局会署厅处办司组府馆")
_SORTED_TITLES = sorted(TITLES, key=len, reverse=True)
_SORTED_AFTER = sorted(TITLES_AFTER, key=len, reverse=True)


@dataclass
class _Found:
    name: str
    start: int
    end: int
    role: str | None
    kind: str  # "chinese" or "foreign"
    spans: list[tuple[int, int]] = field(default_factory=list)


def _foreign_name_at(text: str, start: int) -> str | None:
    """A transliterated name starting at `start`: ≥2 transliteration characters, parts joined by ·."""
    end = start
    while end < len(text):
        ch = text[end]
        if ch in NAME_DOT and end > start and end + 1 < len(text) and text[end + 1] in TRANSLITERATION:
            end += 1
            continue
        if ch not in TRANSLITERATION or any(text.startswith(t, end) for t in _SORTED_AFTER if end > start + 1):
            break
        end += 1
    name = text[start:end]
    letters = [c for c in name if c not in NAME_DOT]
    return name if len(letters) >= 2 else None


def _chinese_name_at(text: str, start: int) -> str | None:
    """A Chinese name starting at `start`: surname + one or two given characters."""
    surname = next((s for s in COMPOUND_SURNAMES if text.startswith(s, start)), None)
    if surname is None and start < len(text) and text[start] in SURNAMES:
        surname = text[start]
    if surname is None or (start > 0 and text[start] in _STOP):
        return None
    given_start = start + len(surname)
    given = ""
    for offset in range(2):
        position = given_start + offset
        if position >= len(text) or not ("\u4e00" <= text[position] <= "\u9fff") or text[position] in _STOP:
            break
        if offset == 1 and any(text.startswith(t, position) for t in (*_SORTED_AFTER, *_VERBS_AFTER_NAME)):
            break
        given += text[position]
    if not given:
        return None
    return surname + given


def _is_chinese_context(role: str | None) -> bool:
    if not role:
        return False
    return role.startswith(("中国", "中华人民共和国")) or any(i in role for i in CN_INSTITUTIONS) or \
        any(role.startswith(p) for p in PROVINCES)


def _name_after(text: str, start: int, role: str | None) -> tuple[str, str] | None:
    foreign = _foreign_name_at(text, start)
    chinese = _chinese_name_at(text, start)
    if foreign and (len(foreign) >= 4 or any(d in foreign for d in NAME_DOT)):
        return foreign, "foreign"
    if chinese and (_is_chinese_context(role) or not foreign):
        return chinese, "chinese"
    if foreign:
        return foreign, "foreign"
    if role and role.startswith("日本"):
        # Japanese names are written in characters that are neither a Chinese surname nor a
        # transliteration (岸田文雄): two to four characters up to a function word.
        match = re.match(r"[\u4e00-\u9fff]{2,5}?(?=[与和及同在会表出举进主签率致应访说指对向为等、,。:;!?()]|$)",
                         text[start:start + 6])
        if match:
            return match.group(), "foreign"
    return None


def _role_before(text: str, title_end: int, names_before: list[_Found], floor: int) -> tuple[int, str] | None:
    """The title phrase ending at `title_end`: back to a clause break, a name, or a verb such as 会见."""
    position = title_end
    ends = {f.end for f in names_before}
    floor = max([floor] + [e for e in ends if e <= title_end])
    while position > floor:
        ch = text[position - 1]
        if ch in ",。;:!?\n“”\"【】[]" or ch in " \t":
            break
        if ch == ")" and not re.search(r"\([A-Za-z0-9 -]+\)$", text[max(0, position - 14):position]):
            break  # "(记者 王小明)中国…特使": a byline's bracket, not part of "(COP29)候任主席"
        if ch == "、" and position - 1 in ends:
            break
        if ch in "与和" and (position - 1 in ends or _starts_with_state(text, position)):
            break
        if any(text.endswith(w, 0, position) for w in _ROLE_BOUNDARY_WORDS) and position < title_end:
            break
        position -= 1
    role = text[position:title_end].strip("、 ")
    # After the name of someone else: "…18日应约与<role>" keeps only what follows the last 与/同.
    partner = list(re.finditer(r"[与同和](?=《|“|" + "|".join(map(re.escape, _state_names())) + ")", role))
    if partner:
        role = role[partner[-1].end():]
    role = re.sub(r"^(?:当地时间)?(?:\d+月)?(?:\d+日)?(?:上午|下午|晚上|晚)?", "", role)
    return (position, role) if role else None


def _state_names() -> list[str]:
    return sorted(full_names(), key=len, reverse=True)


def _starts_with_state(text: str, position: int) -> bool:
    return any(text.startswith(name, position) for name in full_names())


def find_people(text: str) -> list[_Found]:
    found: list[_Found] = []
    # Title, then name.
    for match in re.finditer("|".join(re.escape(t) for t in _SORTED_TITLES), text):
        end = match.end()
        if end < len(text) and (text[end] in "国级" or (match.group().endswith("委员") and text[end] == "会")):
            continue  # 主席国, 部长级, 委员会: not a title of a person here
        role_info = _role_before(text, end, found, max(0, end - 80))
        role = role_info[1] if role_info else match.group()
        named = None if _starts_with_state(text, end) else _name_after(text, end, role)
        if named and not any(f.start <= end < f.end for f in found):
            name, kind = named
            found.append(_Found(name, end, end + len(name), role, kind))
    # Name, then a short title or an honorific ("李强总理", "解振华特使").
    for match in re.finditer("|".join(re.escape(t) for t in _SORTED_AFTER), text):
        start = match.start()
        if match.end() < len(text) and text[match.end()] in "国级":
            continue
        if any(f.start < start <= f.end for f in found if f.end == start):
            continue  # the name is already known from a title before it
        candidate = _name_before(text, start)
        if candidate:
            name, kind, name_start = candidate
            found.append(_Found(name, name_start, start, match.group() if match.group() not in
                                ("同志", "先生", "女士", "阁下") else None, kind))
    found += _listed_after(text, found)
    return found + _speakers_without_title(text, found)


# A transliterated name that opens a clause and speaks ("古特雷斯表示,…"): a person even with no
# title beside them. Only foreign names of three characters or more: Chinese
# two-character runs before 表示 are mostly not names (会议指出, 双方表示, 中方强调).
_SPEAKS = re.compile(r"(?<=[。,;:!?\n“])([^\s。,;:!?“”《》、]{3,12}?)(?=表示|指出|强调|说,|认为|介绍说)")


def _speakers_without_title(text: str, found: list[_Found]) -> list[_Found]:
    known = {f.name for f in found}
    out: list[_Found] = []
    for match in _SPEAKS.finditer(text):
        name = match.group(1)
        if name in known or any(name in k or k in name for k in known) or _starts_with_state(text, match.start(1)):
            continue
        if _foreign_name_at(text, match.start(1)) != name:
            continue
        if name.endswith("方") or any(name.endswith(t) for t in TITLES_AFTER):
            continue
        known.add(name)
        out.append(_Found(name, match.start(1), match.end(1), None, "foreign"))
    return out


def _listed_after(text: str, found: list[_Found]) -> list[_Found]:
    """Names listed after a titled one under the same title: "外交部副部长马朝旭、刘振民出席"."""
    out: list[_Found] = []
    known = {f.start for f in found}
    for item in sorted(found, key=lambda f: f.start):
        position = item.end
        while position < len(text) and text[position] in "、和及":
            start = position + 1
            name = _chinese_name_at(text, start) if item.kind == "chinese" else _foreign_name_at(text, start)
            if not name or start in known:
                break
            after = text[start + len(name):start + len(name) + 1]
            if after and after not in "、和及等,。" and after not in _STOP:
                break
            rest = re.match(r"[^、,。;:]*", text[start:start + 24])
            if rest and any(title in rest.group()[len(name):] for title in _SORTED_TITLES):
                break  # "、国际合作司司长周国梅": a title of its own follows, not a listed name
            out.append(_Found(name, start, start + len(name), item.role, item.kind))
            position = start + len(name)
    return out


def _name_before(text: str, end: int) -> tuple[str, str, int] | None:
    """A name ending at `end` that starts after a clause break or a function character."""
    for length in (4, 3, 2):
        start = end - length
        if start < 0:
            continue
        before = text[start - 1] if start > 0 else ""
        if before and "\u4e00" <= before <= "\u9fff" and before not in "在和与同及了见由是为对向":
            continue
        piece = text[start:end]
        if piece[-1] in _INSTITUTION_ENDS or any(text.startswith(i, start) for i in CN_INSTITUTIONS) or \
                _starts_with_state(text, start):
            continue  # 国务院总理, 韩国总统: an institution or a state, not a name
        foreign = _foreign_name_at(text, start)
        if foreign == piece and length >= 3:
            return piece, "foreign", start
        chinese = _chinese_name_at(text, start)
        if chinese == piece and length <= 3:
            return piece, "chinese", start
        if foreign == piece:
            return piece, "foreign", start
    return None


def people_actor(role: str | None, kind: str, mentions: list[ZhActorMention], role_start: int,
                 role_end: int, others: list[str]) -> str | None:
    """The state a person represents: a state named in the role, China's institutions or
    provinces for China, else the one foreign state of the text for a foreign name."""
    for organisation, actor in ORGANISATION_ACTORS.items():
        if role and role.startswith(organisation):
            return actor
    in_role = [m for m in mentions if role_start <= m.start < role_end and m.kind in ("name", "side")]
    if in_role:
        return in_role[0].code
    if _is_chinese_context(role) or (role and role.startswith(("驻", "国家"))):
        return "CN"
    if kind == "chinese" and not role:
        return "CN"
    if kind == "chinese":
        return "CN"
    if len(others) == 1:
        return others[0]
    return None


def extract_people(text: str, mentions: list[ZhActorMention]) -> list[Person]:
    found = find_people(text)
    # Every mention of a name, and the fullest form of each person.
    by_name: dict[str, _Found] = {}
    for item in sorted(found, key=lambda f: f.start):
        if item.name in by_name:
            known = by_name[item.name]
            if item.role and len(item.role) > len(known.role or ""):
                known.role = item.role
            continue
        by_name[item.name] = item
    names = list(by_name)
    merged: dict[str, str] = {}
    for name in names:
        for other in names:
            if other != name and _part_of(name, other):
                merged[name] = other
    foreign_states = sorted({m.code for m in mentions if m.code != "CN"})
    people: list[Person] = []
    for name, item in by_name.items():
        if name in merged:
            continue
        roles = [r for r in [item.role] + [by_name[n].role for n, full in merged.items() if full == name] if r]
        role = max(roles, key=len) if roles else None
        role_start = item.start - len(item.role or "")
        actor = people_actor(role, item.kind, mentions, role_start, item.start, foreign_states)
        forms = [name] + [n for n, full in merged.items() if full == name]
        spans = [Span(m.start(), m.end(), m.group()) for form in forms for m in re.finditer(re.escape(form), text)]
        people.append(Person(name=name, actor=actor, role=_role_without_state(role), evidence=spans[:20]))
    return people


def _part_of(short: str, full: str) -> bool:
    """波德斯塔 is a part of 约翰·波德斯塔 (a ·-separated part, or its end)."""
    if len(short) >= len(full):
        return False
    parts = re.split(f"[{NAME_DOT}]", full)
    return short in parts or (len(parts) > 1 and full.endswith(short))


def _role_without_state(role: str | None) -> str | None:
    """The title without the state's name before it: 美国环保署助理署长 → 环保署助理署长."""
    if not role:
        return None
    for name in sorted(full_names(), key=len, reverse=True):
        if not role.startswith(name) or len(role) <= len(name):
            continue
        if full_names()[name] == "EU" and name not in ("欧盟", "欧洲联盟"):
            return role  # an institution's name stays: 欧盟委员会执行副主席
        return role[len(name):]
    return role
