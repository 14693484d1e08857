"""Keywords of a user's texts: TextRank over their content words.

The taxonomy names what Persona knows to look for; keywords show what a user actually talks
about, taxonomy or not (冲锋衣, 始祖鸟, marathon, 猫砂). Words are jieba's for Chinese and plain
words for English (tools/analyzers/text.py). Opinion, degree, negation and stop words — every
lexicon entry and every word made of lexicon entries (太贵, 挺快) — are left out, and so are the
emotion and intent cue words and phrasings (投诉, 请问, "filing a complaint"), the frame of a chat or
survey (你好, 订单号, "feedback") and what the user dislikes or refuses to buy again, so the keywords
are topics, products, brands and places rather than "很好" or "really". TextRank (Mihalcea & Tarau 2004, as in jieba.analyse.textrank, without
its slow part-of-speech pass) ranks a word by the words it co-occurs with, so a word that ties a
user's texts together beats one repeated in a single sentence.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import mul, sub
from pathlib import Path
from typing import Iterable

from tools.analyzers.cues import (ASKED_INTENT, EXTRA_EMOTION, EXTRA_INTENT, cue_spans, cue_word_scanner,
                                  find_intents, scan_cues)
from tools.analyzers.sentiment import aspect_head, covered_by_lexicon, get_lexicon
from tools.analyzers.tags import disliked, may_dislike
from tools.analyzers.text import HAN, _cut, normalize, taxonomy

WINDOW = 4          # words within this distance co-occur
DAMPING = 0.85
ITERATIONS = 20     # at most; most graphs settle in under ten
TOLERANCE = 1e-2    # the order and two-decimal weights are all that is kept
DEFAULT_K = 8
CACHE_SIZE = 4096  # texts whose content words are kept (bounded: memory stays flat on any build)
WORDS_CACHE_SIZE = 65536  # words whose topic part and cue-pattern test are kept (bounded, as above)
COMMON_ZH_PATH = Path(__file__).with_name("common_zh.txt")  # scripts/make_common_words.py
# Runs of Chinese characters (jieba cuts them, cached) and English words of 3+ letters; a hyphenated
# compound is one word ("noise-cancelling" is a topic, "cancelling" alone is not).
_RUN_RE = re.compile(rf"(?P<han>[{HAN}]+)|(?P<word>(?<![a-z0-9'-])[a-z]{{3,}}(?:-[a-z]{{2,}})*(?![a-z0-9']))")
# English adverbs by their endings (basically, finally, reasonably, painfully, definitely): they
# say how, never what. Short '-ly' words are left alone (family, jelly, supply).
_ADVERB_RE = re.compile(r"(?:ally|ously|fully|ably|ibly|ately|itely|edly|ively|ingly|ently|antly)$")
_QUANTITY = re.compile(r"^[一二两三四五六七八九十几半每第][个件枚只款次号岁天年月周瓶盒双套份种样回遍百千万]?.?$")  # 一枚, 两件, 一百多

# Frequent function words no lexicon lists (the lexicons hold words that carry opinion); common
# Chinese words beyond these come from common_zh.txt.
STOP_ZH = {
    "我们", "你们", "他们", "她们", "自己", "这个", "那个", "这些", "那些", "一个", "一些", "一下", "什么",
    "怎么", "这样", "那样", "还是", "就是", "然后", "因为", "所以", "而且", "如果", "可以", "已经", "没有",
    "现在", "时候", "感觉", "觉得", "东西", "真的", "时间", "今天", "昨天", "明天", "这次", "上次", "下次",
    "以后", "之前", "之后", "无数次", "其实", "还有", "只是", "不过", "但是", "虽然", "一直", "一样", "知道", "看到",
    "这里", "那里", "这家", "这款", "这种", "大家", "有点", "一点", "出来", "起来", "下来", "一次", "两次",
    "收到", "购买", "买了", "用了", "买的", "用的", "的话", "还会", "不会", "应该", "需要", "比较", "每次",
    "牌子", "品牌", "下班", "上班", "刚满", "自带",
    # an opinion the lexicon leaves out (read as one, it turned a held-back price verdict)
    "离谱", "太离谱",
    # the frame of a chat, a survey or an order, not its subject
    "你好", "您好", "亲亲", "保修", "订单", "订单号", "单号", "快递单号", "反馈", "评价", "问卷", "打分", "评分",
    "满意度", "链接", "新手",
}
STOP_EN = {
    "the", "and", "for", "that", "this", "with", "was", "were", "are", "but", "not", "you", "your", "have",
    "has", "had", "they", "them", "their", "there", "here", "what", "when", "which", "who", "how", "all",
    "any", "can", "could", "would", "should", "will", "just", "also", "too", "very", "really", "from",
    "into", "out", "about", "than", "then", "been", "being", "its", "it's", "our", "ours", "his", "her",
    "she", "him", "one", "two", "got", "get", "did", "does", "doing", "done", "again", "after", "before",
    "over", "only", "some", "more", "most", "much", "many", "such", "even", "still", "because", "while",
    "this", "these", "those", "yet", "ever", "once", "since", "week", "weeks", "day", "days", "time",
    "bought", "buy", "ordered", "order", "use", "used", "using", "thing", "things", "lot", "way", "made",
    "find", "found", "every", "make", "makes", "made", "total", "next", "last", "first", "life", "year",
    "years", "month", "months", "today", "yesterday", "tonight", "now", "back", "went", "going", "come",
    "came", "take", "took", "want", "wanted", "need", "needed", "think", "thought", "know", "knew", "say",
    "said", "tell", "told", "try", "tried", "look", "looking", "looked", "see", "saw", "seen", "give",
    "gave", "keep", "kept", "let", "put", "feel", "felt", "seem", "seems", "anyone", "someone", "everyone",
    "something", "anything", "everything", "nothing", "always", "never", "sometimes", "maybe", "though",
    "without", "within", "around", "through", "other", "another", "each", "both", "few", "same", "own",
    "sure", "since", "until", "where", "why", "whose", "whom", "off", "down", "via", "per", "etc",
    # pronouns, quantities and fillers
    "myself", "yourself", "himself", "herself", "itself", "ourselves", "themselves", "mine", "yours", "hers",
    "theirs", "between", "across", "along", "among", "above", "below", "under", "behind", "beside", "against",
    "during", "already", "almost", "enough", "quite", "rather", "pretty", "really", "actually", "though",
    "whole", "half", "little", "less", "least", "else", "instead", "anyway", "anyways", "otherwise", "however",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "hundred", "thousand", "dozen",
    "twice", "third", "second", "fourth", "fifth", "new", "old", "big", "small", "hard", "easy", "right", "left",
    "stuff", "bit", "kind", "sort", "part", "side", "end", "point", "reason", "question", "option", "options",
    "minute", "minutes", "hour", "hours", "morning", "evening", "night", "weekend", "weekends",
    "tbh", "lol", "omg", "btw", "imo", "yes", "yeah", "yep", "nope", "okay", "ok", "hey", "wow", "please", "thanks",
    "definately", "probably", "genuinely", "whenever", "whatever", "wherever", "whoever", "sooo", "smh",
    "person", "fell", "honestly", "mostly", "lately", "nearly", "mind", "brand", "brands",
    # the frame of a chat, a survey or an order, not its subject
    "feedback", "survey", "rate", "rating", "ratings", "scale", "number", "customer", "customers", "hello",
    "beginner", "beginners", "warranty", "link", "experience", "experiences",
    # irregular forms of the generic verbs below
    "taken", "paid", "brought", "chose", "chosen", "ran", "lost", "won", "became", "began", "begun", "sat",
    "stood", "heard", "spoke", "spoken", "wrote", "written", "sent", "spent", "meant", "left",
}
# Generic verbs: whatever their form (decide, decided, deciding, decides), they say nothing about
# what a user cares for. Their inflections are made by _forms.
GENERIC_VERBS = (
    "decide", "take", "come", "try", "buy", "pay", "keep", "carry", "switch", "pick", "wait", "hit", "start",
    "stop", "help", "like", "love", "move", "turn", "bring", "show", "call", "ask", "leave", "happen", "seem",
    "mean", "hope", "check", "change", "cancel", "return", "receive", "arrive", "compare", "consider", "wonder",
    "plan", "guess", "believe", "expect", "finish", "manage", "notice", "realize", "realise", "remember",
    "forget", "prefer", "recommend", "suggest", "miss", "spend", "save", "choose", "pass", "add",
    "open", "close", "sit", "stand", "stay", "live", "hear", "listen", "talk", "speak", "write", "send",
    "set", "fit", "work", "lose", "win", "allow", "include", "become", "begin", "continue", "follow", "reach",
)


def _forms(verb: str) -> set[str]:
    """A regular verb's forms: decide → decides, decided, deciding; stop → stopped, stopping;
    carry → carries, carried. Forms that are not words are harmless: they are only left out."""
    forms = {verb, verb + "s", verb + "es", verb + "ed", verb + "d", verb + "ing"}
    if verb.endswith("e"):
        forms.add(verb[:-1] + "ing")
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if len(verb) >= 3 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}   # stop → stopped, cancel → cancelled
    return forms


STOP_EN |= {form for verb in GENERIC_VERBS for form in _forms(verb)}


@dataclass(frozen=True)
class Keyword:
    word: str
    weight: float   # 0..1, the top keyword is 1
    count: int      # how often the user wrote it


Spans = tuple[tuple[int, int], ...]


def user_keywords(texts: Iterable[str], k: int = DEFAULT_K, cues: Iterable[Spans | None] | None = None) -> list[Keyword]:
    """The ``k`` words that best sum up these texts, strongest first (empty for no content words).

    ``cues``: per text, where its emotion and intent cues lie (``TextAnalysis.cue_spans``), when
    the text was analyzed already; None (for all or one): the text is scanned for them here."""
    texts = list(texts)
    spans = list(cues) if cues is not None else [None] * len(texts)
    sequences = [_content_words(text, where) for text, where in zip(texts, spans, strict=True) if text]
    counts = Counter(chain.from_iterable(sequences))
    if not counts:
        return []
    ranks = _textrank(sequences)
    # A word that co-occurs with nothing (a one-word text) keeps PageRank's floor, not zero.
    score = {word: ranks.get(word, 1 - DAMPING) for word in counts}
    ordered = sorted(counts, key=lambda word: (-score[word], -counts[word], word))[:k]
    top = score[ordered[0]]
    return [Keyword(word, round(score[word] / top, 2), counts[word]) for word in ordered]


@lru_cache(maxsize=CACHE_SIZE)
def _content_words(text: str, cues: Spans | None = None) -> tuple[str, ...]:
    """The text's content words in order. Cached: the same review or search query recurs across
    users, and the build asks for every user's texts (jieba's cut of each run is cached too, but
    normalizing and filtering the words were half of the keywords' cost). The lexicon teaches
    jieba its words once, before the first cut, so a cached result never goes stale. ``cues`` (see
    ``user_keywords``) only saves a scan: a text's words are the same with or without it.

    Words the user dislikes or refuses ("不喜欢户外", "再也不买这款面膜了") are no interest: they are
    left out, as the interest tags leave them out."""
    get_lexicon()  # teaches jieba the lexicon's and the taxonomy's words before the first cut
    norm = normalize(text)
    words = []  # (word, start, end)
    for match in _RUN_RE.finditer(norm):
        if match.lastgroup == "han":
            start = match.start()
            for piece in _cut(match.group()):
                word = _topic_part(piece)
                if word:
                    words.append((word, start, start + len(piece)))
                start += len(piece)
        elif _english_topic(match.group()):
            words.append((match.group(), match.start(), match.end()))
    if words:
        words = _outside_cues(norm, words, cues)
    if words and (may_dislike(norm) or _REFUSAL.search(norm)):
        words = _without_refused(norm, words)
    return tuple(word for word, _, _ in words)


def _outside_cues(norm: str, words: list[tuple[str, int, int]], spans: Spans | None) -> list[tuple[str, int, int]]:
    """The words minus those that phrase an emotion or intent ("filing a complaint", "加购物车"):
    they say what the user feels or wants, not what about. A word the cue only spans (始祖鸟 in
    "和 始祖鸟 冲锋衣 对比") is its object, not its phrasing: only words the patterns spell count.
    ``spans``: the cues' spans, when the text's analysis found them already."""
    spelled = [_spelled_by_cues(word) for word, _, _ in words]
    if not any(spelled):   # most texts: no word a pattern spells, so no need to scan for the cues
        return words
    if spans is None:
        spans = cue_spans(norm, scan_cues(norm))
    return [(word, start, end) for (word, start, end), cue_word in zip(words, spelled)
            if not (cue_word and any(a < end and start < b for a, b in spans))]


@lru_cache(maxsize=1)
def _cue_patterns() -> str:
    """The emotion and intent patterns' text: the words they spell."""
    return "\n".join(chain(EXTRA_EMOTION.values(), EXTRA_INTENT.values(), ASKED_INTENT.values()))


