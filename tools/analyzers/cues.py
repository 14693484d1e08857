"""Emotions, intents and values read from cue words.

The taxonomy's emotion, intent and value synonyms are the main cue lists (operators extend them
in schema/taxonomy.yaml); the patterns below add phrasings a word list cannot hold (第二次买,
"bought it again", 和 X 比). A cue right after a negation does not count ("不想买" is no purchase
intent; "不开心" is sadness, not joy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tools.analyzers.termscan import TermScanner
from tools.analyzers.text import HAN_RE

# --- emotions --------------------------------------------------------------------------------
EXTRA_EMOTION = {
    "joy": r"爱不释手|太好了|好开心|超开心|美滋滋|nice|love it|😍|🥰|😊|😄|😁|❤|👍|🎉|🤩",
    "anger": r"气人|坑爹|骗子|什么玩意|火冒三丈|气炸|ridiculous|fed up|😡|😠|🤬|😤",
    "sadness": r"哭了|心累|难受|伤不起|唉|sigh|let down|😢|😭|😞|💔|😔",
    "fear": r"吓死|恐怖|不敢用|不敢吃|scary|terrified|😱|😨|😰",
    "surprise": r"想不到|不敢相信|can't believe|omg|😮|😲|🤯",
    "disgust": r"霉味|发霉|苍蝇|蟑螂|头发丝|yuck|🤮|🤢|💩",
}
# A cue kind weighs this much (surprise is often only the frame of another feeling).
EMOTION_WEIGHT = {"joy": 1.0, "anger": 1.2, "sadness": 1.0, "fear": 1.0, "surprise": 0.8, "disgust": 1.1, "neutral": 0.7}

# --- intents ---------------------------------------------------------------------------------
# Patterns are written for how customers phrase each intent in general (a verb of wanting plus
# a verb of buying, "不再续", "cancel my …"), not for particular sentences. A cue after a negation
# does not count for any intent (see _intent_negated); a churn cue followed by "other places"
# is loyalty ("不会再去别家", "won't buy anything else", see LOYAL_AFTER).
def _any(*alternatives: str) -> str:
    return "|".join(alternatives)


_HERE = r"(?:这家|你们家|你家|这里|这儿|这个平台|本店|这)"
_MODAL_ZH = r"(?:会|想|打算|准备|可能)"
EXTRA_INTENT = {
    "churn_risk": _any(
        # stop renewing, cancel, delete the account or the app
        r"不(?:再|想|打算|准备|会)?再?续(?![航杯集命])(?:费|订|约|卡|会员|了|的)?", r"会员.{0,4}不续",
        r"取消(?:了)?(?:会员|订阅|自动续费|连续包[月年季]|关注)", "退会员", "销户", r"注销(?:账号|账户|会员)",
        r"(?:关(?:闭|掉)?了?|取消了?)(?:自动续费|连续包[月年季])", r"(?:自动续费|连续包[月年季])(?:也)?(?:关|取消)(?:掉|了)",
        r"删(?:掉|除)?了?(?:这个)?(?:app|软件|应用)", r"(?:app|软件|应用)\s*(?:已经|我)?(?:删|卸)(?:掉|除)?了",
        r"(?:果断|已经|直接|我)卸(?:载|掉)?了",
        # leave for another shop or platform
        r"换(?:个|一个|别的|其他|其它)?(?:平台|商家|店铺|店|别家|一家)", "去别家", "换别家",
        r"转(?:去|投|到|战)(?:了)?(?:别|其他|其它)", r"(?:以后|今后|从此)(?:都|就)?(?:去|到|在)(?:别的|别家|其他|其它)",
        r"(?:换|转|去)(?:到|成)?(?:京东|淘宝|天猫|拼多多|唯品会|亚马逊)(?:了|买)",
        # never again, not here any more, the last order
        rf"不{_MODAL_ZH}?再?(?:在|到){_HERE}(?:买|下单|消费|购物)", rf"不{_MODAL_ZH}?再?(?:来|去){_HERE}了",
        r"再也不(?:会|想)?(?:在.{1,6})?(?:买|来|光顾|去|下单)", r"再也不会用", r"再也不用(?:了|[!！。,，]|$)",
        rf"不{_MODAL_ZH}?再(?:也)?(?:回购|复购|买|来|用|光顾|下单|去)",
        r"最后一次(?:在.{1,6})?(?:买|下单|购买|光顾|来)", "最后一单",
        # English: cancel, close, uninstall, stop renewing
        r"cancel(?:l?ing|l?ed|s)? (?:my|our|the) (?:membership|subscription|account|plan)",
        r"(?:delet|clos|terminat)(?:e|ed|es|ing) (?:my|our) (?:account|membership|subscription)",
        r"(?:delet|remov)(?:e|ed|es|ing) (?:the|this|your) app",
        r"uninstall(?:ed|ing|s)?\b", r"unsubscrib(?:e|ed|ing)\b",
        r"(?:won't|will not|not|never|no longer)\s+(?:be\s+)?renew(?:ing)?\b",
        # English: go elsewhere, last order, never again
        r"(?:this|that)(?: is|'s| was| will be) (?:my|our|the) (?:very )?(?:last|final) (?:order|purchase|time)",
        r"(?:lost|losing) (?:a|another|one|your) (?:customer|client)",
        r"find (?:a |another )?(?:new|different|better|other) (?:store|shop|seller|brand|provider|retailer)",
        r"switch(?:ing|ed)?\s+(?:over\s+)?to\s+(?:another|a different|other|a competitor|a cheaper)\s+"
        r"(?:brand|store|shop|seller|provider|app|platform|company|site|retailer)",
        r"(?:take|taking|took) (?:my|our) (?:business|money) elsewhere",
        r"(?:i'm|i am|we're|we are) done with (?:this|your|you|the) (?:app|store|shop|company|brand|service|site)",
        r"(?:buy|buying|order|ordering|shop|shopping) (?:from|at|with) (?:a different|another|a new|other) "
        r"(?:store|shop|seller|retailer|brand|site|platform|company)",
        r"(?:shop|shopping|buy|buying|order|ordering|go|going) (?:somewhere else|elsewhere)\b",
        r"never (?:buying|ordering|shopping|buy|order|shop|using|use)\b"
        r"(?:\s+(?:from|here|there|at|with)\b|[^.!?,]{0,25}?\bagain\b)",
        r"never (?:coming|come|going|go) back", "not coming back",
        r"(?:won't|will not|not going to)\s+(?:be\s+)?(?:buy|buying|order|ordering|shop|shopping)[^.!?,]{0,25}?\bagain",
        r"(?:won't|will not) be (?:back|coming back|returning)",
    ),
    "purchase": _any(
        r"(?:想|要|打算|准备|计划|考虑)(?:给.{1,6})?(?:买|入(?![住睡职学门口场戏坑非])|下单|购买|囤)", "准备下单",
        r"(?:想|要|打算|准备|计划|考虑)换(?:一)?[台部双件辆套个块款只](?!平台|牌子|品牌|家|店|商家|尺码|码|颜色|色)",
        r"(?:想要|求)同款", "有链接吗",
        r"等.{1,8}(?:就|再)(?:买|入|下单|拍|入手)", "加购物车", "求链接", "哪里能买", "哪里买", "在哪买", "多少钱", "怎么卖",
        r"where (?:can i|to|do i) (?:buy|get|order)", "in the market for", "need a new",
        r"(?:want|need|going|plan(?:ning)?|intend(?:ing)?|about|ready|hoping|'d like|would like|decided)\s+to\s+"
        r"(?:buy|get|order|purchase|pick up|grab)\b"
        r"(?!\s+(?:a |my |the |some )?(?:refund|replacement|money|response|reply|answer|help|hold|back))",
        r"(?:gonna|wanna)\s+(?:buy|order|purchase|get)\b",
        r"(?:thinking (?:about|of)|considering|plan(?:ning)? on)\s+(?:buying|getting|ordering|purchasing|picking up)",
        r"looking to (?:buy|get|order|purchase|pick up|grab)\b",
        r"looking for an? (?:new|good|cheap|decent|affordable|nice)\b",
    ),
    "compare": _any(
        r"还是.{1,8}(?:好|划算|值|合适)[?？吗]", r"(?<!无)(?:和|跟|与)[^,，。!！?？;；]{1,10}(?:比|相比|哪个)",
        "哪款", "哪一款", "货比三家", r"(?:选|挑|买)哪(?:个|款|一个|一款|家)", r"纠结(?:买|选|要)?.{1,10}还是",
        r"\bpk\b", r"\bvs\.?(?!\w)", r"better than .{1,30}\?", r"comparing\b",
        r"compare[sd]? (?:prices|brands|models|options)", r"how (?:does|do|did) .{1,30} compare",
        r"(?:(?:can'?t|cannot|couldn'?t|trying to|help me) )?(?:decide|choose|pick|deciding|choosing) between",
        "torn between",
        r"which (?:one |model |brand |version )?(?:should|would|do) (?:i|you|we) (?:get|buy|choose|pick)",
    ),
    "research": _any(
        "怎么选", "如何选", "选购", "推荐一下", "有什么推荐", "有啥推荐", "哪个牌子", "值得买吗", "值不值得",
        r"(?:谁|哪位|有人|大家)(?:能|可以|给)推荐", r"(?:谁|有人|大家)推荐.{0,10}[吗么?？]",
        r"(?:有没有|有|谁)人?(?:用|买|试|入)过", r"大家(?:用|买|试)过.{0,10}[吗么?？]",
        r"求.{0,10}(?:清单|攻略|指南|测评)", r"有没有[^,，。!！?？]{0,12}推荐", r"买(?:什么|啥|哪个|哪种|哪款).{0,8}(?:好|合适)",
        r"做.{0,4}功课", r"what (?:should|do) i look for",
        r"(?:看了|查了|研究了)(?:好多|很多|一堆|不少|几篇|半天)?(?:的)?(?:测评|评测|攻略|评价|帖子)",
        r"best \w+ for", r"how to (?:pick|choose)", "any recommendations",
        r"tips (?:on|for) (?:choosing|picking|buying)",
        r"(?:has|have|did|does) (?:anyone|anybody|any of you) (?:tried|used|bought|owned|had)",
        r"anyone (?:tried|used|own|recommend)",
        r"(?:is|are) (?:it|they|(?:this|that|these|the)(?: [\w-]+){0,3}) any good",
        r"honest (?:opinions|reviews|feedback)",
        r"(?:read|reading|watched|watching|going through|went through|checking) (?:\w+ ){0,3}reviews?\b",
        r"worth (?:it|buying|the money)\b[^.!?。！？]{0,30}\?",
    ),
    "complaint": _any(
        "太差了", "什么破", "必须给个说法", "我要投诉", "要投诉", "消协", "消费者协会",
        r"找(?:你们)?(?:的)?(?:经理|领导|负责人|老板)", r"给(?:我|我们)?(?:个|一个)(?:说法|交代)", r"没人(?:管|处理|理|解决)",
        "file a complaint",
        r"(?:file|filing|make|making|lodge|lodging|submit) (?:a |an )?(?:formal |official )?complaint",
        r"(?:speak|talk) to (?:a|the|your) (?:manager|supervisor)", r"report(?:ing|ed)? (?:this|it) to",
        r"report(?:ing|ed)? (?:you|them)\b", "chargeback", r"dispute (?:the|this) charge",
        "consumer protection", r"this is (?:unacceptable|outrageous)",
    ),
    "return_refund": _any(
        r"(?:能|可以|能不能|可不可以)退(?:货|款|换|钱)?(?:吗|么|嘛)", r"(?:想|要|申请|准备|打算)退(?:货|款|换)?",
        r"(?:怎么|如何)退(?:货|款|换)?", r"(?:钱|款|货|东西)[^,，。!！?？]{0,8}退回", r"(?:就|直接|邮|寄)退回",
        r"换(?:个|一个|成)?(?:尺码|大一码|小一码|大一号|小一号|颜色)",
        r"(?<![烧热潮水色])(?:已经|果断|直接|只好|只能|给我|帮我|无理由|都|还是|最后)退了",  # not 烧退了 (a fever)
        r"退了(?:差价|款|货|钱)", "退掉", "寄回", "退钱", r"(?:要求|申请)换(?:货|一[件个双只台条])",
        r"return(?:ed|ing)? (?:it|them|this|these|those|the|my)\b",
        r"(?:send|sending|sent|ship|shipping|shipped) (?:it|them|this|these|those) back",
        r"exchange (?:it|them|this|these)\b", "get my money back",
    ),
    "repurchase": _any(
        r"第[二三四五六七八九十几]次(?:来|在.{1,4})?(?:买|购买|回购|下单|入|光顾)", r"(?:又|再次)(?:买|下单|回购)了?",
        r"再来(?:一|两|几)[瓶盒包箱袋件单罐份]", "一直在用", r"一直(?:用|买)(?!不)", "回头客", "老顾客",
        r"每(?:个)?(?:月|周|年|季)都(?:会)?(?:来|买|回购|囤|下单)", r"囤(?:了|货|一[点波些箱])",
        r"repurchas(?:e|ed|es|ing)\b", r"re-?stock(?:ed|ing|s)?\b", r"re-?order(?:ed|ing|s)?\b", r"stock(?:ing|ed)? up",
        r"(?:bought|ordered|purchased|got) (?:it |this |these |them |one )?again", "ordering again", "back for more",
        r"(?:my|the) (?:second|third|fourth|fifth|\d+(?:nd|rd|th)) (?:time|one|order|pair|bottle|box|bag)"
        r"(?: (?:buying|ordering|getting|purchasing))?",
        r"(?:ordered|bought|got|grabbed) (?:another|one more)\b",
        r"(?:ordered|bought|purchased) (?:it |this |these |them )?(?:twice|(?:\w+) times)\b",
        r"keep (?:coming back|buying|ordering)",
        r"(?:下次|以后|下回)(?:还|也|再|继续)(?:会)?(?:来|在这|在他家|在这家)?(?:买|回购|光顾|下单|来)",
        r"(?:will|would|'ll|gonna|going to)\s+(?:definitely |surely |certainly |happily )?(?:buy|order|purchase)"
        r"\s+(?:it |this |these |them |one |from (?:them|here|you) )?again",
    ),
    "consult": _any(
        "想问", "能否", "可不可以", "是否", r"怎么(?:用|操作|安装|设置|使用|连接|清洗)", r"适合.{1,10}吗", r"支持.{1,10}吗",
        r"(?:能|可以)(?:用|装|带|放|穿)(?:在|于|来)?.{0,12}(?:吗|么)",
        r"(?:什么时候|多久|几天|哪天)(?:能|可以|会)?(?:发货|到|送到|到货|补货|有货|送达)",
        "quick question", r"有(?:现)?货吗", r"有没有(?:现)?货", r"how (?:do|can|long)", "is it possible",
        r"do you (?:have|ship|offer|sell|deliver)",
        r"can you (?:tell|help|check|confirm|let me know)", r"(?:does|do) (?:it|you|this|they) ship to",
        r"when will (?:it|my|this|the)", r"does (?:it|this|the \w+) come with",
        r"what(?:'s| is) the (?:warranty|return policy|shipping|delivery time)",
        r"\bis (?:it|this|that|the [\w-]+(?: [\w-]+){0,3}) (?:suitable|compatible|safe|ok|okay|appropriate) for",
    ),
}
# After a churn cue, other places mean loyalty: 不会再去别家, 再也不买别的牌子, won't shop anywhere else.
LOYAL_AFTER = re.compile(r".{0,3}?(?:别|其他|其它|外面)|\s+(?:anywhere|elsewhere|anything else|any other|other)")
# Taxonomy cue words that are intents only in a question or a search ("recommend" in a review
# is praise; "比较" is mostly the adverb "rather").
QUESTION_ONLY = {
    "recommend", "recommendation", "recommendations", "review", "reviews", "research", "怎么样", "好不好",
    "有没有", "能不能", "can i", "does it", "could you", "question", "了解一下", "口碑", "参数",
    "buying", "purchase",
}
# Cue words that are only weak evidence of their intent.
WEAK = {"入手", "必买", "种草", "worst", "complaint", "complaints", "refund", "续费", "renew", "纠结", "剁手", "差评"}
PRICE_WORDS = re.compile(r"价格|多少钱|价钱|报价|优惠|折扣|打折|便宜|price|cost|deal|discount|cheap")
_COMPARE_VERB = re.compile(r"比较(?:一下|下|了|过|[?？\s]|$)")
QUESTION_RE = re.compile(r"[?？]|吗|么$|呢$|请问|求")

# --- values ----------------------------------------------------------------------------------
EXTRA_VALUE = {
    "eco_conscious": r"减塑|可回收|recyclable|recycled|plastic-free|碳中和|环保袋|reusable|可降解",
    "tech_optimist": r"新科技|gadget|early adopter|首发|抢先体验|智能",
    "family_first": r"为了孩子|给孩子|给宝宝|给老婆|给老公|给爸妈|家里人|全家|儿子|女儿|"
                    r"for my (?:kids|son|daughter|wife|husband|family|parents|mom|dad)",
    "health_conscious": r"低糖|减肥|卡路里|绿色食品|low-carb|vegan|gluten-free|少油少盐",
    "frugal": r"满减|领券|白菜价|on a budget|save money|cheapest|discount|打折",
    "adventurous": r"第一次尝试|第一次玩|尝试新|蹦极|跳伞|潜水|攀岩|自驾|穿越|skydiving|backpacking|bungee|new things",
}
VALUE_NEGATION = re.compile(r"(?:不在乎|不关心|不需要|不care|不考虑|don't care about|not into)\s*$")

_NEGATION_BEFORE = re.compile(r"(?:不|没|别|非|never|not|n't|no|don't)\s*(?:太|很|想|会|再|要)?\s*$")
# Before an intent cue, negation reaches further: 不打算/没必要/不需要 in Chinese, and in English a
# negation followed by a few words of wanting or planning ("don't want to", "not going to").
_INTENT_NEGATION_ZH = re.compile(
    r"(?:不|没|别|未|无需|不用|不必|懒得)(?:太|很|想|会|再|要|打算|准备|计划|需|需要|必要|用|可能|是|有)?再?\s*$|"
    r"没(?:什么|啥)(?:可|好|要)?\s*$")
_INTENT_NEGATION_EN = re.compile(
    r"\b(?:not|never|no|don'?t|do not|doesn'?t|didn'?t|won'?t|will not|wouldn'?t|isn'?t|wasn'?t|can'?t|cannot|"
    r"no longer|nothing to)\s+(?:(?:want|wanna|need|needed|plan|planning|going|gonna|intend|intending|be|to|a|an|"
    r"any|really|ever|even|again|have|had|my|it|this)\s+){0,3}$")
_DOUBLE_NEGATION = re.compile(r"(?:不得|不能|不会|不可|忍)不\s*$")  # 不得不退货: had to return it
_A_NOT_A = re.compile(r"(.)[不没]\1\s*$")  # 要不要退货, 该不该买: a question, not a refusal


@dataclass
class Cue:
    kind: str      # emotion kind, intent or value id
    text: str      # the matched words
    start: int


def find_emotions(norm: str, scan: dict | None = None) -> list[Cue]:
    """Emotion cues with negation applied: a negated joy cue is sadness, other negated cues drop."""
    out = []
    for kind, text, start in (scan or scan_cues(norm))["emotion"]:
        if _negated(norm, start):
            if kind != "joy":
                continue
            kind = "sadness"
        out.append(Cue(kind, text, start))
    return out


def find_intents(norm: str, *, search: bool = False, scan: dict | None = None) -> list[tuple[Cue, float]]:
    """Intent cues with a confidence each; question-only cues need a question or a search."""
    question = search or bool(QUESTION_RE.search(norm))
    out = []
    for kind, text, start in (scan or scan_cues(norm))["intent"]:
        if text in QUESTION_ONLY and not question:
            continue
        if text == "比较" and not _COMPARE_VERB.match(norm, start):
            continue  # 比较好 is "rather good"; 比较一下 is comparing
        if _intent_negated(norm, start):
            continue
        if kind == "churn_risk" and LOYAL_AFTER.match(norm, start + len(text)):
            continue
        confidence = 0.45 if text in WEAK else 0.75
        out.append((Cue(kind, text, start), confidence))
    if search and not any(cue.kind == "purchase" for cue, _ in out):
        match = PRICE_WORDS.search(norm)
        if match:
            out.append((Cue("purchase", match.group(), match.start()), 0.6))
    return out


def find_values(norm: str, scan: dict | None = None) -> list[Cue]:
    """Value cues (taxonomy value synonyms plus a few phrasings), unless dismissed (不在乎环保)."""
    return [
        Cue(kind, text, start)
        for kind, text, start in (scan or scan_cues(norm))["value"]
        if not VALUE_NEGATION.search(norm[max(0, start - 16):start])
    ]


def scan_cues(norm: str) -> dict[str, list[tuple[str, str, int]]]:
    """Every emotion, intent and value cue in one pass: kind -> [(id, matched text, offset)].

    Where an extra pattern and a cue word of the same kind overlap, the longer reading wins: a
    pattern that contains a cue word replaces it (第四次下单 is a repurchase, not the purchase 下单;
    不续费 is churn, not the renewal 续费); a cue word wins over a pattern that only overlaps it.
    """
    cues = _cue_index()
    found: dict[str, list[tuple[str, str, int]]] = {kind: [] for kind in _CUE_KINDS}
    for owners, text, start in cues.words.scan(norm):
        for kind, node_id in owners:
            found[kind].append((node_id, text, start))
    for match in cues.matches(norm):
        start, end = match.span()
        kind, node_id = match.lastgroup.split("__")
        overlapping = [hit for hit in found[kind] if hit[2] < end and start < hit[2] + len(hit[1])]
        if start == end or any(s < start or s + len(t) > end or len(t) == end - start for _, t, s in overlapping):
            continue
        found[kind] = [hit for hit in found[kind] if hit not in overlapping]
        found[kind].append((node_id, match.group(), start))
    for hits in found.values():
        hits.sort(key=lambda hit: hit[2])
    return found


def _negated(norm: str, start: int) -> bool:
    return bool(_NEGATION_BEFORE.search(norm[max(0, start - 8):start]))


def _intent_negated(norm: str, start: int) -> bool:
    """A negation right before an intent cue ("不想退了", "not cancelling", "don't want a refund");
    not a double negation (不得不退) nor an A-not-A question (要不要退货, 买不买)."""
    before = norm[max(0, start - 40):start]
    if _DOUBLE_NEGATION.search(before) or _A_NOT_A.search(before) or norm.startswith("给", start):
        return False  # 不给(个)说法 / 不给退款 is the shop refusing: the request stands
    if before[-1:] in ("不", "没") and len(before) >= 2 and before[-2] == norm[start]:
        return False  # 买不买: the cue word itself is the repeated verb
    return bool(_INTENT_NEGATION_ZH.search(before[-8:]) or _INTENT_NEGATION_EN.search(before))


_CUE_KINDS = ("emotion", "intent", "value")


@dataclass
class _CueIndex:
    words: TermScanner              # every cue word of the three kinds -> [(kind, id)]
    han_patterns: re.Pattern        # the extra patterns proper that contain Chinese, one named group per (kind, id)
    latin_patterns: re.Pattern      # the others (English, "vs", "pk")

    def matches(self, norm: str) -> list[re.Match]:
        """Pattern matches, left to right. A text runs only the patterns its scripts can match:
        most texts are one language, and one long alternation tried at every character is the
        cost of this step."""
        found = []
        if HAN_RE.search(norm):
            found += self.han_patterns.finditer(norm)
        if _LATIN_RE.search(norm):
            found += self.latin_patterns.finditer(norm)
        return sorted(found, key=lambda match: match.start())


@lru_cache(maxsize=1)
def _cue_index() -> _CueIndex:
    """Taxonomy cue words plus the literal alternatives of the extra patterns in one scanner;
    only the alternatives that really are patterns (和…比) go through a regex."""
    from tools.analyzers.text import taxonomy

    tax = taxonomy()
    owners: dict[str, list[tuple[str, str]]] = {}
    patterns: dict[bool, list[str]] = {True: [], False: []}  # contains Chinese -> named groups
    for kind, table in (("emotion", EXTRA_EMOTION), ("intent", EXTRA_INTENT), ("value", EXTRA_VALUE)):
        known = set(tax.ids(kind))
        for node_id, pattern in table.items():
            if node_id not in known:
                continue
            alternatives = _split_alternatives(pattern)
            literal = [alt for alt in alternatives if not any(ch in _REGEX_CHARS for ch in alt)]
            for word in literal:
                owners.setdefault(word, []).append((kind, node_id))
            rest = [alt for alt in alternatives if alt not in literal]
            for han in (True, False):
                part = [alt for alt in rest if bool(HAN_RE.search(alt)) == han]
                if part:
                    patterns[han].append(f"(?P<{kind}__{node_id}>{'|'.join(part)})")
        for word, node_id in tax.terms(kind).items():
            if word and (kind, node_id) not in owners.get(word, []):
                owners.setdefault(word, []).append((kind, node_id))
    return _CueIndex(TermScanner(owners), re.compile("|".join(patterns[True]) or "(?!)"),
                     re.compile("|".join(patterns[False]) or "(?!)"))


_LATIN_RE = re.compile("[a-z]")


_REGEX_CHARS = set(".^$*+?{}[]\\|()")


def _split_alternatives(pattern: str) -> list[str]:
    """Split a pattern at its top-level '|' (not inside groups or classes)."""
    parts, depth, current, escaped = [], 0, "", False
    for char in pattern:
        if escaped:
            current, escaped = current + char, False
            continue
        if char == "\\":
            current, escaped = current + char, True
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts
