"""Vocabulary of Chinese readouts that is general knowledge: surnames, the characters of
transliterated foreign names, titles of office, China's provinces and its central institutions.

None of it is taken from a particular readout: surnames are the common ones of the
Hundred Family Surnames; the transliteration characters are those of the standard tables
for foreign personal names (Xinhua's usage); titles are the ordinary words for offices.
"""

from __future__ import annotations

SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练"
    "廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜"
    "印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由习栗"
    "傅温庞樊殷洪颜倪葛伍申毕聂丛焦柳邢齐梅庄辛管祝左涂时耿卜靳盛甄项裴席查屈位隋植薄柏阮闵车冉房辜饶瞿戚"
    "丘宫苑臧畅全褚廉简娄奚木穆燕郎邸姬屠栾喻窦宇糜冷卓稽井练仲虞卞竺楚佟匡宗台巫桑荆谌银扬胥蔺")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "宇文",
                     "长孙", "夏侯", "澹台", "司徒", "端木", "西门", "南宫", "独孤", "轩辕")
# Readings of surnames that differ from the character's common reading (解 Xie, not jie).
SURNAME_READINGS = {"解": "xie", "单": "shan", "曾": "zeng", "区": "ou", "仇": "qiu", "朴": "piao", "查": "zha",
                    "乐": "yue", "覃": "qin", "盖": "ge", "缪": "miao", "翟": "zhai", "种": "chong", "尉迟": "yuchi",
                    "万俟": "moqi", "长孙": "zhangsun", "重": "chong", "秘": "bi", "召": "shao", "蕃": "pi",
                    "员": "yun", "黑": "he", "折": "she", "隗": "wei", "沈": "shen", "柏": "bai", "宿": "su"}

TRANSLITERATION = set(
    "阿埃艾爱安昂奥澳巴拜班邦包保鲍贝本比彼毕宾冰波伯博布查彻达戴丹道德登迪蒂帝丁东杜敦顿多厄恩尔"
    "法凡范菲费芬丰冯弗福富盖甘冈高戈哥格根贡古瓜圭哈海汉豪赫黑亨洪胡霍基吉佳加贾杰金卡凯坎康考柯科克肯库"
    "夸奎拉腊莱赖兰朗劳勒雷蕾里丽利莉列林琳露卢鲁路伦罗洛马玛迈麦曼芒茂梅门蒙米密敏摩莫默姆穆纳娜奈南瑙内尼"
    "涅宁纽努诺欧帕潘庞佩彭皮珀普齐奇契恰乔切钦琼丘屈萨塞赛桑瑟森沙莎尚舍申什施史舒斯松苏索塔泰坦汤唐特提"
    "廷图托瓦万旺威韦维温沃乌伍武西希锡夏谢辛休许雅亚扬杨耶伊因尤约泽扎詹朱兹祖佐茨朔翰琪娅妮黛薇夫娃蕾"
    "埃迪鲍姆霍普奥芙蓓琼雷丝席罕卜连让弗珍芭萝茜珊琴龙隆嘉葛勃季瑞英生")
NAME_DOT = "·•‧・"

# Titles of office, as they stand right before (or, for the short ones, after) a name.
TITLES = (
    "气候变化事务特使", "特使", "副特使", "特别代表", "首席谈判代表", "谈判代表", "高级顾问", "顾问", "部长助理",
    "副助理部长", "助理部长", "副部长", "部长", "副主任", "主任", "副局长", "局长", "助理署长", "副署长", "署长",
    "副省长", "省长", "副州长", "州长", "副市长", "市长", "大使", "候任主席", "执行副主席", "副主席", "主席",
    "副总理", "总理", "副总统", "总统", "首相", "国务大臣", "大臣", "国务卿", "副秘书长", "秘书长", "执行秘书",
    "常委", "专员", "副司长", "司长", "议长", "国王", "王储", "外长", "副总干事", "总干事", "行长", "总裁",
    "会长", "理事长", "院长", "总书记", "书记", "委员", "总监", "首席执行官", "主管", "参赞", "发言人",
    "院士", "教授", "研究员", "董事长", "总经理", "首席科学家",
)
# International organisations a person may speak for: the actor is the organisation's name
# as English readouts write it (GUIDE.md: "United Nations").
ORGANISATION_ACTORS = {
    "联合国": "United Nations", "世界银行": "World Bank", "国际货币基金组织": "International Monetary Fund",
    "国际能源署": "International Energy Agency", "国际可再生能源署": "IRENA",
    "世界气象组织": "World Meteorological Organization", "联合国环境规划署": "United Nations Environment Programme",
    "联合国开发计划署": "United Nations Development Programme", "亚洲开发银行": "Asian Development Bank",
    "亚洲基础设施投资银行": "Asian Infrastructure Investment Bank", "世界贸易组织": "World Trade Organization",
    "绿色气候基金": "Green Climate Fund", "全球环境基金": "Global Environment Facility",
}
# Titles that may follow a name ("李强总理", "解振华特使"), and honorifics that do.
TITLES_AFTER = ("总书记", "主席", "总理", "副总理", "特使", "总统", "副总统", "首相", "部长", "大使", "秘书长", "国务卿",
                "外长", "大臣", "同志", "先生", "女士", "阁下")

PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃",
             "青海", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
# Institutions whose officials represent China (the state's name is not written before them).
CN_INSTITUTIONS = ("国务院", "外交部", "生态环境部", "国家发展改革委", "国家发展和改革委员会", "发展改革委", "发改委",
                   "国家能源局", "中共中央", "中央政治局", "全国人大", "全国政协", "商务部", "财政部", "科技部",
                   "工业和信息化部", "自然资源部", "住房和城乡建设部", "交通运输部", "农业农村部", "国家林业和草原局",
                   "中国人民银行", "国家主席", "国家副主席")

# Chinese cities that readouts name as meeting places, with the standard one-character
# abbreviation of the capital (在京 = in Beijing).
CITY_ABBREVIATIONS = {"京": "北京", "沪": "上海", "津": "天津", "渝": "重庆", "穗": "广州", "深": "深圳"}