@lru_cache(maxsize=WORDS_CACHE_SIZE)
def _spelled_by_cues(word: str) -> bool:
    """Whether the emotion or intent patterns spell ``word``. Cached: a search of their ~14,000
    characters takes ~40 µs, and the same words recur in text after text."""
    return word in _cue_patterns()


@lru_cache(maxsize=WORDS_CACHE_SIZE)
def _topic_part(word: str) -> str | None:
    """The part of a Chinese word that may name a topic: None for function words, common words,
    quantities and whatever the lexicons read (opinions whole or built of lexicon words: 太贵, 挺快,
    价格便宜, 服务态度); a compound ending in an aspect word keeps its head (手机屏幕 -> 手机).
    Cached: the same words recur in text after text."""
    if len(word) < 2 or word in STOP_ZH or word in common_zh() or _QUANTITY.match(word) or word[1:] in "过了着":
        return None
    if word in _cue_words():
        return None
    entries = get_lexicon().entries
    if word in entries or covered_by_lexicon(word):
        return None
    head = aspect_head(word)
    return _topic_part(head) if head else word


def _english_topic(word: str) -> bool:
    return (word not in STOP_EN and word not in get_lexicon().entries and not _ADVERB_RE.search(word)
            and word not in _cue_words())


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    """Emotion and intent cue words (下单, 请问, 纠结, 测评, uninstall, refund): what the user feels or
    wants to do, never what they talk about. Interest words that are also cues stay (潜水, 攀岩)."""
    interests = set(taxonomy().terms("interest"))
    return frozenset(word for word, owners in cue_word_scanner().terms.items()
                     if word not in interests and any(kind != "value" for kind, _ in owners))


