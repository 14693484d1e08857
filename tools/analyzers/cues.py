"""Emotions, intents and values read from cue words.

The taxonomy's emotion, intent and value synonyms are the main cue lists (operators extend them
in schema/taxonomy.yaml); the patterns below add phrasings a word list cannot hold (第二次买,
"bought it again", 和 X 比). A cue right after a negation does not count ("不想买" is no purchase
intent; "不开心" is sadness, not joy), except that a negated buy-again is churn ("wouldn't buy
again"). Some phrasings are intents only in a question or a search (ASKED_INTENT, SEARCHED_INTENT).
tests/fixtures/everyday_intents.tsv holds the everyday phrasings these are measured on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tools.analyzers.lexicon import ALTERNATIVES, SWITCH_EN, SWITCH_ZH
from tools.analyzers.startfilter import compile_filtered, filtered
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
# Cards and passes a customer holds at a gym, salon, school or shop (年卡, 会员卡, 次卡).
_CARDS = r"年|半年|季|月|周|次|会员|储值|充值|健身|游泳|美容|美发|课时|私教|vip"
# What a customer holds and may cancel, freeze or transfer (English).
_MEMBERSHIP_EN = r"membership|subscription|account|plan|pass|card|contract"
_MODAL_ZH = r"(?:会|想|敢|打算|准备|可能)"
# Leaving for a named rival or shopping for one (lexicon.SWITCH_EN, SWITCH_ZH, ALTERNATIVES): churn risk and a
# comparison at once (find_intents adds the compare); the rival, the last word of the cue, is their target.
SWITCH_TO = re.compile(f"{SWITCH_EN}|{SWITCH_ZH}|{ALTERNATIVES}")
_RIVAL = re.compile(r"(?:\bto\s+|换成|换到|转到|转投|迁到|迁移到|切换到|改用)(?P<rival>(?!别|其他|其它)[^\s，,。!！?？]+?)[.]?$")
EXTRA_INTENT = {
    "churn_risk": _any(
        # stop renewing, cancel, delete the account or the app
        r"不(?:再|想|打算|准备|会)?再?续(?![航杯集命])(?:费|订|约|卡|会员|了|的)?", r"会员.{0,4}不续",
        r"取消(?:了)?(?:会员|订阅|自动续费|连续包[月年季]|关注)", "退会员", "销户", r"注销(?:账号|账户|会员)",
        # give back a membership card or pass (退卡, 申请退年卡, 把会员卡退了), 退会 / 退会籍
        # (the verb of wanting is part of the cue: 申请退 alone would be read first as a return)
        rf"(?:想|要|申请|准备|打算|必须|坚决)?退(?:掉|了)?(?:这张|我的)?(?:{_CARDS})?卡", rf"把(?:这张|我的)?(?:{_CARDS})卡退", r"退会(?:籍|员)?(?!议|场)",
        r"(?:关(?:闭|掉)?了?|取消了?)(?:自动续费|连续包[月年季])", r"(?:自动续费|连续包[月年季])(?:也)?(?:关|取消)(?:掉|了)",
        r"删(?:掉|除)?了?(?:这个)?(?:app|软件|应用)", r"(?:app|软件|应用)\s*(?:已经|我)?(?:删|卸)(?:掉|除)?了",
        r"(?:果断|已经|直接|我)卸(?:载|掉)?了",
        # leave for another shop, platform or a named rival
        SWITCH_EN, SWITCH_ZH, ALTERNATIVES,
        r"换(?:个|一个|别的|其他|其它)?(?:平台|商家|店铺|店|别家|一家)", "去别家", "换别家",
        r"转(?:去|投|到|战)(?:了)?(?:别|其他|其它)", r"(?:以后|今后|从此)(?:都|就)?(?:去|到|在)(?:别的|别家|其他|其它)",
        r"(?:换|转|去)(?:到|成)?(?:京东|淘宝|天猫|拼多多|唯品会|亚马逊)(?:了|买)",
        # never again, not here any more, the last order
        rf"不{_MODAL_ZH}?再?(?:在|到){_HERE}(?:买|下单|消费|购物)", rf"不{_MODAL_ZH}?再?(?:来|去){_HERE}了",
        r"再也不(?:会|想|敢)?(?:在.{1,6})?(?:买|来|光顾|去|下单)", r"再也不会用", r"再也不用(?:了|[!！。,，]|$)",
        rf"不{_MODAL_ZH}?再(?:也)?(?:回购|复购|买|来|用|光顾|下单|去)",
        r"最后一次(?:在.{1,6})?(?:买|下单|购买|光顾|来)", "最后一单",
        # trust lost; a purchase given up; "will I buy again?" answered no
        r"再也不(?:会|想|敢)?(?:相信|信|信任|碰)", r"不敢再(?:买|用|信|相信|来)", r"算了[,，\s]*(?:还是)?不(?:买|要)了",
        r"(?:还会|还要|会)再?(?:买|回购|来|光顾)(?:吗|么)?[?？]\s*(?:不会|不|绝对不|肯定不|再也不)",
        # English: cancel, close, uninstall, stop renewing
        rf"cancel(?:l?ing|l?ed|s)? (?:my|our|the) (?:\w+ ){{0,2}}?(?:{_MEMBERSHIP_EN})\b",
        rf"(?:refund|money back) (?:on|for|of) (?:my|our|the) (?:\w+ ){{0,2}}?(?:{_MEMBERSHIP_EN})\b",
        rf"(?:end|terminate|quit|get out of) (?:my|our|the) (?:\w+ ){{0,2}}?(?:{_MEMBERSHIP_EN})\b",
        r"(?:delet|clos|terminat)(?:e|ed|es|ing) (?:my|our) (?:account|membership|subscription)",
        r"(?:delet|remov)(?:e|ed|es|ing) (?:the|this|your) app",
        r"uninstall(?:ed|ing|s)?\b", r"unsubscrib(?:e|ed|ing)\b",
        # a cancellation announced with no object ("I'm about to cancel", "I'm churning")
        r"(?:i'm|i am|we're|we are|i'll|we'll|i will|we will|about to|going to|gonna|ready to|(?:i|we) (?:want|need) to)"
        r"\s+(?:just\s+|probably\s+|seriously\s+)?(?:cancel(?:l?ing)?|churn(?:ing)?)\b"
        r"(?!\s+(?:my |the |this |that |our |an? )?(?:\w+\s+){0,2}?(?:order|purchase|meeting|appointment|booking|reservation|flight)s?\b)",
        r"\bchurn(?:ing|ed)? (?:soon|next month|this month)\b",
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
        r"(?:won't|will not|not going to|\b(?:i|we)(?:'m| am|'re| are) (?:not|never))\s+(?:be\s+)?"
        r"(?:buy|buying|order|ordering|shop|shopping)[^.!?,]{0,25}?\bagain",
        r"(?:won't|will not) be (?:back|coming back|returning)",
        r"(?:never|won't|will not|wouldn't|would never) (?:trust|believe) (?:them|this|that|their|these|you|it)",
        r"(?:would|will) (?:i|we) (?:buy|order|purchase|get) [^?]{0,25}?again\?\s*"
        r"(?:absolutely |hell |definitely |certainly |probably )?(?:not|no|nope|never)\b",
    ),
    "purchase": _any(
        r"(?:想|要|打算|准备|计划|考虑)(?:给.{1,6})?(?:买|入(?![住睡职学门口场戏坑非])|下单|购买|囤)", "准备下单",
        r"(?:想|要|打算|准备|计划|考虑)换(?:一)?[台部双件辆套个块款只](?!平台|牌子|品牌|家|店|商家|尺码|码|颜色|色)",
        r"(?:想要|求)同款", "有链接吗",
        r"等.{1,8}(?:就|再)(?:买|入|下单|拍|入手)", "加购物车", "求链接", "哪里能买", "哪里买", "在哪买", "怎么卖",
        r"(?<!费)(?<!费要)(?<!费是)(?<!退)(?<!退给我)(?<!返)多少钱",  # 能退多少钱: a refund, not a price  # 运费多少钱 asks about a fee (consult), not the price of a thing
        # a purchase put off to a day or an event: 双十一再买, 发了工资就入, 明年再换
        r"(?:双十一|双11|双十二|双12|618|黑五|年货节|过年|年底|月底|下个?月|下周|下礼拜|明天|明年|改天|回头|过几天|过两天|"
        r"过段时间|到时候|发工资|发了工资|降价|打折|有活动|搞活动)(?:的时候|了|时|后|以后)?(?:就|再)(?:买|入|下单|入手|拍|囤|换)(?![了过])",
        r"[攒存]钱(?:买|换|入)",
        r"where (?:can i|to|do i) (?:buy|get|order)", "in the market for", "need a new",
        r"(?:want|need|going|plan(?:ning)?|intend(?:ing)?|about|ready|hoping|'d like|would like|decided)\s+to\s+"
        r"(?:buy|get|order|purchase|pick up|grab)\b"
        r"(?!\s+(?:a |my |the |some )?(?:refund|replacement|money|response|reply|answer|help|hold|back))",
        r"(?:gonna|wanna)\s+(?:buy|order|purchase|get|grab|pick up|by(?=\s+(?:a|an|the|one|this|that|these|those|some|two)\b))\b"
        r"(?!\s+(?:another|one more|more)\b)",  # "gonna order another" is a buy-again (below)
        # a purchase told in the future tense ("I'll probably buy the blue one"), never a buy again
        r"(?:'ll|(?<!when )(?<!how )(?<!what )(?<!why )(?<!where )\bwill)\s+(?:probably |definitely |likely |maybe |prob |def |just |finally |totally |most likely )?"
        r"(?:buy|order|purchase|grab|pick up|by(?=\s+(?:a|an|the|one|this|that|these|those|some|two)\b)|"
        r"get(?=\s+(?:one|this|that|these|those|two|the (?:[\w-]+ )?(?:one|size|model|version|colou?r))\b))\b"
        r"(?!\s+(?:a |my |the |some )?(?:refund|replacement|money|response|reply|answer|help|hold|back)\b)"
        r"(?!\s+(?:another|one more|more|from|at|elsewhere|somewhere)\b)(?![^.!?,]{0,30}\bagain\b)",  # where: churn
        r"\bpre-?order(?:ed|ing|s)?\b", r"sav(?:e|es|ing|ed) up for (?:a|an|the|my|our|new)\b",
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
        r"哪(?:个|款|种|一个|一款)(?:更|比较)(?!少)", r"有(?:啥|什么)不(?:一样|同)",
        r"which (?:one |model |brand |version )?(?:should|would|do) (?:i|you|we) (?:get|buy|choose|pick)",
    ),
    "research": _any(
        "怎么选", "如何选", "选购", "推荐一下", "有什么推荐", "有啥推荐", "哪个牌子", "值得买吗", "值不值得",
        r"(?:谁|哪位|有人|大家)(?:能|可以|给)推荐", r"(?:谁|有人|大家)推荐.{0,10}[吗么?？]",
        r"(?:有没有|有|谁)人?(?:用|买|试|入)过", r"大家(?:用|买|试)过.{0,10}[吗么?？]",
        r"求.{0,10}(?:清单|攻略|指南|测评)", r"有没有[^,，。!！?？]{0,12}推荐", r"买(?:什么|啥|哪个|哪种|哪款).{0,8}(?:好|合适)",
        r"做.{0,4}功课", r"what (?:should|do) i look for",
        r"(?:看了|查了|研究了)(?:好多|很多|一堆|不少|几篇|半天)?(?:的)?(?:测评|评测|攻略|评价|帖子)",
        r"how to (?:pick|choose)", "any recommendations",
        r"tips (?:on|for) (?:choosing|picking|buying)",
        r"(?:has|have|did|does) (?:anyone|anybody|any of you) (?:tried|used|bought|owned|had)",
        r"anyone (?:tried|used|own|recommend)",
        r"(?:is|are) (?:it|they|(?:this|that|these|the)(?: [\w-]+){0,3}) any good",
        r"honest (?:opinions|reviews|feedback)",
        r"(?:read|reading|watched|watching|going through|went through|checking) (?:\w+ ){0,3}reviews?\b",
        r"worth (?:it|buying|the money)\b[^.!?。！？]{0,30}\?",
        r"\bany (?:tips|suggestions|advice|recs|ideas|pointers)\b",
        r"有(?:什么|啥|没有)(?:好的?)?(?:办法|方法|建议|技巧|经验|窍门|妙招)",
        r"\b(?:is|are) (?:it|they|this|that|these|the [\w-]+(?: [\w-]+){0,3}) (?:really )?worth (?:it|buying|getting|the)\b",
    ),
    "complaint": _any(
        "太差了", "什么破", "有没有搞错", "必须给个说法", "我要投诉", "要投诉", "消协", "消费者协会",
        r"找(?:你们)?(?:的)?(?:经理|领导|负责人|老板)", r"给(?:我|我们)?(?:个|一个)(?:说法|交代)", r"没人(?:管|处理|理|解决)",
        "file a complaint",
        r"别(?:再)?(?:给我)?(?:打(?:电话)?|发(?:短信|消息)?|催|推销|骚扰)(?:了|我)", r"stop (?:calling|texting|emailing|pushing|bugging|harass\w*) (?:me|us)\b",
        r"(?:file|filing|make|making|lodge|lodging|submit) (?:a |an )?(?:formal |official )?complaint",
        r"(?:speak|talk) to (?:a|the|your) (?:manager|supervisor)", r"report(?:ing|ed)? (?:this|it) to",
        r"report(?:ing|ed)? (?:you|them)\b", "chargeback", r"dispute (?:the|this) charge",
        "consumer protection", r"this is (?:unacceptable|outrageous)",
        # charged twice; marked delivered but never received
        r"(?:charged|billed) (?:me |us )?(?:twice|double|two times|three times)", r"double[- ]?(?:charged|billed)",
        r"重复扣(?:款|费|钱)", r"扣了两次", r"多扣了?(?:钱|款|费)",
        r"(?:says|said|shows|showed|showing|marked|listed)(?: as| it was| it's| it is)? delivered\b[^.!?]{0,12}\bbut\b",
        r"签收.{0,8}(?:没|没有|未|根本没)(?:收到|拿到|见到)",
    ),
    "return_refund": _any(
        r"(?:能|可以|能不能|可不可以)退(?:货|款|换|钱)?(?:吗|么|嘛)", r"(?:想|要|申请|准备|打算)退(?:货|款|换)?",
        r"(?:怎么|如何)退(?:货|款|换)?", r"(?:钱|款|货|东西)[^,，。!！?？]{0,8}退回", r"(?:就|直接|邮|寄)退回",
        r"换(?:个|一个|成)?(?:尺码|大一码|小一码|大一号|小一号|颜色)",
        r"(?<![烧热潮水色])(?:已经|果断|直接|只好|只能|给我|帮我|无理由|都|还是|最后)退了",  # not 烧退了 (a fever)
        r"退了(?:差价|款|货|钱)", r"(?:能|可以)退(?:多少|几成|一部分)", "退掉", "寄回", "退钱", "退书", "退给我",
        # 把上周买的书退了 / 把这单退掉: the thing, then the return
        r"把[^,，。!！?？]{1,15}?(?<![烧热])退(?:了|掉|回去|回来|货|款)",
        # "can I return a book", not "return to your café" (coming back) nor "return the favour"
        r"(?:(?:can|could|may|do) (?:i|we) (?:still )?|how (?:do|can|could) (?:i|we) |(?:want|wanted|like|need|have|going) to )"
        r"return\b(?! (?:to|home|the favou?r|visit|trip)\b)", r"(?:要求|申请)换(?:货|一[件个双只台条])",
        r"return(?:ed|ing)? (?:it|them|this|these|those|the|my)\b",
        r"(?:send|sending|sent|ship|shipping|shipped) (?:it|them|this|these|those) back",
        r"exchange (?:it|them|this|these)\b", "get my money back",
        r"(?:swap|switch|change|exchange)(?:ped|ping|ed|ing|d)? (?:it|them|this|these|those|that) (?:for|to) "
        r"(?:a |the )?(?:size|different|bigger|smaller|larger|another|other)",
        r"换成(?:[黑白红蓝绿灰粉紫黄棕米]色|[大小]一?[码号]|[xsml]{1,3}(?![a-z])码?|\d+码)", r"(?:必须|一定要|坚决|我得|只能|只好)退(?!休|出|役|烧|步|化)",
        # cancelling an order undoes a purchase (cancelling a membership is churn, above)
        r"cancel(?:l?ing|l?ed|s)?\s+(?:my|the|this|that|our|an?)\s+(?:\w+\s+){0,2}?(?:order|purchase)s?\b",
        r"取消(?:这个|这笔|这单|我的|一下|掉)?的?订单", r"订单(?:能|可以|能不能|帮我|麻烦|请|要)?取消",
        r"(?:怎么|如何|能不能|能|可以|可不可以|帮我|我想|想|要|申请|麻烦)取消(?!.{0,4}(?:会员|订阅|自动续费|连续包|关注|账号|账户|收藏|点赞))",
    ),
    "repurchase": _any(
        r"第[二三四五六七八九十几]次(?:来|在.{1,4})?(?:买|购买|回购|下单|入|光顾)", r"(?:又|再次)(?:买|下单|回购)了?",
        r"再来(?:一|两|几)[瓶盒包箱袋件单罐份]", "一直在用", r"一直(?:用|买)(?!不)", "回头客", "老顾客",
        r"每(?:个)?(?:月|周|年|季)都(?:会)?(?:来|买|回购|囤|下单)", r"囤(?:了|货|一[点波些箱])",
        r"repurchas(?:e|ed|es|ing)\b", r"\bre-?stock(?:ed|ing|s)?\b", r"\bre-?order(?:ed|ing|s)?\b", r"stock(?:ing|ed)? up",
        r"(?:bought|ordered|purchased|got) (?:it |this |these |them |one )?again", "ordering again", "back for more",
        r"(?:my|the) (?:second|third|fourth|fifth|\d+(?:nd|rd|th)) (?:time|one|order|pair|bottle|box|bag)"
        r"(?: (?:buying|ordering|getting|purchasing))?",
        r"(?:ordered|bought|got|grabbed) (?:another|one more)\b",
        r"(?:ordered|bought|purchased) (?:it |this |these |them )?(?:twice|(?:\w+) times)\b",
        r"keep (?:coming back|buying|ordering)",
        r"\b(?:second|third|fourth|fifth|\d+(?:nd|rd|th)) time (?:buying|ordering|getting|purchasing)",
        r"(?:order|buy|grab|orders|buys|ordering|buying)\s+(?:another|one more|more)\b"
        r"(?!\s+(?:than|expensive|costly|pricey|often|of|\w+er)\b)", r"(?:get|getting)\s+(?:another|one more)\b",
        r"(?:下次|以后|下回)(?:还|也|再|继续)(?:会)?(?:来|在这|在他家|在这家)?(?:买|回购|光顾|下单|来)",
        r"(?:will|would|'ll|'d|gonna|going to)\s+(?:definitely |surely |certainly |happily )?(?:buy|order|purchase)"
        r"\s+(?:it |this |these |them |one |from (?:them|here|you) )?again",
    ),
    "consult": _any(
        # freeze, pause or transfer a card or membership: a service request, no complaint, no renewal
        r"(?:冻结|停卡|暂停|转让|转卡|过户|延期)(?:[^。！!]{0,12}?)(?:吗|么|嘛|[?？])",
        r"(?:可以|能|能不能|可不可以|怎么|如何|想|申请|办理?)(?:把)?(?:这张|我的)?(?:年卡|月卡|会员卡|卡|会员|会籍)?"
        r"(?:冻结|停卡|暂停|转让|转给|过户|延期)",
        rf"(?:freez|paus|suspend|transferr?|hold)(?:e|es|ed|ing)? (?:my|our|the) (?:\w+ ){{0,2}}?(?:{_MEMBERSHIP_EN})\b",
        rf"put (?:my|our|the) (?:\w+ ){{0,2}}?(?:{_MEMBERSHIP_EN}) on hold",
        "想问", "能否", "可不可以", "是否", r"怎么(?:用|操作|安装|设置|使用|连接|清洗)", r"适合.{1,10}吗", r"支持.{1,10}吗",
        r"(?:能|可以)(?:用|装|带|放|穿)(?:在|于|来)?.{0,12}(?:吗|么)",
        r"(?:什么时候|啥时候|多久|几天|哪天)(?:能|可以|会|才)?(?:发货|到|送到|到货|补货|有货|送达)",
        "quick question", r"有(?:现)?货吗", r"有没有(?:现)?货", r"how (?:do|can|long)", "is it possible",
        # where the parcel is, fees, invoices, a changed address, a lower price, what to do now
        # asked (怎么还没到) or said as the whole clause (快递还没到啊); not 物流不到三天 nor 还没发货的话
        r"(?:快递|包裹|物流|订单|货|东西)(?:怎么|为什么|为啥|咋)(?:还|一直|迟迟)?(?:没|不|未)(?:到|发|发货|送到|更新|动静|消息)",
        r"(?:快递|包裹|物流|订单|货|东西)(?:还|一直|迟迟)(?:没|未)(?:到|发货|发|送到|更新|动静|消息)(?:呢|啊|吗|么)?"
        r"(?=[?？!！。,，~]|$)",
        r"(?:快递|包裹|物流|订单|货)(?:现在)?(?:到|在)哪(?:了|里|儿)?", r"(?:运费|邮费|快递费)(?:是|要)?(?:多少|怎么算|几块)",
        r"包邮(?:吗|么|嘛|不)", r"发(?:什么|啥|哪个|哪家)(?:快递|物流)", r"发(?:顺丰|京东物流|韵达|圆通|中通|申通|邮政|ems|德邦)(?:吗|么|嘛|[?？])",
        r"(?:能|可以|能不能|可不可以|怎么)给?开(?:具)?(?:个|张)?(?:发票|收据|专票|普票)",  # not 没给开发票 (a grievance)
        r"(?:改|修改|更改)(?:一下)?(?:收货|收件|配送)?(?:地址|电话|收件人)", r"(?:地址|电话|收件人)(?:写|填|留)错",
        r"(?:能不能|可不可以)(?:再)?便宜(?:点|一点|些|一些)", r"(?:能|可以)(?:再)?便宜(?:点|一点|些|一些)(?:吗|么|嘛|不|[?？])",
        r"(?:有|能给|可以给)(?:点|个)?(?:优惠|折扣)(?:吗|么|嘛)",
        r"(?<!知道)(?<!晓得)(?:怎么|如何|在哪里?|在哪儿|哪里)(?:申请|办理|联系|提交)", r"怎么办(?:呢|啊|呀|哇)?(?:[?？]|$)",
        r"where(?:'s|s| is| are) (?:my|our|the) (?:order|package|parcel|delivery|stuff|refund|item|shipment)s?\b",
        r"(?:has|have|did|is) (?:my|our|the) (?:order|package|parcel|item|shipment)s? (?:been )?"
        r"(?:ship|shipped|sent|dispatched|arrived|go out|gone out)\b",
        r"\bh(?:o)?w much (?:is |are |does |would |will |for |to )?(?:the )?(?:ship+ing|delivery|postage)",
        r"change (?:my|the) (?:shipping |delivery )?address",
        r"\b(?:is|are) (?:it|this|that|these|they|those|the [\w-]+(?: [\w-]+){0,2}) (?:still |also )?"
        r"(?:available|in stock|back in stock|(?:[\w-]+ )?(?:safe|proof|washable|adjustable|refundable|returnable)|true to size)\b",
        r"do you (?:have|ship|offer|sell|deliver)",
        r"can (?:you|u|ya) (?:tell|help|check|confirm|let me know)", r"(?:does|do) (?:it|you|this|they) ship to",
        r"when will (?:it|my|this|the)", r"does (?:it|this|the \w+) come with",
        r"what(?:'s| is) the (?:warranty|return policy|shipping|delivery time)",
        r"\bis (?:it|this|that|the [\w-]+(?: [\w-]+){0,3}) (?:suitable|compatible|safe|ok|okay|appropriate) for",
    ),
}
# Phrasings that are intents only in a question or a search ("compared to" in a review is a verdict,
# "有什么推荐？" asks for one), and those that are intents only in a search ("how to clean suede").
ASKED_INTENT = {
    "compare": _any(r"compared? (?:to|with)\b", r"worth the (?:extra|difference|upgrade|jump)",
                    # not the relative clause of a statement ("…, which is better for reading")
                    r"which (?:one |model |brand |version |of (?:these|them|the two) )?(?:is|'s|would be) "
                    r"(?:better|best|cheaper|more \w+|\w+er)\b"),
    "research": _any(r"best(?: [\w-]+){1,4} for\b", r"推荐(?:一下|下)?(?:[?？]|$)", r"\b(?:recs|suggestions|tips|advice)\s*\?",
                     r"tips (?:on|for)\b"),
}
# A search for a list or for ideas ("露营 装备清单", "homeware ideas") is browsing, not research: the
# demo's generated users search that way with no research intent (86 false intents on 2,000 users).
SEARCHED_INTENT = {
    "research": _any(r"^(?:how to|how do you|ways to|what to)\b", r"(?:怎么|如何)(?!样)"),
}
# After a churn cue, other places mean loyalty: 不会再去别家, 再也不买别的牌子, won't shop anywhere else.
LOYAL_AFTER = re.compile(r".{0,3}?(?:别|其他|其它|外面)|\s+(?:anywhere|elsewhere|anything else|any other|other)")
# Taxonomy cue words that are intents only in a question or a search ("recommend" in a review
# is praise; "比较" is mostly the adverb "rather").
QUESTION_ONLY = {
    "recommend", "recommendation", "recommendations", "review", "reviews", "research", "怎么样", "好不好",
    "有没有", "能不能", "can i", "does it", "could you", "question", "了解一下", "口碑", "参数",
    "buying", "purchase", "which is better",  # "…, which is better for reading" is a statement
}
# Cue words that are only weak evidence of their intent.
WEAK = {"入手", "必买", "种草", "worst", "complaint", "complaints", "refund", "续费", "renew", "纠结", "剁手", "差评"}
PRICE_WORDS = re.compile(r"价格|多少钱|价钱|报价|优惠|折扣|打折|便宜|price|cost|deal|discount|cheap")
_COMPARE_VERB = re.compile(r"比较(?:一下|下|了|过|[?？\s]|$)")
# 有没有 / 能不能 / 可不可以 / 会不会 ask without a '?' when they head their clause, after at most a
# subject (这款有没有大一码的, 订单能不能改地址); elsewhere they are indirect (不知道有没有货, 验一下
# 有没有烂的) or not one word at all (技能不能同时按). 好不好 / 是不是 are mostly a topic or rhetoric.
QUESTION_RE = re.compile(
    r"[?？]|吗|么$|呢$|请问|求|(?:^|[,，。.!！;；~\s])(?:请问|那|亲)?[这那]?[个款件双台本些]?"
    r"(?:[a-z0-9][a-z0-9 ]{0,15}|订单|快递|你们|你家|商家|店家|客服|卖家|老板)?(?:有没有|能不能|可不可以|会不会)(?!搞错)")
# A wish told in the past is no intent: 本来想买红色的, "I was going to buy it but ...".
_PAST_WISH = re.compile(r"(?:本来|原本|原来|当初|当时|之前|差点|差一点)(?:是)?(?:想|要|打算|准备|计划)?\s*$|\b(?:was|were|had been|almost|nearly)\s+$")
# An order placed, told to time its delivery (下单一个半小时才送到, 下单三天了还没发货, 刚下单就发货了): a
# purchase made, often in a complaint about the wait, not an intent to buy.
_ORDER_TIMED = re.compile(r"[^，,。.!！?？；;]{0,14}?(?:送到|送达|送来|送过来|到货|才到|就到|到了|收到|发货|发出|还没到|没到)")
# Someone else urging a renewal or a purchase ("销售天天打电话让我续卡", "staff keep pushing me to renew"):
# the renewal is theirs, not the writer's intent.
_PUSHED = re.compile(r"(?:让|催|逼|劝|叫|求)我(?:赶紧|快点?|再)?\s*$|"
                     r"\b(?:push|pushes|pushing|pushed|pressur\w*|nag\w*|badger\w*|hassl\w*|ask\w*|tell\w*|want\w*) "
                     r"(?:me|us) (?:in)?to (?:\w+ )?$")
# What a customer holds at a gym, salon or school: a refund of it ends the membership (年卡…申请退款).
_HELD = re.compile(rf"(?:{_CARDS})卡|会员|会籍|\b(?:membership|subscription|annual pass|season pass|monthly pass)\b")
# A fee word that holds a renewal word (手续费 holds 续费).
_FEES = ("手续费",)
# A renewal named as what costs ("续费价格又涨了", 续费太贵, "the renewal fee went up"): a price, no intent to renew.
_PRICED = re.compile(r"的?(?:价格|价钱|价|费用|金额|又?涨|太贵|好贵|很贵|贵了|要\d)|(?:al)?\s+(?:price|prices|fee|fees|cost|costs|rate)\b")


def _inside_fee(norm: str, start: int) -> bool:
    return any(norm.startswith(fee, start - fee.index("续")) for fee in _FEES if start >= fee.index("续"))


# A negated buy-again is a customer leaving ("wouldn't buy again", "不打算回购"); a buy-again that did
# not happen yet (没回购, "haven't reordered") is not.
_AGAIN = re.compile(r"again|回购|复购")
_NOT_YET = re.compile(r"没|didn'?t|did not|haven'?t|have not|hasn'?t|has not")

# --- values ----------------------------------------------------------------------------------
EXTRA_VALUE = {
    "eco_conscious": r"减塑|可回收|recyclable|recycled|plastic-free|碳中和|环保袋|reusable|可降解|"
                     r"second[- ]?hand|thrift(?:ed|ing)\b|thrift (?:store|shop)s?|pre-?owned|"
                     r"(?:less|reduce|reducing|cut(?:ting)? down on|cut(?:ting)? back on) (?:food |plastic )?waste|"
                     r"for the planet|carbon footprint|碳排放|排碳|少排点?碳|减碳|(?:少用|不用|拒绝)一次性|自带(?:水杯|杯子|餐具|购物袋)",
    "tech_optimist": r"新科技|gadget|early adopter|首发|抢先体验|智能",
    "family_first": r"为了孩子|给孩子|给宝宝|给老婆|给老公|给爸妈|家里人|全家|儿子|女儿|"
                    r"for my (?:kids|son|daughter|wife|husband|family|parents|mom|dad)|"
                    r"(?:mom|mum|mother|dad|father|mama|papa|parent) of (?:two|three|four|five|twins|one|a|\d)\b|"
                    r"(?:[买送]给|陪|带|给)我?(?:老妈|老爸|妈妈|爸爸|我妈|我爸|爷爷|奶奶|外公|外婆|姥姥|姥爷|媳妇|公婆|岳父|岳母)",
    "health_conscious": r"低糖|减肥|卡路里|绿色食品|low-carb|vegan|gluten-free|少油少盐|"
                        r"戒(?:糖|烟|酒|奶茶|碳水|油炸|宵夜|零食)|少吃(?:点|一点|些)?(?:糖|油|盐|甜食|外卖|零食)|"
                        r"cut(?:ting)? (?:down on |back on |out )?(?:sugar|carbs|junk food|soda|alcohol|caffeine|salt|fried food)|"
                        r"quit(?:ting)? (?:sugar|soda|smoking|drinking|junk food)|eat(?:ing)? (?:clean|healthier|better)\b",
    "frugal": r"满减|领券|白菜价|on a budget|save money|cheapest|discount|打折|"
              r"能(?:省|修|用|凑合|将就)就(?:省|修|用|凑合|将就)|不乱(?:买|花钱?)|舍不得(?:花钱|买)|"
              r"省了(?:一半|不少|好多|一大笔|\d+)|\bsaved (?:\$?\d+|half|a lot|a bunch|\d+%)",
    "self_improvement": r"坚持(?:每天)?(?:学|背|练|读|打卡|早起|自学)|每天(?:坚持)?(?:学习|背单词|练字|阅读|读书|打卡)|"
                        r"打卡学|背单词|自学|考证|"
                        r"(?:reading|fitness|learning|yearly|annual|new year'?s?|this year'?s?|life) goals?\b|\bresolutions?\b|"
                        r"this year,? is my goal|goals? for (?:this|the|next) year|"
                        r"(?:learn|learning|learned|learnt|studying|practicing|practising) (?:to code|to play|"
                        r"a new (?:skill|language|instrument|sport)|"
                        r"spanish|english|french|japanese|korean|german|chinese|italian|coding|programming|piano|guitar|python)\b",
    "adventurous": r"第一次尝试|第一次玩|尝试新|蹦极|跳伞|潜水|攀岩|自驾|穿越|skydiving|backpacking|bungee|new things",
}
VALUE_NEGATION = re.compile(
    r"(?:不在乎|不关心|不需要|不care|不考虑|don't care about|not into|(?:don't|do not|doesn't) need(?: another| more| any| an?)?)\s*$")

_NEGATION_BEFORE = re.compile(r"(?:不|没|别|非|never|not|n't|no|don't)\s*(?:太|很|想|会|再|要)?\s*$")
# Two negations cancel: 没有不满意 is no sadness, 不是不开心 no complaint.
_DOUBLE_NEGATION_BEFORE = re.compile(r"(?:不是|没有|并非|不会|没)\s*(?:不|没)\s*(?:太|很)?\s*$")
# Before an intent cue, negation reaches further: 不打算/没必要/不需要 in Chinese, and in English a
# negation followed by a few words of wanting or planning ("don't want to", "not going to").
_INTENT_NEGATION_ZH = re.compile(
    r"(?:不|没|别|未|无需|不用|不必|懒得)(?:太|很|想|会|再|要|打算|准备|计划|需|需要|必要|用|可能|是|有)?再?\s*$|"
    r"没(?:什么|啥)(?:可|好|要)?\s*$|(?:没|不)(?:感觉|觉得|发现|看出)(?:到|出)?\s*$")  # 没感觉有什么不同
_INTENT_NEGATION_EN = re.compile(
    r"\b(?:not|never|no|don'?t|do not|doesn'?t|didn'?t|won'?t|will not|wouldn'?t|isn'?t|wasn'?t|can'?t|cannot|"
    r"no longer|nothing to)\s+(?:(?:want|wanna|need|needed|plan|planning|going|gonna|intend|intending|be|to|a|an|"
    r"any|really|ever|even|again|have|had|my|it|this|think|i|we)(?:\s+|$)){0,3}$")  # "don't think i will buy"
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
    question = search or _asks(norm)
    found = scan or scan_cues(norm, search=search)
    cues = found["intent"] + (found["asked"] if question else []) + (found["searched"] if search else [])
    out = []
    for kind, text, start in sorted(cues, key=lambda cue: cue[2]):
        if text in QUESTION_ONLY and not question:
            continue
        if text == "比较" and not _COMPARE_VERB.match(norm, start):
            continue  # 比较好 is "rather good"; 比较一下 is comparing
        if _intent_negated(norm, start):
            if kind == "repurchase" and _AGAIN.search(text) and not _NOT_YET.search(norm[max(0, start - 16):start]):
                out.append((Cue("churn_risk", text, start), 0.6))
            continue
        if kind == "churn_risk" and (LOYAL_AFTER.match(norm, start + len(text)) or _moves_home(norm, Cue(kind, text, start))):
            continue
        if kind == "purchase" and (_PAST_WISH.search(norm[max(0, start - 12):start])
                                   or (text == "下单" and _ORDER_TIMED.match(norm, start + len(text)))):
            continue
        if kind == "repurchase" and (_PUSHED.search(norm[max(0, start - 24):start]) or _inside_fee(norm, start)
                                     or _PRICED.match(norm, start + len(text))):
            continue
        if search and kind == "consult":
            kind = "research"  # a search box is not the shop: "空调怎么清洗" looks something up
        confidence = 0.45 if text in WEAK else 0.75
        out.append((Cue(kind, text, start), confidence))
    out = _without_deferred_rebuys(out)
    out += [(Cue("compare", cue.text, cue.start), confidence) for cue, confidence in out
            if cue.kind == "churn_risk" and SWITCH_TO.fullmatch(cue.text)]
    refund = next((cue for cue, _ in out if cue.kind == "return_refund"), None)
    if refund is not None and not any(cue.kind == "churn_risk" for cue, _ in out) and _HELD.search(norm):
        out.append((Cue("churn_risk", refund.text, refund.start), 0.6))  # a membership refunded is one ended
    if search and not any(cue.kind == "purchase" for cue, _ in out):
        match = PRICE_WORDS.search(norm)
        if match:
            out.append((Cue("purchase", match.group(), match.start()), 0.6))
    return out


def rival(cue: Cue) -> tuple[int, int] | None:
    """Where a switching cue names the rival it leaves for ("switching to notion" -> notion), as
    offsets in the text; None for any other cue."""
    if not SWITCH_TO.fullmatch(cue.text):
        return None
    match = _RIVAL.search(cue.text)
    return None if match is None else (cue.start + match.start("rival"), cue.start + match.end("rival"))


PLACES_PATH = Path(__file__).with_name("places_en.txt")  # scripts/make_place_names.py
# After a move's destination, words that say the writer moves house: "moving to Austin for a new job".
_RELOCATION = re.compile(r"[\s,]+(?:for (?:work|a (?:new )?job|my (?:new )?job|school|uni|university|college|my studies)|"
                         r"to (?:live|study|work)\b|with (?:my|our) (?:family|wife|husband|partner|kids|children|parents))")


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """The English names of countries, regions and big cities, lower case (places_en.txt)."""
    return frozenset(PLACES_PATH.read_text(encoding="utf-8").split("\n")) - {""}


def _moves_home(norm: str, cue: Cue) -> bool:
    """A switch whose destination is a place ("thinking of moving to berlin", "moving to new york", "moving
    to austin for a new job"): the writer moves house, no rival is left for."""
    span = rival(cue)
    if span is None or HAN_RE.search(norm[span[0]:span[1]]):
        return False
    words = re.findall(r"[a-z.'-]+", norm[span[0]:span[0] + 40])   # a place of up to three words: new york
    if any(" ".join(words[:n]).strip(".") in place_names() for n in (1, 2, 3)):
        return True
    return _RELOCATION.match(norm, span[1]) is not None


def _without_deferred_rebuys(cues: list[tuple[Cue, float]]) -> list[tuple[Cue, float]]:
    """双十一再买 / 明年再换 put a purchase off: the 再买 inside is no buy-again."""
    later = [cue for cue, _ in cues if cue.kind == "purchase"]
    return [
        (cue, confidence) for cue, confidence in cues
        if cue.kind != "repurchase"
        or not any(p.start <= cue.start and cue.start + len(cue.text) <= p.start + len(p.text) for p in later)
    ]


def find_values(norm: str, scan: dict | None = None) -> list[Cue]:
    """Value cues (taxonomy value synonyms plus a few phrasings), unless dismissed (不在乎环保)."""
    return [
        Cue(kind, text, start)
        for kind, text, start in (scan or scan_cues(norm))["value"]
        if not VALUE_NEGATION.search(norm[max(0, start - 24):start])
    ]


def scan_cues(norm: str, *, search: bool = False, words: list | None = None) -> dict[str, list[tuple[str, str, int]]]:
    """Every emotion, intent and value cue in one pass: kind -> [(id, matched text, offset)].

    The question-only and search-only patterns run only on a question or a search (``search``:
    the text is a search query, as for ``find_intents``): elsewhere their cues would be dropped.
    ``words``: ``cue_word_scanner().scan(norm)``, when the caller has it already (analyze_text
    scans for all its dictionaries in one pass).

    Where an extra pattern and a cue word of the same kind overlap, the longer reading wins: a
    pattern that contains a cue word replaces it (第四次下单 is a repurchase, not the purchase 下单;
    不续费 is churn, not the renewal 续费); a cue word wins over a pattern that only overlaps it.
    """
    cues = _cue_index()
    found: dict[str, list[tuple[str, str, int]]] = {kind: [] for kind in _CUE_KINDS}
    for owners, text, start in (cues.words.scan(norm) if words is None else words):
        for kind, node_id in owners:
            found[kind].append((node_id, text, start))
    for match in cues.matches(norm, gated=search or _asks(norm)):
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


def cue_spans(norm: str, found: dict, *, search: bool = False) -> tuple[tuple[int, int], ...] | None:
    """The (start, end) of the emotion and intent cues (asked ones included) in ``found``, the
    ``scan_cues(norm, search=search)`` of the text: what the keywords leave out. None where a search
    read finds more than a plain one (a search that asks nothing runs the question-only patterns
    too): the keywords, which read every text plainly, then scan it themselves."""
    if search and not _asks(norm):
        return None
    return tuple((start, start + len(text)) for kind in ("emotion", "intent", "asked") for _, text, start in found[kind])


@lru_cache(maxsize=1)  # scan_cues and then find_intents ask it of the same text
def _asks(norm: str) -> bool:
    """Whether the text asks something (QUESTION_RE)."""
    return bool(QUESTION_RE.search(norm))


def _negated(norm: str, start: int) -> bool:
    before = norm[max(0, start - 8):start]
    return bool(_NEGATION_BEFORE.search(before)) and not _DOUBLE_NEGATION_BEFORE.search(before)


def _intent_negated(norm: str, start: int) -> bool:
    """A negation right before an intent cue ("不想退了", "not cancelling", "don't want a refund");
    not a double negation (不得不退) nor an A-not-A question (要不要退货, 买不买)."""
    before = norm[max(0, start - 40):start]
    if _DOUBLE_NEGATION.search(before) or _A_NOT_A.search(before) or norm.startswith("给", start):
        return False  # 不给(个)说法 / 不给退款 is the shop refusing: the request stands
    if before[-1:] in ("不", "没") and len(before) >= 2 and before[-2] == norm[start]:
        return False  # 买不买: the cue word itself is the repeated verb
    return bool(_INTENT_NEGATION_ZH.search(before[-8:]) or _INTENT_NEGATION_EN.search(before))


_CUE_KINDS = ("emotion", "intent", "asked", "searched", "value")


@dataclass
class _CueIndex:
    words: TermScanner              # every cue word of the three kinds -> [(kind, id)]
    # The extra patterns proper that contain Chinese, one named group per (kind, id): the main
    # table's, then the asked / searched ones apart (matches of one alternation do not overlap, and
    # a gated cue must not be hidden by an ungated one on the same words: 空调怎么清洗).
    han_patterns: tuple[re.Pattern, re.Pattern | None]
    latin_patterns: tuple[re.Pattern, re.Pattern | None]  # the others (English, "vs", "pk"), likewise

    def matches(self, norm: str, *, gated: bool) -> list[re.Match]:
        """Pattern matches, left to right. A text runs only the patterns its scripts can match, and
        the gated (asked / searched) ones only when ``gated``: one long alternation tried at every
        character is the cost of this step."""
        found = []
        for script, (main, gated_pattern) in ((HAN_RE, self.han_patterns), (_LATIN_RE, self.latin_patterns)):
            if script.search(norm):
                found += main.finditer(norm)
                if gated and gated_pattern is not None:
                    found += gated_pattern.finditer(norm)
        return sorted(found, key=lambda match: match.start())


def cue_word_scanner() -> TermScanner:
    """The cue words (taxonomy synonyms and the literal alternatives of the extra patterns) ->
    [(kind, id)]."""
    return _cue_index().words


@lru_cache(maxsize=1)
def _cue_index() -> _CueIndex:
    """Taxonomy cue words plus the literal alternatives of the extra patterns in one scanner;
    only the alternatives that really are patterns (和…比) go through a regex."""
    from tools.analyzers.text import taxonomy

    tax = taxonomy()
    owners: dict[str, list[tuple[str, str]]] = {}
    patterns: dict[tuple[bool, bool], list[str]] = {}  # (contains Chinese, gated) -> named groups
    tables = (("emotion", "emotion", EXTRA_EMOTION), ("intent", "intent", EXTRA_INTENT), ("asked", "intent", ASKED_INTENT),
              ("searched", "intent", SEARCHED_INTENT), ("value", "value", EXTRA_VALUE))
    for kind, ids, table in tables:
        known = set(tax.ids(ids))
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
                    patterns.setdefault((han, kind != ids), []).append(f"(?P<{kind}__{node_id}>{filtered('|'.join(part))})")
        if kind != ids:
            continue  # asked / searched: patterns only; the taxonomy's words are intent cues
        for word, node_id in tax.terms(kind).items():
            if word and (kind, node_id) not in owners.get(word, []):
                owners.setdefault(word, []).append((kind, node_id))
    compiled = {(han, gated): compile_filtered(("" if han else _NOT_MID_WORD) + "(?:" + "|".join(groups) + ")")
                for (han, gated), groups in patterns.items()}
    return _CueIndex(TermScanner(owners), (compiled[(True, False)], compiled.get((True, True))),
                     (compiled[(False, False)], compiled.get((False, True))))


_LATIN_RE = re.compile("[a-z]")
# English cues start at a word or at a non-letter ("'ll buy"): skipping the positions inside a word
# before the long alternation is tried at them makes the English patterns ~2x faster.
_NOT_MID_WORD = r"(?:(?<![a-z0-9])|(?![a-z0-9]))"


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
