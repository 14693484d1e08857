"""Interest tags from what a text mentions, with the taxonomy merging synonyms (猫主子 → pet_cat_owner).

A mention under a dislike ("不喜欢户外", "not into gaming") is no interest: it is reported apart
as a dislike. Nor is a word that only sets the scene: a feature of the place complained about
("空调太冷了", "the music is too loud": the customer is not into air conditioners), or the channel
something came by ("外卖送来的书": the book came by food delivery). Confidence grows with the evidence: a more specific interest, a liking word in the
same clause (喜欢, 每周, love), more than one mention.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tools.analyzers.entities import Found
from tools.analyzers.lexicon import PEOPLE_EN, PEOPLE_ZH
from tools.analyzers.termscan import TermScanner
from tools.analyzers.text import HAN_RE, taxonomy
from tools.analyzers.types import TagHit

_BEFORE_CUES = (r"不喜欢|讨厌|不爱|不想|受不了|不玩|不看|从不|从来不|再也不|戒了|烦死|hate|hates|don't like|do not like|"
                r"not into|not a fan of|never|dislike|can't stand|not interested in")
_AFTER_CUES = r"不感兴趣|没兴趣|没有兴趣|不感冒|无感|is not for me|isn't for me|not for me"
_DISLIKE_BEFORE = re.compile(rf"(?:{_BEFORE_CUES})\s*(?:\S{{0,2}}|[a-z]+\s)$")
_DISLIKE_AFTER = re.compile(rf"^\s*\S{{0,2}}(?:{_AFTER_CUES})")
_ANY_DISLIKE = re.compile(f"{_BEFORE_CUES}|{_AFTER_CUES}")  # whether a text may dislike anything at all
_LIKE = re.compile(
    r"喜欢|热爱|爱上|迷上|经常|常常|每周|每天|周末|入坑|爱好|坚持|资深|发烧友|"
    r"love|enjoy|into|fan of|every weekend|hobby|passion|obsessed"
)
_CLAUSE_EDGE = re.compile(r"[,.!?;，。！？；\n]")
# A delivery channel: 外卖送来的, 外卖小哥, 闪送送到, or its delivery complained about (外卖太慢了, 外卖才到,
# 外卖洒了): how the food came, not a liking for eating out.
_CHANNEL_AFTER = re.compile(r"^\s*(?:送来|送到|送过来|送的|送了|送得|配送|小哥|骑手|员|"
                            r"(?:也|又|太|好|很|真|超|特别|非常|总是|老是)?(?:慢|迟到|超时|洒)|才(?:到|送)|还没(?:到|送))")
# Someone else using the thing (私教上课一直玩手机, "the waiter was on his phone"): the writer's
# complaint about that person, not the writer's interest.
_SOMEONE_ELSES = re.compile(
    rf"(?:{PEOPLE_ZH})[^,，。!！?？]{{0,8}}?(?:在|一直|老是|总是|只顾着?|光顾着?)?(?:玩|刷|看|用|打|盯着)$|"
    rf"\b(?:{PEOPLE_EN})s?\b[^,.!?;]{{0,30}}?\b(?:on|using|checking|playing with|looking at|glued to|scrolling)"
    r"(?: through)? (?:his|her|their)\s+$")
_USING_VERBS = ("玩", "刷", "看", "用", "打", "盯着")  # the last words of _SOMEONE_ELSES's Chinese branch
# Words an interest term is part of but which name something else: a phone number or call is no
# interest in phones, a price hike no hike ("another price hike", "phone number", "拨打电话").
_NOT_THE_THING_AFTER = re.compile(r"^\s*(?:numbers?|calls?|bills?|line|plans?|contract)\b")
# Interest words that are everyday English verbs too: "switch formula brands", "steam the fish"
# speak of no games. They name the interest only in a text that speaks of play.
_EVERYDAY_WORDS = {"switch", "steam"}
_PLAY = re.compile(r"\b(?:play|plays|playing|played|game|games|gaming|gamer|nintendo|zelda|mario|pok[eé]mon|"
                   r"joy-?cons?|oled|xbox|playstation|ps[345])\b|玩|游戏|任天堂|塞尔达|宝可梦|掌机")
_NOT_THE_THING_BEFORE = re.compile(
    r"\b(?:price|prices|rate|rates|tax|fee|fees|rent|wage|pay|fare|tariff|premium|interest rate|cost)\s+$|"
    r"\b(?:by|over the|on the|answer the|pick up the|picked up the|hang up the)\s+$")


def find_tags(norm: str, entities: list[Found], whole_words=None, terms: list | None = None,
              complaints: list[tuple[int, int]] = ()) -> tuple[list[TagHit], list[TagHit]]:
    """(interest tags, disliked interests) for a normalized text and the entities found in it.

    ``whole_words(start, end)`` rejects a Chinese synonym found inside a longer word (手机 in 手机号).
    ``terms``: ``interest_scanner().scan(norm)``, when the caller has it already (analyze_text
    scans for all its dictionaries in one pass).
    ``complaints``: the spans of the clauses that complain about the place itself (空调太冷了).
    """
    tax = taxonomy()
    liked: dict[str, TagHit] = {}
    disliked: dict[str, TagHit] = {}
    for interest, words, start in _mentions(norm, whole_words, terms):
        end = start + len(words)
        before, clause = _clause_around(norm, start, end)
        if _disliked(norm, before, end):
            _add(disliked, interest, 0.7, words)
            continue
        if words in _EVERYDAY_WORDS and not _PLAY.search(norm):
            continue
        if _CHANNEL_AFTER.match(norm[end:]) or _names_something_else(norm, start, end) or (
                any(s <= start < e for s, e in complaints) and not _LIKE.search(clause)):
            continue
        level = tax.get(interest).level
        confidence = 0.6 + 0.05 * (level - 1) + (0.15 if _LIKE.search(clause) else 0.0)
        _add(liked, interest, confidence, words)
    for entity in entities:
        if entity.interest and entity.interest not in liked and entity.interest not in disliked and not (
                _names_something_else(norm, entity.start, entity.end)):
            _add(liked, entity.interest, 0.5, norm[entity.start:entity.end])
    return list(liked.values()), list(disliked.values())


def _names_something_else(norm: str, start: int, end: int) -> bool:
    """Whether the interest word stands for another thing here: someone else's phone, a phone
    number, a price hike."""
    if _NOT_THE_THING_AFTER.match(norm[end:end + 12]):
        return True
    # The patterns before the word end in a space ("checking her ", "price ") or in a verb of
    # using (玩, 刷, 看, 用, 打, 盯着): most interest words follow neither, and need no search.
    if not (norm[start - 1:start].isspace() or norm.endswith(_USING_VERBS, 0, start)):
        return False
    head = norm[max(0, start - 48):start]  # wide enough for "the instructor kept checking her"
    edges = list(_CLAUSE_EDGE.finditer(head))
    before = head[edges[-1].end():] if edges else head
    return bool(_SOMEONE_ELSES.search(before) or _NOT_THE_THING_BEFORE.search(before))


def may_dislike(norm: str) -> bool:
    """Whether the text holds a dislike cue at all (most texts hold none: one search)."""
    return _ANY_DISLIKE.search(norm) is not None


def disliked(norm: str, start: int, end: int) -> bool:
    """Whether the words at [start, end) stand under a dislike ("不喜欢户外", "not into gaming",
    "对露营不感兴趣"): the keywords leave such words out, as the tags do."""
    return _disliked(norm, _clause_around(norm, start, end)[0], end)


def _disliked(norm: str, before: str, end: int) -> bool:
    return bool(_DISLIKE_BEFORE.search(before) or _DISLIKE_AFTER.search(norm[end:end + 12]))


def _mentions(norm: str, whole_words, terms: list | None) -> list[tuple[str, str, int]]:
    """Interest terms that stand as words. The scan is leftmost-longest, so a Chinese term cut out
    of other words can hide the real one that overlaps it (准备考雅思: 备考 is no word there, 考雅思
    is): after such a term the text is scanned again from its next character."""
    scanner = interest_scanner()
    pending, out = list(scanner.scan(norm) if terms is None else terms), []
    while pending:
        interest, words, start = pending.pop(0)
        if whole_words is None or whole_words(start, start + len(words)):
            out.append((interest, words, start))
        elif HAN_RE.match(words):
            offset = start + 1
            pending = [(i, w, s + offset) for i, w, s in scanner.scan(norm[offset:])]
    return out


@lru_cache(maxsize=1)
def interest_scanner() -> TermScanner[str]:
    """The taxonomy's interest names and synonyms (taxonomy.find_terms, made fast)."""
    return TermScanner(taxonomy().terms("interest"))


def _add(hits: dict[str, TagHit], interest: str, confidence: float, words: str) -> None:
    hit = hits.get(interest)
    if hit is None:
        hits[interest] = TagHit(interest, round(min(confidence, 0.95), 2), words)
        return
    hit.confidence = round(min(max(hit.confidence, confidence) + 0.1, 0.95), 2)
    if words not in hit.evidence.split(", "):
        hit.evidence = f"{hit.evidence}, {words}"


def _clause_around(norm: str, start: int, end: int) -> tuple[str, str]:
    """The clause text before the mention, and the whole clause around it."""
    head = norm[max(0, start - 24):start]
    edges = list(_CLAUSE_EDGE.finditer(head))
    before = head[edges[-1].end():] if edges else head
    tail_match = _CLAUSE_EDGE.search(norm, end)
    tail = norm[end:tail_match.start() if tail_match else len(norm)]
    return before, before + norm[start:end] + tail
