"""What a word-by-word reading gets backwards, set right once a text's clauses are scored.

- Litotes and double negation: "not bad", "I don't hate it", 不是不好. The lexicon already scores
  them (a negated complaint is a mild yes; two negations cancel, weakly), but a bag-of-words model
  sees "bad", "hate", 不好 and reads a complaint: those spans are kept from the models
  (``Reading.misread``), and a double negation marks the text as hedged.
- Balance: a text that denies both extremes ("not cheap, but not expensive either", "I don't hate
  it, but I wouldn't recommend it either", 不便宜，但也不贵) is lukewarm; its last clause is no
  contrast that outweighs the first (``Reading.balance``).
- Irony: praise in scare quotes ("premium quality", 真是"快"啊, 太'实惠'了) or as a bare sarcastic
  frame ("Oh great, …", "Just fantastic.", 这质量，绝了) in a text that complains elsewhere is a
  complaint, and so is "Just love …" / "Love how …" before a complaint in its clause ("Just love
  paying more for the same crowded class"); so is praise followed by a sneer (真是良心价啊呵呵), praise
  whose extent is a complaint (好到我再也不买了), and praise that a measured fact or its hyperbole gives
  the lie in the same breath (质量真好，用了两天就坏了; 良心价，抢钱都没这么快; "Great quality, broke after two days").
- Broken promise: what was promised (说好的次日达, "it was supposed to arrive next day") and then
  did not happen (结果…, but …) is a complaint, not praise.

The patterns are data in lexicon.py (SARCASTIC_FRAME, SARCASTIC_LOVE, SARCASTIC_FRAME_ZH, SNEER_ZH, MEASURED,
PROMISE, OUTCOME).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tools.analyzers import lexicon as lx

IRONY_FACTOR = -0.8  # praise read as irony counts as a complaint of about the same strength
_QUOTES = set('"“「『\'')
# Scare quotes hold a word or two ("premium quality", "快", '实惠' — single quotes only around
# Chinese: in English they are apostrophes); a longer quote cites a title or a line.
_QUOTED = re.compile(r'["“「『](?:[^"“”「」『』\n\u4e00-\u9fff]{1,20}|[\u4e00-\u9fff]{1,6})["”」』]'
                     r"|'[\u4e00-\u9fff]{1,6}'")
_SARCASTIC = re.compile(lx.SARCASTIC_FRAME)
_SARCASTIC_ZH = re.compile(lx.SARCASTIC_FRAME_ZH.format(aspects="|".join(
    sorted((term for term in lx.ASPECT_TERMS if not term.isascii()), key=len, reverse=True))))
_SARCASTIC_LOVE = re.compile(lx.SARCASTIC_LOVE)
_SARCASTIC_CLOSER = re.compile(lx.SARCASTIC_CLOSER)
_SARCASTIC_ALWAYS = re.compile(lx.SARCASTIC_ALWAYS)
_INTERJECTION = re.compile(lx.INTERJECTION_OPENING)
_SNEER_ZH = re.compile(lx.SNEER_ZH)
_EXTENT = "到"  # 好到…, 实惠到…: what follows tells how much
_MEASURED = re.compile(lx.MEASURED)
# A sentence ends at its stop, or at a space between Chinese words (many reviews punctuate so).
_SENTENCE_END = re.compile(r"[。！？!?;；\n]|\.(?!\d)|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_PROMISE = re.compile(lx.PROMISE)
# The same words with the anchors dropped (it matches wherever _PROMISE matches in a clause): whether
# the text may state a promise at all.
_PROMISE_ANYWHERE = re.compile(lx.PROMISE.replace("^", "").replace(r"\b", ""))
_OUTCOME = re.compile(lx.OUTCOME)
_BALANCE = re.compile(r"\beither\b|(?<!再)也(?:并)?(?:不|没)")  # 再也不 is "never again"
_LITOTES = ("full", "soft", "emphatic")  # "not as good as" ("long") compares; it is no litotes
_NEGATED_WORD = ("不", "没", "无")  # 不满意, 不贵, 没用: a word with its negation built in
# Opinion words: 不贵 is a negated opinion (贵 is one), 不错 is plain praise (错 is none).
_OPINION_WORDS = set(lx.GENERAL) | set(lx.CONTEXTUAL) | {word for words, _ in lx.IMPLIED.values() for word in words}


@dataclass
class Reading:
    misread: list[tuple[int, int]] = field(default_factory=list)  # spans the models must not read
    hedged: bool = False          # a double negation
    balance: int | None = None    # the clause that denies the second extreme


def read(norm: str, clauses: list, hits: list) -> Reading:
    """Adjust ``hits`` (sentiment.Hit) in place for irony and broken promises; say which spans
    the models misread and whether the text hedges or balances.

    Args:
        norm: the normalized text; clauses: its sentiment.Clause list; hits: their scored opinions.
    """
    reading = Reading(misread=_litotes(norm, hits), hedged=any(hit.negation == "double" for hit in hits))
    reading.misread += _irony(norm, clauses, hits)
    reading.misread += _sneered_praise(norm, hits)
    _ironic_extent(norm, hits)
    reading.misread += _belied_praise(norm, clauses, hits)
    _broken_promises(norm, clauses, hits)
    reading.balance = _balance(norm, clauses, hits)
    return reading


def _litotes(norm: str, hits: list) -> list[tuple[int, int]]:
    """Double negations (不是不好; 没有不满意, a negation before a negated word) and English
    negated complaints ("not bad", "don't hate")."""
    spans = []
    for hit in hits:
        if hit.negator < 0:
            continue
        english_litotes = hit.negation in _LITOTES and norm[hit.start:hit.end] in lx.LITOTES_EN
        if hit.negation == "double" or english_litotes or norm.startswith(_NEGATED_WORD, hit.start):
            spans.append((hit.negator, hit.end))
    return spans


def _denies(norm: str, hit) -> bool:
    """Whether the opinion is a denial: negated ("not cheap", 不算贵) or a negated word (不贵)."""
    if hit.negator >= 0:
        return hit.negation in _LITOTES
    return norm.startswith(_NEGATED_WORD, hit.start) and norm[hit.start + 1:hit.end] in _OPINION_WORDS


def _irony(norm: str, clauses: list, hits: list) -> list[tuple[int, int]]:
    """Praise in scare quotes or a sarcastic frame flips when the text complains outside them."""
    spans = [m.span() for m in _QUOTED.finditer(norm)] if _QUOTES & set(norm) else []
    spans += [(c.start, c.end) for c in clauses if _SARCASTIC.fullmatch(norm[c.start:c.end].strip())]
    spans += _sarcastic_closer(norm, clauses)
    spans += _loved_complaints(norm, clauses, hits)
    if "这" in norm:
        spans += [m.span() for m in _SARCASTIC_ZH.finditer(norm) if not _turns(clauses, m.start())]
    if not spans:
        return []

    def inside(hit) -> bool:
        return any(start <= hit.start < end for start, end in spans)

    ironic = [hit for hit in hits if hit.value > 0 and inside(hit)]
    if not ironic or not any(hit.value < 0 and not inside(hit) for hit in hits):
        return []
    for hit in ironic:
        hit.scale(IRONY_FACTOR)
    return [(start, end) for start, end in spans if any(start <= hit.start < end for hit in ironic)]


def _sarcastic_closer(norm: str, clauses: list) -> list[tuple[int, int]]:
    """The last clause when it is a bare verdict a sarcastic text closes on ("… Amazing value.",
    "… Just what I needed."): the ones lexicon.SARCASTIC_CLOSER names only after an interjection."""
    if len(clauses) < 2:
        return []
    last = clauses[-1]
    words = norm[last.start:last.end].strip(" .!~…")
    if _SARCASTIC_ALWAYS.fullmatch(words) or (_SARCASTIC_CLOSER.fullmatch(words) and _INTERJECTION.match(norm)):
        return [(last.start, last.end)]
    return []


def _loved_complaints(norm: str, clauses: list, hits: list) -> list[tuple[int, int]]:
    """The "Just love" / "Love how" frames whose own clause goes on to a complaint: a sincere "love
    how friendly they are" names praise, and a complaint in another clause does not make it a sneer."""
    spans = []
    for index, clause in enumerate(clauses):
        text = norm[clause.start:clause.end]
        lead = len(text) - len(text.lstrip())
        frame = _SARCASTIC_LOVE.match(text, lead)
        if frame and any(hit.clause == index and hit.value < 0 and hit.start >= clause.start + frame.end()
                         for hit in hits):
            spans.append((clause.start + lead, clause.start + frame.end()))
    return spans


