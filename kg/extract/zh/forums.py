"""Forums named in Chinese text, as written, with COPs normalised to `COP<n>`.

Three shapes name a forum in Chinese readouts:

1. a Conference of the Parties: 《联合国气候变化框架公约》第二十九次缔约方大会(COP29),
   第二十九届联合国气候变化大会, 《公约》第28次缔约方大会, COP29, or by its host city
   (迪拜气候大会), which the COP table resolves;
2. a name in quotation marks or title marks (“…工作组”, 《…声明》), kept when its last word
   is a forum's head noun (工作组, 对话, 论坛, 峰会, 声明, 框架 ...); laws, treaties, plans and
   memoranda (法, 协定, 公约, 计划, 备忘录) are not forums;
3. an unquoted noun phrase ending in a head noun, read back from the head to the verb or
   preposition before it (举行第四次中欧环境与气候高层对话 → 中欧环境与气候高层对话).

Ordinals (第四次, 第七届, 第七轮) are dropped from the name and kept as an alias, as is a
trailing 机制. Sub-groups listed under a shared head ("能源转型、甲烷…四个专题小组") are
one forum each, with the head noun added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from kg.extract.zh.actors import ZhActorMention
from kg.extract.zh.text import ZH_NUMBER, zh_number
from kg.model import reference
from kg.model.bilingual import COP_CITIES_ZH, FORUMS_ZH, english_forum
from kg.model.record import Forum, Span

# Head nouns, longest first, with the kind they give.
HEADS: dict[str, str] = {
    "专题小组": "working-group", "工作组": "working-group", "小组": "working-group", "任务组": "task-force",
    "高层对话": "dialogue", "对话会": "dialogue", "对话": "dialogue", "论坛": "forum", "圆桌会议": "roundtable",
    "圆桌会": "roundtable", "圆桌": "roundtable", "峰会": "summit", "部长级会议": "ministerial",
    "缔约方大会": "conference", "大会": "conference", "部长会议": "ministerial", "领导人会议": "summit", "政府磋商": "other", "磋商": "other",
    "高级别活动": "other", "伙伴关系": "partnership", "联盟": "alliance", "平台": "platform",
    "倡议": "initiative", "宣言": "initiative", "声明": "initiative", "框架": "initiative", "承诺": "initiative",
    "集团": "forum", "理事会": "ministerial", "联合委员会": "other", "合作机制": "other",
}
_HEAD_RE = re.compile("|".join(sorted(map(re.escape, HEADS), key=len, reverse=True)))
# Names in title marks that are documents, not forums.
_NOT_FORUM_ENDS = ("法", "协定", "公约", "条约", "议定书", "备忘录", "计划", "方案", "报告", "规划", "纲要", "意见",
                   "通知", "决定", "白皮书", "战略", "项目", "文本")
# Heads that name a forum only with a state pair or a proper modifier before them.
_WEAK_HEADS = {"小组", "大会", "磋商", "联盟", "平台", "承诺", "框架", "集团", "理事会", "合作机制", "伙伴关系", "倡议"}
# Words right before a forum's name: verbs and prepositions that take it as object.
_BOUNDARY_WORDS = (
    "举行", "举办", "召开", "出席", "参加", "参与", "主办", "承办", "启动", "成立", "建立", "加入", "发挥", "推动",
    "支持", "落实", "根据", "按照", "通过", "包括", "作为", "担任", "围绕", "利用", "深化", "加强", "依托", "在",
    "于", "同", "的", "是", "为", "了", "将", "就", "期间", "继续", "共同", "首届", "本届", "此次", "这次", "上届",
    "下届", "各方", "双方", "对", "向", "与会", "借助", "通过", "出任", "参会", "以", "及其", "等",
)
# Words whose last character is also a one-character boundary (对, 于, 在, 同, 为, 以): inside
# them it bounds nothing ("中巴应对气候变化联合工作组").
_WORDS_ENDING_LIKE_BOUNDARY = {"应对", "针对", "面对", "相对", "关于", "对于", "由于", "基于", "位于", "处于", "等于",
                               "存在", "现在", "正在", "共同", "协同", "认同", "合同", "不同", "认为", "成为", "行为",
                               "以为", "可以", "所以", "加以", "予以", "得以", "难以", "为了", "除了", "对等", "平等"}
_ORDINAL = re.compile(rf"^第{ZH_NUMBER}(?:次|届|轮|期)|^首届")
# A head noun right after a quotation that is no name by itself (“…”主题边会, “…”系列对话会).
# Not after 系列: "“中国角”系列边会之“…论坛”" is a pavilion's series, the forum is the one named in it.
_HEAD_AFTER_QUOTE = re.compile(r"(?:主题|专题|高级别)?(?P<head>边会|对话会|论坛|研讨会|圆桌会议|圆桌会|对话|峰会)(?!之)")
_QUOTED = re.compile(r"“([^”]{2,60})”|《([^》]{2,60})》")
_COP_FULL = re.compile(
    rf"(?:《(?P<convention>[^《》,。]{{1,20}}公约)》|(?P<bare>联合国气候变化框架公约|生物多样性公约))?"
    rf"第(?P<n>{ZH_NUMBER})(?:次|届)(?:缔约方大会|(?:联合国)?气候变化大会)(?:\((?:COP|cop)\s*-?\d+\))?")
_COP_TENTH = re.compile(rf"第(?P<n>{ZH_NUMBER})届联合国气候变化大会(?:\((?:COP|cop)\s*-?\d+\))?")
_COP_LATIN = re.compile(r"(?<![A-Za-z])COP\s*-?\s*(?P<n>\d{1,3})(?!\d)", re.I)
_COP_CITY = re.compile("(?:联合国气候变化)?(?P<city>" + "|".join(map(re.escape, sorted(COP_CITIES_ZH, key=len, reverse=True)))
                       + r")(?:联合国)?气候(?:变化)?大会")
_SUBGROUPS = re.compile(rf"((?:[^、,。;:()“”《》\s]{{2,24}}、)+[^、,。;:()“”《》\s]{{2,24}}?)(?:等)?{ZH_NUMBER}个"
                        r"(专题小组|工作组|小组)")


@dataclass
class FoundForum:
    name: str
    kind: str
    start: int
    end: int
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None


def _cop_by_city(city: str, year: int | None) -> int | None:
    english = COP_CITIES_ZH.get(city)
    sessions = [cop for cop in reference.cops() if cop.city == english]
    if not sessions:
        return None
    if year is None:
        return sessions[-1].number
    return min(sessions, key=lambda cop: abs(cop.year - year)).number


def find_cops(text: str, year: int | None) -> list[FoundForum]:
    """Every COP reference: (COP<n>, the convention named with it, start, end)."""
    found: list[FoundForum] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for match in _COP_FULL.finditer(text):
        number = zh_number(match.group("n"))
        if number is None:
            continue
        written = re.sub(r"\((?:COP|cop)\s*-?\d+\)$", "", match.group()).replace("《", "").replace("》", "")
        forum = FoundForum(f"COP{number}", "conference", match.start(), match.end(), [written])
        if match.group("convention") or match.group("bare"):
            forum.parent = match.group("convention") or match.group("bare")
        found.append(forum)
        taken.append((match.start(), match.end()))
    for pattern in (_COP_TENTH, _COP_LATIN):
        for match in pattern.finditer(text):
            number = zh_number(match.group("n"))
            if number is not None and free(match.start(), match.end()):
                aliases = [match.group()] if pattern is _COP_TENTH else []
                found.append(FoundForum(f"COP{number}", "conference", match.start(), match.end(), aliases))
                taken.append((match.start(), match.end()))
    for match in _COP_CITY.finditer(text):
        number = _cop_by_city(match.group("city"), year)
        if number is not None and free(match.start(), match.end()):
            found.append(FoundForum(f"COP{number}", "conference", match.start(), match.end(), [match.group()]))
            taken.append((match.start(), match.end()))
    return found


def _strip_ordinal(name: str) -> tuple[str, str | None]:
    match = _ORDINAL.match(name)
    if match and len(name) - match.end() >= 3:
        return name[match.end():], name
    return name, None


def _head_of(name: str) -> tuple[str, str] | None:
    """The head noun a name ends with, and its kind."""
    for head in sorted(HEADS, key=len, reverse=True):
        if name.endswith(head):
            return head, HEADS[head]
    return None


def _has_pair(name: str, mentions: list[ZhActorMention], offset: int) -> bool:
    return any(offset <= m.start < offset + len(name) for m in mentions)


def _quoted(text: str, mentions: list[ZhActorMention]) -> list[FoundForum]:
    out: list[FoundForum] = []
    for match in _QUOTED.finditer(text):
        inner = (match.group(1) or match.group(2)).strip()
        start, end = match.start(), match.end()
        known = english_forum(inner)
        if known:
            out.append(FoundForum(inner, known[1], start, end))
            continue
        if match.group(2) and inner.endswith(_NOT_FORUM_ENDS):
            continue
        head = _head_of(inner)
        following = _HEAD_AFTER_QUOTE.match(text, end)
        if head is None and following and not match.group(2):
            # “南南合作与绿色低碳发展”主题边会: the quotation is the topic, the name goes on to its head
            named = inner + following.group()
            out.append(FoundForum(named, HEADS.get(following.group("head"), "other"), start, following.end(),
                                  [inner]))
            continue
        if head is None or inner.endswith(_NOT_FORUM_ENDS):
            continue
        # A state pair written just before the quotation marks belongs to the name (中美“…工作组”).
        before = [m for m in mentions if m.kind == "pair" and m.end <= start and start - m.start <= 3]
        prefix = text[before[0].start:start] if before and all(
            text[i] not in "“《,。" for i in range(before[0].start, start)) else ""
        if prefix and not re.fullmatch(r"[\u4e00-\u9fff]{2,3}", prefix):
            prefix = ""
        name, ordinal = _strip_ordinal(prefix + inner)
        aliases = [ordinal] if ordinal else []
        out.append(FoundForum(name, head[1], start - len(prefix), end, aliases))
    return out


def _boundary_before(text: str, head_start: int, floor: int) -> int:
    """Where an unquoted name ending at a head noun starts, reading back to a boundary."""
    position = head_start
    while position > floor:
        ch = text[position - 1]
        if not ("\u4e00" <= ch <= "\u9fff" or ch.isdigit() or ch in "—-/" or (ch.isascii() and ch.isalpha())):
            break
        if any(text.endswith(w, 0, position) for w in _BOUNDARY_WORDS) and \
                text[position - 2:position] not in _WORDS_ENDING_LIKE_BOUNDARY:
            break
        position -= 1
    return position


def _extend_over_conjunction(text: str, start: int, mentions: list[ZhActorMention]) -> int:
    """'中欧环境与气候高层对话': read past 与/和 when what stands before starts with a state pair."""
    if start > 0 and text[start - 1] in "与和":
        before = _boundary_before(text, start - 1, max(0, start - 12))
        head = text[before:start - 1]
        if head and _strip_ordinal(head)[0] and any(
                m.start == before + (len(head) - len(_strip_ordinal(head)[0])) and m.kind in ("pair", "name")
                for m in mentions):
            return before
    return start


def _unquoted(text: str, mentions: list[ZhActorMention], taken: list[tuple[int, int]]) -> list[FoundForum]:
    out: list[FoundForum] = []
    for match in _HEAD_RE.finditer(text):
        head_start, end = match.start(), match.end()
        if any(s < end and head_start < e for s, e in taken):
            continue
        after = text[end:end + 2]
        if after[:1] in "组长员国会级" or after.startswith(("成员", "主席", "秘书")):
            continue  # 专题小组组长, 大会主席国: the head is a modifier here
        start = _boundary_before(text, head_start, max(0, head_start - 30))
        start = _extend_over_conjunction(text, start, mentions)
        start = _cut_at_name_start(text, start, head_start, mentions)
        raw = text[start:end]
        name, ordinal = _strip_ordinal(raw)
        inner = re.search(rf"第{ZH_NUMBER}(?:次|届|轮)", name)
        if inner and inner.end() == len(name) - len(match.group()) and inner.start() >= 2:
            # 二十国集团领导人第十九次峰会: the series is the name, the session an alias
            ordinal, name = name, name[:inner.start()] + name[inner.end():]
        modifier = name[:len(name) - len(match.group())]
        if len(modifier) < 2:
            continue
        head = match.group()
        pair = _has_pair(name, mentions, start + (len(raw) - len(name)))
        acronym = re.match(r"\([A-Z][A-Za-z0-9&-]{1,9}\)", text[end:end + 12])
        proper = pair or ordinal or acronym or english_forum(name) or any(c in name for c in COP_CITIES_ZH) or \
            any(known in name for known in FORUMS_ZH) or \
            re.search(r"[A-Z]{1,6}\d{0,3}", modifier)  # 基础四国气候变化部长级会议, G20峰会
        if not proper:
            continue  # "技术和政策对话", "绿色伙伴关系": a description, not a name
        kind = HEADS[head]
        aliases = [ordinal] if ordinal else []
        if text.startswith("机制", end):
            aliases.append(name + "机制")
            end += 2
        out.append(FoundForum(name, kind, start, end, aliases))
    return out


def _cut_at_name_start(text: str, start: int, head_start: int, mentions: list[ZhActorMention]) -> int:
    """Where a name read back to a boundary really starts, when a verb phrase came with it:
    at an ordinal that opens a session's name (部长们决定第四十一次…部长级会议), or at the
    state pair that opens a mechanism's name (同意重启中英能源对话, 用好中德…对话)."""
    ordinal = re.search(rf"第{ZH_NUMBER}(?:次|届|轮)|首届", text[start:head_start])
    if ordinal and ordinal.start() > 0 and ordinal.end() < head_start - start:
        return start + ordinal.start()
    at_pair = {m.start for m in mentions if m.kind == "pair"}  # 中欧: one mention per character
    pairs = [at for at in sorted(at_pair) if start < at < head_start and at - 1 not in at_pair]
    if start not in at_pair and pairs and not re.search(rf"第{ZH_NUMBER}(?:次|届|轮)$|首届$", text[start:pairs[0]]):
        return pairs[0]
    return start


