"""Lexicon sentiment, clause by clause and aspect by aspect.

How a text is read:

1. Tokens (jieba for Chinese) are matched against the lexicons, longest entry first, across
   token boundaries ("便宜没好货" is one idiom, not 便宜 + 没 + 好货). A Chinese token that is not
   an entry is split into entries only when entries cover it completely ("太贵" = 太 + 贵, while
   "贵州" and "好久" stay whole and mean nothing here).
2. The text is cut into clauses at punctuation and at contrast words (但是, 不过, but, however);
   the clause after a contrast weighs more for the overall score, the one before it less, and a
   concessive clause (虽然, although) less. Questions, wishes and conditions weigh little.
3. In each clause, degree words (很, 太, 有点, super, a bit) scale the next opinion and negators
   flip it (不好用 is negative; 不太贵 only mildly positive; 一点也不贵 fully positive; 没有超市便宜
   reaches across the comparison).
4. An opinion goes to the aspect it implies (贵 → price, 卡顿 → usability), else to the nearest
   aspect word in its clause (价格还行 → price), else only to the overall score. Words like 高/快
   take their polarity from that aspect (价格高 −, 性价比高 +, 质量高 +, 物流快 +).
5. The standard of an English comparison is no verdict on this: in "better than the expensive
   brands" only "better" counts (a comparative the lexicon lacks reads as its base: nicer → nice).
6. What a word-by-word reading gets backwards is then set right (rhetoric.py): a double negation
   (不是不好) is a mild yes, a denial of both extremes ("not cheap, but not expensive either") is
   a balance, praise in scare quotes or a sarcastic frame ("Oh great, …") and a broken promise
   (说好的次日达，结果…) are complaints.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from tools.analyzers import lexicon as lx
from tools.analyzers import rhetoric
from tools.analyzers.startfilter import compile_any
from tools.analyzers.text import Token, add_jieba_words, tokenize

OPINION, CONTEXTUAL, ASPECT, NEGATOR, DEGREE, CONTRAST, CONCESSIVE, IRREALIS, STOP = range(9)

_NEGATION = {  # kind -> (factor for a positive opinion, factor for a negative one, reach in items)
    "full": (-0.85, -0.6, 3),
    "soft": (-0.6, -0.45, 3),
    "emphatic": (-1.0, -0.9, 4),
    "long": (-0.85, -0.6, 99),
    "double": (0.5, 0.5, 3),  # 不是不好, "not without problems": a hedged, weaker version of the word
}
_DEGREE_REACH = 2
MODAL_FACTOR = 0.3     # a wish or a search names what is wanted: "wish it were cheaper" leans on the price
QUESTION_FACTOR = 0.1  # "贵吗?" asks about the price; it is no verdict on it
CONDITION_FACTOR = 0.1  # "价格合适就买": what the writer would accept; no verdict yet (as a question)
_CLAUSE_BREAKS = set(",.!?;:，。！？；：、~～…·\n") | {"..."}
_A_NOT_A = re.compile(r"(.)[不没]\1")  # 好不好, 贵不贵, 有没有: a question
# A question without its question mark: "叶酸哪个牌子好", "有没有适合油皮的洗面奶", "换什么猫粮好".
_WH_QUESTION = re.compile(r"哪个|哪款|哪家|哪种|哪些|哪一款|哪一个|是否|^有没有|什么.{0,8}(?:好|合适)$")
# What a clause ending in 呢 or 嘛 needs to ask: without one the particle only stresses ("还在下雨呢").
_QUESTION_WORD = re.compile(r"怎么|怎样|什么|啥|多少|哪|谁|为什么|几[个款年万千天次]|如何|咋|干嘛|还是")
# An English question without its question mark opens with the verb: "is it expensive though".
_INVERTED = re.compile(r"(?:(?:is|are|was|were|does|do|did) (?:it|this|that|they|these|those)|(?:is|are|was|were) the \w+)\b")
_AMOUNT_START = re.compile(r"\$?\d|[一二两三四五六七八九十几半][一二两三四五六七八九十百千万块元]")
_START_ONLY = set(lx.CONTRAST_CLAUSE_START_ONLY) | {"while", "虽"}
_AND = {"and", "&", "和", "与"}


class Entry:
    """What one lexicon term does. ``aspects`` maps aspect id -> polarity for implying words."""

    __slots__ = ("kind", "polarity", "aspects", "weak", "context", "factor", "negation", "aspect", "detached")

    def __init__(self, kind, polarity=0.0, aspects=None, weak=False, context=None, factor=1.0,
                 negation=None, aspect=None, detached=False):
        self.kind = kind
        self.polarity = polarity
        self.aspects = aspects
        self.weak = weak
        self.context = context      # CONTEXTUAL: {context: polarity}; ASPECT: the context key
        self.factor = factor        # DEGREE multiplier
        self.negation = negation    # NEGATOR kind
        self.aspect = aspect        # ASPECT: the aspect id
        self.detached = detached    # OPINION about the conversation ("谢谢"): never an aspect's


@dataclass
class Lexicon:
    entries: dict[str, Entry]
    prefixes: set[str]
    max_han_len: int
    across: list[tuple[re.Pattern, float, dict[str, float]]]
    # Whether any of ``across`` matches at all (in most texts none does): two searches instead of
    # one per pattern. Each still runs on its own where one does, since their matches may overlap.
    across_any: tuple[re.Pattern, ...]


@dataclass
class Item:
    text: str
    start: int
    end: int
    entry: Entry | None


@dataclass
class Clause:
    items: list[Item]
    contrast: bool = False
    concessive: bool = False
    question: bool = False
    irrealis: bool = False
    condition: bool = False  # what a purchase or a condition hangs on: "价格合适就买", "如果车况好，这个价格合适"
    exclaim: bool = False
    modal: bool = False      # a question, wish or search: opinions about aspects count little
    weight: float = 1.0

    @property
    def start(self) -> int:
        return self.items[0].start

    @property
    def end(self) -> int:
        return self.items[-1].end


@dataclass
class Hit:
    """One scored opinion: its value after degree and negation, and where it went."""

    value: float
    aspects: dict[str, float]
    clause: int
    explicit: bool
    start: int               # where the opinion stands in the text
    end: int = -1            # where the opinion word ends
    negator: int = -1        # where the negation that acted on it starts (-1: none)
    negation: str = ""       # that negation's kind (see _NEGATION)

    def scale(self, factor: float) -> None:
        """Multiply the opinion and what it says of its aspects by ``factor``."""
        self.value *= factor
        self.aspects = {aspect: polarity * factor for aspect, polarity in self.aspects.items()}


@dataclass
class AspectScore:
    aspect: str
    polarity: float
    evidence: str
    confidence: float
    clause: int


@dataclass
class Sentiment:
    score: float                  # weighted sum of opinion values (the lexicon's overall view)
    hits: int                     # how many opinions were found
    aspects: list[AspectScore] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    boundaries: set[int] = field(default_factory=set)  # offsets where a word starts or ends
    opinions: list[Hit] = field(default_factory=list)  # what ``score`` sums (Hit.start: where each stands)
    # Spans of the comparisons whose standard holds an opinion word ("better than the expensive
    # brands"): the lexicon reads them (the standard's opinions judge what this is compared with,
    # not this); a model would take the standard's words for a verdict.
    comparisons: list[tuple[int, int]] = field(default_factory=list)
    # Spans whose words a bag-of-words model reads backwards: litotes and double negations ("not
    # bad", 不是不好), praise in scare quotes or in a sarcastic frame. The models do not read them.
    misread: list[tuple[int, int]] = field(default_factory=list)
    hedged: bool = False     # a double negation: the writer avoids a verdict
    balanced: bool = False   # both extremes denied ("not cheap, but not expensive either")

    def whole_words(self, start: int, end: int) -> bool:
        """Whether [start, end) does not cut a Chinese word ("手机" inside "手机号" does)."""
        return start in self.boundaries and end in self.boundaries


def build_lexicon(extra_aspect_terms: dict[str, str] | None = None) -> Lexicon:
    """All lexicon tables as one term -> Entry map; later tables win over earlier ones."""
    entries: dict[str, Entry] = {}
    for term in lx.STOPWORDS:
        entries[term] = Entry(STOP)
    for term, (aspect_id, context) in lx.ASPECT_TERMS.items():
        entries[term] = Entry(ASPECT, aspect=aspect_id, context=context)
    for term, table in lx.CONTEXTUAL.items():
        entries[term] = Entry(CONTEXTUAL, context=table)
    for term, value in {**lx.GENERAL, **lx.EMOJI}.items():
        entries[term] = Entry(OPINION, polarity=value, detached=term in lx.DETACHED)
    for aspect_id, (words, strong) in lx.IMPLIED.items():
        for term, value in words.items():
            entries[term] = Entry(OPINION, polarity=value, aspects={aspect_id: value},
                                  weak=not strong and term not in lx.SPOILED)
    for term, (value, aspects) in lx.MULTI.items():
        entries[term] = Entry(OPINION, polarity=value, aspects=dict(aspects))
    for term, factor in lx.DEGREE.items():
        if term not in entries or entries[term].kind != OPINION:
            entries[term] = Entry(DEGREE, factor=factor)
    for term, kind in lx.NEGATORS.items():
        entries[term] = Entry(NEGATOR, negation=kind)
    for term in lx.IRREALIS:
        entries[term] = Entry(IRREALIS)
    for term in lx.CONCESSIVE:
        entries[term] = Entry(CONCESSIVE)
    for term in lx.CONTRAST:
        entries[term] = Entry(CONTRAST)
    _add_taxonomy_aspects(entries, extra_aspect_terms or {})
    prefixes = {term[:i] for term in entries for i in range(1, len(term))}
    max_han_len = max(len(term) for term in entries if not term.isascii())
    across = [(re.compile(pattern), value, aspects) for pattern, value, aspects in lx.ACROSS_CONTRAST]
    across_any = compile_any([pattern for pattern, _, _ in lx.ACROSS_CONTRAST])
    return Lexicon(entries, prefixes, max_han_len, across, across_any)


def _add_taxonomy_aspects(entries: dict[str, Entry], terms: dict[str, str]) -> None:
    """Add the taxonomy's aspect words (operators extend those) as aspect mentions.

    The taxonomy also lists opinion phrases as aspect cues ("太贵", "价格便宜", "late delivery");
    those the lexicon already reads word by word are left to it, so they keep their polarity.
    An aspect word the taxonomy files under another aspect than the lexicon does follows the
    taxonomy.
    """
    max_han_len = max(len(term) for term in entries if not term.isascii())
    for term, aspect_id in terms.items():
        known = entries.get(term)
        if known is not None and (known.kind != ASPECT or known.aspect == aspect_id):
            continue
        if known is None and _covered(term, entries, max_han_len):
            continue
        entries[term] = Entry(ASPECT, aspect=aspect_id, context=aspect_id)


def _covered(term: str, entries: dict[str, Entry], max_han_len: int) -> bool:
    if term.isascii():
        words = term.split()
        return len(words) > 1 and all(word in entries for word in words)
    return _decompose(term, entries, max_han_len) is not None


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The lexicon with the taxonomy's aspect synonyms added, and jieba taught its words and the
    taxonomy's interest words (once)."""
    from tools.analyzers.text import taxonomy

    lexicon = build_lexicon(taxonomy().terms("aspect"))
    add_jieba_words(lexicon.entries)
    add_jieba_words(taxonomy().terms("interest"))  # 猫砂, 冲锋衣 stay whole words (keywords, boundaries)
    return lexicon


