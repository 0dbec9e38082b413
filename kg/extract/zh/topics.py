"""Topics of a Chinese commitment: GUIDE.md's eleven, read from the areas a sentence names.

A sentence that names no area but is about climate cooperation gets multilateral-process
(GUIDE.md); general eco-environmental cooperation (生态环境合作) gets forests-nature.
"""

from __future__ import annotations

from kg.model.record import TOPICS

LEXICON_ZH: dict[str, tuple[str, ...]] = {
    "energy-transition": ("能源转型", "可再生能源", "清洁能源", "新能源", "能源", "光伏", "风电", "风能", "太阳能", "氢能",
                          "电力", "电网", "储能", "煤电", "煤炭", "核电", "电动汽车", "新能源汽车", "能效"),
    "methane-non-co2": ("甲烷", "非二氧化碳", "氢氟碳化物", "短寿命气候污染物", "基加利"),
    "forests-nature": ("森林", "毁林", "生物多样性", "生态保护", "生态修复", "生态环境", "自然", "海洋", "湿地", "荒漠化",
                       "野生动物", "环境保护", "生态文明", "蓝色经济"),
    "circular-economy": ("循环经济", "资源利用效率", "资源效率", "塑料", "废物", "垃圾", "回收"),
    "subnational": ("地方", "省/州", "省州", "城市", "低碳省", "次国家"),
    "ndc-targets": ("国家自主贡献", "NDC", "碳达峰", "碳中和", "净零", "减排目标"),
    "finance": ("金融", "资金", "融资", "投资", "新集体量化目标", "气候基金", "损失与损害"),
    "carbon-markets": ("碳市场", "碳交易", "第六条", "碳定价", "碳排放权"),
    "adaptation-resilience": ("适应气候变化", "适应", "韧性", "防灾", "减灾", "早期预警"),
    "technology-industry": ("技术", "科技", "创新", "产业", "制造", "碳捕集", "CCUS", "关键矿产"),
    "multilateral-process": ("缔约方大会", "COP", "公约", "巴黎协定", "多边", "全球气候治理", "气候治理", "联合国",
                             "气候变化", "应对气候", "气候合作", "环境与气候", "气候领域", "气候危机", "气候行动"),
}
# Words that place a sentence in climate, energy or environment at all.
DOMAIN = tuple(sorted({cue for cues in LEXICON_ZH.values() for cue in cues} | {
    "气候", "环境", "生态", "绿色", "低碳", "排放", "碳", "污染", "可持续"}, key=len, reverse=True))


def topics_of(sentence: str) -> list[str]:
    found = [topic for topic in TOPICS if any(cue in sentence for cue in LEXICON_ZH.get(topic, ()))]
    if "生态环境合作" in sentence and "forests-nature" not in found:
        found.append("forests-nature")
    if not found and in_domain(sentence):
        found.append("multilateral-process")
    return [t for t in TOPICS if t in found]


def in_domain(sentence: str) -> bool:
    return any(cue in sentence for cue in DOMAIN)