def _subgroups(text: str) -> list[FoundForum]:
    out: list[FoundForum] = []
    for match in _SUBGROUPS.finditer(text):
        items = match.group(1).split("、")
        first_start = match.start(1)
        cut = _boundary_before(text, first_start + len(items[0]), first_start)
        items[0] = text[cut:first_start + len(items[0])]
        head = match.group(2)
        for item in items:
            if len(item) >= 2:
                out.append(FoundForum(item + head, HEADS[head], match.start(), match.end()))
    return out


def _known(text: str, taken: list[tuple[int, int]]) -> list[FoundForum]:
    """Forums of the bilingual table named anywhere in the text (国际能源署, 二十国集团)."""
    out: list[FoundForum] = []
    for match in _known_regex().finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        known = english_forum(match.group())
        if known:
            out.append(FoundForum(re.sub(r"[“”\"《》]", "", match.group()), known[1], match.start(), match.end()))
    return out


@cache
def _known_regex() -> re.Pattern[str]:
    marks = "[“”\"《》]?"
    names = sorted((re.sub(r"[“”\"《》]", "", n) for n in FORUMS_ZH), key=len, reverse=True)
    return re.compile("|".join(marks.join(re.escape(c) for c in name) for name in names))


def find_forums(text: str, mentions: list[ZhActorMention], year: int | None) -> list[FoundForum]:
    cops = find_cops(text, year)
    taken = [(f.start, f.end) for f in cops]
    quoted = [f for f in _quoted(text, mentions) if not any(s < f.end and f.start < e for s, e in taken)]
    taken += [(f.start, f.end) for f in quoted]
    subgroups = _subgroups(text)
    taken += [(f.start, f.end) for f in subgroups]
    unquoted = _unquoted(text, mentions, taken)
    taken += [(f.start, f.end) for f in unquoted]
    known = [f for f in _known(text, taken) if not any(c.parent and c.start <= f.start < c.end for c in cops)]
    conventions = []
    for cop in cops:
        if cop.parent and english_forum(cop.parent):
            conventions.append(FoundForum(cop.parent, english_forum(cop.parent)[1], cop.start, cop.end))  # type: ignore[index]
        cop.parent = None
    return cops + quoted + subgroups + unquoted + known + conventions


def merge_forums(found: list[FoundForum], text: str) -> list[Forum]:
    """One Forum per name, with every alias and evidence span; a known forum gets its kind."""
    merged: dict[str, Forum] = {}
    for item in sorted(found, key=lambda f: f.start):
        key = item.name
        known = english_forum(key)
        # An alias of a forum already found (中欧环境与气候高层对话机制) joins it.
        target = next((f for f in merged.values() if key in f.aliases), None)
        forum = target or merged.get(key)
        if forum is None:
            forum = merged[key] = Forum(name=key, kind=known[1] if known else item.kind)
        for alias in item.aliases:
            if alias != forum.name and alias not in forum.aliases:
                forum.aliases.append(alias)
        forum.evidence.append(Span(item.start, item.end, text[item.start:item.end]))
    # A name that is another's alias is that forum.
    out = list(merged.values())
    names = {f.name for f in out}
    for forum in out:
        forum.aliases = [a for a in forum.aliases if a not in names or a == forum.name]
    return out