def analyze_sentiment(text: str, norm: str, *, search: bool = False) -> Sentiment:
    """Score ``text`` (``norm`` is its normalized form, same length): overall and per aspect.

    Args:
        text: the original text (evidence is quoted from it).
        norm: ``text.normalize(text)``.
        search: the text is a search query: it names wishes, not experiences (weights x0.3).
    """
    lexicon = get_lexicon()
    tokens = tokenize(norm)
    items = _match(norm, tokens, lexicon)
    clauses = _clauses(items, norm)
    person = _person_named(clauses)
    for clause in clauses:  # a wish, a question or a search names what is wanted (modal_factor)
        clause.modal = clause.question or clause.irrealis or search
    hits: list[Hit] = []
    mentions: list[tuple[int, str]] = []  # (clause index, aspect id) of every aspect word
    comparisons: list[tuple[int, int]] = []
    pending: Entry | None = None
    for index, clause in enumerate(clauses):
        clause_hits = _score_clause(clause, index, mentions, comparisons, pending, person)
        hits.extend(clause_hits)
        pending = _unjudged_aspect(clause) if not clause_hits else None
    hits = [hit for hit in hits if not _sets_up_question(hit, clauses)]
    reading = rhetoric.read(norm, clauses, hits)
    _weigh(clauses, balance=reading.balance)
    score = sum(hit.value * clauses[hit.clause].weight for hit in hits)
    aspects = _aggregate(hits, mentions, clauses, text)
    boundaries = {token.start for token in tokens} | {token.end for token in tokens}
    return Sentiment(score=score, hits=len(hits), aspects=aspects, clauses=clauses, boundaries=boundaries,
                     opinions=hits, comparisons=comparisons, misread=reading.misread, hedged=reading.hedged,
                     balanced=reading.balance is not None)


