"""States named in Chinese text: full and short names, X方 sides, 中美-style pairs, 访德/驻华 forms.

Names come from the reference data (`names_zh`) and pycountry's zh_CN translations of the
ISO 3166-1 names (full, official and common forms). Chinese also writes a state by one
character: alone in a side (中方, 美方), a pair (中美, 中欧, 欧中) or a verb form (来华, 访德,
驻美). Several states share a first character (阿: 阿联酋, 阿塞拜疆, 阿根廷...), so a one-
character form is read as the state the text names in full; only the abbreviations that
stand for one state by convention (中 美 欧 英 法 德 日 俄 ...) are read without that help.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache

from kg.model import reference

# One character for one state by convention (general usage in Chinese news writing).
CONVENTIONAL: dict[str, str] = {
    "中": "CN", "华": "CN", "美": "US", "欧": "EU", "英": "GB", "法": "FR", "德": "DE", "日": "JP",
    "俄": "RU", "韩": "KR", "朝": "KP", "印": "IN", "澳": "AU", "加": "CA", "意": "IT", "丹": "DK",
    "荷": "NL", "挪": "NO", "芬": "FI", "葡": "PT", "希": "GR", "土": "TR", "越": "VN", "泰": "TH",
    "菲": "PH", "墨": "MX", "埃": "EG", "沙": "SA", "以": "IL", "蒙": "MN", "老": "LA", "柬": "KH",
    "缅": "MM", "智": "CL", "秘": "PE", "古": "CU", "比": "BE", "冰": "IS", "捷": "CZ", "匈": "HU",
}
# Characters that abbreviate several states: read only when the text names exactly one in full.
AMBIGUOUS = "阿巴新瑞马乌尼伊哈斯塞科苏坦莫摩利卡圣几博吉"

_SIDE = re.compile(r"(?<![东西南北])(.)方(?![面式法向案针便位言程略形块圆阵才])")
_VERB = re.compile(r"(?:来|访|驻|赴|抵)(.)")
_NOT_AFTER_PAIR = "洲部文网社医药式餐菜籍語语"


@dataclass(frozen=True)
class ZhActorMention:
    code: str
    start: int
    end: int
    surface: str
    kind: str  # "name", "side", "pair", "verb"


@cache
def full_names() -> dict[str, str]:
    """Chinese name → code, for states (and the EU) only."""
    import pycountry

    try:
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    except OSError:
        translation = None
    table: dict[str, str] = {}
    for ref in reference.countries():
        if not ref.is_state:
            continue
        for name in ref.names_zh:
            if not name.endswith("方"):
                table.setdefault(name, ref.code)
        entry = pycountry.countries.get(alpha_2=ref.code) if ref.code != "EU" else None
        if entry is None or translation is None:
            continue
        for attribute in ("name", "official_name", "common_name"):
            english = getattr(entry, attribute, None)
            if english:
                chinese = translation.gettext(english)
                if chinese != english and re.fullmatch(r"[\u4e00-\u9fff]{2,}", chinese):
                    table.setdefault(chinese, ref.code)
    table.update({"欧洲联盟": "EU", "欧委会": "EU", "欧盟委员会": "EU", "欧洲委员会": "EU", "欧洲理事会": "EU",
                  "欧盟理事会": "EU", "欧洲议会": "EU"})
    return table


@cache
def _full_name_regex() -> re.Pattern[str]:
    names = sorted(full_names(), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names))


def _abbreviation_code(char: str, named: set[str], *, conventional: bool) -> str | None:
    """The state a one-character form stands for in this text, or None."""
    candidates = {code for name, code in full_names().items() if name.startswith(char)}
    in_text = candidates & named
    if len(in_text) == 1:
        return in_text.pop()
    if conventional and char in CONVENTIONAL and not in_text:
        return CONVENTIONAL[char]
    if char in CONVENTIONAL and CONVENTIONAL[char] in in_text:
        return CONVENTIONAL[char]
    return None


# Two-character names that also occur inside common words or other place names: the name
# counts unless the character before or after makes it that word (沿海地区, 增加纳入,
# 明智利用, 马里兰州, 内蒙古, 印度洋).
_INSIDE_WORDS = {
    "海地": (r"[沿近公内深滨临大出上航领]", r"[区带方域面下]"),
    "加纳": (r"[增参施附追再更添]", r"[入]"),
    "智利": (r"[明才机睿理心]", r"[用]"),
    "马里": (r"", r"[兰奥]"),
    "蒙古": (r"[内]", r""),
    "印度": (r"", r"[洋]"),
    "黑山": (r"", r"[村镇县市区]"),
    "巴林": (r"", r"[左右旗]"),
}


def _inside_a_word(text: str, start: int, end: int) -> bool:
    rule = _INSIDE_WORDS.get(text[start:end])
    if rule is None:
        return False
    before, after = rule
    return bool((before and start > 0 and re.fullmatch(before, text[start - 1]))
                or (after and end < len(text) and re.fullmatch(after, text[end])))


def find_actor_mentions(text: str) -> list[ZhActorMention]:
    """Every mention of a state in `text`, in order of position."""
    found = [ZhActorMention(full_names()[m.group()], m.start(), m.end(), m.group(), "name")
             for m in _full_name_regex().finditer(text) if not _inside_a_word(text, m.start(), m.end())]
    taken = [(m.start, m.end) for m in found]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    named = {m.code for m in found}
    for match in _SIDE.finditer(text):
        char = match.group(1)
        if not free(match.start(), match.end()) or char in "双各对多我一他地官军校甲乙有三四":
            continue
        if char == "加" and match.start() > 0 and text[match.start() - 1] in "参增追附外施更":
            continue
        code = _abbreviation_code(char, named, conventional=True)
        if code:
            found.append(ZhActorMention(code, match.start(), match.end(), match.group(), "side"))
            taken.append((match.start(), match.end()))
    named |= {m.code for m in found}
    found += _pairs(text, named, free, taken)
    for match in _VERB.finditer(text):
        if not free(match.start(1), match.end(1)):
            continue
        code = _abbreviation_code(match.group(1), named, conventional=True)
        if code:
            found.append(ZhActorMention(code, match.start(1), match.end(1), match.group(1), "verb"))
            taken.append((match.start(1), match.end(1)))
    return sorted(found, key=lambda m: (m.start, -m.end))


_RELATIONAL = ("双方", "两国", "关系", "合作", "对话", "联合", "政府", "战略", "伙伴", "高层", "元首", "领导人", "经贸",
               "建交", "友好", "人文", "论坛", "工作组", "峰会", "环境", "气候", "能源", "绿色", "外长", "总理",
               "会晤", "会谈", "磋商", "委员会", "友谊", "交流", "贸易", "投资")
_ABBREVIATION = "[" + "".join(CONVENTIONAL) + AMBIGUOUS + "]"
_PAIR = re.compile(f"{_ABBREVIATION}{{2,3}}(?=[\u4e00-\u9fff“《])")


def _pairs(text: str, named: set[str], free, taken: list[tuple[int, int]]) -> list[ZhActorMention]:
    """中美, 中欧, 欧中, 中德, 中日韩: each character a state, read as one pair or trio."""
    out: list[ZhActorMention] = []
    for match in _PAIR.finditer(text):
        start, surface = match.start(), match.group()
        if not free(start, match.end()) or text[match.end():match.end() + 1] in _NOT_AFTER_PAIR:
            continue
        if "中" not in surface and "华" not in surface:
            continue  # pairs without China are rare in Chinese readouts, and words look like them
        # A conventional partner stands alone before words of relations between states
        # (中德双方, 中法关系); otherwise it must be named in full in the text.
        relational = text.startswith(_RELATIONAL, match.end())
        codes = []
        for char in surface:
            code = _abbreviation_code(char, named, conventional=False) or (
                CONVENTIONAL.get(char) if char in "中华美欧" or relational else None)
            codes.append(code)
        if None in codes or len(set(codes)) != len(codes):
            continue
        for offset, code in enumerate(codes):
            out.append(ZhActorMention(str(code), start + offset, start + offset + 1, surface[offset], "pair"))
        taken.append((start, match.end()))
    return out
