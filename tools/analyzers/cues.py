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
EXTRA_INTENT = {
    "purchase": r"(?:想|要|打算|准备)(?:给.{1,6})?买|想入|打算入|准备下单|哪里能买|哪里买|在哪买|多少钱|怎么卖|where (?:can i|to) buy|"
                r"plan(?:ning)? to get|want to get|need a new|looking for an?",
    "compare": r"还是.{1,8}(?:好|划算|值)[?？吗]|(?:和|跟|与).{1,10}(?:比|相比|哪个)|哪款|哪一款|\bpk\b|"
               r"\bvs\.?(?!\w)|better than .{1,30}\?",
    "research": r"怎么选|如何选|选购|推荐一下|有什么推荐|哪个牌子|值得买吗|值不值得|best \w+ for|how to pick|"
                r"any recommendations|worth (?:it|buying|the money)\b[^.!?]{0,30}\?",
    "complaint": r"太差了|什么破|必须给个说法|我要投诉|要投诉|file a complaint|speak to (?:a|the) manager",
    "return_refund": r"退了|退掉|return(?:ed|ing)? (?:it|them|this)|get my money back",
    "repurchase": r"第[二三四五六七八九十几]次(?:买|购买|回购)|一直在用|一直买|回头客|老顾客|"
                  r"bought (?:it |this |them )?again|ordering again|my (?:second|third) time",
    "churn_risk": r"换别家|换一家|去别家|再也不(?:会)?(?:买|来|用)|取消会员|退会员|销户|"
                  r"cancel(?:led)? my (?:membership|subscription)|never (?:buying|ordering|coming back|shopping)|"
                  r"won't (?:buy|be back|come back|return)|not coming back|delete (?:the|this) app",
    "consult": r"想问|能否|可不可以|是否|怎么(?:用|操作|安装|设置)|多久(?:能)?到|什么时候(?:发货|到)|"
               r"how (?:do|can|long)|is it possible|do you have",
}
# Taxonomy cue words that are intents only in a question or a search ("recommend" in a review
# is praise; "比较" is mostly the adverb "rather").
QUESTION_ONLY = {
    "recommend", "recommendation", "recommendations", "review", "reviews", "research", "怎么样", "好不好",
    "有没有", "能不能", "can i", "does it", "could you", "question", "了解一下", "口碑", "参数",
    "buying", "purchase",
}
# Cue words that are only weak evidence of their intent.
WEAK = {"入手", "必买", "种草", "worst", "complaint", "complaints", "refund", "续费", "renew", "纠结", "剁手"}
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
        if kind in ("purchase", "repurchase") and _negated(norm, start):
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

    A cue word wins where an extra pattern of the same kind overlaps it.
    """
    cues = _cue_index()
    found: dict[str, list[tuple[str, str, int]]] = {kind: [] for kind in _CUE_KINDS}
    for owners, text, start in cues.words.scan(norm):
        for kind, node_id in owners:
            found[kind].append((node_id, text, start))
    for match in cues.patterns.finditer(norm):
        start, end = match.span()
        kind, node_id = match.lastgroup.split("__")
        if start == end or any(s < end and start < s + len(t) for _, t, s in found[kind]):
            continue
        found[kind].append((node_id, match.group(), start))
    for hits in found.values():
        hits.sort(key=lambda hit: hit[2])
    return found


def _negated(norm: str, start: int) -> bool:
    return bool(_NEGATION_BEFORE.search(norm[max(0, start - 8):start]))


_CUE_KINDS = ("emotion", "intent", "value")


@dataclass
class _CueIndex:
    words: TermScanner              # every cue word of the three kinds -> [(kind, id)]
    patterns: re.Pattern            # the extra patterns proper, one named group per (kind, id)


@lru_cache(maxsize=1)
def _cue_index() -> _CueIndex:
    """Taxonomy cue words plus the literal alternatives of the extra patterns in one scanner;
    only the alternatives that really are patterns (和…比) go through a regex."""
    from tools.analyzers.text import taxonomy

    tax = taxonomy()
    owners: dict[str, list[tuple[str, str]]] = {}
    patterns = []
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
            if rest:
                patterns.append(f"(?P<{kind}__{node_id}>{'|'.join(rest)})")
        for word, node_id in tax.terms(kind).items():
            if word and (kind, node_id) not in owners.get(word, []):
                owners.setdefault(word, []).append((kind, node_id))
    return _CueIndex(TermScanner(owners), re.compile("|".join(patterns) or "(?!)"))


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