# --- matching ------------------------------------------------------------------------------------

def _match(norm: str, tokens: list[Token], lexicon: Lexicon) -> list[Item]:
    spans = []
    if any(pattern.search(norm) for pattern in lexicon.across_any):
        spans = [(m.start(), m.end(), value, aspects)
                 for pattern, value, aspects in lexicon.across for m in pattern.finditer(norm)]
    pieces = _decompose_all(tokens, lexicon)
    items = _merge(pieces, lexicon)
    _about_a_place(items, norm)
    _about_a_trip(items, norm)
    _persons_manner(items)
    if "than" in norm:
        _read_comparatives(items, lexicon.entries)
    if spans:
        items = [item for item in items if not any(s <= item.start < e for s, e, _, _ in spans)]
        for start, end, value, aspects in spans:
            entry = Entry(OPINION, polarity=value, aspects=dict(aspects))
            items.append(Item(norm[start:end], start, end, entry))
        items.sort(key=lambda item: item.start)
    return items


_VENUE_CUES = re.compile(lx.VENUE_CUES)
_BOUGHT_CUES = re.compile(lx.BOUGHT_CUES)
_PLACE_ENTRY = Entry(ASPECT, aspect="environment", context="environment")
_PLACE_ASPECTS = ("environment", "hygiene")


def _about_a_place(items: list[Item], norm: str) -> None:
    """In a text about a place the writer visits (a place cue or a word about the place, no purchase
    cue), the air-con, showers or hot water name its environment (lexicon.VENUE_TERMS) and clean or
    dirty judge its hygiene (lexicon.CLEANLINESS); in a text about a product bought they stay the
    product's (quality). A place named in the very sentence ("环境很好，干净" in a review that also
    says 买的团购) outweighs a purchase elsewhere in the text."""
    fittings = [item for item in items if item.text in lx.VENUE_TERMS]
    cleanliness = [item for item in items if item.text in lx.CLEANLINESS and item.entry is not None]
    if not (fittings or cleanliness):
        return
    bought = _BOUGHT_CUES.search(norm)
    named = [item for item in items if item.entry is not None and item not in fittings and item not in cleanliness
             and set(_PLACE_ASPECTS) & set((item.entry.aspects or {}) | {item.entry.aspect: 0})]
    if not bought and (_VENUE_CUES.search(norm) or named):
        place = fittings + cleanliness
    else:
        place = [item for item in fittings + cleanliness if _place_in_sentence(item, named, norm)]
    for item in place:
        if item in fittings:
            item.entry = _PLACE_ENTRY
        else:
            item.entry = Entry(OPINION, polarity=item.entry.polarity, aspects={"hygiene": item.entry.polarity})


_TRIP_CUES = re.compile(lx.TRIP_CUES)
_PARCEL_CUES = re.compile(lx.PARCEL_CUES)
_TRIP_ENTRY = Entry(ASPECT, aspect="itinerary", context="itinerary")


def _about_a_trip(items: list[Item], norm: str) -> None:
    """In a text about a trip (a flight, a train, a tour) and no parcel, a delay (延误, delayed, "another
    5-hour delay") judges the trip's itinerary, not a delivery, and a "package" is the holiday sold,
    not its packaging ("Overpriced package, I found the same hotel cheaper")."""
    if not _TRIP_CUES.search(norm) or _PARCEL_CUES.search(norm):
        return
    for item in items:
        entry = item.entry
        if entry is None:
            continue
        if entry.kind == ASPECT and entry.aspect == "delivery" and entry.context == "delivery":
            item.entry = _TRIP_ENTRY
        elif entry.kind == OPINION and entry.aspects and set(entry.aspects) == {"delivery"}:
            item.entry = Entry(OPINION, polarity=entry.polarity, aspects={"itinerary": entry.aspects["delivery"]})
        elif entry.kind == ASPECT and entry.aspect == "packaging" and item.text in ("package", "packages"):
            item.entry = None