def _sneered_praise(norm: str, hits: list) -> list[tuple[int, int]]:
    """Praise followed by a sneer (真是良心价啊呵呵, 性价比真高，笑死, 太实惠了，服了) is a jeer, with or
    without another complaint; laughter before it (哈哈哈笑死) praises nothing. Returns the spans of the
    praise words."""
    spans = []
    for hit in hits:
        if hit.value > 0 and hit.negator < 0 and _SNEER_ZH.match(norm, hit.end) and norm[hit.start:hit.end] not in lx.DETACHED:
            hit.scale(IRONY_FACTOR)
            spans.append((hit.start, hit.end))
    return spans


def _turns(clauses: list, offset: int) -> bool:
    """Whether the clause at ``offset`` is the turn of a contrast ("慢了点，不过这质量，绝了" praises)."""
    return any(c.contrast and c.start <= offset < c.end for c in clauses)


def _ironic_extent(norm: str, hits: list) -> None:
    """Praise whose extent is a complaint later in its clause ("好到我再也不买了", "实惠到用一次就坏")
    is a sneer."""
    for hit in hits:
        if hit.value > 0 and norm.startswith(_EXTENT, hit.end) and any(
                other.clause == hit.clause and other.start > hit.end and other.value < 0 for other in hits):
            hit.scale(IRONY_FACTOR)


