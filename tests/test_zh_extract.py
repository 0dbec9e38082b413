"""The Chinese extraction path, on readouts written for these tests (tests/data/zh)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.extract.zh.actors import find_actor_mentions
from kg.extract.zh.dates import find_dates
from kg.extract.zh.forums import find_cops
from kg.extract.zh.people import extract_people
from kg.extract.zh.text import fold_width, split_sentences, target_year, zh_number
from kg.model.record import Record
from kg.read.language import detect_language
from kg.read.sources import read_bytes

DATA = Path(__file__).parent / "data" / "zh"


def record_of(name: str) -> Record:
    path = DATA / name
    return extract(read_bytes(path.read_bytes(), str(path)))


def test_language_is_detected_when_the_text_is_read() -> None:
    doc = read_bytes((DATA / "ndrc_energy_wg.txt").read_bytes(), str(DATA / "ndrc_energy_wg.txt"))
    assert doc.language == "zh"
    assert read_bytes(b"The two sides met in Beijing on 4 May 2024 (COP29).", "x.txt").language == "en"
    assert detect_language("COP29期间,双方在巴库举行会谈。") == "zh"
    assert detect_language("Liu Zhenmin (刘振民) met John Podesta in Beijing.") == "en"
    # A Chinese site serving an English page: the text decides, not <html lang>.
    page = b'<html lang="zh-CN"><body><p>The two sides met in Beijing on 4 September 2024.</p></body></html>'
    assert read_bytes(page, "x.html").language == "en"
    page = '<html lang="en"><body><p>双方在北京举行会谈，同意加强合作。</p></body></html>'.encode()
    assert read_bytes(page, "y.html").language == "zh"


def test_record_of_a_ministry_meeting() -> None:
    record = record_of("mee_brazil_meeting.txt")
    assert record.document.language == "zh"
    assert record.document.published == "2025-03-14"
    assert {a.code for a in record.actors} == {"CN", "BR"}
    people = {p.name: (p.actor, p.role) for p in record.people}
    assert people == {"黄润秋": ("CN", "生态环境部部长"), "玛丽娜·席尔瓦": ("BR", "环境和气候变化部部长")}
    forums = {f.name: f.kind for f in record.forums}
    assert forums == {"COP30": "conference", "联合国气候变化框架公约": "organization",
                      "中巴应对气候变化联合工作组": "working-group"}
    [meeting] = record.meetings
    assert (meeting.forum, meeting.start, meeting.end, meeting.place, meeting.host) == \
        (None, "2025-03-12", "2025-03-12", "北京", "CN")
    assert meeting.participants == ["BR", "CN"]
    texts = [c.text for c in record.commitments]
    assert len(texts) == 2 and texts[0].startswith("黄润秋表示，中方坚定支持") and texts[0].endswith("合作。")
    assert record.commitments[0].actors == ["CN"]  # "中方…愿与巴方": Brazil is the partner
    assert record.commitments[1].actors == ["BR", "CN"] and record.commitments[1].target_year == 2030
    assert "methane-non-co2" in record.commitments[1].topics


def test_record_of_a_working_group_session_abroad() -> None:
    record = record_of("ndrc_energy_wg.txt")
    assert [f.name for f in record.forums] == ["中美能源工作组"]
    [meeting] = record.meetings
    assert (meeting.forum, meeting.start, meeting.end, meeting.place, meeting.host) == \
        ("中美能源工作组", "2024-11-18", "2024-11-19", "华盛顿", "US")
    assert {p.name for p in record.people} == {"赵辰昕", "塔克"}
    assert [c.actors for c in record.commitments] == [["CN", "US"], ["CN", "US"]]
    assert record.commitments[0].target_year == 2025


def test_dateline_year_from_the_collection_index_and_presidencies() -> None:
    record = record_of("cns_envoy_eu.txt")
    assert record.document.published == "2025-06-05"
    assert {(p.of, p.actor) for p in record.presidencies} == {("COP28", "AE"), ("COP30", "BR")}
    people = {p.name: p for p in record.people}
    assert set(people) == {"刘振民", "胡克斯特拉"}  # not the reporter of the byline
    assert people["刘振民"].role == "气候变化事务特使"
    assert people["胡克斯特拉"].actor == "EU"
    assert [(m.start, m.place) for m in record.meetings if len(m.start or "") == 10] == [("2025-06-05", "北京")]
    [commitment] = record.commitments
    assert commitment.actors == ["CN"] and commitment.text.startswith("刘振民说")


def test_a_call_on_a_non_climate_dialogue_is_no_commitment() -> None:
    record = record_of("xinhua_uk_call.txt")
    assert [m.start for m in record.meetings] == ["2025-02-10"]
    # The economic-financial dialogue is scheduled, but it is not a climate commitment.
    assert [c.text[:5] for c in record.commitments] == ["何立峰表示"]
    assert {f.name for f in record.forums} == {"COP30", "中英经济财金对话"}


@pytest.mark.parametrize(("text", "codes"), [
    ("中方愿同美方加强合作。", {"CN", "US"}),
    ("中德双方同意深化合作。", {"CN", "DE"}),
    ("阿联酋外长访华期间,中阿双方签署协议。", {"AE", "CN"}),
    ("中新网3月1日电 西方国家和地方政府参加了会议。", set()),  # 中新网, 西方, 地方: no state
    ("他在中美洲和南美洲访问。", set()),
    ("沿海地区增加纳入明智利用的内蒙古和印度洋项目。", set()),  # 海地, 加纳, 智利, 蒙古, 印度 inside words
    ("海地、加纳和智利的代表出席。", {"HT", "GH", "CL"}),
])
def test_states_named_in_chinese(text: str, codes: set[str]) -> None:
    assert {m.code for m in find_actor_mentions(text)} == codes


@pytest.mark.parametrize(("text", "expected"), [
    ("会议由中国气候变化事务特使刘振民主持。", [("刘振民", "CN", "气候变化事务特使")]),
    ("国务院总理李强访德期间会见了朔尔茨总理。", [("李强", "CN", "国务院总理"), ("朔尔茨", "DE", "总理")]),
    ("美国总统气候问题特使约翰·克里与欧盟委员会执行副主席谢夫乔维奇通话。",
     [("约翰·克里", "US", "总统气候问题特使"), ("谢夫乔维奇", "EU", "欧盟委员会执行副主席")]),
    ("记者王小明报道,习近平生态文明思想深入人心。", []),
])
def test_people_without_titles(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    people = extract_people(text, find_actor_mentions(text))
    assert [(p.name, p.actor, p.role) for p in people] == expected


@pytest.mark.parametrize(("text", "cop"), [
    ("第二十九届联合国气候变化大会", "COP29"),
    ("《联合国气候变化框架公约》第28次缔约方大会", "COP28"),
    ("《生物多样性公约》第十五次缔约方大会", "COP15"),
    ("COP 30", "COP30"),
    ("迪拜气候大会", "COP28"),
])
def test_cops_are_normalised(text: str, cop: str) -> None:
    assert [f.name for f in find_cops(text, 2023)] == [cop]


def test_dates_numerals_and_sentences() -> None:
    dates = find_dates("9月4日至6日,双方会谈;11月30日至12月12日举行;当地时间20日;今年4月。", "2024-09-08")
    assert [(d.start, d.end) for d in dates] == [
        ("2024-09-04", "2024-09-06"), ("2024-11-30", "2024-12-12"), ("2024-11-20", "2024-11-20"),
        ("2024-04", None)]
    assert [zh_number(n) for n in ("二十九", "十五", "28", "一百零一", "三十")] == [29, 15, 28, 101, 30]
    assert target_year("到2030年实现可再生能源装机增至三倍", "2024-01-01") == 2030
    assert target_year("2020年以来已经减排", "2024-01-01") is None
    text = "双方同意合作！他说：“好。”\n新的一段?结束"
    assert [s.text for s in split_sentences(text)] == ["双方同意合作！", "他说：“好。”", "新的一段?", "结束"]
    assert fold_width("（COP29）：，") == "(COP29):," and len(fold_width("ａ　ｂ")) == 3


def test_a_joint_statement_in_numbered_items() -> None:
    record = record_of("joint_statement_france.txt")
    assert record.document.title == "中华人民共和国和法兰西共和国关于气候变化的联合声明"
    assert [c.text[:6] for c in record.commitments] == ["双方重申坚定", "双方同意加强", "双方决定共同"]
    assert all(c.actors == ["CN", "FR"] for c in record.commitments)  # 双方: the parties of the talks
    assert {(p.of, p.actor) for p in record.presidencies} == {("COP30", "BR")}
    assert {p.name for p in record.people} == {"习近平", "马克龙"}
    assert [(m.start, m.place, m.participants) for m in record.meetings] == [("2025-04-08", "北京", ["CN", "FR"])]


def test_a_phone_call_with_a_date_line_and_no_climate_pledge_beyond_china() -> None:
    record = record_of("mfa_phone_call.txt")
    assert record.document.published == "2024-02-20"
    people = {p.name: p.role for p in record.people}
    assert people == {"王毅": "中共中央政治局委员、外交部长", "布林肯": "国务卿"}
    assert [(m.start, m.participants) for m in record.meetings] == [("2024-02-19", ["CN", "US"])]
    assert [c.actors for c in record.commitments] == [["CN"]]  # "双方同意继续保持沟通" names no climate action


@pytest.mark.parametrize(("text", "expected"), [
    ("联合国秘书长古特雷斯会见了美国总统拜登。", [("古特雷斯", "United Nations"), ("拜登", "US")]),
    ("生态环境部部长黄润秋会见了新加坡可持续发展与环境部部长傅海燕。", [("黄润秋", "CN"), ("傅海燕", "SG")]),
    ("外交部副部长马朝旭、刘振民出席。", [("马朝旭", "CN"), ("刘振民", "CN")]),
    ("与韩国总统尹锡悦会谈。", [("尹锡悦", "KR")]),  # 韩国 is a state, not a person named 韩
    ("日本环境大臣浅尾庆一郎与黄润秋会谈。", [("浅尾庆一郎", "JP")]),  # 黄润秋: no title here
])
def test_who_people_speak_for(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.name, p.actor) for p in extract_people(text, find_actor_mentions(text))] == expected


def test_an_organisation_an_english_name_in_brackets_and_a_recent_date() -> None:
    record = record_of("nea_iea_meeting.txt")
    people = {p.name: p.actor for p in record.people}
    assert people == {"章建华": "CN", "法提赫·比罗尔": "International Energy Agency"}
    assert {f.name: f.kind for f in record.forums} == {
        "国际能源署": "organization", "中国—国际能源署能源效率高级别对话": "dialogue"}
    assert [(m.start, m.place) for m in record.meetings] == [("2024-10-15", "北京")]  # 近日: the publication date
    # The agency's "将继续支持" is not a state's commitment.
    assert [c.actors for c in record.commitments] == [["CN"], ["CN"]]


def test_english_names_for_the_graph() -> None:
    from kg.rdf.names_zh import with_english_names

    record = with_english_names(record_of("nea_iea_meeting.txt"))
    assert {p.name for p in record.people} == {"Zhang Jianhua", "Fatih Birol"}
    assert "International Energy Agency" in {f.name for f in record.forums}
    assert all("章建华" in p.aliases for p in record.people if p.name == "Zhang Jianhua")


def test_he_said_speaks_for_the_person_named_before() -> None:
    from kg.extract.zh.commitments import extract_commitments

    text = "丹麦气候大臣约恩森会见了中方代表。他表示，愿同中方加强应对气候变化合作。"
    mentions = find_actor_mentions(text)
    people = extract_people(text, mentions)
    commitments = extract_commitments(text, split_sentences(text), mentions, people, ["CN", "DK"])
    assert [(c.actors, c.text[:3]) for c in commitments] == [(["DK"], "他表示")]


def test_meetings_on_a_cop_s_margins_and_on_the_same_day() -> None:
    record = record_of("xinhua_cop_margins.txt")
    meetings = [(m.forum, m.start, m.place, m.host, m.participants) for m in record.meetings]
    assert meetings == [("COP29", "2024-11-13", "巴库", "AZ", ["BR", "CN"]),  # place from the COP table
                        ("南南合作高级别论坛", "2024-11-13", None, None, ["CN"])]  # 同日: that same day
    assert {p.name for p in record.people} == {"刘振民", "玛丽娜·席尔瓦"}  # not the reporter
    assert {(p.of, p.actor) for p in record.presidencies} == {("COP30", "BR")}
    assert [c.actors for c in record.commitments] == [["CN"]]  # 巴方期待, 呼吁: no pledge


@pytest.mark.parametrize(("text", "forums"), [
    ("习近平出席G20峰会并发表讲话。", [("G20峰会", "summit")]),
    ("双方在金砖国家环境部长会议期间会谈。", [("金砖国家环境部长会议", "ministerial")]),
    ("双方欢迎在相关技术和政策对话下开展的交流。", []),  # a description, not a name
    ("中方愿同欧方更好发挥中欧环境与气候高层对话机制作用。", [("中欧环境与气候高层对话", "dialogue")]),
])
def test_forums_named_without_quotation_marks(text: str, forums: list[tuple[str, str]]) -> None:
    from kg.extract.zh.forums import find_forums, merge_forums

    found = merge_forums(find_forums(text, find_actor_mentions(text), 2024), text)
    assert [(f.name, f.kind) for f in found] == forums


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中美欧方双同意将愿会见特使部长刘振民约翰·波德斯塔第二十九次缔约方大会"
                                              "《联合国气候变化框架公约》“工作组”对话论坛9月4日至6日在北京召开,。!?、 \n"
                                              "COP29(主席国阿塞拜疆)0123456789年")), max_size=200))
def test_any_chinese_text_gives_a_record_whose_spans_point_into_it(text: str) -> None:
    from kg.read.document import Document

    record = extract(Document(text=text + "。中方愿意合作。", source="-", language="zh"))
    for group in (record.actors, record.people, record.forums, record.meetings, record.commitments):
        for item in group:
            for span in item.evidence:
                assert record.text[span.start:span.end] == span.text
    for commitment in record.commitments:
        assert commitment.text in record.text


def test_a_meeting_followed_by_a_dialogue_the_same_day() -> None:
    record = record_of("mee_uk_minister.txt")
    assert [(m.forum, m.start) for m in record.meetings] == [(None, "2025-03-18"), ("中英气候变化对话", "2025-03-18")]
    people = {p.name: (p.actor, p.role) for p in record.people}
    assert people["埃德·米利班德"] == ("GB", "能源安全与净零排放大臣")
    assert people["魏磊"] == ("GB", "驻华大使")  # a Chinese name, the British ambassador
    forum = next(f for f in record.forums if f.name == "中英气候变化对话")
    assert set(forum.aliases) == {"中英气候变化对话机制", "第五次中英气候变化对话"}
    assert [c.actors for c in record.commitments] == [["CN"], ["GB"]]


def test_a_summit_with_eu_institutions() -> None:
    record = record_of("xinhua_eu_summit.txt")
    people = {p.name: (p.actor, p.role) for p in record.people}
    assert people["科斯塔"] == ("EU", "欧洲理事会主席") and people["冯德莱恩"] == ("EU", "欧盟委员会主席")
    assert {f.name: f.kind for f in record.forums} == {"中欧领导人会晤": "summit", "中欧领导人气候联合声明": "initiative"}
    assert [(m.forum, m.start) for m in record.meetings] == [("中欧领导人会晤", "2025-07-24")]
    assert [(c.actors, c.target_year) for c in record.commitments] == [(["CN"], None), (["CN", "EU"], 2035)]


def _extract_text(text: str) -> Record:
    return extract(read_bytes(text.encode(), "invented.txt"))


def test_meetings_with_each_counterpart_on_a_summit_s_margins_with_who_attended() -> None:
    record = _extract_text(
        "新华社新德里9月10日电 当地时间2023年9月9日至10日,二十国集团领导人第十八次峰会在印度新德里举行。"
        "国务院总理张文远出席峰会。\n"
        "10日,张文远在峰会期间分别会见了法国总统杜兰和意大利总理罗西。")
    meetings = sorted((m.forum, m.start, m.place, m.host, tuple(m.participants)) for m in record.meetings)
    summit = "二十国集团领导人峰会"  # the series; the session (第十八次) is an alias
    assert meetings == [(summit, "2023-09-09", "新德里", "IN", ("CN", "IN")),  # 出席峰会: CN attended
                        (summit, "2023-09-10", "新德里", "IN", ("CN", "FR")),  # 分别会见: one meeting each
                        (summit, "2023-09-10", "新德里", "IN", ("CN", "IT"))]
    assert "二十国集团领导人第十八次峰会" in next(f for f in record.forums if f.name == summit).aliases


def test_a_mechanism_named_after_a_verb_starts_at_its_state_pair_and_ministers_commit_for_their_states() -> None:
    record = _extract_text(
        "2024年6月3日,第九次中法环境部长级会议在巴黎举行。中国生态环境部部长黄润秋和法国生态转型部长杜兰出席会议。\n"
        "部长们同意重启中法能源对话,加强在可再生能源领域的合作。部长们强调,发达国家应兑现其气候资金承诺。")
    assert {"中法能源对话", "中法环境部长级会议"} <= {f.name for f in record.forums}
    assert not any(f.name.startswith(("意", "部长们")) for f in record.forums)
    assert [(c.actors, c.text[:6]) for c in record.commitments] == [(["CN", "FR"], "部长们同意重")]


def test_a_topic_in_quotation_marks_before_a_head_noun_names_a_side_event() -> None:
    record = _extract_text("2023年12月4日,“绿色丝路与能源转型”主题边会在迪拜举行。国际合作司司长王立新、副司长李红、宣传教育司司长张明出席。")
    assert "绿色丝路与能源转型主题边会" in {f.name for f in record.forums}
    # a name after 、 with a title of its own takes that title, it is not listed under the one before
    assert {p.name: p.role for p in record.people} == {"王立新": "国际合作司司长", "李红": "副司长",
                                                       "张明": "宣传教育司司长"}


def test_a_transliterated_name_that_speaks_is_a_person_without_a_title() -> None:
    text = "中国气候变化事务特使王立新会见了美方代表。席尔瓦表示,巴方愿加强合作。会议指出,双方表示满意。巴西表示支持。"
    people = extract_people(text, find_actor_mentions(text))
    assert {p.name: p.role for p in people} == {"王立新": "气候变化事务特使", "席尔瓦": None}