_MANNER = {"态度", "服务态度", "attitude"}


def _persons_manner(items: list[Item]) -> None:
    """The manner of the person just named is that person's: 导游态度很差, 技师的态度很好 judge the guide or
    the technician (`teacher`), as 客服态度很差 judges the service."""
    for index, item in enumerate(items):
        if item.text not in _MANNER or index == 0:
            continue
        before = items[index - 1] if items[index - 1].text not in ("的", "'s") or index < 2 else items[index - 2]
        if before.entry is not None and before.entry.kind == ASPECT and before.entry.aspect == "teacher":
            item.entry = before.entry


_SENTENCE_END = re.compile(r"[。！!？?\n；;.]")


_PLACE_REACH = 8  # characters before the word where the place it judges may be named


def _place_in_sentence(item: Item, named: list[Item], norm: str) -> bool:
    """Whether the place is named just before ``item`` in its sentence (a place cue or a place's
    aspect word), with no purchase cue between them ("收到的杯子很脏" is the cup's quality)."""
    start = max([m.end() for m in _SENTENCE_END.finditer(norm, 0, item.start)] + [item.start - _PLACE_REACH, 0])
    window = norm[start:item.end]
    return not _BOUGHT_CUES.search(window) and (
        bool(_VENUE_CUES.search(window)) or any(start <= other.start < item.start for other in named))


def _read_comparatives(items: list[Item], entries: dict[str, Entry]) -> None:
    """An English comparative before "than" judges like its base word ("nicer than", "tastier
    than"): the lexicon lists few comparatives, and the "than" that follows makes the reading
    safe ("the latter" is no comparative)."""
    for previous, item in zip(items, items[1:]):
        if item.text == "than" and previous.entry is None:
            previous.entry = _comparative_base(previous.text, entries, (OPINION,))


def _comparative_base(word: str, entries: dict[str, Entry], kinds: tuple[int, ...]) -> Entry | None:
    """The lexicon entry of the base word of an English comparative ("nicer" -> "nice"), of one
    of ``kinds``; None for any other word."""
    if not word.endswith("er") or not word.isascii():
        return None
    stems = [word[:-2], word[:-1]]               # softer, nicer
    if word.endswith("ier"):
        stems.append(word[:-3] + "y")            # tastier
    if len(word) > 4 and word[-3] == word[-4]:
        stems.append(word[:-3])                  # hotter
    for stem in stems:
        entry = entries.get(stem)
        if entry is not None and entry.kind in kinds:
            return entry
    return None