def _belied_praise(norm: str, clauses: list, hits: list) -> list[tuple[int, int]]:
    """Praise that the next words give the lie with a measured fact, with no turn between (质量真好，
    用了两天就坏了; 好便宜哦，比别家贵了一倍; "Great quality, broke after two days") is a sneer: a
    writer who means both says 但 / but. A fact that bears the praise out ("用了两年都没坏") is no
    complaint, so the praise stands. Returns the spans of the praise words (the models read them
    as praise)."""
    spans = []
    if not any(hit.value < 0 for hit in hits):
        return spans  # most texts hold no complaint, so no praise is belied (_belies wants one)
    for praise in hits:
        if praise.value > 0 and praise.negator < 0 and not clauses[praise.clause].modal and any(
                _belies(norm, clauses, praise, other) for other in hits):
            praise.scale(IRONY_FACTOR)
            spans.append((praise.start, praise.end))
    return spans


def _belies(norm: str, clauses: list, praise, other) -> bool:
    """Whether ``other`` is a measured complaint about what ``praise`` praises, in its clause or the
    next, in the same sentence and with no contrast or concession between them."""
    if other.value >= 0 or other.start < praise.end or not 0 <= other.clause - praise.clause <= 1:
        return False
    if clauses[praise.clause].concessive or (other.clause != praise.clause and clauses[other.clause].contrast):
        return False
    if _SENTENCE_END.search(norm, praise.end, other.start):
        return False
    praised = {aspect for aspect, polarity in praise.aspects.items() if polarity > 0}
    blamed = {aspect for aspect, polarity in other.aspects.items() if polarity < 0}
    if not praised or (blamed and not praised & blamed):
        return False
    if not blamed:  # a complaint of no aspect ("took three weeks") speaks of what was just praised if it is the measure
        return bool(_MEASURED.search(norm, other.start, other.end))
    return bool(_MEASURED.search(norm, max(praise.end, clauses[other.clause].start), clauses[other.clause].end))


def _broken_promises(norm: str, clauses: list, hits: list) -> None:
    """Praise in a clause that states a promise (说好的次日达) flips when a later clause tells what
    happened instead (结果…, but …)."""
    if not _PROMISE_ANYWHERE.search(norm):
        return  # most texts promise nothing: one search instead of one per clause
    for index, clause in enumerate(clauses):
        if not _PROMISE.search(norm[clause.start:clause.end]):
            continue
        later = clauses[index + 1:]
        if not any(c.contrast or _OUTCOME.search(norm[c.start:c.end]) for c in later):
            continue
        for hit in hits:
            if hit.clause == index and hit.value > 0:
                hit.scale(IRONY_FACTOR)


def _balance(norm: str, clauses: list, hits: list) -> int | None:
    """The clause that denies a second extreme after an earlier clause denied the opposite one: a
    negated opinion in a clause with "either" / 也不, and an earlier negated opinion of the other sign."""
    negated = [hit for hit in hits if _denies(norm, hit)]
    for hit in negated:
        clause = clauses[hit.clause]
        if not _BALANCE.search(norm[clause.start:clause.end]):
            continue
        if any(other.clause < hit.clause and (other.value > 0) != (hit.value > 0) for other in negated):
            return hit.clause
    return None