# A refusal may lie ahead ("再也不买", "不会再来", "never buying … again"): only then are the intents read.
_REFUSAL = re.compile(r"再也不|不(?:会|想|打算|准备)?再|never|again|won't|will not|no longer")
_CLAUSE_END = re.compile(r"[,.!?;:，。！？；：\n]")


def _without_refused(norm: str, words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The words minus those under a dislike (tags.disliked) and those of a clause that refuses
    to buy again ("再也不买这个牌子的洗面奶了"); a refusal with no word of its own refuses what the
    clause before it named ("洗面奶用了过敏，再也不买了")."""
    clauses = [0, *(m.end() for m in _CLAUSE_END.finditer(norm)), len(norm) + 1]

    def clause_of(offset: int) -> int:
        return next(i for i in range(len(clauses) - 1) if offset < clauses[i + 1])

    refused = set()
    for cue, _ in find_intents(norm):
        if cue.kind == "churn_risk":
            clause = clause_of(cue.start)
            own = any(clause_of(start) == clause for _, start, _ in words)
            refused.add(clause if own or clause == 0 else clause - 1)
    return [(word, start, end) for word, start, end in words
            if clause_of(start) not in refused and not disliked(norm, start, end)]


@lru_cache(maxsize=1)
def common_zh() -> frozenset[str]:
    """Chinese words too common to sum up anybody (IDF below 8 in jieba's table)."""
    return frozenset(COMMON_ZH_PATH.read_text(encoding="utf-8").split())


def _textrank(sequences: list[tuple[str, ...]]) -> dict[str, float]:
    """PageRank over the undirected co-occurrence graph of the words (edge weight = co-occurrences),
    iterated until no rank moves by more than TOLERANCE."""
    # Inner dicts are defaultdict(int), not Counter: Counter's missing-key hook runs in Python,
    # and a first co-occurrence is the common case (same counts, same order).
    edges: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for words in sequences:
        for i, word in enumerate(words):
            for other in words[i + 1:i + WINDOW]:
                if other != word:
                    edges[word][other] += 1
                    edges[other][word] += 1
    if not edges:
        return {}
    words = list(edges)
    index = {word: i for i, word in enumerate(words)}
    totals = [sum(edges[word].values()) for word in words]
    # All edges in one flat list, word by word: word i's incoming flows are sources[a:b] with
    # shares[a:b] for (a, b) = bounds[i] (neighbour j, the share of j's weight that flows to i).
    sources, shares, bounds = [], [], []
    for word in words:
        start = len(sources)
        for other, weight in edges[word].items():
            j = index[other]
            sources.append(j)
            shares.append(weight / totals[j])
        bounds.append((start, len(sources)))
    floor = 1 - DAMPING
    rank = [1.0] * len(words)
    for _ in range(ITERATIONS):
        # Every flow of the iteration in one map, then each word's sum over its slice: the same
        # products added in the same order as a per-word generator, with less interpreter work.
        flows = list(map(mul, shares, map(rank.__getitem__, sources)))
        new = [floor + DAMPING * sum(flows[a:b]) for a, b in bounds]
        moved = max(map(abs, map(sub, new, rank)))
        rank = new
        if moved < TOLERANCE:
            break
    return dict(zip(words, rank))