def _decompose_all(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    out: list[Token] = []
    entries = lexicon.entries
    for token in tokens:
        if token.kind == "han" and len(token.text) > 1 and token.text not in entries:
            parts = _decompose(token.text, entries, lexicon.max_han_len) or _aspect_head(token.text, entries)
            if parts:
                pos = token.start
                for part in parts:
                    out.append(Token(part, pos, pos + len(part), "han"))
                    pos += len(part)
                continue
        out.append(token)
    return out


@lru_cache(maxsize=65536)
def covered_by_lexicon(word: str) -> bool:
    """Whether lexicon entries make up all of a Chinese word (太贵 = 太 + 贵, 价格便宜, 服务态度):
    the keywords leave such words out, as they leave out the entries themselves."""
    lexicon = get_lexicon()
    return _decompose(word, lexicon.entries, lexicon.max_han_len) is not None


def aspect_head(word: str) -> str | None:
    """What comes before the aspect word a compound ends in (手机屏幕 -> 手机), or None."""
    parts = _aspect_head(word, get_lexicon().entries)
    return parts[0] if parts else None


def _aspect_head(word: str, entries: dict[str, Entry]) -> list[str] | None:
    """A compound noun ending in an aspect word keeps it: 产品质量 -> 产品 + 质量, 商品价格 -> 商品 + 价格.

    Chinese compounds put the head last; only aspect words of two characters or more count, so
    评价 does not become a price.
    """
    for cut in range(1, len(word) - 1):
        head = word[cut:]
        entry = entries.get(head)
        if entry is not None and entry.kind == ASPECT:
            return [word[:cut], head]
    return None


def _decompose(word: str, entries: dict[str, Entry], max_len: int) -> list[str] | None:
    """Split ``word`` into lexicon entries, longest first (backtracking: 挺好用 is 挺 + 好用, not
    挺好 + 用); None unless entries cover all of it."""
    if not word:
        return []
    for j in range(min(len(word), max_len), 0, -1):
        if word[:j] in entries:
            rest = _decompose(word[j:], entries, max_len)
            if rest is not None:
                return [word[:j], *rest]
    return None


def _merge(pieces: list[Token], lexicon: Lexicon) -> list[Item]:
    """Longest lexicon entry starting at each token, across token boundaries."""
    entries, prefixes = lexicon.entries, lexicon.prefixes
    items: list[Item] = []
    i, n = 0, len(pieces)
    while i < n:
        first = pieces[i]
        if first.kind == "space":
            # A line break ends a clause; a plain space does not ("质量 很好" is one judgement).
            if "\n" in first.text:
                items.append(Item(first.text, first.start, first.end, None))
            i += 1
            continue
        key, k, best = first.text, i + 1, None
        while True:
            if key in entries:
                best = (k, key)
            if key not in prefixes or k >= n:
                break
            # "hasn't" was split into "has" + "not" (text.tokenize): it matches "has not arrived".
            sep = " " if pieces[k].text == "not" and pieces[k].start == pieces[k - 1].end and key.isascii() else ""
            if pieces[k].kind == "space":
                if k + 1 >= n or "\n" in pieces[k].text:
                    break
                sep, k = " ", k + 1
            key, k = key + sep + pieces[k].text, k + 1
        if best is None:
            items.append(Item(first.text, first.start, first.end, None))
            i += 1
        else:
            end_index, term = best
            items.append(Item(term, first.start, pieces[end_index - 1].end, entries[term]))
            i = end_index
    return items


# --- clauses -------------------------------------------------------------------------------------

def _clauses(items: list[Item], norm: str) -> list[Clause]:
    clauses: list[Clause] = []
    current = Clause(items=[])

    def close(punct: str = "") -> None:
        nonlocal current
        if current.items:
            current.question = current.question or punct in ("?", "？") or _is_question(current, norm)
            if current.question and _presumes(current, norm):
                current.question, current.irrealis = False, True  # a guess the writer holds, weakly
            current.exclaim = punct in ("!", "！")
            if _conditions_an_act(current, norm):
                current.condition = current.irrealis = True
            clauses.append(current)
        # What follows a bare condition set off by a comma is its consequence, as hypothetical as it is
        # for the aspects it judges ("如果车况好，这个价格合适", "If it runs well, the price is fair"); the
        # overall verdict keeps its weight ("If we were to move, we would miss this restaurant").
        condition = bool(clauses) and clauses[-1] is current and punct in (",", "，") and _bare_condition(current, norm)
        current = Clause(items=[], condition=condition)

    for item in items:
        kind = item.entry.kind if item.entry else None
        if item.entry is None and (item.text in _CLAUSE_BREAKS or item.text.isspace()):
            if not _only_turn(current):  # "不过，价格太贵了", "However, the service…": one clause
                close(item.text)
            continue
        if kind in (CONTRAST, CONCESSIVE):
            at_start = not current.items
            if item.text in _START_ONLY and not at_start:
                current.items.append(Item(item.text, item.start, item.end, None))
                continue
            close()
            current.contrast = kind == CONTRAST
            current.concessive = kind == CONCESSIVE
        if kind == IRREALIS:
            current.irrealis = True
        current.items.append(item)
    close()
    return clauses


# An opinion followed by "then buy" or a seller's "can sell" is the condition of a deal, not a verdict:
# "价格合适就买吧", "价格合适车况好就出手", "价格合适考虑入手", "价格合适可以出" ("便宜就买了" tells what happened,
# "就出现" is no sale).
_SELL = r"(?:出|卖)(?![现来去门发差问价])"
_THEN_ACT = re.compile(rf"(?:我|咱)?(?:就(?:可以|能|果断|赶紧|直接|考虑|去)?(?:买|入手|出手|收|拿下|下单|入|提车|订|冲|上|{_SELL})"
                       rf"|(?:可以|可)(?:{_SELL}|出手)|考虑(?:买|入手|拿下|下单|提车))"
                       r"(?![了过\d一两二三四五六七八九十几])")  # "就买了", "就买两包": what was done
_ACT_REACH = 4  # characters between the condition's last opinion word and the terms
_CONDITION_OPENERS = {"如果", "要是", "假如", "假设", "if"}
_READER = {"you", "your", "你", "您", "你们"}
# A condition that states its own consequence ("如果…就好了", "如果再加一份的话要五块钱"), or the idiom
# "if you can call $70 inexpensive": what follows is said outright.
_CONSEQUENCE = re.compile(r"就|的话(?=[^\s,，。.!！?？;；])|then\b|if you (?:can |could )?call\b")


def _conditions_an_act(clause: Clause, norm: str) -> bool:
    """Whether the clause's opinion is the condition of a deal: an opinion word right before its terms
    (就买, 可以出, 考虑入手)."""
    act = _THEN_ACT.search(norm, clause.start, clause.end)
    return act is not None and any(item.entry is not None and item.entry.kind in (OPINION, CONTEXTUAL)
                                   and 0 <= act.start() - item.end <= _ACT_REACH for item in clause.items)


def _bare_condition(clause: Clause, norm: str) -> bool:
    """A clause that opens with a condition word and does not state the consequence itself. Not one
    that addresses the reader: "If you are looking for cheap eats, this is the place" advises."""
    first = clause.items[0]
    return (first.text in _CONDITION_OPENERS and first.entry is not None and first.entry.kind == IRREALIS
            and not _CONSEQUENCE.search(norm, clause.start, clause.end)
            and not any(item.text in _READER for item in clause.items))


def _only_turn(clause: Clause) -> bool:
    """Whether the clause so far is nothing but its contrast or concessive word: the comma after it
    does not end the turn. Except "though" set off by commas ("Filled with suits, though, so…"):
    it looks back at what came before."""
    return bool(clause.items) and all(item.entry is not None and item.entry.kind in (CONTRAST, CONCESSIVE)
                                      and item.text != "though" for item in clause.items)


def _is_question(clause: Clause, norm: str) -> bool:
    last = clause.items[-1].text
    if last in ("吗", "么") or last.endswith("吗"):
        return True
    span = norm[clause.start:clause.end]
    if last in ("呢", "嘛"):  # asks only with a question word: "价格多少呢" asks, "这个价格不贵呢" says
        return bool(_QUESTION_WORD.search(span) or _A_NOT_A.search(span))
    return bool(_A_NOT_A.search(span) or _WH_QUESTION.search(span) or _INVERTED.match(span.strip()))


def _presumes(clause: Clause, norm: str) -> bool:
    """A question that presumes its answer: "价格挺高吧？", "价格不菲吧？" say the price is high and
    ask only to be agreed with (as "It's pricey, isn't it?" does: there the tag is its own clause).
    Not when the clause asks something itself ("是马自达那个吧？" names no opinion; "贵不贵吧")."""
    last = clause.items[-1]
    span = norm[clause.start:clause.end]
    return (last.text == "吧" and not (_A_NOT_A.search(span) or _WH_QUESTION.search(span)
                                        or _QUESTION_WORD.search(span))
            and any(item.entry is not None and item.entry.kind in (OPINION, CONTEXTUAL) for item in clause.items))


CONTRAST_AFTER, CONTRAST_BEFORE = 1.5, 0.6  # a contrast clause and the clause before it


def _weigh(clauses: list[Clause], balance: int | None = None) -> None:
    """Each clause's weight in the verdict. ``balance``: the clause that denies a second extreme
    ("not cheap, but not expensive either", rhetoric.py): its contrast weighs both sides alike."""
    for index, clause in enumerate(clauses):
        if clause.contrast and index != balance:
            clause.weight *= CONTRAST_AFTER
            if index > 0 and not clauses[index - 1].contrast:
                clauses[index - 1].weight *= CONTRAST_BEFORE
        if clause.concessive:
            clause.weight *= 0.6
            if index + 1 < len(clauses) and not clauses[index + 1].contrast:
                clauses[index + 1].weight *= 1.3
        if clause.exclaim:
            clause.weight *= 1.2
        if clause.modal:
            clause.weight *= 0.3


# --- scoring -------------------------------------------------------------------------------------

def _unjudged_aspect(clause: Clause) -> Entry | None:
    """The last aspect a clause names when it judges nothing: the next clause's verdict may be
    about it ("等了半个月才发货，太慢了", "Waited three weeks for delivery, unacceptable")."""
    aspects = [item.entry for item in clause.items if item.entry is not None and item.entry.kind == ASPECT]
    return aspects[-1] if aspects and not clause.modal else None


def _bare_verdict(clause: Clause) -> bool:
    """A clause that is nothing but a verdict ("太慢了", "unacceptable", "很不错啊"): every word is
    an opinion, degree, negation or particle, so it can only be about what was just named."""
    return all(item.entry.kind != ASPECT if item.entry is not None else not any(ch.isalnum() for ch in item.text)
               for item in clause.items)


def _score_clause(clause: Clause, index: int, mentions: list[tuple[int, str]],
                  comparisons: list[tuple[int, int]], pending: Entry | None = None,
                  person: str | None = None) -> list[Hit]:
    """The clause's opinions after degree and negation; records its aspect words in ``mentions``
    and the spans of its comparisons with a judged standard in ``comparisons``.

    ``pending``: the aspect the previous clause named without judging it; a clause that names no
    aspect of its own speaks of it. ``person``: the one kind of person the text names (see
    _person_named).
    """
    items = clause.items
    clause_mentions = [(pos, item.entry) for pos, item in enumerate(items)
                       if item.entry is not None and item.entry.kind == ASPECT and not _asked_how(items, pos)]
    mentions.extend((index, entry.aspect) for _, entry in clause_mentions)
    if not clause_mentions and pending is not None and _bare_verdict(clause):
        clause_mentions = [(-1, pending)]  # before every word of the clause
    hits: list[Hit] = []
    negation: tuple[int, str] | None = None
    degree: tuple[int, float] | None = None
    last_opinion = standard_end = -2
    for pos, item in enumerate(items):
        if pos < standard_end:
            continue
        entry = item.entry
        if entry is None and item.text == "than" and (last_opinion == pos - 1 or _comparative(items[pos - 1])):
            # "better than the expensive brands", "faster than the pricey courier": what follows,
            # up to "and", describes the standard, not this; its opinions are no verdict on this.
            standard_end = next((k for k in range(pos + 1, len(items)) if items[k].text == "and"), len(items))
            if any(other.entry is not None and other.entry.kind in (OPINION, CONTEXTUAL)
                   for other in items[pos + 1:standard_end]):
                comparisons.append((items[pos - 1].start, items[standard_end - 1].end))
            continue
        if entry is None or entry.kind in (STOP, ASPECT, CONTRAST, CONCESSIVE, IRREALIS):
            continue
        if clause.question and item.text in lx.REQUESTED:
            continue  # 能全额退款吗？: a request
        if entry.kind == NEGATOR:
            if negation is not None and pos - negation[0] == 1 and negation[1] != "double":
                negation = (negation[0], "double")  # 不是不好, 没有不满意: the two cancel, weakly
            else:
                negation = (pos, entry.negation)
            continue
        if entry.kind == DEGREE or (item.text == "好" and _opinion_follows(items, pos)):
            factor = lx.DEGREE["好"] if entry.kind == OPINION else entry.factor
            degree = (pos, (degree[1] if degree and pos - degree[0] <= _DEGREE_REACH else 1.0) * factor)
            continue
        base, aspects, explicit = _resolve(entry, pos, clause_mentions, items, person)
        if base == 0.0:
            continue
        value = base
        if degree and pos - degree[0] <= _DEGREE_REACH:
            value *= degree[1]
        negator, negated = -1, ""
        if negation:
            on_positive, on_negative, reach = _NEGATION[negation[1]]
            if pos - negation[0] <= reach:
                value *= on_positive if value > 0 else on_negative
                negator, negated = items[negation[0]].start, negation[1]
        negation = degree = None
        value = max(-1.5, min(1.5, value))
        ratio = value / base * modal_factor(clause)
        hits.append(Hit(value, {a: p * ratio for a, p in aspects.items()}, index, explicit, item.start,
                        item.end, negator, negated))
        last_opinion = pos
    if negation is not None and items[negation[0]].text in lx.COMPARATIVE_NEGATIVE:
        # "性价比不如小米": the comparison is the verdict, even with no opinion word after it.
        value = lx.COMPARATIVE_NEGATIVE[items[negation[0]].text]
        nearest = _nearest(negation[0], clause_mentions)
        hits.append(Hit(value, {nearest.aspect: value} if nearest else {}, index, nearest is not None,
                        items[negation[0]].start))
    return hits


_HOW = {"怎么", "如何", "怎样", "咋", "how to"}


def _asked_how(items: list[Item], pos: int) -> bool:
    """An aspect word used as the verb of a how-to question ("怎么操作", "如何设置", "how to setup"):
    the writer asks how to do something (return a book), not about the product's usability."""
    return pos > 0 and items[pos - 1].text in _HOW


def _comparative(item: Item) -> bool:
    """A comparative of a lexicon word ("faster", "higher", "louder") — not "less than
    impressive", where "than" leads to the verdict itself, nor "the waiter than admitted"."""
    if item.entry is not None:
        return item.entry.kind in (OPINION, CONTEXTUAL)
    return _comparative_base(item.text, get_lexicon().entries, (OPINION, CONTEXTUAL)) is not None


def modal_factor(clause: Clause) -> float:
    """How much an opinion about an aspect counts in this clause (1 in a plain statement)."""
    if clause.question:
        return QUESTION_FACTOR
    if clause.condition:
        return CONDITION_FACTOR
    return MODAL_FACTOR if clause.modal else 1.0


def _opinion_follows(items: list[Item], pos: int) -> bool:
    if pos + 1 >= len(items) or items[pos + 1].entry is None:
        return False
    return items[pos + 1].entry.kind in (OPINION, CONTEXTUAL)


def _resolve(entry: Entry, pos: int, mentions: list[tuple[int, Entry]],
             items: list[Item], person: str | None = None) -> tuple[float, dict[str, float], bool]:
    """The opinion's base polarity, the aspects it speaks of, and whether an aspect word named them."""
    if entry.detached:
        return entry.polarity, {}, False
    nearest = _nearest(pos, mentions, items)
    if entry.kind == CONTEXTUAL:
        if _amount_bound(items, pos):
            return 0.0, {}, False
        if nearest is None:
            return entry.context.get("default", 0.0), {}, False
        if nearest.context == "frame" and "price" not in entry.context:
            # "the portions are tiny for the price": the portion is tiny (the frame adds the price below)
            nearest = _nearest(pos, [m for m in mentions if m[1].context != "frame"], items) or nearest
        # A price frame read as a plain price: "这个价格太高了" is 价格 + 高; a courier as the delivery.
        context = {"frame": "price", "courier": "delivery"}.get(nearest.context, nearest.context)
        if context not in entry.context:
            return 0.0, {}, False
        value = entry.context[context]
        return value, _framed({nearest.aspect: value}, value, mentions), True
    if entry.aspects and not (entry.weak and nearest is not None):
        aspects = _retarget(dict(entry.aspects), nearest)
        if items[pos].text in _PERSON_WORDS:
            aspects = _for_person(aspects, nearest.aspect if nearest is not None else person)
        if items[pos].text in lx.SKILL and _PEOPLE_SET.isdisjoint({person, nearest and nearest.aspect}):
            aspects = {}  # 这款手机的技术不错: nobody's skill
    elif nearest is not None:
        aspects = {nearest.aspect: entry.polarity}
    else:
        aspects = {}
    return entry.polarity, _courier(_framed(aspects, entry.polarity, mentions), mentions), bool(nearest)


def _courier(aspects: dict[str, float], mentions: list[tuple[int, Entry]]) -> dict[str, float]:
    """A verdict on the service in a clause that names the courier (外卖小哥态度很差, 骑手很客气, "the
    delivery guy was rude") judges the delivery too: for the customer waiting for the food or the
    parcel, the rider's manners are part of it."""
    if set(aspects) == {"service"} and any(mention.context == "courier" for _, mention in mentions):
        return {**aspects, "delivery": aspects["service"]}
    return aspects


def _framed(aspects: dict[str, float], value: float, mentions: list[tuple[int, Entry]]) -> dict[str, float]:
    """A verdict in a price frame judges the price too: "good for the price", "这个价位很不错",
    "the portions are tiny for the price" (the price as much as the portion)."""
    if any(mention.context == "frame" for _, mention in mentions) and "price" not in aspects:
        return {**aspects, "price": value}
    return aspects


def _retarget(aspects: dict[str, float], nearest: Entry | None) -> dict[str, float]:
    """A word's own aspect, unless the aspect word it is said of takes it over (lexicon.RETARGET):
    "portion was way too small" judges the portion, 排队等太久 the place."""
    if nearest is None or len(aspects) != 1:
        return aspects
    (aspect, value), = aspects.items()
    target = lx.RETARGET.get((aspect, nearest.context))
    return {target: value} if target else aspects


_LUKEWARM = 0.2


def _sets_up_question(hit: Hit, clauses: list[Clause]) -> bool:
    """A lukewarm word about no aspect before the question a text ends with tells the asker's
    situation, not an opinion: "我家孩子三年级，数学一般，适合上奥数班吗？", "英语基础一般，能跟上吗"."""
    asked = [index for index, clause in enumerate(clauses) if clause.items]
    return (bool(asked) and clauses[asked[-1]].question and hit.clause < asked[-1] and not hit.aspects
            and abs(hit.value) <= _LUKEWARM)


_PEOPLE = ("service", "teacher")
_PEOPLE_SET = frozenset(_PEOPLE)
# Words that judge a person: 耐心, 迟到, rude (SERVICE), 讲得好, patient (TEACHING).
_PERSON_WORDS = frozenset(lx.SERVICE) | frozenset(lx.TEACHING)


def _person_named(clauses: list[Clause]) -> str | None:
    """The one kind of person a text names — who teaches or treats (老师, 教练, the tutor: `teacher`)
    or who serves (客服, 前台, the waiter: `service`) — or None when it names both or neither. A rule's
    span about a person ("the instructor was late") names that person too: its words are inside it."""
    named = set()
    for item in (item for clause in clauses for item in clause.items if item.entry is not None):
        if item.entry.kind == ASPECT and item.entry.aspect in _PEOPLE:
            named.add(item.entry.aspect)
        elif (item.entry.kind == OPINION and item.entry.aspects and set(item.entry.aspects) <= set(_PEOPLE)
              and item.text not in _PERSON_WORDS):
            named.update(item.entry.aspects)
    return named.pop() if len(named) == 1 else None


def _for_person(aspects: dict[str, float], person: str | None) -> dict[str, float]:
    """A word about a person judges the person named, in the clause or else in the text: 老师很耐心
    and "The teacher is amazing, very patient" judge the teacher, 客服很耐心 the service; with no
    person named the word keeps its own aspect."""
    if person not in _PEOPLE or len(aspects) != 1 or next(iter(aspects)) not in _PEOPLE:
        return aspects  # 快递员态度恶劣: a courier's manners stay the service (and see _courier)
    return {person: next(iter(aspects.values()))}


def _amount_bound(items: list[Item], pos: int) -> bool:
    """最少/最低/最高/最多 before an amount bound it ("优惠最少3000", "最低2万"): no verdict, unlike
    a difference ("价格高2万"). So does one that opens its clause's noun phrase before the amount it
    bounds ("最高全国优惠在指导价两万左右", "最低落地价25万"); after the aspect word it is a verdict
    ("性价比最高，才5万")."""
    if not (0 < pos < len(items) - 1 and items[pos - 1].text in ("最", "至")):
        return False
    if _AMOUNT_START.match(items[pos + 1].text):
        return True
    named_before = any(item.entry is not None and item.entry.kind == ASPECT for item in items[:pos])
    return not named_before and any(_AMOUNT_START.match(item.text) for item in items[pos + 1:])


def _nearest(pos: int, mentions: list[tuple[int, Entry]], items: list[Item] | None = None) -> Entry | None:
    """The aspect word closest to ``pos`` in the clause; one before it wins a tie.

    An aspect word after the opinion that has an opinion of its own right after it is taken
    ("鞋子好穿 价格贵": 好穿 is not about the price).
    """
    best, best_distance = None, None
    for mention_pos, entry in mentions:
        if mention_pos > pos and items is not None and _judged_after(items, mention_pos):
            continue
        distance = pos - mention_pos if mention_pos < pos else (mention_pos - pos) + 0.5
        if best_distance is None or distance < best_distance:
            best, best_distance = entry, distance
    return best


def _judged_after(items: list[Item], mention_pos: int) -> bool:
    for item in items[mention_pos + 1:mention_pos + 4]:
        if item.entry is not None and item.entry.kind in (OPINION, CONTEXTUAL):
            return True
        if (item.entry is not None and item.entry.kind == ASPECT) or item.text in _AND:
            return False  # "fast delivery and good packaging": "good" is the packaging's
    return False


def _aggregate(hits: list[Hit], mentions: list[tuple[int, str]], clauses: list[Clause], text: str) -> list[AspectScore]:
    """One score per aspect: the clause-weighted mean of its opinions, squashed into -1..1; an
    aspect named without any opinion is reported at 0."""
    by_aspect: dict[str, list[tuple[float, float, int, bool]]] = {}
    for hit in hits:
        for aspect_id, value in hit.aspects.items():
            by_aspect.setdefault(aspect_id, []).append((value, clauses[hit.clause].weight, hit.clause, hit.explicit))
    out: list[AspectScore] = []
    for aspect_id, scored in by_aspect.items():
        total_weight = sum(weight for _, weight, _, _ in scored) or 1.0
        mean = sum(value * weight for value, weight, _, _ in scored) / total_weight
        strongest = max(scored, key=lambda s: abs(s[0]) * s[1])
        clause = clauses[strongest[2]]
        confidence = (0.8 if strongest[3] else 0.7) + 0.05 * (len(scored) - 1)
        if clause.modal:
            confidence *= 0.6
        out.append(AspectScore(aspect_id, round(math.tanh(1.2 * mean), 2), _evidence(clause, text),
                               round(min(confidence, 0.95), 2), strongest[2]))
    for clause_index, aspect_id in mentions:
        if aspect_id not in by_aspect:
            by_aspect[aspect_id] = []
            out.append(AspectScore(aspect_id, 0.0, _evidence(clauses[clause_index], text), 0.5, clause_index))
    out.sort(key=lambda a: a.clause)
    return out


def _evidence(clause: Clause, text: str) -> str:
    """The clause as written, without a leading contrast word."""
    items = clause.items
    if items[0].entry is not None and items[0].entry.kind in (CONTRAST, CONCESSIVE) and len(items) > 1:
        items = items[1:]
    return text[items[0].start:items[-1].end].strip()
