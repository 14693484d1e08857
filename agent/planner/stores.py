"""Stores in a question: the store / branch an order was placed at (``orders.store``): "在静安店买过的用户",
"西湖店的顾客有多少", "customers of the Jing'an store", "who bought at the airport branch", "women who shop
at the Xintiandi store".

The stores are the database's own (``DataWords.stores``: the distinct ``orders.store``). A store is
said by its name as stored, or by its name without the word that says "store" (静安店 -> 静安, "Jing'an
Store" -> jing'an) followed by any such word (静安门店, 静安分店, "jingan branch", "the 静安 store"), or
by that name alone when it is long enough to be one (two Chinese characters, four letters: "在静安买过")
and is no word the planner knows (a store 北京店 is not "北京": that is the city).
Case, spaces, apostrophes and hyphens in a latin name do not matter ("jingan", "jing an"). A name said
that several stores share (静安店 and 静安门店) means any of them.

A store is a token of kind ``brand`` (data ``store``: the stores it names), as the data words are, so
verbs, "or" and negation bind it alike: bought there, or said alone ("西湖店的顾客"), is the condition
``store`` — an order placed at one of the stores, inside the window if one is said. The words that
place it ("在", "at the", "shop at", "customers of the") are part of the token. Grouping by store
("按门店统计用户数", "top 3 stores by sales") is a breakdown (lexicon.GROUP_WORDS, compile.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.planner import lexicon as lx
from agent.planner.spec import Condition
from agent.planner.tokens import Token, tokenize

# The words that say "store" after a name, in a stored name (stripped) and in a question (optional)
_STORE_WORD_ZH = r"(?:旗舰店|专卖店|体验店|门店|分店|店铺|店)"
_STORE_WORD_EN = r"(?:stores?|branch(?:es)?|shops?|outlets?)"
_NAME_END = re.compile(rf"(?:\s*{_STORE_WORD_EN}|{_STORE_WORD_ZH})$")
# Before a store, the words that place an order there (taken into the token, nothing of their own)
_BEFORE = (r"(?:(?:去过|到过|来过|光顾过|在|于|从|到)\s*"
           r"|(?<![a-z])(?:(?:shop(?:s|ped|ping)?|customers?|shoppers?|buyers?|people|users?)\s+)?"
           r"(?:at|from|in|of)\s+(?:the\s+|our\s+)?"
           r"|(?<![a-z])the\s+)?")


def _core(name: str) -> str:
    """A stored name without its store word, lower case: '静安店' -> '静安', "Jing'an Store" -> "jing'an"."""
    name = " ".join(name.lower().split())
    core = _NAME_END.sub("", name).strip()
    return core or name


def _key(words: str) -> str:
    """What tells two spellings of a name apart: letters, digits and Chinese, lower case."""
    return re.sub(r"[^0-9a-z\u3400-\u9fff]", "", words.lower())


def _pattern(core: str) -> str:
    """The regex of a name in a question: latin parts with any spaces, apostrophes or hyphens between."""
    if lx.CJK_RE.search(core):
        return re.escape(core)
    parts = [re.escape(part) for part in re.findall(r"[0-9a-z]+|[^\s0-9a-z'’\-]+", core)]
    return r"(?<![a-z0-9])" + r"[\s'’\-]*".join(parts)


def _alone(name: str) -> bool:
    """Does a name said without a store word stand for its store? Long enough (not a number), and no
    word the planner knows (a store 北京店 is said "北京店": "在北京的用户" are users in Beijing)."""
    if lx.CJK_RE.search(name):
        return len(lx.CJK_RE.findall(name)) >= 2 and not _known_word(name)
    return len(re.findall(r"[a-z]", name)) >= 4 and not _known_word(name)


@lru_cache(maxsize=4096)
def _known_word(name: str) -> bool:
    return any(t.start == 0 and t.end == len(name) for t in tokenize(name, "zh"))


@lru_cache(maxsize=8)
def _store_re(stores: tuple[str, ...]) -> tuple[re.Pattern | None, dict[str, tuple[str, ...]]]:
    """The pattern of every store in a question (its name, then a store word if said), and name key ->
    the stores it names."""
    named: dict[str, list[str]] = {}
    for store in stores:
        if _key(_core(store)):
            named.setdefault(_key(_core(store)), []).append(store)
    if not named:
        return None, {}
    names = "|".join(_pattern(core) for core in sorted({_core(store) for store in stores}, key=len, reverse=True)
                     if _key(core))
    pattern = re.compile(rf"{_BEFORE}(?P<name>{names})(?P<word>\s*(?:{_STORE_WORD_ZH}|{_STORE_WORD_EN}))?"
                         r"(?![a-z0-9])(?:\s*的)?")
    return pattern, {key: tuple(found) for key, found in named.items()}


def store_tokens(text: str, stores: tuple[str, ...]) -> list[Token]:
    """Tokens for the stores said in ``text`` (normalized): kind ``brand``, data ``store`` (the stores
    named, as stored) and ``brand`` (the name as said); rank 9, so a lexicon word of the same length
    wins."""
    pattern, named = _store_re(tuple(stores))
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        name = " ".join(match.group("name").split())
        if not match.group("word") and not _alone(name):
            continue
        said = " ".join(text[match.start("name"):max(match.end("name"), match.end("word"))].split())
        found.append(Token(match.start(), match.end(), "brand",
                           {"brand": said, "people": None, "store": list(named[_key(name)])}, 9))
    return found


# --- a store's own complaints (called by parse.py) -------------------------------------------------

# "哪个门店被投诉最多", "哪家店的差评最多", "which store gets the most complaints": reviews and complaints are
# texts of a customer, kept without the store they are about, so a ranking of stores by them cannot be told
_STORE_ZH = r"(?:门店|店铺|分店|店)"
_STORE_COMPLAINTS_RE = re.compile(
    rf"(?:哪个|哪家|哪一家|哪间|哪些|哪几家|哪几个){_STORE_ZH}[^？?，,。]*?"
    r"(?:被(?:投诉|吐槽|差评|骂)|(?:投诉|差评|好评|吐槽|负面评价|负评)(?:最多|最少|更多|多|少|数|量))"
    rf"|{_STORE_ZH}(?:的)?(?:投诉|差评|好评|负面评价)(?:排名|排行|最多|最少)"
    r"|(?<![a-z])(?:which|what)\s+(?:store|branch|shop|outlet|location)s?\s+(?:gets?|got|has|had|have|receives?|received"
    r"|draws?)\s+(?:the\s+)?(?:most|fewest|least|more)\s+(?:complaints|bad\s+reviews|negative\s+reviews|reviews)"
    r"|(?<![a-z])(?:most|least)\s+complained[- ]about\s+(?:store|branch|shop|outlet|location)"
    r"|(?<![a-z])(?:complaints|bad\s+reviews|negative\s+reviews)\s+(?:by|per|for\s+each)\s+(?:store|branch|shop|outlet)")


def store_complaints(text: str) -> str | None:
    """The words of a question that ranks stores by their complaints or reviews, or None."""
    match = _STORE_COMPLAINTS_RE.search(text)
    return match.group(0).strip() if match else None


# --- binding (called by brands.py) -----------------------------------------------------------------

def store_condition(tokens: list[Token], action: str, words: str) -> Condition:
    """Bought at one of the stores ``tokens`` name ("在西湖店买过", "西湖店的顾客", "bought at the airport
    branch"); mentioned (``action`` mention: "提到西湖店的用户") is the name searched in the texts."""
    if action == "mention":
        return Condition("mention", values=list(dict.fromkeys(t.data["brand"] for t in tokens)), words=words)
    stores = list(dict.fromkeys(store for t in tokens for store in t.data["store"]))
    return Condition("store", values=stores, words=words)


# --- a store and what was bought there (called by assemble.py) ------------------------------------

# Between a store and what was bought there, besides a time window: "在五角场店做过烫染", "五角场店的烫染顾客",
# "在静安店上个月买过", "had a perm at the 静安店"; and between two things bought there ("做过烫染或美甲")
_PLACE_GLUE = re.compile(r"(?:\s|的|都|也|曾经|还)*")
_JOINED = re.compile(r"\s*(?:或者?|还是|和|与|及|以及|、|(?<![a-z])(?:or|and)(?![a-z]))\s*")


def _purchase(c: Condition) -> bool:
    """Is ``c`` a thing bought (a product word, a brand bought, a kind of goods ordered)?"""
    return c.kind == "product" or (c.kind == "brand" and c.action == "order") or \
        (c.kind == "behavior" and c.action == "order" and bool(c.targets or c.text))


def bind_store_purchases(assembly) -> None:
    """A store said right beside what was bought there ("在五角场店做过烫染", "bought diapers at the 静安店") is
    where it was bought: the store folds into the purchase (``stores``), so both hold on the same order, and
    into each purchase joined to it by "or" / "and" ("在静安店做过烫染或美甲"). A store said apart ("五角场店的顾客里
    做过烫染的", "在静安店消费过的做过烫染的") stays a condition of its own: a customer of the store who had it anywhere."""
    built = assembly.built
    for store in [item for item in built if item[2].kind == "store" and _plain(item[2])]:
        if any(t.kind == "verb" and store[0] <= t.start < store[1] for t in assembly.tokens):
            continue   # a deed of its own: "在静安店消费过的做过烫染的顾客" shopped there, had it anywhere
        bought = _bought_beside(assembly, store)
        if not bought:
            continue
        built.remove(store)
        for start, end, condition in bought:
            condition.stores = list(store[2].values)
            condition.window = condition.window or store[2].window   # "上个月静安店面部护理的订单数"
            condition.words = f"{store[2].words} {condition.words}" if store[0] < start else \
                f"{condition.words} {store[2].words}"
        start, end, condition = bought[0]   # the purchase beside the store now spans it ("没在五角场店做过烫染")
        built[built.index(bought[0])] = (min(start, store[0]), max(end, store[1]), condition)


def _plain(c: Condition) -> bool:
    return not c.negate and c.min_count == 1 and c.max_count is None


def _bought_beside(assembly, store) -> list:
    """The purchase right after the store (else right before it), with the purchases joined to it."""
    purchases = sorted((item for item in assembly.built if _purchase(item[2]) and not item[2].negate
                        and not item[2].stores and item[2].window in (None, store[2].window)), key=lambda item: item[0])
    after = [item for item in purchases if item[0] >= store[1] and _glue(assembly, store[1], item[0])]
    before = [item for item in purchases if item[1] <= store[0] and _glue(assembly, item[1], store[0])]
    if after:
        return _chain(assembly, after[0], purchases, forward=True)
    return _chain(assembly, before[-1], purchases, forward=False) if before else []


def _glue(assembly, start: int, end: int) -> bool:
    """Only glue words and time windows between ``start`` and ``end``."""
    gap = list(assembly.text[start:end])
    for token in assembly.tokens:
        if token.kind == "window" and start <= token.start and token.end <= end:
            gap[token.start - start:token.end - start] = " " * (token.end - token.start)
    return bool(_PLACE_GLUE.fullmatch("".join(gap)))


def _chain(assembly, first, purchases: list, *, forward: bool) -> list:
    """``first`` and the purchases joined to it by "or" / "and", on the side away from the store."""
    chain = [first]
    ordered = purchases if forward else purchases[::-1]
    for item in ordered[ordered.index(first) + 1:]:
        last = chain[-1]
        gap = assembly.text[last[1]:item[0]] if forward else assembly.text[item[1]:last[0]]
        if not _JOINED.fullmatch(gap):
            break
        chain.append(item)
    return chain


def at_store_filters(builder, c: Condition, alias: str = "o") -> list[str]:
    """The orders ``alias`` of a purchase at a store ("在五角场店做过烫染"): placed at one of its ``stores``."""
    return [builder.member(f"{alias}.store", c.stores)] if c.stores else []


def at_store_words(text: str, c: Condition, lang: str) -> str:
    """A purchase's words with where it was bought: '在五角场店买过…' / '… at 五角场店'."""
    if not c.stores:
        return text
    return f"在{'或'.join(c.stores)}{text}" if lang == "zh" else f"{text} at {' or '.join(c.stores)}"


# --- SQL (called by compile._Builder) ------------------------------------------------------------

def store_filters(builder, c, alias: str = "o") -> list[str]:
    """The orders of a ``store`` condition: placed at one of its stores, inside its window (order_scope.py
    counts a figure over them)."""
    filters = [builder.member(f"{alias}.store", c.values)]
    if c.window:
        filters += builder.window_filters(f"{alias}.ordered_at", c.window)
    return filters


def store_sql(builder, c) -> str:
    """The users of a ``store`` condition (a subquery of user ids): an order at one of the stores, or
    ``min_count`` orders there and at most ``max_count`` ("在静安店买过两次以上")."""
    return counted_orders(builder, "SELECT o.user_id FROM orders o WHERE " + " AND ".join(store_filters(builder, c)), c)


def counted_orders(builder, source: str, c) -> str:
    """The users of ``source`` (orders ``o``) with at least ``min_count`` of them and at most ``max_count``
    when said ("在静安店买过两次以上", "booked Japan more than once"); the source itself otherwise."""
    if c.min_count == 1 and c.max_count is None:
        return source
    having = [f"COUNT(*) >= {builder.bind([c.min_count])}"]
    if c.max_count is not None:
        having.append(f"COUNT(*) <= {builder.bind([c.max_count])}")
    return f"{source} GROUP BY o.user_id HAVING {' AND '.join(having)}"


# --- words (called by describe.py) ---------------------------------------------------------------

def store_words(c: Condition, lang: str) -> str:
    """'在静安店或西湖店买过' / 'bought at Jing'an Store or Airport Branch', with how many times when said
    ('在静安店买过至少2次')."""
    from agent.planner.describe import count_words   # describe.py reads every kind's words, these too

    times = count_words(c, lang)
    if lang == "zh":
        return "在" + "或".join(c.values) + "买过" + times
    return "bought at " + " or ".join(c.values) + times
