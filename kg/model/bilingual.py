"""Chinese and English names of the same forums: general knowledge, so one forum is one node
whichever language a readout was written in.

The table holds the standing bodies, groups and bilateral mechanisms of climate diplomacy
under their usual Chinese names (as Chinese ministries and Xinhua write them) and the
English name English readouts use. COPs need no entry: every language's form is `COP<n>`.
Cities that hosted a COP are listed in Chinese, since Chinese readouts name a COP by its
city ("迪拜气候大会" is COP28).
"""

from __future__ import annotations

import re
from functools import cache

# Chinese name → (English name, kind). Kinds are GUIDE.md's.
FORUMS_ZH: dict[str, tuple[str, str]] = {
    "联合国气候变化框架公约": ("United Nations Framework Convention on Climate Change", "organization"),
    "二十国集团": ("G20", "forum"),
    "七国集团": ("G7", "forum"),
    "金砖国家": ("BRICS", "forum"),
    "基础四国": ("BASIC", "forum"),
    "气候行动部长级会议": ("Ministerial on Climate Action", "ministerial"),
    "经济大国能源与气候论坛": ("Major Economies Forum on Energy and Climate", "forum"),
    "清洁能源部长级会议": ("Clean Energy Ministerial", "ministerial"),
    "创新使命": ("Mission Innovation", "initiative"),
    "全球甲烷承诺": ("Global Methane Pledge", "initiative"),
    "亚太经合组织": ("APEC", "forum"),
    "国际能源署": ("International Energy Agency", "organization"),
    "国际可再生能源署": ("IRENA", "organization"),
    "政府间气候变化专门委员会": ("IPCC", "organization"),
    "联合国环境规划署": ("United Nations Environment Programme", "organization"),
    "联合国大会": ("UN General Assembly", "organization"),
    "绿色气候基金": ("Green Climate Fund", "organization"),
    "中美21世纪20年代强化气候行动工作组": ("China-U.S. Working Group on Enhancing Climate Action in the 2020s",
                                         "working-group"),
    "中美强化21世纪20年代气候行动工作组": ("China-U.S. Working Group on Enhancing Climate Action in the 2020s",
                                         "working-group"),
    "中美气候变化工作组": ("U.S.-China Climate Change Working Group", "working-group"),
    "中欧环境与气候高层对话": ("EU-China High-Level Environment and Climate Dialogue", "dialogue"),
    "中欧能源对话": ("EU-China Energy Dialogue", "dialogue"),
    "中欧高层经贸对话": ("EU-China High-Level Economic and Trade Dialogue", "dialogue"),
    "中欧领导人会晤": ("EU-China Summit", "summit"),
    "中欧能源合作平台": ("EU-China Energy Cooperation Platform", "platform"),
    "昆明—蒙特利尔全球生物多样性框架": ("Kunming-Montreal Global Biodiversity Framework", "initiative"),
    "关于加强合作应对气候危机的阳光之乡声明": (
        "Sunnylands Statement on Enhancing Cooperation to Address the Climate Crisis", "initiative"),
    "格拉斯哥气候公约": ("Glasgow Climate Pact", "initiative"),
    "彼得斯堡气候对话": ("Petersberg Climate Dialogue", "dialogue"),
    "中非合作论坛": ("Forum on China-Africa Cooperation", "forum"),
    "中阿合作论坛": ("China-Arab States Cooperation Forum", "forum"),
    "博鳌亚洲论坛": ("Boao Forum for Asia", "forum"),
    "世界经济论坛": ("World Economic Forum", "forum"),
    "“一带一路”国际合作高峰论坛": ("Belt and Road Forum for International Cooperation", "forum"),
    "一带一路绿色发展国际联盟": ("BRI International Green Development Coalition", "alliance"),
    "全球发展倡议": ("Global Development Initiative", "initiative"),
    "上海合作组织": ("Shanghai Cooperation Organisation", "organization"),
    "东南亚国家联盟": ("ASEAN", "organization"),
    "东盟": ("ASEAN", "organization"),
    "国际海事组织": ("International Maritime Organization", "organization"),
    "全球环境基金": ("Global Environment Facility", "organization"),
    "小岛屿国家联盟": ("Alliance of Small Island States", "alliance"),
    "气候与清洁空气联盟": ("Climate and Clean Air Coalition", "alliance"),
    "联合国气候峰会": ("UN Climate Summit", "summit"),
    "领导人气候峰会": ("Leaders Summit on Climate", "summit"),
}

# Offices, as Chinese readouts title them (without the state's name) → as English readouts do.
OFFICES_ZH: dict[str, str] = {
    "气候变化事务特使": "Special Envoy for Climate Change",
    "总统国际气候政策高级顾问": "Senior Advisor to the President for International Climate Policy",
    "总统气候问题特使": "Special Presidential Envoy for Climate",
    "生态环境部部长": "Minister of Ecology and Environment",
    "生态环境部副部长": "Vice Minister of Ecology and Environment",
    "外交部长": "Foreign Minister",
    "外交部部长": "Foreign Minister",
    "国家主席": "President",
    "国务院总理": "Premier",
    "国务院副总理": "Vice Premier",
    "国家发展改革委主任": "Chairman of the National Development and Reform Commission",
    "国家能源局局长": "Administrator of the National Energy Administration",
    "欧盟委员会主席": "President of the European Commission",
    "欧盟委员会执行副主席": "Executive Vice-President of the European Commission",
    "联合国秘书长": "Secretary-General of the United Nations",
    "国务卿": "Secretary of State",
}


def english_office(role: str) -> str | None:
    """The English title of an office named in Chinese, when the table knows it."""
    return OFFICES_ZH.get(_key(role))


# Chinese names of the cities that hosted a COP (their English names are in cops.tsv).
COP_CITIES_ZH: dict[str, str] = {
    "柏林": "Berlin", "日内瓦": "Geneva", "京都": "Kyoto", "布宜诺斯艾利斯": "Buenos Aires", "波恩": "Bonn",
    "海牙": "The Hague", "马拉喀什": "Marrakech", "新德里": "New Delhi", "米兰": "Milan", "蒙特利尔": "Montreal",
    "内罗毕": "Nairobi", "巴厘岛": "Bali", "巴厘": "Bali", "波兹南": "Poznań", "哥本哈根": "Copenhagen",
    "坎昆": "Cancún", "德班": "Durban", "多哈": "Doha", "华沙": "Warsaw", "利马": "Lima", "巴黎": "Paris",
    "卡托维兹": "Katowice", "马德里": "Madrid", "格拉斯哥": "Glasgow", "沙姆沙伊赫": "Sharm el-Sheikh",
    "迪拜": "Dubai", "巴库": "Baku", "贝伦": "Belém",
}


def _key(name: str) -> str:
    """A Chinese name as compared: quotes, brackets and spaces removed."""
    return re.sub(r"[\s“”\"《》「」『』]", "", name)


@cache
def _by_key() -> dict[str, tuple[str, str]]:
    return {_key(zh): value for zh, value in FORUMS_ZH.items()}


def english_forum(name: str) -> tuple[str, str] | None:
    """The English name and kind of a forum named in Chinese, when it is a well-known one."""
    return _by_key().get(_key(name))


@cache
def _chinese_by_english() -> dict[str, str]:
    out: dict[str, str] = {}
    for zh, (en, _) in FORUMS_ZH.items():
        out.setdefault(en.casefold(), zh)
    return out


def chinese_forum(name: str) -> str | None:
    """The Chinese name of a forum named in English, when the table knows it."""
    return _chinese_by_english().get(name.strip().casefold())
